package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallTmpfs mounts a tmpfs of size bytes on a fresh directory, or skips
// the test where mounting is not allowed (not root, no CAP_SYS_ADMIN).
func smallTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0755"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); faults.txtar covers a file size limit instead", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// fill writes zeroes to a file in dir until the file system is full.
func fillUp(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			return // ENOSPC
		}
	}
}

// TestFault_FullDisk: the disk fills up during an import. The import is
// refused with the store's name and the cause, the store keeps what it
// had, and an import after space is freed goes through.
func TestFault_FullDisk(t *testing.T) {
	dir := smallTmpfs(t, "1m")
	db, before := seeded(t, dir)
	fillUp(t, dir)
	out, stderr, status := cli(t, db, "import", testDoc(t, "2020-06.md"), testDoc(t, "2020-11.md"), testDoc(t, "2021-03.md"))
	if status != exitError || !strings.Contains(stderr, db) || !strings.Contains(stderr, "no space left on device") {
		t.Errorf("import on a full disk: status %d\n%s%s", status, out, stderr)
	}
	noPanic(t, stderr)
	intact(t, db, before)

	// An export on the full disk fails and leaves no temporary file.
	exp := filepath.Join(dir, "out.json")
	if _, stderr, status := cli(t, db, "export", "-o", exp); status == 0 || !strings.Contains(stderr, "no space left on device") {
		t.Errorf("export on a full disk: status %d, %q", status, stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.json.*")); len(left) > 0 || exists(exp) {
		t.Errorf("a failed export left %v", left)
	}

	if err := os.Remove(filepath.Join(dir, "filler")); err != nil {
		t.Fatal(err)
	}
	if out, stderr, status := cli(t, db, "import", testDoc(t, "2020-06.md")); status != 0 {
		t.Errorf("import after freeing space: %d\n%s%s", status, out, stderr)
	}
	if out, _, status := cli(t, db, "doctor"); status != 0 {
		t.Errorf("doctor: %s", out)
	}
}

// TestFault_ReadOnlyFilesystem: the store sits on a file system mounted
// read-only (root cannot write there either). Reading works; an import
// is refused with the store's name and the cause.
func TestFault_ReadOnlyFilesystem(t *testing.T) {
	dir := smallTmpfs(t, "4m")
	db, before := seeded(t, dir)
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	_, stderr, status := cli(t, db, "import", testDoc(t, "2020-06.md"))
	if status == 0 || !strings.Contains(stderr, db) || !strings.Contains(stderr, "read-only file system") {
		t.Errorf("import on a read-only file system: status %d, %q", status, stderr)
	}
	noPanic(t, stderr)
	if got, stderr, status := cli(t, db, "list", "--format", "jsonl"); status != 0 || got != before {
		t.Errorf("list on a read-only file system: %d %s", status, stderr)
	}
	if _, stderr, status := cli(t, db, "doctor", "--rebuild"); status == 0 || !strings.Contains(stderr, "read-only file system") {
		t.Errorf("doctor --rebuild on a read-only file system: %d %q", status, stderr)
	}
	if _, stderr, status := cli(t, db, "export", "-o", filepath.Join(dir, "x.csv")); status == 0 || !strings.Contains(stderr, "read-only file system") {
		t.Errorf("export on a read-only file system: %d %q", status, stderr)
	}
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
