package store_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// The fixture: two documents, five activities with hand-picked facets.
func febActs() []model.Activity {
	return acts("2020-02",
		act{line: 10, text: "UNOCT and UNODC held a counterterrorism workshop in Bamako", start: "2020-02-14",
			kind: model.KindWorkshop, branch: model.BranchUNCCT, section: "Capacity-building",
			pillars: []model.Pillar{model.PillarII}, partners: []model.Entity{unodc, cted, eu},
			people: []string{"Vladimir Voronkov"}, country: []model.CountryRef{mali}, regions: []string{"Western Africa"}, city: "Bamako"},
		act{line: 20, text: "Briefing on victims of terrorism", start: "2020-02-03",
			kind: model.KindBriefing, branch: model.BranchOUSG, section: "Victims of terrorism",
			pillars: []model.Pillar{model.PillarIV}, partners: []model.Entity{hedayah},
			country: []model.CountryRef{civ}, regions: []string{"Western Africa"}},
		act{line: 30, text: "Launch of the aviation security programme",
			kind: model.KindLaunch, branch: model.BranchSPIB, section: "Capacity-building",
			pillars: []model.Pillar{model.PillarII, model.PillarIII}, partners: []model.Entity{interpol},
			country: []model.CountryRef{kenya}, regions: []string{"Eastern Africa"}},
	)
}

func marActs() []model.Activity {
	return acts("2020-03",
		act{line: 12, text: "Regional dialogue on returnees", start: "2020-03-05",
			kind: model.KindMeeting, branch: model.BranchUNCCT, section: "Counter-Terrorism Coordination",
			pillars: []model.Pillar{model.PillarI}, partners: []model.Entity{eu, unodc},
			country: []model.CountryRef{uzbek}, regions: []string{"Central Asia"}, city: "Tashkent"},
		act{line: 14, text: "Conference on border security", start: "2020-02-28",
			kind: model.KindConference, branch: model.BranchUNCCT, section: "Counter-Terrorism Coordination",
			pillars: []model.Pillar{model.PillarII}, partners: []model.Entity{au},
			country: []model.CountryRef{niger}, regions: []string{"Western Africa"}, city: "Niamey"},
	)
}

const (
	febName = "highlights-2020-02.md"
	marName = "highlights-2020-03.md"
)

// fixture makes a store holding the two fixture documents.
func fixture(t *testing.T) *store.Store {
	t.Helper()
	s := MustCreate(t)
	feb, mar := febActs(), marActs()
	mustImport(t, s, newDoc(febName, "2020-02", feb), feb)
	mustImport(t, s, newDoc(marName, "2020-03", mar), mar)
	return s
}

// idOf finds the id of the activity on a document line.
func idOf(t *testing.T, s *store.Store, doc string, line int) uint32 {
	t.Helper()
	res, err := s.Query(model.Query{})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Get(res.IDs...)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.Source.Document == doc && a.Source.Line == line {
			return a.ID
		}
	}
	t.Fatalf("no activity on %s line %d", doc, line)
	return 0
}

// lines maps a query's result to "doc:line" strings, in order.
func lines(t *testing.T, s *store.Store, q model.Query) []string {
	t.Helper()
	res, err := s.Query(q)
	if err != nil {
		t.Fatalf("Query(%v): %v", q, err)
	}
	got, err := s.Get(res.IDs...)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(got))
	for i, a := range got {
		out[i] = strings.TrimSuffix(strings.TrimPrefix(a.Source.Document, "highlights-2020-"), ".md") + ":" + itoa(a.Source.Line)
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }

func q(search string, kv ...string) model.Query {
	out := model.Query{Search: search, Filters: map[model.Facet][]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		f := model.Facet(kv[i])
		out.Filters[f] = append(out.Filters[f], kv[i+1])
	}
	return out
}

func mustCheck(t *testing.T, s *store.Store) {
	t.Helper()
	if err := s.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
}

func generation(t *testing.T, s *store.Store) uint64 {
	t.Helper()
	g, err := s.Generation()
	if err != nil {
		t.Fatal(err)
	}
	return g.Gen
}

// ---- opening ----

func TestStore_Open_CreatesDirAndFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	path := filepath.Join(dir, "unoct.db")
	s := MustOpen(t, path)
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s has mode %v, want %v", p, got, want)
		}
	}
	if empty, err := s.IsEmpty(); err != nil || !empty {
		t.Errorf("IsEmpty() = %v, %v; want true", empty, err)
	}
	if g := generation(t, s); g != 0 {
		t.Errorf("Generation() = %d on a new store", g)
	}
	res, err := s.Query(model.Query{})
	if err != nil || len(res.IDs) != 0 || res.Total != 0 {
		t.Errorf("Query on a new store = %+v, %v", res, err)
	}
	mustCheck(t, s)
	// Reopening an existing store works and finds it as it was.
	s2 := MustOpen(t, path)
	if empty, _ := s2.IsEmpty(); !empty {
		t.Error("reopened store is not empty")
	}
}

func TestStore_Open_EmptyFileIsInitialized(t *testing.T) {
	path := filepath.Join(t.TempDir(), "unoct.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := MustOpen(t, path)
	mustCheck(t, s)
}

// ---- importing ----

func TestStore_Import_Added(t *testing.T) {
	s := MustCreate(t)
	feb := febActs()
	doc := newDoc(febName, "2020-02", feb)
	res := mustImport(t, s, doc, feb)
	want := store.ImportResult{Document: febName, Month: "2020-02", Status: store.Added, Activities: 3}
	if res != want {
		t.Errorf("Import = %+v, want %+v", res, want)
	}
	if feb[0].ID != 0 || feb[0].Source.Document != "" {
		t.Error("Import modified the caller's activities")
	}
	docs, err := s.Documents()
	if err != nil || len(docs) != 1 || docs[0].Name != febName || docs[0].Activities != 3 || docs[0].Raw != nil {
		t.Fatalf("Documents() = %+v, %v", docs, err)
	}
	got, err := s.Document(febName)
	if err != nil || string(got.Raw) != string(doc.Raw) || got.Hash != doc.Hash {
		t.Fatalf("Document() = %+v, %v", got, err)
	}
	if _, err := s.Document("nope.md"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(nope) err = %v, want ErrNotFound", err)
	}
	if g := generation(t, s); g != 1 {
		t.Errorf("generation after one import = %d, want 1", g)
	}
	mustCheck(t, s)
}

func TestStore_Import_Idempotent(t *testing.T) {
	s := fixture(t)
	before := generation(t, s)
	feb := febActs()
	doc := newDoc(febName, "2020-02", feb)
	res := mustImport(t, s, doc, feb)
	if res.Status != store.Unchanged || res.Activities != 3 || res.SameAs != "" {
		t.Errorf("re-import = %+v, want Unchanged with 3 activities", res)
	}
	// The same content under another name is the same document.
	doc.Name = "copy-of-feb.md"
	res = mustImport(t, s, doc, feb)
	if res.Status != store.Unchanged || res.SameAs != febName {
		t.Errorf("import of a copy = %+v, want Unchanged, SameAs %s", res, febName)
	}
	if g := generation(t, s); g != before {
		t.Errorf("generation moved from %d to %d on unchanged imports", before, g)
	}
	docs, _ := s.Documents()
	if len(docs) != 2 {
		t.Errorf("%d documents after unchanged imports, want 2", len(docs))
	}
	res2, _ := s.Query(model.Query{})
	if len(res2.IDs) != 5 {
		t.Errorf("%d activities, want 5", len(res2.IDs))
	}
}

func TestStore_Import_Replace(t *testing.T) {
	s := fixture(t)
	id10 := idOf(t, s, febName, 10)
	id20 := idOf(t, s, febName, 20)
	id30 := idOf(t, s, febName, 30)

	// Version 2: line 10 touched up (other partner, some other words), line 20
	// gone, line 30 as it was, line 40 new.
	v2 := acts("2020-02",
		act{line: 10, text: "UNOCT and UNODC held a counterterrorism cybersecurity training in Bamako", start: "2020-02-14",
			kind: model.KindTraining, branch: model.BranchUNCCT, section: "Capacity-building",
			pillars: []model.Pillar{model.PillarII}, partners: []model.Entity{unodc},
			country: []model.CountryRef{mali}, regions: []string{"Western Africa"}, city: "Bamako"},
		act{line: 30, text: "Launch of the aviation security programme",
			kind: model.KindLaunch, branch: model.BranchSPIB, section: "Capacity-building",
			pillars: []model.Pillar{model.PillarII, model.PillarIII}, partners: []model.Entity{interpol},
			country: []model.CountryRef{kenya}, regions: []string{"Eastern Africa"}},
		act{line: 40, text: "New youth engagement project", start: "2020-02-20",
			kind: model.KindLaunch, branch: model.BranchSPIB, section: "Special Projects and Innovation",
			pillars: []model.Pillar{model.PillarI}, partners: []model.Entity{eu},
			country: []model.CountryRef{iraq}, regions: []string{"Western Asia"}},
	)
	before := generation(t, s)
	res := mustImport(t, s, newDoc(febName, "2020-02", v2), v2)
	if res.Status != store.Replaced || res.Activities != 3 || res.Removed != 3 {
		t.Errorf("replace = %+v, want Replaced, 3 activities, 3 removed", res)
	}
	if g := generation(t, s); g != before+1 {
		t.Errorf("generation %d after replace, want %d", g, before+1)
	}
	if got := idOf(t, s, febName, 10); got != id10 {
		t.Errorf("line 10 changed id: %d -> %d", id10, got)
	}
	if got := idOf(t, s, febName, 30); got != id30 {
		t.Errorf("line 30 changed id: %d -> %d", id30, got)
	}
	if id40 := idOf(t, s, febName, 40); id40 == id20 || id40 == id10 || id40 == id30 {
		t.Errorf("line 40 reused an old id %d", id40)
	}
	if _, err := s.Activity(id20); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("activity of removed line 20: err %v, want ErrNotFound", err)
	}
	a10, err := s.Activity(id10)
	if err != nil || a10.Kind != model.KindTraining || a10.ID != id10 {
		t.Errorf("line 10 not replaced: %+v, %v", a10, err)
	}

	// The old version left every index.
	for _, c := range []struct {
		f     model.Facet
		value string
	}{
		{model.FacetPartner, "Hedayah"}, // only line 20 had it
		{model.FacetPartner, "CTED"},    // only old line 10
		{model.FacetCountry, "CI"},      // only line 20
		{model.FacetKind, string(model.KindWorkshop)},
		{model.FacetKind, string(model.KindBriefing)},
		{model.FacetPillar, "IV"},
		{model.FacetSection, "Victims of terrorism"},
		{model.FacetBranch, string(model.BranchOUSG)},
	} {
		vals, err := s.Values(c.f)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if v.Value == c.value {
				t.Errorf("%s %q still listed after replace (%d)", c.f, c.value, v.Count)
			}
		}
		if got := lines(t, s, q("", string(c.f), c.value)); len(got) != 0 {
			t.Errorf("%s=%s still matches %v", c.f, c.value, got)
		}
	}
	for _, word := range []string{"victims", "voronkov", "hedayah", "workshop", "cted"} {
		if got := lines(t, s, q(word)); len(got) != 0 {
			t.Errorf("search %q still finds %v after replace", word, got)
		}
	}
	if got := lines(t, s, q("cybersecurity")); !slices.Equal(got, []string{"02:10"}) {
		t.Errorf("search for the new text = %v", got)
	}
	// Still shared values keep counting the other document.
	if got := lines(t, s, q("", "partner", "UNODC")); !slices.Equal(got, []string{"02:10", "03:12"}) {
		t.Errorf("partner UNODC = %v", got)
	}
	mustCheck(t, s)
}

func TestStore_Import_DuplicateLineRefused(t *testing.T) {
	s := fixture(t)
	before := generation(t, s)
	dup := febActs()
	dup[1].Source.Line = dup[0].Source.Line
	dup[0].Text = "changed so that the hash differs"
	_, err := s.Import(newDoc(febName, "2020-02", dup), dup)
	if !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("duplicate line: err = %v, want ErrInvalid", err)
	}
	if !strings.Contains(err.Error(), "line 10") {
		t.Errorf("message does not name the line: %v", err)
	}
	if g := generation(t, s); g != before {
		t.Errorf("generation moved on a refused import")
	}
	if got := lines(t, s, q("")); len(got) != 5 {
		t.Errorf("store changed: %v", got)
	}
}

func TestStore_Import_Invalid(t *testing.T) {
	good := febActs()
	for name, mutate := range map[string]func(*model.Document, []model.Activity) []model.Activity{
		"no name":     func(d *model.Document, a []model.Activity) []model.Activity { d.Name = ""; return a },
		"NUL in name": func(d *model.Document, a []model.Activity) []model.Activity { d.Name = "a\x00b"; return a },
		"bad month":   func(d *model.Document, a []model.Activity) []model.Activity { d.Month = "2020-13"; return a },
		"short month": func(d *model.Document, a []model.Activity) []model.Activity { d.Month = "2020-2"; return a },
		"wrong hash": func(d *model.Document, a []model.Activity) []model.Activity {
			d.Hash = strings.Repeat("0", 64)
			return a
		},
		"no raw":         func(d *model.Document, a []model.Activity) []model.Activity { d.Raw = nil; d.Hash = ""; return a },
		"line zero":      func(d *model.Document, a []model.Activity) []model.Activity { a[0].Source.Line = 0; return a },
		"other document": func(d *model.Document, a []model.Activity) []model.Activity { a[0].Source.Document = "x.md"; return a },
		"other month":    func(d *model.Document, a []model.Activity) []model.Activity { a[0].Month = "2019-01"; return a },
		"huge value": func(d *model.Document, a []model.Activity) []model.Activity {
			a[0].Section = strings.Repeat("x", 5000)
			return a
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := MustCreate(t)
			as := slices.Clone(good)
			doc := newDoc(febName, "2020-02", as)
			as = mutate(&doc, as)
			if _, err := s.Import(doc, as); !errors.Is(err, store.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if empty, _ := s.IsEmpty(); !empty {
				t.Error("something was stored")
			}
			if g := generation(t, s); g != 0 {
				t.Error("generation moved")
			}
		})
	}
}

func TestStore_Import_EmptyHashIsComputed(t *testing.T) {
	s := MustCreate(t)
	feb := febActs()
	doc := newDoc(febName, "2020-02", feb)
	want := doc.Hash
	doc.Hash = ""
	mustImport(t, s, doc, feb)
	got, _ := s.Document(febName)
	if got.Hash != want {
		t.Errorf("hash = %q, want %q", got.Hash, want)
	}
}

// snapshot captures everything a reader can see of a store.
func snapshot(t *testing.T, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(itoa(int(generation(t, s))))
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		b.WriteString("|" + d.Name + ":" + d.Hash)
	}
	res, _ := s.Query(model.Query{})
	as, _ := s.Get(res.IDs...)
	for _, a := range as {
		b.WriteString("|" + itoa(int(a.ID)) + a.Text)
	}
	all, _ := s.AllCounts(model.Query{})
	for _, f := range model.Facets {
		for _, v := range all[f] {
			b.WriteString("|" + v.Value + "=" + itoa(v.Count))
		}
	}
	return b.String()
}

func TestStore_Import_AllOrNothing(t *testing.T) {
	s := fixture(t)
	before := snapshot(t, s)
	boom := errors.New("injected failure")

	// A failure half-way through the transaction: after the activities
	// are written, before the indexes are.
	restore := store.SetImportHook(func() error { return boom })
	v2 := marActs()
	v2[0].Text = "rewritten"
	_, errReplace := s.Import(newDoc(marName, "2020-03", v2), v2)
	newer := acts("2020-04", act{line: 5, text: "April activity"})
	_, errAdd := s.Import(newDoc("highlights-2020-04.md", "2020-04", newer), newer)
	restore()
	for _, err := range []error{errReplace, errAdd} {
		if !errors.Is(err, boom) {
			t.Errorf("err = %v, want the injected failure", err)
		}
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("store changed by failed imports:\nbefore %s\nafter  %s", before, after)
	}

	// A document that cannot be encoded (NaN) is refused as a whole.
	doc := newDoc(marName, "2020-03", v2)
	nan := math.NaN()
	doc.Facts.ContributionsUSD = &nan
	if _, err := s.Import(doc, v2); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("NaN facts: err = %v, want ErrInvalid", err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("store changed by an unencodable document")
	}
	mustCheck(t, s)

	// And the same imports succeed once nothing fails.
	mustImport(t, s, newDoc(marName, "2020-03", v2), v2)
	mustCheck(t, s)
}

func TestStore_Remove(t *testing.T) {
	s := fixture(t)
	id := idOf(t, s, marName, 12)
	if err := s.Remove(marName); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Activity(id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("activity of removed document: %v", err)
	}
	if _, err := s.Document(marName); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed document: %v", err)
	}
	if got := lines(t, s, q("", "region", "Central Asia")); len(got) != 0 {
		t.Errorf("region of removed document still matches %v", got)
	}
	if err := s.Remove(marName); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second Remove: %v, want ErrNotFound", err)
	}
	mustCheck(t, s)
	// Removing everything leaves an empty, sound store.
	if err := s.Remove(febName); err != nil {
		t.Fatal(err)
	}
	if empty, _ := s.IsEmpty(); !empty {
		t.Error("not empty after removing every document")
	}
	for _, f := range model.Facets {
		if vals, _ := s.Values(f); len(vals) != 0 {
			t.Errorf("%s values left: %v", f, vals)
		}
	}
	mustCheck(t, s)
}

func TestStore_Documents_SortedByMonth(t *testing.T) {
	s := MustCreate(t)
	for _, m := range []string{"2021-01", "2020-05", "2020-11"} {
		as := acts(m, act{line: 1, text: m})
		mustImport(t, s, newDoc("z-"+m+".md", m, as), as)
	}
	as := acts("2020-05", act{line: 1, text: "a"})
	mustImport(t, s, newDoc("a-2020-05.md", "2020-05", as), as)
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.Name)
	}
	want := []string{"a-2020-05.md", "z-2020-05.md", "z-2020-11.md", "z-2021-01.md"}
	if !slices.Equal(names, want) {
		t.Errorf("Documents() = %v, want %v", names, want)
	}
}
