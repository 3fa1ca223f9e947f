package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts in testdata/script run unoct as a command,
// in-process, exactly as a user's shell would.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"unoct": func() { os.Exit(run(os.Args[1:])) },
	})
}

// TestScripts runs the CLI scripts: each starts with an empty store in
// its own directory ($UNOCT_DB) and copies of the test documents in
// $DOCS.
func TestScripts(t *testing.T) {
	docs, err := filepath.Abs("../../testdata/highlights")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := filepath.Abs("../../testdata/highlights/2020-02.expected.json")
	if err != nil {
		t.Fatal(err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = t.TempDir()
	}
	cache = filepath.Join(cache, "unoct-test")
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("UNOCT_DB", filepath.Join(env.WorkDir, "store", "unoct.db"))
			env.Setenv("DOCS", docs)
			env.Setenv("SEEDKEY", spec)
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, "xdg"))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, "config"))
			env.Setenv("XDG_STATE_HOME", filepath.Join(env.WorkDir, "state"))
			// PDFium compiled once for all scripts (and runs), not per
			// script: the first compile takes seconds.
			env.Setenv("XDG_CACHE_HOME", cache)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"scorekey": cmdScoreKey,
			"gen":      cmdGen,
			"pdf":      cmdPDF,
			"edit":     cmdEdit,
		},
	})
}
