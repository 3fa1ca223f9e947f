//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/unoct/unoct/data/gen"
)

// Ensure that SIGINT during a long import ends it between batches: exit
// status 130, a line saying how far it got, every stored document whole
// (doctor OK) and as many activities stored as the added lines say.
func TestImport_SIGINT(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "unoct")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	g, err := gen.New()
	if err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(dir, "docs")
	planned, err := g.Write(docs, 20000, 3) // about 750 documents: a few batches
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(docs, "*.md"))
	db := filepath.Join(dir, "unoct.db")
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, append([]string{"--db", db, "import"}, files...)...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Signal once the first batch has been reported.
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(out.String(), " added ") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	_ = cmd.Process.Signal(os.Interrupt)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit %v, want %d (%d documents planned)\nstderr: %s", err, exitInterrupted, len(planned), errb.String())
	}
	if !strings.Contains(errb.String(), "interrupted after") || !strings.Contains(errb.String(), "every stored document is whole") {
		t.Errorf("stderr: %s", errb.String())
	}
	m := regexp.MustCompile(`total: (\d+) documents? read, (\d+) activit`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no total in:\n%.2000s", out.String())
	}
	stored, _ := strconv.Atoi(m[2])
	if n, _ := strconv.Atoi(m[1]); n == 0 || n >= len(files) {
		t.Errorf("%d of %d documents stored: the interrupt came too late to test anything", n, len(files))
	}
	// Every stored document is whole and counted.
	check, err := exec.Command(bin, "--db", db, "doctor").CombinedOutput()
	if err != nil || !strings.Contains(string(check), ": OK") {
		t.Errorf("doctor after the interrupt: %v\n%s", err, check)
	}
	list, err := exec.Command(bin, "--db", db, "list", "--format", "jsonl").Output()
	if err != nil {
		t.Fatal(err)
	}
	seed := 12 // the shipped document a new store starts with
	if got := bytes.Count(list, []byte("\n")); got != stored+seed {
		t.Errorf("%d activities listed, the import said %d (+%d shipped)", got, stored, seed)
	}
}
