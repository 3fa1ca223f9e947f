package store_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// The 100k store is built once per test binary: 100 documents of 1,000
// synthetic activities with a made-up vocabulary of 20,000 words on top
// of the real ones.
var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
	bigDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		_ = os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

func bigStore(b *testing.B) *store.Store {
	b.Helper()
	bigOnce.Do(func() {
		if bigDir, bigErr = os.MkdirTemp("", "unoct-bench-"); bigErr != nil {
			return
		}
		bigPath = filepath.Join(bigDir, "unoct.db")
		s, err := store.Open(bigPath, store.Options{})
		if err != nil {
			bigErr = err
			return
		}
		r := rand.New(rand.NewPCG(42, 42))
		// Headcounts draw from their own source, so that the activities
		// are those of stores built before they were added.
		hr := rand.New(rand.NewPCG(7, 7))
		for d := range 100 {
			m := month(d)
			as := synth(r, m, 10, 1000, 20000)
			for i := range as {
				if hr.IntN(2) == 0 { // half give a headcount, a tenth of those a lower bound
					n := 5 + hr.IntN(300)
					as[i].Participants = model.Participants{People: &n, Approximate: hr.IntN(10) == 0}
				}
			}
			if _, err := s.Import(newDoc("highlights-"+m+".md", m, as), as); err != nil {
				bigErr = err
				return
			}
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	s, err := store.Open(bigPath, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Query(model.Query{}); err != nil { // load the index
		b.Fatal(err)
	}
	return s
}

func BenchmarkGeneration_100k(b *testing.B) {
	s := bigStore(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Generation(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadIndex_100k(b *testing.B) {
	bigStore(b)
	b.ReportAllocs()
	for b.Loop() {
		s, err := store.Open(bigPath, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Query(model.Query{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchQuery(b *testing.B, query model.Query) {
	s := bigStore(b)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		res, err := s.Query(query)
		if err != nil {
			b.Fatal(err)
		}
		n = len(res.IDs)
	}
	b.ReportMetric(float64(n), "ids")
}

func BenchmarkQuery_All_100k(b *testing.B) { benchQuery(b, model.Query{}) }

func BenchmarkQuery_Facets_100k(b *testing.B) {
	benchQuery(b, q("", "pillar", "II", "pillar", "III", "region", "Western Africa"))
}

func BenchmarkQuery_Narrow_100k(b *testing.B) {
	benchQuery(b, q("", "country", "ML", "partner", "AU", "kind", "visit", "month", month(7)))
}

func BenchmarkSearch_100k(b *testing.B) {
	benchQuery(b, q("secur border", "pillar", "II"))
}

// BenchmarkSearch_FreshWords_100k searches a different made-up word
// prefix each time, so the per-query-word cache rarely helps.
func BenchmarkSearch_FreshWords_100k(b *testing.B) {
	s := bigStore(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := s.Query(q(fmt.Sprintf("w%03x", i%4096))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch_OneLetterCold_100k is the first keystroke in a fresh
// viewer: index load plus a one-letter search that matches most words.
func BenchmarkSearch_OneLetterCold_100k(b *testing.B) {
	bigStore(b)
	b.ReportAllocs()
	for b.Loop() {
		s, err := store.Open(bigPath, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Query(q("e")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCounts_Partner_100k(b *testing.B) {
	s := bigStore(b)
	query := q("", "pillar", "II", "region", "Western Africa", "partner", "EU")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Counts(query, model.FacetPartner); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAllCounts_100k(b *testing.B) {
	s := bigStore(b)
	query := q("secur", "pillar", "II", "region", "Western Africa", "partner", "EU")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.AllCounts(query); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGet_50_100k(b *testing.B) {
	s := bigStore(b)
	res, err := s.Query(q("", "kind", "visit"))
	if err != nil {
		b.Fatal(err)
	}
	ids := res.IDs[:50]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Get(ids...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport_10k imports 10 documents of 1,000 activities into a
// new store.
func BenchmarkImport_10k(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 9))
	type doc struct {
		d  model.Document
		as []model.Activity
	}
	var docs []doc
	for d := range 10 {
		m := month(d)
		as := synth(r, m, 10, 1000, 20000)
		docs = append(docs, doc{newDoc("highlights-"+m+".md", m, as), as})
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := store.Open(filepath.Join(b.TempDir(), "unoct.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			if _, err := s.Import(d.d, d.as); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReplace_1k re-imports a changed 1,000-activity document into
// the 100k store (two versions, alternating).
func BenchmarkReplace_1k(b *testing.B) {
	s := bigStore(b)
	r := rand.New(rand.NewPCG(5, 5))
	m := month(100)
	var versions [2][]model.Activity
	for i := range versions {
		versions[i] = synth(r, m, 10, 1000, 20000)
	}
	b.Cleanup(func() { _ = s.Remove("highlights-" + m + ".md") })
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		as := versions[i%2]
		i++
		if _, err := s.Import(newDoc("highlights-"+m+".md", m, as), as); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScreen_100k answers a whole screen: ids, a page of rows,
// every facet's counts and the counts without each filter.
func BenchmarkScreen_100k(b *testing.B) {
	s := bigStore(b)
	query := q("secur", "pillar", "II", "region", "Western Africa", "partner", "EU")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Screen(query, store.Page{Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScreenTotals_100k is BenchmarkScreen_100k with the totals
// the TUI's header shows (participants, distinct countries and
// partners): their cost over a plain screen.
func BenchmarkScreenTotals_100k(b *testing.B) {
	s := bigStore(b)
	query := q("secur", "pillar", "II", "region", "Western Africa", "partner", "EU")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Screen(query, store.Page{Limit: 50, Totals: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTotals_All_100k sums up every activity, and
// BenchmarkTotals_Pillar_100k a third of them: the worst of a totals
// pass.
func BenchmarkTotals_All_100k(b *testing.B) { benchTotals(b, model.Query{}) }

func BenchmarkTotals_Pillar_100k(b *testing.B) { benchTotals(b, q("", "pillar", "II")) }

func benchTotals(b *testing.B, query model.Query) {
	s := bigStore(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Totals(query); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStats_Country_100k is `unoct stats --by country --pillar II`:
// counts and totals for each country.
func BenchmarkStats_Country_100k(b *testing.B) {
	s := bigStore(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Stats(q("", "pillar", "II"), model.FacetCountry); err != nil {
			b.Fatal(err)
		}
	}
}

// staleCopy copies the 100k store and marks its facet index as built
// under another facet set.
func staleCopy(b *testing.B) string {
	b.Helper()
	bigStore(b)
	raw, err := os.ReadFile(bigPath)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "stale.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

func markStale(b *testing.B, path string) {
	b.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("facets"), []byte("another facet set"))
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkReindex_100k re-indexes the facets of 100k activities, as
// Open does once after the facet set changed, and loads the index.
func BenchmarkReindex_100k(b *testing.B) {
	path := staleCopy(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		markStale(b, path)
		b.StartTimer()
		s, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.AllCounts(model.Query{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadIndexStale_100k loads the index of a store that could not
// be re-indexed (another process holds the file): every facet is
// computed from the 100k activities in memory.
func BenchmarkLoadIndexStale_100k(b *testing.B) {
	path := staleCopy(b)
	markStale(b, path)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin(false)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	b.ReportAllocs()
	for b.Loop() {
		s, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.AllCounts(model.Query{}); err != nil {
			b.Fatal(err)
		}
	}
}
