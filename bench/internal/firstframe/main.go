// Command firstframe times a terminal UI's start as a user sees it: it
// runs the program in a pseudo-terminal, a new process each time, and
// reports the time until the screen first shows a text (by default
// unoct's "N of M activities"), with the process's CPU time beside it.
//
//	go run ./bench/internal/firstframe -runs 10 -- unoct --db STORE --fresh
//
// Runs after the warm-up ones find the store in the page cache (warm).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"time"

	"github.com/unoct/unoct/bench/internal/ptyframe"
)

func main() {
	runs := flag.Int("runs", 10, "timed runs")
	warmup := flag.Int("warmup", 2, "untimed runs first")
	cols := flag.Uint("cols", 160, "terminal columns")
	rows := flag.Uint("rows", 50, "terminal rows")
	want := flag.String("want", `\d+ of \d+ activities`, "regular expression the first useful frame shows")
	quit := flag.String("quit", "q", "keys that end the program once the frame is seen")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: firstframe [flags] -- PROGRAM [ARGS...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	re, err := regexp.Compile(*want)
	if err != nil {
		fmt.Fprintln(os.Stderr, "firstframe: -want:", err)
		os.Exit(2)
	}
	r := ptyframe.Run{Path: flag.Arg(0), Args: flag.Args()[1:], Cols: uint16(*cols), Rows: uint16(*rows), Want: re, Quit: *quit, Timeout: time.Minute}
	var frames, cpus []time.Duration
	for i := range *warmup + *runs {
		res, err := ptyframe.Measure(context.Background(), r)
		if err != nil {
			fmt.Fprintln(os.Stderr, "firstframe:", err)
			os.Exit(1)
		}
		if i < *warmup {
			continue
		}
		frames, cpus = append(frames, res.FirstFrame), append(cpus, res.CPU)
		fmt.Printf("run %2d: first frame %7.1f ms (first output %6.1f ms), CPU %6.1f ms\n", i-*warmup+1, ms(res.FirstFrame), ms(res.FirstOutput), ms(res.CPU))
	}
	fmt.Printf("first frame: median %.1f ms, min %.1f, max %.1f; CPU median %.1f ms (%d runs)\n", ms(median(frames)), ms(slices.Min(frames)), ms(slices.Max(frames)), ms(median(cpus)), len(frames))
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
