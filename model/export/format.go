// Package export writes records in the formats people take away: CSV
// for spreadsheets, JSON and JSON Lines for programs, Markdown for
// reading, a report grouped by pillar, region and country (Markdown or
// HTML) for a donor brief, iCalendar for calendars, and a plain table for
// terminals. Each format is declared once,
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
	// Report is a brief grouped by pillar, region and country, with
	// totals per group and a citation per activity; HTML is the same
	// brief as a web page.
	Report Format = "report"
	HTML   Format = "html"
	// ICS is iCalendar: an all-day event per session.
	ICS Format = "ics"
)

// Spec declares one format: everything the CLI, the TUI and files need
// to know about it. Adding a format is adding a Spec to specs and its
// encoder.
type Spec struct {
	Format Format
	// Exts are the file extensions that imply the format, with their dot;
	// the first is the one a new file gets. An extension may have two
	// parts (".report.md"): the longest one a file name ends in decides.
	// A format for terminals only (the table) has none, so that no file
	// is written as a table because of its name.
	Exts []string
	// Dialog says whether the TUI's export dialog offers the format.
	Dialog bool
	// Help says in a few words what the format is for.
	Help string
	// Encode writes the records to w; width is the terminal's width in
	// cells for formats laid out for one, 0 for no limit. Callers use
	// Spec.Write, which buffers w.
	Encode func(w io.Writer, r Records, width int) error
	// Excel, where set, is the encoder of the format's variant for
	// Microsoft Excel (see ForExcel).
	Excel func(w io.Writer, r Records, width int) error
	// Stream, where set, encodes records as they come, a page at a time
	// (see Stream); Encode is then Stream of the records as one page, so
	// that both write the same bytes. ExcelStream is Excel's.
	Stream, ExcelStream func(w io.Writer, st Stream, width int) error
}

// whole is a streaming encoder used on records held whole.
func whole(enc func(w io.Writer, st Stream, width int) error) func(w io.Writer, r Records, width int) error {
	return func(w io.Writer, r Records, width int) error { return enc(w, One(r), width) }
}

// specs is the registry, in the order help lists the formats.
var specs = [...]Spec{
	{Format: Table, Help: "a table fitted to the terminal (no file extension)", Encode: whole(encodeTable), Stream: encodeTable},
	{Format: CSV, Exts: []string{".csv"}, Dialog: true, Help: "one row per record, for spreadsheets (--excel for Excel)",
		Encode: whole(encodeCSV), Excel: whole(encodeExcelCSV), Stream: encodeCSV, ExcelStream: encodeExcelCSV},
	{Format: JSON, Exts: []string{".json"}, Dialog: true, Help: "an array of objects, for programs",
		Encode: whole(encodeJSON), Stream: encodeJSON},
	{Format: JSONL, Exts: []string{".jsonl", ".ndjson"}, Help: "one object per line, for streams",
		Encode: whole(encodeJSONL), Stream: encodeJSONL},
	{Format: MD, Exts: []string{".md", ".markdown"}, Dialog: true, Help: "Markdown, a section per activity",
		Encode: whole(encodeMD), Stream: encodeMD},
	{Format: Report, Exts: []string{".report.md"}, Dialog: true,
		Help: "a brief in Markdown: by pillar, region and country, with totals and sources", Encode: encodeReport},
	// Not in the dialog: it picks a format by its first letter, and h
	// moves to the previous one there.
	{Format: HTML, Exts: []string{".html", ".htm"}, Help: "the report as a web page", Encode: encodeHTML},
	{Format: ICS, Exts: []string{".ics"}, Dialog: true, Help: "iCalendar: an all-day event per session", Encode: encodeICS},
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
// written as something else. Of two extensions a name ends in, the
// longer decides: "brief.report.md" is a report, "notes.md" Markdown.
func FromPath(path string, def Format) (Spec, error) {
	if filepath.Ext(path) == "" {
		if s, ok := Lookup(def); ok {
			return s, nil
		}
		return Spec{}, fmt.Errorf("unknown format %q", def)
	}
	if s, ext := claimed(path); ext != "" {
		return s, nil
	}
	var known []string
	for _, s := range specs {
		known = append(known, s.Exts...)
	}
	return Spec{}, fmt.Errorf("no format is written to %q files (known: %s)", strings.ToLower(filepath.Ext(path)),
		strings.Join(known, ", "))
}

// TrimExt is path without the extension a format claims ("x.report.md"
// is "x"), or path as it is when no format claims its extension: what a
// dialog changes when another format is chosen.
func TrimExt(path string) string {
	_, ext := claimed(path)
	return path[:len(path)-len(ext)]
}

// claimed is the format whose extension path ends in, the longest
// that matches, and that extension; "" when none does.
func claimed(path string) (Spec, string) {
	base := strings.ToLower(filepath.Base(path))
	var best Spec
	ext := ""
	for _, s := range specs {
		for _, e := range s.Exts {
			if len(e) > len(ext) && len(base) > len(e) && strings.HasSuffix(base, e) {
				best, ext = s, e
			}
		}
	}
	return best, ext
}

// Ext is the extension a new file in the format gets: ".csv"; "" for a
// format that names no file.
func (s Spec) Ext() string {
	if len(s.Exts) == 0 {
		return ""
	}
	return s.Exts[0]
}

// ForExcel is the format's variant that Microsoft Excel opens as it
// should (for CSV: a UTF-8 byte order mark, so that "Côte d'Ivoire"
// is not mojibake, and CRLF line ends), and an error naming the formats
// that have one when this one has none.
func (s Spec) ForExcel() (Spec, error) {
	if s.Excel == nil {
		var with []string
		for _, o := range specs {
			if o.Excel != nil {
				with = append(with, string(o.Format))
			}
		}
		return Spec{}, fmt.Errorf("%s has no Excel variant (only %s)", s.Format, strings.Join(with, ", "))
	}
	s.Encode, s.Excel = s.Excel, nil
	s.Stream, s.ExcelStream = s.ExcelStream, nil
	return s, nil
}

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
