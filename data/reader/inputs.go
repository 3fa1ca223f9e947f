package reader

import (
	"strings"
	"sync"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/reader/decode/markdown"
	"github.com/unoct/unoct/data/reader/decode/pdf"
	"github.com/unoct/unoct/data/reader/decode/text"
	"github.com/unoct/unoct/data/ref"
)

// newDecoders are the input formats a reader reads, asked in this order
// which one reads a file: those that know their files by a signature
// first, text extracted from a PDF (which Sniff tells from Markdown by
// its look) next, Markdown (which takes any text) last. A new format is
// one line here and its package under decode/. The PDF decoder is a
// value of its own per reader: it owns the PDFium runtime, started on
// the reader's first PDF. Words are what the decoders of PDF text check
// a word broken at a line's end against.
func newDecoders(words decode.Words) []decode.Decoder {
	p := pdf.New()
	p.Words = words
	return []decode.Decoder{p, text.Decoder{Words: words}, markdown.Decoder{}}
}

// lazyWords are the English words of data/ref, read on the first
// question: reading them costs tens of milliseconds, and most readers
// never read a PDF. The table is embedded and its test reads it, so it
// cannot fail to load in a build that passed its tests; if it did, no
// word would be known and the document's own words alone would decide.
// A hyphenated word is known when the gazetteer has a place of that name
// ("Anyang-si"), so that a line break after its hyphen keeps it.
type lazyWords struct {
	places *ref.Geo
	once   sync.Once
	words  ref.Words
}

func (l *lazyWords) Has(w string) bool {
	if strings.Contains(w, "-") {
		if l.places == nil {
			return false
		}
		_, ok := l.places.City(w)
		return ok
	}
	l.once.Do(func() { l.words, _ = ref.LoadWords() })
	return l.words.Has(w)
}
