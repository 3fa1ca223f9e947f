package reader_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/unoct/unoct/data"
	"github.com/unoct/unoct/data/reader"
)

// BenchmarkRead reads every document the tests have (the embedded seed,
// the hand-written documents and the hold-outs) on one goroutine; an
// operation is one pass over all of them. It reports activities read per
// second. The larger corpus of BENCHMARKS.md is ./bench's BenchmarkRead.
func BenchmarkRead(b *testing.B) {
	type doc struct {
		name string
		raw  []byte
	}
	var docs []doc
	for _, d := range data.Documents() {
		docs = append(docs, doc{d.Name, d.Raw})
	}
	for _, pat := range []string{"../../testdata/highlights/*.md", "../../testdata/holdout*/*.md"} {
		paths, _ := filepath.Glob(pat)
		for _, p := range paths {
			if filepath.Base(p) == "README.md" {
				continue
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, doc{filepath.Base(p), raw})
		}
	}
	r := mustReader(b)
	acts := 0
	for _, d := range docs {
		res, err := r.Read(d.name, d.raw, reader.Options{})
		if err != nil {
			b.Fatalf("%s: %v", d.name, err)
		}
		acts += len(res.Activities)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		for _, d := range docs {
			if _, err := r.Read(d.name, d.raw, reader.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(acts)*float64(b.N)/time.Since(start).Seconds(), "activities/s")
	b.ReportMetric(float64(acts), "activities/op")
}
