// Package decode defines the input formats of the reader. Each format is
// a Decoder: it recognises its files by their content and turns their
// bytes into a Doc, the form the reader's rules work on (the document's
// lines, and its sections of bullets and paragraphs). The reader knows no
// format: it asks the decoders it was built with, in order, which one
// reads a file.
//
// A format is a subpackage (decode/markdown) with a value that implements
// Decoder, added to the reader's list of decoders (data/reader/inputs.go).
package decode

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Decoder reads one input format.
type Decoder interface {
	// Name names the format in messages and in the reader's version:
	// "markdown", "pdf".
	Name() string
	// Version changes whenever Decode may give another Doc for the same
	// bytes (SourceVersion of the decoder's package does that), so that
	// stores re-derive what they read with an older decoder.
	Version() string
	// Sniff reports whether the decoder reads a file with these bytes,
	// judging by their content only (a PDF starts with "%PDF-").
	Sniff(raw []byte) bool
	// Decode turns the bytes into a Doc, or refuses them with an
	// *Error saying why and what to do. It must not panic, whatever
	// the bytes.
	Decode(raw []byte) (*Doc, error)
}

// Words tells whether a lower-case word is a word of the language, or a
// hyphenated name it knows ("anyang-si"): what a decoder that mends words
// broken at a line's end checks them against, besides the document's own
// words ("rights-" / "compliant" are two words, "rep-" / "resentatives"
// one, "Anyang-" / "si" a place's name). A nil Words knows none.
type Words interface{ Has(word string) bool }

// Doc is a decoded document: what the reader's rules read.
type Doc struct {
	// Lines is the document's text, one entry per line, from line 1.
	// The reader looks in it for a title that names the month; Block
	// and Section lines and Note lines count in it.
	Lines []string
	// Sections are the document's headings and the blocks under each,
	// in order. The first section, for the blocks before any heading,
	// has an empty heading and line 0.
	Sections []Section
	// Notes are what the decoder did that the user should know ("not
	// UTF-8: read as Windows-1252"); the reader reports them as
	// problems.
	Notes []Note
	// Keep is the text the store keeps as the document, when it is not
	// the bytes read (for a format a store cannot read back cheaply):
	// decoding Keep must give the same Doc. Nil keeps the bytes read.
	Keep []byte
	// Pages is the page of each line (Pages[0] is line 1's), for a
	// format that has pages; nil otherwise, and 0 for a line before the
	// first page.
	Pages []int
}

// Page is the page line n stands on, 0 when the format has none.
func (d *Doc) Page(n int) int {
	if n < 1 || n > len(d.Pages) {
		return 0
	}
	return d.Pages[n-1]
}

// Section is a heading and the blocks under it.
type Section struct {
	Heading string // plain text, without markup
	Line    int
	Blocks  []Block
}

// Block is a bullet or a paragraph, its lines joined.
type Block struct {
	Line int // the line it starts on
	// Text is the block's lines joined with single spaces, with the
	// inline markup Markdown writes: "**" around bold runs (the figures
	// of a KPI box are bold), backslash escapes. CleanInline gives the
	// plain text.
	Text   string
	Bullet bool
	Indent int // columns before the bullet mark
}

// Note is something a decoder changed or guessed, on a line (0: the
// whole file).
type Note struct {
	Line int
	Msg  string
}

// Error is a file a decoder refuses: what is wrong and what to do. The
// reader adds the file's name.
type Error struct {
	Line int // 0 when the problem is the whole file
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	s := e.Msg
	if e.Line > 0 {
		s = fmt.Sprintf("line %d: %s", e.Line, s)
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Pick is the first of decoders that reads raw, or nil when none does.
// Decoders are asked in order, so a format recognised by a signature
// comes before one that takes any text.
func Pick(decoders []Decoder, raw []byte) Decoder {
	for _, d := range decoders {
		if d.Sniff(raw) {
			return d
		}
	}
	return nil
}

// SourceVersion hashes the Go files of a package (its embedded *.go,
// tests left out): a decoder's Version, so that no change to its code
// can be forgotten.
func SourceVersion(src fs.FS) string {
	h := sha256.New()
	files, _ := fs.Glob(src, "*.go")
	sort.Strings(files)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := fs.ReadFile(src, f)
		h.Write([]byte(f))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
