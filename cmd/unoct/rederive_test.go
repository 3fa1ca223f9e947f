package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/store"
)

// oldReader reads as the current reader does but says it is another
// version: the store it fills looks read by an older unoct.
type oldReader struct{ *reader.Reader }

func (oldReader) Version() string { return "0-old" }

// TestOpen_RederivesStaleStore: a store whose documents an older reader
// read is noticed as stale on the next command (through the version
// fingerprint made at build time, not hashed at start) and read again,
// after which the fingerprint is the store's and nothing is re-read.
func TestOpen_RederivesStaleStore(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/highlights/2019-04.md")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "unoct.db")
	rd, err := reader.Default()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	s, err := store.Open(path, store.Options{ReaderVersion: "0-old"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ImportInputs(oldReader{rd}, []store.Input{{Name: "2019-04.md", Raw: raw}}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if stale, err := s.NeedsRederive(reader.CurrentVersion()); err != nil || !stale {
		t.Fatalf("a store read by another reader: NeedsRederive %v, %v; want true", stale, err)
	}

	stats := func() string {
		var out, errs bytes.Buffer
		root := newApp(strings.NewReader(""), &out, &errs).rootCmd()
		root.SetArgs([]string{"--db", path, "stats", "--by", "pillar", "--format", "csv"})
		if err := root.Execute(); err != nil {
			t.Fatalf("stats: %v\n%s", err, errs.String())
		}
		if !strings.Contains(out.String(), "value,") {
			t.Fatalf("stats wrote no table:\n%s", out.String())
		}
		return errs.String()
	}
	if msg := stats(); !strings.Contains(msg, "reading them again") {
		t.Fatalf("the first command did not re-derive the stale store; it said:\n%s", msg)
	}
	if msg := stats(); strings.Contains(msg, "reading them again") {
		t.Fatalf("the second command re-derived again:\n%s", msg)
	}
}
