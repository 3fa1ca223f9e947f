//go:build unix

package main

import (
	"io"
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

// Ensure that a replaced file keeps its mode, that a new one follows
// the umask as other tools' files do (os.CreateTemp made every export
// 0600), and that a failed write names the user's path, not the
// temporary file's.
func TestWriteOut_ModesAndMessages(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)

	kept := filepath.Join(dir, "kept.csv")
	if err := os.WriteFile(kept, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(kept, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := writeOut(kept, true, writeString("new"), ""); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(dir, "fresh.csv")
	if err := writeOut(fresh, false, writeString("new"), ""); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{kept: 0o640, fresh: 0o644} {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, %v; want %v", filepath.Base(path), fi.Mode().Perm(), err, want)
		}
	}

	err := writeOut(fresh, true, func(w io.Writer) error {
		return w.(*os.File).Close() // the next write of the file fails
	}, "")
	if err == nil || !strings.Contains(err.Error(), fresh) || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("a failed write says %v; want the user's path and no temporary name", err)
	}
}
