package ref

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sort"
	"strings"
)

var (
	//go:embed *.tsv
	tables embed.FS
	// code is the Go that parses the tables: what a table says depends
	// on it too.
	//
	//go:embed *.go
	code embed.FS
)

// Fingerprint is a hash of every embedded table and of the code that
// parses them. The reader's version includes it, so that a store
// re-derives its activities when a table changes, without parsing the
// tables just to find out.
func Fingerprint() string {
	h := sha256.New()
	for _, src := range []fs.FS{tables, code} {
		names, _ := fs.Glob(src, "*")
		sort.Strings(names)
		for _, n := range names {
			if strings.HasSuffix(n, "_test.go") {
				continue
			}
			b, _ := fs.ReadFile(src, n)
			h.Write([]byte(n))
			h.Write(b)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
