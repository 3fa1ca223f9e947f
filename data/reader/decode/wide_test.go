package decode

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// Ensure that text saved as UTF-16 or UTF-32 (with a byte-order mark, or
// UTF-16 without one) reads as the same lines as its UTF-8, with a note,
// where it used to be refused as binary.
func TestTextLines_WideText(t *testing.T) {
	const text = "## HIGHLIGHTS\n\n- UNOCT met Côte d’Ivoire’s officials — a briefing. (3 June, Abidjan)\n"
	want, _, err := TextLines([]byte(text), "Markdown", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		enc  encoding.Encoding
		bom  bool
	}{
		{"UTF-16LE BOM", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), true},
		{"UTF-16BE BOM", unicode.UTF16(unicode.BigEndian, unicode.UseBOM), true},
		{"UTF-32LE BOM", utf32.UTF32(utf32.LittleEndian, utf32.UseBOM), true},
		{"UTF-32BE BOM", utf32.UTF32(utf32.BigEndian, utf32.UseBOM), true},
		{"UTF-16LE", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), false},
	} {
		raw, err := tc.enc.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		got, notes, err := TextLines(raw, "Markdown", "")
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: lines %q, want %q", tc.name, got, want)
		}
		if len(notes) == 0 || !strings.HasPrefix(notes[0].Msg, "read as UTF-") {
			t.Errorf("%s: notes %v", tc.name, notes)
		}
	}
	// Binary stays binary.
	if _, _, err := TextLines([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "Markdown", ""); err == nil {
		t.Error("a PNG was read as text")
	}
}
