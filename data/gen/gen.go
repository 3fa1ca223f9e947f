// Package gen writes synthetic UNOCT highlights documents for scale
// tests: documents shaped like the real ones (the seed's sections and
// bullet shapes, every session form the reader supports, partners from
// the entity table, places from the gazetteer, realistic counts), so
// that a corpus of any size goes through the real reader and import
// path. It is deterministic: the same seed, size and tables give the
// same bytes.
//
// Document i reports month i mod Months counted from 2018-01; once the
// months run out, the next round of documents takes a letter suffix as
// if another office had written them (highlights-2020-02.md,
// highlights-2020-02-b.md, ..., highlights-2020-02-ba.md).
//
// Each document can also be had as a PDF laid out the way the office
// lays out its own (RenderPDF, WriteFormats), and any highlights
// Markdown can be rendered so (MarkdownPDF): the test corpus of the PDF
// reader, which has no real PDF to read. The PDFs embed Liberation Sans
// and Liberation Serif (github.com/go-fonts/liberation), under the SIL
// Open Font License 1.1, which allows embedding the fonts in documents.
package gen

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/data/ref"
)

type rnd = *rand.Rand

// Version changes whenever the documents a seed gives change, so that
// caches of generated corpora (bench/corpus) know theirs are stale.
const Version = 2

// Months is how many months a round of documents covers: 2018-01 to
// 2025-12.
const Months = 96

// MinPerDoc and MaxPerDoc bound the activities of one document (the last
// one of a corpus may have fewer).
const (
	MinPerDoc = 15
	MaxPerDoc = 40
)

// Generator writes documents. Build it once with New: it loads the
// reference tables and vets its pools with the reader.
type Generator struct {
	ps    *pools
	rules *ref.Rules // which sections are reference sections, for the PDF layout
}

// New loads the embedded reference tables and builds the generator.
func New() (*Generator, error) {
	geo, ents, rules, err := ref.Load()
	if err != nil {
		return nil, err
	}
	ps, err := vet(reader.New(geo, ents, rules), geo, ents)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	return &Generator{ps: ps, rules: rules}, nil
}

// Doc is one planned document.
type Doc struct {
	Index      int
	Name       string // highlights-2020-02.md, highlights-2020-02-b.md
	Month      string // YYYY-MM
	Activities int
}

// Plan lists the documents of a corpus of n activities for a seed: each
// has 15 to 40 activities, drawn from its own stream, and the last one
// the remainder.
func Plan(n int, seed uint64) []Doc {
	var out []Doc
	for i, left := 0, n; left > 0; i++ {
		r := rand.New(rand.NewPCG(seed, uint64(i)<<1))
		k := min(left, MinPerDoc+r.IntN(MaxPerDoc-MinPerDoc+1))
		y, m := 2018+(i%Months)/12, 1+(i%Months)%12
		name := fmt.Sprintf("highlights-%04d-%02d%s.md", y, m, suffix(i/Months))
		out = append(out, Doc{Index: i, Name: name, Month: fmt.Sprintf("%04d-%02d", y, m), Activities: k})
		left -= k
	}
	return out
}

// suffix names round k of documents: "" for the first, then "-b" to
// "-z", "-ba", "-bb"... (k written in base 26 with letters).
func suffix(k int) string {
	if k == 0 {
		return ""
	}
	var b []byte
	for ; k > 0; k /= 26 {
		b = append([]byte{byte('a' + k%26)}, b...)
	}
	return "-" + string(b)
}

// Render writes document d of the corpus of seed.
func (g *Generator) Render(seed uint64, d Doc) []byte {
	r := rand.New(rand.NewPCG(seed, uint64(d.Index)<<1|1))
	var y, m int
	fmt.Sscanf(d.Month, "%d-%d", &y, &m)
	w := &docWriter{g: g, r: r, y: y, m: m, idx: d.Index}
	return w.document(d.Activities)
}

// Formats are what Write writes for each document: its Markdown
// (NAME.md), its office-style PDF (NAME.pdf), or both.
type Formats struct {
	Markdown, PDF bool
}

// Write writes the corpus of n activities for seed into dir (created if
// missing), as Markdown, rendering on every CPU, and returns its
// documents.
func (g *Generator) Write(dir string, n int, seed uint64) ([]Doc, error) {
	return g.WriteFormats(dir, n, seed, Formats{Markdown: true})
}

// WriteFormats is Write in the formats f asks for.
func (g *Generator) WriteFormats(dir string, n int, seed uint64, f Formats) ([]Doc, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	docs := Plan(n, seed)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		ferr error
	)
	next := make(chan Doc)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for d := range next {
				if err := g.writeDoc(dir, seed, d, f); err != nil {
					mu.Lock()
					ferr = cmp.Or(ferr, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
	return docs, ferr
}

func (g *Generator) writeDoc(dir string, seed uint64, d Doc, f Formats) error {
	if f.Markdown {
		if err := os.WriteFile(filepath.Join(dir, d.Name), g.Render(seed, d), 0o644); err != nil {
			return err
		}
	}
	if f.PDF {
		raw, err := g.RenderPDF(seed, d)
		if err != nil {
			return fmt.Errorf("%s: %w", d.PDFName(), err)
		}
		return os.WriteFile(filepath.Join(dir, d.PDFName()), raw, 0o644)
	}
	return nil
}
