package bench

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/unoct/unoct/bench/corpus"
	"github.com/unoct/unoct/bench/internal/ptyframe"
)

// BenchmarkTUIFirstFrame starts the real binary (go build ./cmd/unoct)
// in a pseudo-terminal of 160×50 on the corpus's store, a new process
// per op, and times it until the screen shows "N of M activities": the
// wait from pressing enter to a useful first frame, process start and
// terminal setup included, which BenchmarkOpen (the store alone) and
// the TUI benchmarks of package tui (the model alone) leave out. The
// store is in the page cache after the first op (warm). It reports the
// time to that frame and the process's CPU time, from start to exit
// (the explorer quits on q once the frame is seen).
func BenchmarkTUIFirstFrame(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		c.Store(b)
		bin := cliBinary(b)
		dir := b.TempDir()
		r := ptyframe.Run{
			Path: bin,
			Args: []string{"--db", c.StorePath, "--fresh"},
			// Where the explorer keeps its state and views: not the
			// user's.
			Env:     []string{"XDG_STATE_HOME=" + dir, "XDG_CONFIG_HOME=" + dir},
			Cols:    160,
			Rows:    50,
			Want:    regexp.MustCompile(`\d+ of \d+ activities`),
			Quit:    "q",
			Timeout: time.Minute,
		}
		var frame, cpu time.Duration
		for b.Loop() {
			res, err := ptyframe.Measure(context.Background(), r)
			if err != nil {
				b.Fatal(err)
			}
			frame += res.FirstFrame
			cpu += res.CPU
		}
		b.ReportMetric(float64(frame)/float64(b.N)/1e6, "frame-ms/op")
		b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
	})
}
