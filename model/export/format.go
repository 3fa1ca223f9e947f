// Package export writes records in the formats people take away: CSV
// for spreadsheets, JSON and JSON Lines for programs, Markdown for
// reports, and a plain table for terminals. Each format is declared once,
// in the registry below, and everything that offers formats derives from
// it: the CLI's --format and its help, the format a file's extension
// implies, the TUI's export dialog. The CLI and the TUI share these
// encoders, so a file is the same whichever wrote it.
//
// The package writes to a caller's io.Writer and creates no file: where
// and how a file is written (atomically, never over an existing one) is
// the caller's business.
package export

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/unoct/unoct/model"
)

// Format names an output format as --format takes it.
type Format string

// The formats.
const (
	Table Format = "table"
	CSV   Format = "csv"
	JSON  Format = "json"
	JSONL Format = "jsonl"
	MD    Format = "md"
)

// Spec declares one format: everything the CLI, the TUI and files need
// to know about it. Adding a format is adding a Spec to specs and its
// encoder.
type Spec struct {
	Format Format
	// Exts are the file extensions that imply the format, with their dot;
	// the first is the one a new file gets.
	Exts []string
	// Dialog says whether the TUI's export dialog offers the format.
	Dialog bool
	// Help says in a few words what the format is for.
	Help string
	// Encode writes the records to w; width is the terminal's width in
	// cells for formats laid out for one, 0 for no limit. Callers use
	// Spec.Write, which buffers w.
	Encode func(w io.Writer, r Records, width int) error
}

// specs is the registry, in the order help lists the formats.
var specs = [...]Spec{
	{Format: Table, Exts: []string{".txt"}, Help: "a table fitted to the terminal", Encode: encodeTable},
	{Format: CSV, Exts: []string{".csv"}, Dialog: true, Help: "one row per record, for spreadsheets", Encode: encodeCSV},
	{Format: JSON, Exts: []string{".json"}, Dialog: true, Help: "an array of objects, for programs", Encode: encodeJSON},
	{Format: JSONL, Exts: []string{".jsonl", ".ndjson"}, Help: "one object per line, for streams", Encode: encodeJSONL},
	{Format: MD, Exts: []string{".md", ".markdown"}, Dialog: true, Help: "Markdown, for reports", Encode: encodeMD},
}

// Formats lists every format in the order help shows them. The slice is
// the caller's own.
func Formats() []Spec { return append([]Spec(nil), specs[:]...) }

// Names lists the formats' names for a help text or an error: "table,
// csv, json, jsonl or md".
func Names() string {
	names := names()
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func names() []string {
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = string(s.Format)
	}
	return names
}

// Lookup returns format f's declaration, and false for a format unoct
// does not know.
func Lookup(f Format) (Spec, bool) {
	for _, s := range specs {
		if s.Format == f {
			return s, true
		}
	}
	return Spec{}, false
}

// ParseFormat reads a format's name, case-insensitively.
func ParseFormat(name string) (Spec, error) {
	if s, ok := Lookup(Format(strings.ToLower(strings.TrimSpace(name)))); ok {
		return s, nil
	}
	return Spec{}, fmt.Errorf("unknown format %q (one of %s)", name, strings.Join(names(), ", "))
}

// FromPath is the format a file name's extension implies, or def's when
// the name has no extension. An extension no format claims is an error
// that lists those they do, so that "report.xlsx" is not quietly
// written as something else.
func FromPath(path string, def Format) (Spec, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		if s, ok := Lookup(def); ok {
			return s, nil
		}
		return Spec{}, fmt.Errorf("unknown format %q", def)
	}
	var known []string
	for _, s := range specs {
		for _, e := range s.Exts {
			if e == ext {
				return s, nil
			}
			known = append(known, e)
		}
	}
	return Spec{}, fmt.Errorf("no format is written to %q files (known: %s)", ext, strings.Join(known, ", "))
}

// Ext is the extension a new file in the format gets: ".csv".
func (s Spec) Ext() string { return s.Exts[0] }

// Write encodes the records to w through a buffer, so that encoders may
// write in small pieces.
func (s Spec) Write(w io.Writer, r Records, width int) error {
	bw := bufio.NewWriter(w)
	if err := s.Encode(bw, r, width); err != nil {
		return err
	}
	return bw.Flush()
}

// Write encodes activities to w in format f: what most callers want.
func Write(w io.Writer, f Format, acts []model.Activity, width int) error {
	s, ok := Lookup(f)
	if !ok {
		return fmt.Errorf("unknown format %q", f)
	}
	return s.Write(w, Activities(acts), width)
}
