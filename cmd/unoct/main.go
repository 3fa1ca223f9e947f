// Command unoct explores the activities of the UN Office of
// Counter-Terrorism, read from its monthly highlights documents: a TUI
// when run alone, and a scriptable CLI (import, list, show, stats,
// export) for pipes and spreadsheets.
//
// This package only wires the others together: the reader (data/reader)
// turns documents into activities, the store (store) keeps and indexes
// them, and the TUI (tui) shows them.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
)

// Exit statuses, documented in the README.
const (
	exitOK      = 0 // success
	exitError   = 1 // the store or a file could not be read or written
	exitUsage   = 2 // a bad command line: unknown flag, value or facet
	exitPartial = 3 // import: some documents were refused, the others imported
	// import interrupted by SIGINT or SIGTERM: 128 + the signal, as shells
	// report it.
	exitInterrupted = 130
	exitTerminated  = 143
)

// exitError carries an exit status with an error.
type statusError struct {
	status int
	err    error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &statusError{exitUsage, fmt.Errorf(format, args...)}
}

func main() {
	os.Exit(profiled(func() int { return run(os.Args[1:]) }))
}

// profiled runs fn under a CPU profile written to $UNOCT_CPUPROFILE when
// that is set: how BENCHMARKS.md looks inside a whole command (an
// import, an upgrade, a listing) rather than a benchmark of its parts.
func profiled(fn func() int) int {
	path := os.Getenv("UNOCT_CPUPROFILE")
	if path == "" {
		return fn()
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "unoct: UNOCT_CPUPROFILE:", err)
		return exitError
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "unoct: UNOCT_CPUPROFILE:", err)
		return exitError
	}
	defer pprof.StopCPUProfile()
	return fn()
}

func run(args []string) int {
	app := newApp(os.Stdin, os.Stdout, os.Stderr)
	root := app.rootCmd()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(os.Stderr, "unoct:", err)
	return exitStatus(err)
}

// exitStatus is the exit status for a command's error.
func exitStatus(err error) int {
	var se *statusError
	if errors.As(err, &se) {
		return se.status
	}
	if isUsage(err) {
		return exitUsage
	}
	return exitError
}
