package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestE2E_TmuxViewsStateRemove drives the real binary on a terminal
// (tmux): the explorer reopens on the search it was left with, saves it
// as a view that `unoct list --view` then uses, and `unoct remove` asks
// before removing the sample, which then stays removed.
func TestE2E_TmuxViewsStateRemove(t *testing.T) {
	dir, bin := tmuxBinary(t)
	env := []string{"UNOCT_DB=" + filepath.Join(dir, "store", "u.db"), "XDG_STATE_HOME=" + filepath.Join(dir, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "TERM=xterm-256color"}
	sock := filepath.Join(dir, "tmux.sock")
	t.Cleanup(func() { exec.Command("tmux", "-S", sock, "kill-server").Run() })
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	n := 0
	// start runs a command line in a new window and returns its name;
	// the window stays after the command ends, for its last screen.
	start := func(cmdline string) string {
		t.Helper()
		n++
		name := fmt.Sprintf("w%d", n)
		shell := fmt.Sprintf("cd %q && env %s %s; echo EXIT=$?; sleep 60", dir, strings.Join(env, " "), cmdline)
		if n == 1 {
			tmux("new-session", "-d", "-s", "s", "-n", name, "-x", "120", "-y", "40", shell)
		} else {
			tmux("new-window", "-t", "s", "-n", name, shell)
		}
		return "s:" + name
	}
	waitFor := func(win, what string, subs ...string) string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			s := tmux("capture-pane", "-p", "-t", win)
			ok := true
			for _, sub := range subs {
				ok = ok && strings.Contains(s, sub)
			}
			if ok {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s; the screen is:\n%s", what, s)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	keys := func(win string, k ...string) { tmux(append([]string{"send-keys", "-t", win}, k...)...) }

	// Search, quit, and start again: the explorer is where it was.
	w := start(bin)
	waitFor(w, "the first frame", "12 of 12 activities")
	keys(w, "/")
	keys(w, "-l", "Douala")
	waitFor(w, "the search", "1 of 12 activities")
	keys(w, "Enter")
	waitFor(w, "the list to have the focus", "enter read")
	keys(w, "q")
	waitFor(w, "the explorer to quit", "EXIT=0")
	w = start(bin)
	waitFor(w, "the explorer to reopen on the search", "1 of 12 activities", "search=“Douala”", "reopened on the filters")

	// Save the search as a view, and use it from the command line.
	keys(w, "v")
	waitFor(w, "the views dialog", "Save the current filters")
	keys(w, "Enter")
	keys(w, "-l", "douala")
	keys(w, "Enter")
	waitFor(w, "the view saved", "saved view douala")
	keys(w, "Escape")
	waitFor(w, "the dialog closed", "enter read")
	keys(w, "q")
	waitFor(w, "the explorer to quit", "EXIT=0")
	cmd := exec.Command(bin, "list", "--view", "douala", "--format", "table")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Bamako, ML +2") || !strings.Contains(string(out), "1 activity of 12") {
		t.Fatalf("unoct list --view douala: %v\n%s", err, out)
	}
	// --fresh starts on everything.
	w = start(bin + " --fresh")
	waitFor(w, "a fresh start", "12 of 12 activities")
	keys(w, "q")
	waitFor(w, "the explorer to quit", "EXIT=0")

	// remove asks on a terminal: no keeps the document, yes removes it.
	w = start(bin + " remove 2020-02.md")
	waitFor(w, "the question", "Remove 2020-02.md (2020-02, 12 activities) from", "[y/N]")
	keys(w, "n", "Enter")
	waitFor(w, "the answer", "nothing removed", "EXIT=0")
	w = start(bin + " remove 2020-02.md")
	waitFor(w, "the question", "[y/N]")
	keys(w, "y", "Enter")
	waitFor(w, "the removal", "removed 2020-02.md (2020-02, 12 activities)", "EXIT=0")
	w = start(bin)
	waitFor(w, "an empty explorer: the sample stays removed", "0 of 0 activities")
	keys(w, "q")
}
