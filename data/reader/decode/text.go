package decode

import (
	"bytes"
	"embed"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"

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
	var notes []Note
	if dec, name, ok := wideText(raw); ok {
		raw = dec
		notes = append(notes, Note{0, "read as " + name})
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return nil, nil, &Error{Line: bytes.Count(raw[:i], []byte("\n")) + 1,
			Msg: "the file is binary (it holds NUL bytes), not " + format + " text", Hint: hint}
	}
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

// wideText decodes text saved as UTF-32 or UTF-16 (as some Windows
// editors save "Unicode" text), told by its byte-order mark or, without
// one, by the NUL bytes every character of plain text then carries. It
// returns false for anything else, which is read as it is.
func wideText(raw []byte) ([]byte, string, bool) {
	type wide struct {
		name string
		dec  *encoding.Decoder
	}
	var w *wide
	switch {
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe, 0, 0}):
		w = &wide{"UTF-32", utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM).NewDecoder()}
	case bytes.HasPrefix(raw, []byte{0, 0, 0xfe, 0xff}):
		w = &wide{"UTF-32", utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM).NewDecoder()}
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		w = &wide{"UTF-16", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()}
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		w = &wide{"UTF-16", unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()}
	case len(raw) >= 8 && len(raw)%2 == 0 && halfNUL(raw, 1):
		w = &wide{"UTF-16", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()}
	case len(raw) >= 8 && len(raw)%2 == 0 && halfNUL(raw, 0):
		w = &wide{"UTF-16", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()}
	}
	if w == nil {
		return nil, "", false
	}
	dec, err := w.dec.Bytes(raw)
	if err != nil || bytes.IndexByte(dec, 0) >= 0 {
		return nil, "", false // not text after all: the NUL check refuses it
	}
	return dec, w.name, true
}

// halfNUL reports whether raw reads as UTF-16 text of mostly Latin
// letters: in its first characters, the byte at parity odd is NUL in
// three pairs out of four or more (the others being letters past Latin-1,
// ’ or —), and no pair is NUL twice.
func halfNUL(raw []byte, odd int) bool {
	n := min(len(raw), 512) &^ 1
	ascii := 0
	for i := 0; i < n; i += 2 {
		switch {
		case raw[i] == 0 && raw[i+1] == 0:
			return false
		case raw[i+odd] == 0:
			ascii++
		}
	}
	return ascii*4 >= n/2*3
}

var (
	// emphasis removes bold marks; a Replacer does what the regexp
	// \*\*|__ did, several times faster (TestCleanInline_AsRegexps).
	emphasis = strings.NewReplacer("**", "", "__", "")
	escapeRE = regexp.MustCompile(`\\([\\$*_#\[\]()>+!.&-])`)
	// Some conversions leave HTML in a line: a line break (<br>), a
	// footnote mark in <sup>, an entity (&amp;). Other tags (<script>)
	// and Markdown links stay, as text a document wrote.
	supRE = regexp.MustCompile(`(?i)<sup>[^<]*</sup>`)
	// entities are the HTML entities of text, not numeric ones, which
	// could spell control characters.
	entities = strings.NewReplacer("&amp;", "&", "&nbsp;", " ", "&ndash;", "–", "&mdash;", "—",
		"&rsquo;", "’", "&lsquo;", "‘", "&ldquo;", "“", "&rdquo;", "”", "&quot;", "\"", "&apos;", "'", "&#39;", "'")
	tagRE = regexp.MustCompile(`(?i)</?(?:br|p|span|em|strong|b|i|u|sub|sup|div|font)\b[^<>]*>`)
)

// CleanInline is a block's text as plain text: without its emphasis
// marks, escapes, line-break and emphasis tags and HTML entities, its
// whitespace folded.
func CleanInline(s string) string {
	// Each replacement runs only when its pattern can match: most text
	// has no emphasis, no escape and no run of spaces, and a regexp pass
	// costs more than the check.
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = emphasis.Replace(s)
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = tagRE.ReplaceAllString(supRE.ReplaceAllString(s, ""), " ")
	}
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = entities.Replace(s)
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = escapeRE.ReplaceAllString(s, "$1")
	}
	if strings.ContainsAny(s, "\t\n\f\r") || strings.Contains(s, "  ") {
		s = foldBlanks(s)
	}
	return strings.TrimSpace(s)
}

// foldBlanks turns every run of the blanks a regexp's \s matches
// (tab, newline, form feed, carriage return, space) into one space, as
// the regexp \s+ did before it (TestCleanInline_AsRegexps).
func foldBlanks(s string) string {
	b := make([]byte, 0, len(s))
	blank := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\t', '\n', '\f', '\r', ' ':
			if !blank {
				b = append(b, ' ')
			}
			blank = true
		default:
			b = append(b, c)
			blank = false
		}
	}
	return string(b)
}
