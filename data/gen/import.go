package gen

import (
	"cmp"
	"os"
	"path/filepath"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/store"
)

// ImportAll imports docs into s as `unoct import` does: read by rd and
// stored through the store's import pipeline (read ahead on every core,
// stored in batches). It returns how many activities it imported and the
// first refusal or the store's failure: a generated document is meant to
// read back, so any refusal is a bug.
func ImportAll(rd *reader.Reader, s *store.Store, docs []store.Input) (int, error) {
	total := 0
	var refused error
	err := s.ImportInputs(rd, docs, store.ImportOptions{Report: func(o store.Outcome) {
		if o.Err == nil {
			total += len(o.Derived.Activities)
		} else if refused == nil {
			refused = o.Err
		}
	}})
	return total, cmp.Or(err, refused)
}

// Inputs lists the documents of the corpus of n activities for seed,
// written into dir by Write, as inputs to import: the pipeline reads each
// from its file.
func Inputs(dir string, n int, seed uint64) []store.Input {
	return inputs(dir, n, seed, Doc.markdownName)
}

// PDFInputs is Inputs for the PDFs WriteFormats wrote.
func PDFInputs(dir string, n int, seed uint64) []store.Input {
	return inputs(dir, n, seed, Doc.PDFName)
}

func inputs(dir string, n int, seed uint64, name func(Doc) string) []store.Input {
	plan := Plan(n, seed)
	out := make([]store.Input, len(plan))
	for i, d := range plan {
		path := filepath.Join(dir, name(d))
		out[i] = store.Input{Name: name(d), Load: func() ([]byte, error) { return os.ReadFile(path) }}
	}
	return out
}
