package store

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/klauspost/compress/dict"
)

// TestBuildRawDict writes rawdict.zst, the zstd dictionary of the
// documents' bytes (compressRaw), from every seventh document of the
// folder UNOCT_RAW_DICT names (the benchmarks' corpus of 100,000
// activities: `go run ./cmd/unoct-gen -activities 100000 -seed 1 -out
// DIR`). It is skipped without the variable. A new dictionary must take
// a new id (rawDictID), and the old one must stay registered with the
// decoder, or the documents compressed with it no longer decompress.
func TestBuildRawDict(t *testing.T) {
	dir := os.Getenv("UNOCT_RAW_DICT")
	if dir == "" {
		t.Skip("UNOCT_RAW_DICT names no corpus to build the dictionary from")
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	var docs [][]byte
	for i, name := range names {
		if i%7 != 6 {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, b)
	}
	d, err := dict.BuildZstdDict(docs, dict.Options{MaxDictSize: 64 << 10, HashBytes: 6, ZstdDictID: rawDictID})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("rawdict.zst", d, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d documents, dictionary of %d bytes", len(docs), len(d))
}
