package gen_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/unoct/unoct/data/gen"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// TestCorpusReadsBack generates a small corpus, reads every document
// with the real reader and checks that it finds exactly the activities
// written, with no problem and no unknown name, and that the corpus has
// the variety it is meant to have.
func TestCorpusReadsBack(t *testing.T) {
	n, seed := 3000, uint64(7)
	if v, err := strconv.Atoi(os.Getenv("UNOCT_GEN_CHECK")); err == nil && v > 0 {
		n, seed = v, uint64(v) // a larger corpus, another seed: go test ./data/gen -run ReadsBack
	}
	dir := t.TempDir()
	g, err := gen.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Write(dir, n, seed); err != nil {
		t.Fatal(err)
	}
	rd, err := reader.Default()
	if err != nil {
		t.Fatal(err)
	}
	docs := gen.Plan(n, seed)
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) != len(docs) {
		t.Fatalf("%d files written, plan has %d documents", len(files), len(docs))
	}
	total := 0
	seen := map[string]map[string]bool{}
	note := func(k, v string) {
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][v] = true
	}
	var multi, virtual, hybrid, cross, people, approx, noPlace int
	for _, d := range docs {
		raw, err := os.ReadFile(filepath.Join(dir, d.Name))
		if err != nil {
			t.Fatal(err)
		}
		res, err := rd.Read(d.Name, raw, reader.Options{})
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		if res.Document.Month != d.Month {
			t.Errorf("%s: month %s, want %s", d.Name, res.Document.Month, d.Month)
		}
		if len(res.Activities) != d.Activities {
			t.Errorf("%s: reader found %d activities, generator wrote %d", d.Name, len(res.Activities), d.Activities)
		}
		for _, p := range res.Problems {
			t.Errorf("%s: problem %s", d.Name, p)
		}
		for _, p := range res.Unknown {
			t.Errorf("%s: unknown name %s", d.Name, p)
		}
		total += len(res.Activities)
		for _, a := range res.Activities {
			note("kind", string(a.Kind))
			note("branch", string(a.Branch))
			note("section", a.Section)
			for _, p := range a.Pillars {
				note("pillar", string(p.Pillar))
			}
			for _, p := range a.Partners {
				note("partner", p.Label())
			}
			for _, c := range a.Countries {
				note("country", c.Code)
			}
			if len(a.Sessions) > 1 {
				multi++
			}
			if len(a.Sessions) == 0 {
				noPlace++
			}
			for _, s := range a.Sessions {
				if s.Virtual && s.City != "" {
					hybrid++
				} else if s.Virtual {
					virtual++
				}
				if s.Start[:7] != s.End[:7] {
					cross++
				}
				note("city", s.City)
			}
			if len(a.People) > 0 {
				people++
			}
			if a.Participants.Approximate {
				approx++
			}
		}
	}
	if total != n {
		t.Errorf("read %d activities in all, want %d", total, n)
	}
	if noPlace > 0 {
		t.Errorf("%d activities without a session", noPlace)
	}
	for k, min := range map[string]int{"kind": 9, "branch": 4, "section": 5, "pillar": 4, "partner": 100, "country": 100, "city": 200} {
		if len(seen[k]) < min {
			t.Errorf("only %d distinct %ss, want at least %d: %v", len(seen[k]), k, min, slices.Sorted(mapKeys(seen[k])))
		}
	}
	for what, got := range map[string]int{"several sessions": multi, "virtual": virtual, "hybrid": hybrid,
		"across months": cross, "named people": people, "approximate counts": approx} {
		if got < n/100 {
			t.Errorf("only %d activities with %s in %d", got, what, n)
		}
	}
	t.Logf("%d documents; kinds %v; %d multi-session, %d virtual, %d hybrid, %d cross-month; %d partners, %d countries, %d cities",
		len(docs), slices.Sorted(mapKeys(seen["kind"])), multi, virtual, hybrid, cross, len(seen["partner"]), len(seen["country"]), len(seen["city"]))
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestDeterministic: the same seed gives the same bytes, another seed
// others.
func TestDeterministic(t *testing.T) {
	g, err := gen.New()
	if err != nil {
		t.Fatal(err)
	}
	a, b := gen.Plan(500, 3), gen.Plan(500, 3)
	if !slices.Equal(a, b) {
		t.Fatal("Plan is not deterministic")
	}
	for _, d := range a[:5] {
		if !bytes.Equal(g.Render(3, d), g.Render(3, d)) {
			t.Fatalf("%s differs between two renders", d.Name)
		}
		if bytes.Equal(g.Render(3, d), g.Render(4, d)) {
			t.Fatalf("%s is the same for seeds 3 and 4", d.Name)
		}
	}
}

// TestNames: months count forward from 2018-01, then the next round of
// documents takes letter suffixes.
func TestNames(t *testing.T) {
	docs := gen.Plan(gen.MaxPerDoc*(gen.Months*28), 1)
	want := map[int]string{0: "highlights-2018-01.md", 25: "highlights-2020-02.md", gen.Months: "highlights-2018-01-b.md",
		gen.Months + 25: "highlights-2020-02-b.md", 25 * gen.Months: "highlights-2018-01-z.md", 26 * gen.Months: "highlights-2018-01-ba.md"}
	for i, name := range want {
		if i >= len(docs) {
			t.Fatalf("only %d documents", len(docs))
		}
		if docs[i].Name != name {
			t.Errorf("document %d is %s, want %s", i, docs[i].Name, name)
		}
	}
	names := map[string]bool{}
	for _, d := range docs {
		if names[d.Name] {
			t.Fatalf("two documents named %s", d.Name)
		}
		names[d.Name] = true
		if !strings.HasPrefix(d.Name, "highlights-"+d.Month) {
			t.Fatalf("%s does not carry its month %s", d.Name, d.Month)
		}
		if d.Activities < 1 || d.Activities > gen.MaxPerDoc {
			t.Fatalf("%s has %d activities", d.Name, d.Activities)
		}
	}
	_ = model.Facets
}

// TestImportAll: a written corpus imports whole through the store's
// pipeline, from its files.
func TestImportAll(t *testing.T) {
	n, seed := 2000, uint64(5)
	dir := t.TempDir()
	g, err := gen.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Write(dir, n, seed); err != nil {
		t.Fatal(err)
	}
	rd, err := reader.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(dir, "unoct.db"), store.Options{ReaderVersion: rd.Version()})
	if err != nil {
		t.Fatal(err)
	}
	got, err := gen.ImportAll(rd, s, gen.Inputs(dir, n, seed))
	if err != nil || got != n {
		t.Fatalf("ImportAll: %d activities, %v; want %d", got, err, n)
	}
	docs, err := s.Documents()
	if err != nil || len(docs) != len(gen.Plan(n, seed)) {
		t.Errorf("%d documents stored (%v), want %d", len(docs), err, len(gen.Plan(n, seed)))
	}
	// A missing file is the error.
	if _, err := gen.ImportAll(rd, s, gen.Inputs(t.TempDir(), 10, seed)); !errors.Is(err, store.ErrUnreadable) {
		t.Errorf("missing files: %v", err)
	}
}
