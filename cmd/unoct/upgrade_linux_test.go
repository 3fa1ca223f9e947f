package main

import (
	"strings"
	"syscall"
	"testing"
)

// TestUpgrade_ReadOnlyStore: a store on a read-only file system (as a
// store another user owns) after a reader upgrade is listed as it was
// read, with a warning that its owner must upgrade it, never "permission
// denied"; after a layout change, which must be written before anything
// can be read, the error says who can do it.
func TestUpgrade_ReadOnlyStore(t *testing.T) {
	dir := smallTmpfs(t, "4m")
	db, before := seeded(t, dir)
	ageStore(t, db, 0, nil)
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	got, stderr, status := cli(t, db, "list", "--format", "jsonl")
	if status != 0 || got != before || !strings.Contains(stderr, "needs an upgrade by its owner") {
		t.Errorf("list of a read-only store after a reader upgrade: status %d, %q", status, stderr)
	}
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT, ""); err != nil {
		t.Fatal(err)
	}
	setStoreMeta(t, db, "schema", 1)
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	_, stderr, status = cli(t, db, "list", "--format", "jsonl")
	if status != exitError || !strings.Contains(stderr, "needs an upgrade by its owner") {
		t.Errorf("list of a read-only store of an older layout: status %d, %q", status, stderr)
	}
	noPanic(t, stderr)
}
