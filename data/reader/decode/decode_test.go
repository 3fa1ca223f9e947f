package decode_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/reader/decode/markdown"
)

// signed is a decoder known by its signature, as the PDF decoder is.
type signed struct{}

func (signed) Name() string    { return "signed" }
func (signed) Version() string { return "1" }
func (signed) Sniff(raw []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(raw[:min(len(raw), 1024)], "\ufeff \t\r\n"), []byte("%PDF-"))
}
func (signed) Decode([]byte) (*decode.Doc, error) {
	return nil, &decode.Error{Msg: "not read here", Hint: "convert it"}
}

// TestPick: a format known by its signature is picked before Markdown,
// which takes any other file.
func TestPick(t *testing.T) {
	pdf := signed{}
	ds := []decode.Decoder{pdf, markdown.Decoder{}}
	for _, tc := range []struct {
		raw  string
		want string
	}{
		{"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "signed"},
		{"\ufeff\n  %PDF-1.4\n", "signed"},
		{"## HIGHLIGHTS\n\n- UNOCT met. (3 June 2020, Vienna)\n", "markdown"},
		{"About %PDF-1.4 files\n", "markdown"},
		{"\x89PNG\r\n\x1a\n\x00", "markdown"},
	} {
		if got := decode.Pick(ds, []byte(tc.raw)).Name(); got != tc.want {
			t.Errorf("Pick(%q) = %s, want %s", tc.raw, got, tc.want)
		}
	}
	if decode.Pick(nil, []byte("x")) != nil {
		t.Error("no decoders picked one")
	}
	_, err := pdf.Decode([]byte("%PDF-1.7"))
	var de *decode.Error
	if !errors.As(err, &de) || de.Msg == "" || de.Hint != "convert it" {
		t.Errorf("an unread format: %v, want a refusal with its hint", err)
	}
}

// TestTextLines: any line ends, a byte-order mark, no-break spaces,
// Windows-1252 with a note, and a NUL refused on its line.
func TestTextLines(t *testing.T) {
	lines, notes, err := decode.TextLines([]byte("\ufeffa\r\nb\u00a0c\rd\n"), "Markdown", "")
	if err != nil || len(notes) != 0 {
		t.Fatal(err, notes)
	}
	if want := []string{"a", "b c", "d", ""}; len(lines) != len(want) || lines[0] != want[0] || lines[1] != want[1] || lines[2] != want[2] || lines[3] != want[3] {
		t.Errorf("lines %q, want %q", lines, want)
	}
	lines, notes, err = decode.TextLines([]byte("caf\xe9"), "Markdown", "")
	if err != nil || len(notes) != 1 || lines[0] != "café" {
		t.Errorf("Windows-1252: %q %v %v", lines, notes, err)
	}
	_, _, err = decode.TextLines([]byte("a\nb\n\x00"), "Markdown", "convert it")
	var de *decode.Error
	if !errors.As(err, &de) || de.Line != 3 || de.Hint != "convert it" {
		t.Errorf("a NUL on line 3: %v", err)
	}
}

// TestVersions: a decoder's version is a hash of its code, stable within
// a build.
func TestVersions(t *testing.T) {
	md := markdown.Decoder{}
	if v := md.Version(); len(v) != 16 || v != md.Version() {
		t.Errorf("markdown version %q", v)
	}
	if v := decode.Version(); len(v) != 16 || v == md.Version() {
		t.Errorf("decode version %q (markdown's %q)", v, md.Version())
	}
}

// TestCleanInline: what conversions leave in a line of Markdown reads as
// its plain text, so that a bullet's final parenthesis is still its end.
func TestCleanInline(t *testing.T) {
	for in, want := range map[string]string{
		"**USG Voronkov** briefed the Council":                "USG Voronkov briefed the Council",
		"met the Minister (6 October, Niamey).<br>":           "met the Minister (6 October, Niamey).",
		"a workshop (10 October, Vienna)<sup>2</sup>":         "a workshop (10 October, Vienna)",
		"a [link](http://example.org) and <script>x</script>": "a [link](http://example.org) and <script>x</script>",
		"UNODC &amp; UNDP (7 October, Vienna)":                "UNODC & UNDP (7 October, Vienna)",
		"UNODC & UNDP; the Netherlands*":                      "UNODC & UNDP; the Netherlands*",
		"a workshop \\(12 October, Vienna\\)":                 "a workshop (12 October, Vienna)",
	} {
		if got := decode.CleanInline(in); got != want {
			t.Errorf("CleanInline(%q) = %q, want %q", in, got, want)
		}
	}
}
