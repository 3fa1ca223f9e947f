// Package data holds what unoct ships with: the office's highlights
// documents that a new store starts from (highlights/), and, in its
// subpackages, the reference tables (ref) and the reader that turns a
// document into activities (reader).
package data

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed highlights/*.md
var highlights embed.FS

// Document is an embedded highlights document.
type Document struct {
	Name string // file name, e.g. 2020-02.md
	Raw  []byte
}

// Documents returns the embedded documents in name order (which is month
// order: they are named YYYY-MM.md).
func Documents() []Document {
	entries, err := fs.ReadDir(highlights, "highlights")
	if err != nil {
		return nil // cannot happen: the directory is embedded
	}
	var out []Document
	for _, e := range entries {
		raw, err := fs.ReadFile(highlights, "highlights/"+e.Name())
		if err != nil {
			continue
		}
		out = append(out, Document{Name: e.Name(), Raw: raw})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
