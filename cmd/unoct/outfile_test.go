package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// Ensure that writeOut never replaces a file without force, says so in a
// way callers can test, and leaves no temporary file behind.
func TestWriteFile_NeverOverwritesWithoutForce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeOut(path, false, writeString("new"), "")
	if err == nil || !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("writeOut over an existing file: %v", err)
	}
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("the refusal does not wrap fs.ErrExist: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "precious" {
		t.Error("the existing file was changed")
	}
	noTemp(t, dir)
	if err := writeOut(path, true, writeString("new"), ""); err != nil {
		t.Fatalf("writeOut with force: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("force did not replace the file: %q", b)
	}
	noTemp(t, dir)
	// A new file needs no force.
	if err := writeOut(filepath.Join(dir, "new.json"), false, writeString("[]\n"), ""); err != nil {
		t.Errorf("writeOut of a new file: %v", err)
	}
	noTemp(t, dir)
}

// Ensure that an encoder that fails leaves the old file as it was and no
// temporary file behind, with and without force.
func TestWriteFile_FailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	fail := func(w io.Writer) error {
		io.WriteString(w, "half a file")
		return errors.New("encoder failed")
	}
	for _, force := range []bool{false, true} {
		if err := writeOut(path, force, fail, ""); err == nil {
			t.Errorf("force=%v: a failing encoder gave no error", force)
		}
		if b, _ := os.ReadFile(path); string(b) != "precious" {
			t.Errorf("force=%v: the old file was changed", force)
		}
		noTemp(t, dir)
	}
	// A new file that fails is not created.
	if err := writeOut(filepath.Join(dir, "new.csv"), false, fail, ""); err == nil {
		t.Error("no error")
	}
	if _, err := os.Stat(filepath.Join(dir, "new.csv")); err == nil {
		t.Error("a failed write created the file")
	}
	noTemp(t, dir)
	// A directory that does not exist.
	if err := writeOut(filepath.Join(dir, "no", "such", "x.csv"), true, writeString("x"), ""); err == nil {
		t.Error("writing into a missing directory gave no error")
	}
}

func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") || strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}
