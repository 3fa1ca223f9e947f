package main

import (
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdEdit is the scripts' `edit FILE OLD NEW`: it replaces the first
// OLD in FILE by NEW, "\n" in either standing for a line end, so that a
// script makes a new version of a document (lines inserted above a
// bullet, a bullet reworded) from a test document.
func cmdEdit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: edit FILE OLD NEW")
	}
	path := ts.MkAbs(args[0])
	raw, err := os.ReadFile(path)
	ts.Check(err)
	old, repl := strings.ReplaceAll(args[1], `\n`, "\n"), strings.ReplaceAll(args[2], `\n`, "\n")
	if !strings.Contains(string(raw), old) {
		ts.Fatalf("edit: %q not in %s", args[1], args[0])
	}
	ts.Check(os.WriteFile(path, []byte(strings.Replace(string(raw), old, repl, 1)), 0o644))
}
