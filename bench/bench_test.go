// Package bench holds unoct's scale benchmarks: import, open, facet
// toggle, search keystroke, detail fetch, the TUI's update and view, and
// the peak memory of the real binary, at 1k, 10k, 100k and 1M activities
// of a synthetic corpus (data/gen, cmd/unoct-gen) read by the real reader.
//
//	go test ./bench -run '^$' -bench . -benchmem                  # 1k and 10k
//	UNOCT_BENCH_LARGE=1 go test ./bench -run '^$' -bench . -benchmem -benchtime 3x -timeout 2h
//
// BENCHMARKS.md has the figures, the targets and the commands.
package bench

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/unoct/unoct/bench/corpus"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

// BenchmarkRead is the reader alone: every document of the corpus read
// into activities, on one goroutine.
func BenchmarkRead(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		rd := corpus.Reader(b)
		b.ReportAllocs()
		b.ResetTimer()
		start, cpu0 := time.Now(), cpuTime()
		for b.Loop() {
			for _, d := range c.Docs {
				if _, err := rd.Read(d.Name, d.Raw, reader.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(c.N)*float64(b.N)/time.Since(start).Seconds(), "activities/s")
		b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	})
}

// BenchmarkImport imports the whole corpus into a new store through the
// store's import pipeline, as `unoct import` does: every document read by
// the reader and imported with Store.ImportMany in batches of about 4,000
// activities, the reading of the next documents overlapping the store's
// writes. It reports activities per second and the size of the store
// against the JSON export of the same activities.
func BenchmarkImport(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		rd := corpus.Reader(b)
		b.ReportAllocs()
		var path string
		var elapsed, cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			path = filepath.Join(b.TempDir(), "unoct.db")
			s, err := corpus.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start, cpu0 := time.Now(), cpuTime()
			n, err := corpus.ImportAll(rd, s, c.Docs)
			elapsed += time.Since(start)
			cpu += cpuTime() - cpu0
			if err != nil {
				b.Fatal(err)
			}
			if n != c.N {
				b.Fatalf("imported %d activities, want %d", n, c.N)
			}
		}
		b.ReportMetric(float64(c.N)*float64(b.N)/elapsed.Seconds(), "activities/s")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		reportSize(b, path)
	})
}

// BenchmarkImportOneByOne is the same import as `unoct import` ran it
// before it batched: read a document, Import it in its own transaction,
// read the next.
//
// At a million activities it would take hours (every transaction
// rewrites bitmaps that grow with the store), so it stops at 100k.
func BenchmarkImportOneByOne(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		if c.N > 100_000 {
			b.Skip("one transaction per document: hours at this size")
		}
		rd := corpus.Reader(b)
		b.ReportAllocs()
		var elapsed, cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			s, err := corpus.Open(filepath.Join(b.TempDir(), "unoct.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start, cpu0 := time.Now(), cpuTime()
			for _, d := range c.Docs {
				res, err := rd.Read(d.Name, d.Raw, reader.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Import(res.Document, res.Activities); err != nil {
					b.Fatal(err)
				}
			}
			elapsed += time.Since(start)
			cpu += cpuTime() - cpu0
		}
		b.ReportMetric(float64(c.N)*float64(b.N)/elapsed.Seconds(), "activities/s")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	})
}

// cpuTime is the CPU time (user and system) this process has used: on a
// machine shared with other work, wall times vary with the load and CPU
// times much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportSize reports the store's file size, the size of the JSON export
// of all its activities, and their ratio.
func reportSize(b *testing.B, path string) {
	b.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	s, err := corpus.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	js, jsl := exportSize(b, s, export.JSON), exportSize(b, s, export.JSONL)
	b.ReportMetric(float64(fi.Size())/1e6, "store-MB")
	b.ReportMetric(float64(js)/1e6, "json-MB")
	b.ReportMetric(float64(fi.Size())/float64(js), "store/json")
	b.ReportMetric(float64(fi.Size())/float64(jsl), "store/jsonl")
}

// exportSize is the size of `unoct list --format F` of everything: JSON
// (an indented array, what `unoct export -o x.json` writes) or JSON
// Lines (one compact object per line).
func exportSize(b *testing.B, s *store.Store, f export.Format) int64 {
	res, err := s.Query(model.Query{})
	if err != nil {
		b.Fatal(err)
	}
	var cw countWriter
	const page = 10000
	for i := 0; i < len(res.IDs); i += page {
		acts, err := s.Get(res.IDs[i:min(i+page, len(res.IDs))]...)
		if err != nil {
			b.Fatal(err)
		}
		// One JSON array in all: pages are written as arrays, and the
		// brackets and commas between them are within a byte per page.
		if err := export.Write(&cw, f, acts, 0); err != nil {
			b.Fatal(err)
		}
	}
	return cw.n
}

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// BenchmarkStoreSize reports, for the cached store of each corpus, its
// size against the JSON export of the same activities (target: at most
// 2x).
func BenchmarkStoreSize(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		c.Store(b)
		for b.Loop() {
		}
		reportSize(b, c.StorePath)
	})
}

// BenchmarkOpen is a viewer's start on an existing store, up to its
// first frame's data: open the store, load the index (first query), all
// facet counts and the first screenful of activities.
func BenchmarkOpen(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		c.Store(b)
		b.ReportAllocs()
		for b.Loop() {
			s, err := corpus.Open(c.StorePath)
			if err != nil {
				b.Fatal(err)
			}
			firstFrame(b, s, model.Query{})
		}
	})
}

// firstFrame does what a screen needs for a query, in the one read the
// TUI makes (Store.Screen): the results, every facet's counts and the
// first 50 activities.
func firstFrame(b *testing.B, s *store.Store, q model.Query) store.Screen {
	sc, err := s.Screen(q, store.Page{Limit: 50})
	if err != nil {
		b.Fatal(err)
	}
	return sc
}

// BenchmarkFacetToggle is one facet toggle on a loaded store: the query
// with one value of a facet (cycling through countries, pillars,
// partners and months), and every facet's counts under it, in the one
// read the TUI makes (Store.Screen).
func BenchmarkFacetToggle(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		s := c.Store(b)
		qs := toggles(b, s)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			q := qs[i%len(qs)]
			i++
			if _, err := s.Screen(q, store.Page{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// toggles are one-value queries over the busiest values of a few facets.
func toggles(b *testing.B, s *store.Store) []model.Query {
	var qs []model.Query
	for _, f := range []model.Facet{model.FacetCountry, model.FacetPillar, model.FacetPartner, model.FacetMonth, model.FacetRegion, model.FacetKind} {
		vals, err := s.Values(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, v := range vals[:min(8, len(vals))] {
			qs = append(qs, model.Query{}.With(f, v.Value))
		}
	}
	return qs
}

// keystrokes are the searches a user types, a letter at a time: every
// prefix of each word, so that most are new to the store's cache of
// query words, as they are when typing.
var searchWords = []string{"border", "security", "training", "nigeria", "unodc", "victims", "cyber", "prison",
	"youth", "women", "financing", "aviation", "sahel", "kenya", "workshop", "interpol", "extremism", "vienna",
	"passenger", "rehabilitation", "osce", "biometrics", "maritime", "strategy", "judges", "explosive", "drones",
	"hate", "uzbekistan", "gender", "prosecution", "radicalization", "camps", "sporting", "terrorist", "dialogue",
	"compact", "iraq", "mali", "philippines", "coninsx", "soft", "trafficking", "chemical", "kazakhstan", "tunisia"}

func keystrokes() []string {
	var out []string
	for _, w := range searchWords {
		for i := 1; i <= len(w); i++ {
			out = append(out, w[:i])
		}
	}
	return out
}

// BenchmarkSearch is one keystroke in the search box: the query with the
// typed text and every facet's counts under it.
func BenchmarkSearch(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		s := c.Store(b)
		ks := keystrokes()
		if _, err := s.Query(model.Query{}); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		i := 0
		var hits int
		for b.Loop() {
			q := model.Query{Search: ks[i%len(ks)]}
			i++
			sc, err := s.Screen(q, store.Page{})
			if err != nil {
				b.Fatal(err)
			}
			hits += len(sc.IDs)
		}
		b.ReportMetric(float64(hits)/float64(b.N), "ids/op")
	})
}

// BenchmarkDetail is one activity fetched in full (the detail pane).
func BenchmarkDetail(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		s := c.Store(b)
		res, err := s.Query(model.Query{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			id := res.IDs[(i*7919)%len(res.IDs)]
			i++
			if _, err := s.Activity(id); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkExport is `unoct list --format F` of everything without the
// process: one Store.Stream, its pages encoded as they come into
// io.Discard. It reports activities per second; profile it with
// -cpuprofile to see where a full export's time goes.
func BenchmarkExport(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		s := c.Store(b)
		for _, f := range []export.Format{export.CSV, export.JSON, export.JSONL, export.MD} {
			b.Run(string(f), func(b *testing.B) {
				spec, _ := export.Lookup(f)
				b.ReportAllocs()
				start := time.Now()
				for b.Loop() {
					err := s.Stream(model.Query{}, store.Page{}, func(l *store.Listing) error {
						pages := func(fn func([]model.Activity) error) error { return l.Pages(0, fn) }
						return spec.WriteStream(io.Discard, export.ActivityPages(l.N, pages), 0)
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(c.N)*float64(b.N)/time.Since(start).Seconds(), "activities/s")
			})
		}
	})
}
