//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Ensure that writeOut refuses the protected file (the store), however
// the path names it, and what is not a regular file, with or without
// force, and leaves them as they were.
func TestWriteOut_RefusesStoreAndNonFiles(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "unoct.db")
	if err := os.WriteFile(store, []byte("the store"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(store, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for _, tc := range []struct{ path, want string }{
		{store, "is unoct's store"},
		{filepath.Join(dir, ".", "unoct.db"), "is unoct's store"},
		{link, "is unoct's store"},
		{fifo, "is not a regular file (a named pipe)"},
		{dir, "is not a regular file (a directory)"},
	} {
		err := writeOut(tc.path, true, writeString("x"), store)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("writeOut(%s, force): %v; want %q", tc.path, err, tc.want)
		}
	}
	if b, _ := os.ReadFile(store); string(b) != "the store" {
		t.Errorf("the store was written: %q", b)
	}
}
