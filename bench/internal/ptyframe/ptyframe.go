// Package ptyframe starts a program in a pseudo-terminal and times how
// long it takes until its screen shows a given text: for a terminal UI,
// the wait a user sees from pressing enter to a useful first frame,
// process start, module initialisation and terminal setup included,
// which a benchmark of the UI's model alone leaves out.
package ptyframe

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// Run describes one start of the program.
type Run struct {
	Path string
	Args []string
	// Env is added to the program's environment (TERM and the size are
	// set already).
	Env []string
	// Cols and Rows are the terminal's size.
	Cols, Rows uint16
	// Want is what the screen must show, matched against the output
	// with its escape sequences removed.
	Want *regexp.Regexp
	// Quit is written to the terminal once Want is seen, to end the
	// program (it is killed if it has not ended a second later).
	Quit string
	// Timeout bounds the wait for Want.
	Timeout time.Duration
}

// Result is one start's timing.
type Result struct {
	// FirstFrame is the time from starting the process to the first
	// output in which Want appears.
	FirstFrame time.Duration
	// FirstOutput is the time to the first byte the program wrote.
	FirstOutput time.Duration
	// CPU is the process's user and system time, from start to exit.
	CPU time.Duration
}

// Measure starts r's program in a new pseudo-terminal and waits for Want.
func Measure(ctx context.Context, r Run) (Result, error) {
	var res Result
	ctx, cancel := context.WithTimeout(ctx, r.Timeout+5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.Path, r.Args...)
	cmd.Env = append(append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor"), r.Env...)
	start := time.Now()
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: r.Cols, Rows: r.Rows})
	if err != nil {
		return res, err
	}
	defer tty.Close()

	type seen struct {
		first, frame time.Duration
		err          error
	}
	done := make(chan seen, 1)
	go func() {
		var s seen
		var out []byte
		buf := make([]byte, 64<<10)
		found := false
		for {
			n, err := tty.Read(buf)
			if n > 0 && !found {
				if s.first == 0 {
					s.first = time.Since(start)
				}
				out = append(out, buf[:n]...)
				if r.Want.MatchString(ansi.Strip(string(out))) {
					s.frame = time.Since(start)
					found = true
					done <- s
				}
			}
			if err != nil {
				if !found {
					s.err = fmt.Errorf("the program ended or closed its terminal before showing %q: %v; its last output:\n%s", r.Want, err, tail(ansi.Strip(string(out)), 2000))
					done <- s
				}
				return
			}
		}
	}()
	var s seen
	select {
	case s = <-done:
	case <-time.After(r.Timeout):
		s.err = fmt.Errorf("%q did not appear within %s", r.Want, r.Timeout)
	}
	if s.err == nil && r.Quit != "" {
		_, _ = io.WriteString(tty, r.Quit)
	}
	ended := make(chan error, 1)
	go func() { ended <- cmd.Wait() }()
	select {
	case <-ended:
	case <-time.After(time.Second):
		_ = cmd.Process.Kill()
		<-ended
	}
	if s.err != nil {
		return res, s.err
	}
	res.FirstFrame, res.FirstOutput = s.frame, s.first
	if ps := cmd.ProcessState; ps != nil {
		res.CPU = ps.UserTime() + ps.SystemTime()
	}
	return res, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
