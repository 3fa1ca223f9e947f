//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoadFile_SaysItWaits: a named pipe whose writer has not written
// (as `<(sleep 30; cat doc)`) is waited for with a message naming it,
// then read whole. The writer writes only once told that import waits,
// so that the test does not depend on timing.
func TestLoadFile_SaysItWaits(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "doc.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// A writer holds the pipe open (read-write, which does not wait for
	// a reader) and writes only when told.
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var told []string
	var errb strings.Builder
	a := newApp(strings.NewReader(""), &strings.Builder{}, &errb)
	raw, err := loadFile(fifo, func(name string) {
		told = append(told, name)
		a.waitingFor(name)
		_, _ = w.WriteString("# Highlights\n- a bullet\n")
		_ = w.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != "# Highlights\n- a bullet\n" {
		t.Errorf("read %q", raw)
	}
	if len(told) != 1 || told[0] != fifo {
		t.Errorf("told %v, want once %s", told, fifo)
	}
	if want := "unoct: waiting for input on " + fifo + " (Ctrl-C stops the import)\n"; errb.String() != want {
		t.Errorf("message %q, want %q", errb.String(), want)
	}
}
