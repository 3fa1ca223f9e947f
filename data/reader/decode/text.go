package decode

import (
	"bytes"
	"embed"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/unoct/unoct/model"
)

// source is this package's code: what every decoder shares.
//
//go:embed *.go
var source embed.FS

// Version is the version of what this package gives every decoder (the
// reading of text lines, CleanInline, Pick): the reader's version holds
// it beside each decoder's.
func Version() string { return version() }

var version = sync.OnceValue(func() string { return SourceVersion(source) })

// TextLines reads bytes as lines of text for a text format (format names
// it in the refusal of a binary file, hint says what to do then): UTF-8,
// or Windows-1252 when the bytes are not UTF-8 (with a note saying so),
// without a byte-order mark, any line ends, no-break spaces as spaces,
// and every line inert (no escape sequence, control or invisible
// format character).
func TextLines(raw []byte, format, hint string) ([]string, []Note, error) {
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return nil, nil, &Error{Line: bytes.Count(raw[:i], []byte("\n")) + 1,
			Msg: "the file is binary (it holds NUL bytes), not " + format + " text", Hint: hint}
	}
	var notes []Note
	text := raw
	if !utf8.Valid(raw) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, nil, &Error{Msg: "the file is neither UTF-8 nor Windows-1252 text", Hint: "save it as UTF-8"}
		}
		text = dec
		notes = append(notes, Note{0, "not UTF-8: read as Windows-1252"})
	}
	s := strings.TrimPrefix(string(text), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = model.Inert(strings.ReplaceAll(l, "\u00a0", " "))
	}
	return lines, notes, nil
}

var (
	emphasisRE = regexp.MustCompile(`\*\*|__`)
	escapeRE   = regexp.MustCompile(`\\([\\$*_#\[\]()>+!.&-])`)
	spaceRE    = regexp.MustCompile(`\s+`)
)

// CleanInline is a block's text as plain text: without its emphasis
// marks and escapes, its whitespace folded.
func CleanInline(s string) string {
	// Each replacement runs only when its pattern can match: most text
	// has no emphasis, no escape and no run of spaces, and a regexp pass
	// costs more than the check.
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = emphasisRE.ReplaceAllString(s, "")
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = escapeRE.ReplaceAllString(s, "$1")
	}
	if strings.ContainsAny(s, "\t\n\f\r") || strings.Contains(s, "  ") {
		s = spaceRE.ReplaceAllString(s, " ")
	}
	return strings.TrimSpace(s)
}
