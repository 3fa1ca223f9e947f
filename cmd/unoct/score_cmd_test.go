package main

import (
	"encoding/json"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/unoct/unoct/data/keyscore"
	"github.com/unoct/unoct/model"
)

// cmdScoreKey is the script command `scorekey KEY PRODUCT`: it checks
// a `unoct list --format json` output against an answer key as the
// acceptance scorer does, and fails listing every difference.
func cmdScoreKey(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: scorekey KEY PRODUCT")
	}
	k, err := keyscore.Load(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("%v", err)
	}
	var acts []model.Activity
	if err := json.Unmarshal([]byte(ts.ReadFile(args[1])), &acts); err != nil {
		ts.Fatalf("product: %v", err)
	}
	fails, total := keyscore.Score(k, acts)
	switch {
	case neg && len(fails) == 0:
		ts.Fatalf("all %d checks pass, but they should not", total)
	case !neg && len(fails) > 0:
		ts.Fatalf("%d of %d checks fail:\n%s", len(fails), total, strings.Join(fails, "\n"))
	}
}
