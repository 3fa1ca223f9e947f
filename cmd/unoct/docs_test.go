package main

import (
	"testing"

	"github.com/unoct/unoct/store"
)

// TestDocumentInfos_CountCorrections: what docs and the explorer's
// documents view list counts each document's corrections.
func TestDocumentInfos_CountCorrections(t *testing.T) {
	db, _ := seeded(t, t.TempDir())
	for _, args := range [][]string{{"fix", "3", "--kind", "workshop"}, {"fix", "5", "--participants", "40"}} {
		if _, stderr, status := cli(t, db, args...); status != 0 {
			t.Fatalf("%v: status %d, %s", args, status, stderr)
		}
	}
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	infos, err := documentInfos(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || infos[0].Corrections != 2 {
		t.Fatalf("documentInfos = %+v, want one document with 2 corrections", infos)
	}
}
