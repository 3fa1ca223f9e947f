package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestE2E_TmuxDoualaExport drives the real binary in tmux as a user
// would: it searches, toggles a facet, reads an activity, selects it and
// exports it, then checks the file. CI installs tmux; without it the
// test is skipped (and fails under CI=true, so CI cannot skip it).
func TestE2E_TmuxDoualaExport(t *testing.T) {
	dir, bin := tmuxBinary(t)
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "tmux.sock")
	session := "unoct-e2e"
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	shell := fmt.Sprintf("cd %q && UNOCT_DB=%q XDG_STATE_HOME=%q XDG_CONFIG_HOME=%q TERM=xterm-256color %q",
		work, filepath.Join(dir, "store", "u.db"), filepath.Join(dir, "state"), filepath.Join(dir, "config"), bin)
	tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", shell)
	t.Cleanup(func() { exec.Command("tmux", "-S", sock, "kill-server").Run() })

	screen := func() string { return tmux("capture-pane", "-p", "-t", session) }
	waitFor := func(what string, ok func(string) bool) string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			s := screen()
			if ok(s) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s; the screen is:\n%s", what, s)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	contains := func(subs ...string) func(string) bool {
		return func(s string) bool {
			for _, sub := range subs {
				if !strings.Contains(s, sub) {
					return false
				}
			}
			return true
		}
	}
	keys := func(k ...string) { tmux(append([]string{"send-keys", "-t", session}, k...)...) }

	waitFor("the first frame", contains("12 of 12 activities"))

	// Search: the list narrows as one types.
	keys("/")
	keys("-l", "Douala")
	waitFor("the search to leave one activity", contains("1 of 12 activities"))
	keys("Enter")
	// The next key is an escape sequence: send it once the search line
	// has closed and the list has the focus, not while the search takes
	// keys (a loaded machine stretches any fixed pause).
	waitFor("the list to have the focus", func(s string) bool {
		return strings.Contains(s, "enter read") && !strings.Contains(s, "esc back to list")
	})

	// Toggle a facet: the first value of the first facet (a pillar).
	keys("BTab")
	keys("j", "Enter")
	waitFor("a pillar filter in the header", contains("1 of 12 activities", "pillar"))

	// Read the activity.
	keys("Tab")
	keys("Enter")
	// The wide layout shows the detail all along: wait for it to have
	// the focus (its hint line), so that the ESC below is not sent before
	// enter was read.
	waitFor("the detail", contains("OHCHR", "MINUSMA", "Bamako", "Douala", "Kribi", "esc back to list"))
	keys("Escape")
	// A lone ESC is told from the start of a sequence by a pause: wait
	// until the list has the focus again before the next key, or it
	// would arrive with the ESC as alt+key (a loaded machine stretches
	// any fixed pause).
	waitFor("the list to have the focus again", func(s string) bool {
		return strings.Contains(s, "enter read") && !strings.Contains(s, "esc back to list")
	})

	// Select it and export.
	keys("Space")
	waitFor("the selection", contains("1 selected"))
	keys("e")
	waitFor("the export dialog", contains("unoct-export-"))
	keys("Enter")
	s := waitFor("the export's status line", contains("1 activit"))

	files, _ := filepath.Glob(filepath.Join(work, "unoct-export-*.csv"))
	if len(files) != 1 {
		t.Fatalf("want one CSV in %s, got %v; the screen is:\n%s", work, files, s)
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || !strings.Contains(strings.Join(rows[1], ","), "Douala") {
		t.Fatalf("the CSV should hold the header and the Douala activity, got %d rows: %v", len(rows), rows)
	}

	keys("q")
	deadline := time.Now().Add(5 * time.Second)
	for exec.Command("tmux", "-S", sock, "has-session", "-t", session).Run() == nil {
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit; the screen is:\n%s", screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// tmuxBinary skips an end-to-end test in -short mode or without tmux
// (and fails it under CI=true, where .ci/run installs tmux), and builds
// the real binary into a new temporary folder: that folder and the
// binary's path.
func tmuxBinary(t *testing.T) (dir, bin string) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed; .ci/run installs it")
		}
		t.Skip("tmux is not installed")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "unoct")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir, bin
}
