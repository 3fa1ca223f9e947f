package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// seriesOf returns each stored activity's series, by text.
func seriesOf(t *testing.T, s *store.Store) map[string]string {
	t.Helper()
	page, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, a := range page.Rows {
		out[a.Text] = a.Series
	}
	return out
}

// The store links series whenever documents change: an import links an
// activity to another document's, a correction that marks one as not an
// activity unlinks it and its undo links it again, and a removal leaves
// the others alone. The series facet filters by what it stored.
func TestStore_SeriesFollowDocuments(t *testing.T) {
	s := MustCreate(t)
	const (
		jan = "The Countering Terrorist Travel Programme trained border officers."
		feb = "The CT Travel Programme held a workshop on API/PNR."
		mar = "UNOCT briefed Member States on victims of terrorism."
	)
	const label = "Countering Terrorist Travel Programme"
	aj := acts("2020-01", act{line: 3, text: jan, kind: model.KindTraining, start: "2020-01-10"})
	mustImport(t, s, newDoc("2020-01.md", "2020-01", aj), aj)
	if got := seriesOf(t, s)[jan]; got != "" {
		t.Fatalf("one month alone is no series, got %q", got)
	}
	af := acts("2020-02", act{line: 5, text: feb, kind: model.KindWorkshop, start: "2020-02-12"},
		act{line: 6, text: mar, kind: model.KindBriefing})
	mustImport(t, s, newDoc("2020-02.md", "2020-02", af), af)
	got := seriesOf(t, s)
	if got[jan] != label || got[feb] != label || got[mar] != "" {
		t.Fatalf("after the second month: %q", got)
	}
	members, err := s.Series(label)
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 2 || members[0].Text != jan || members[1].Text != feb {
		t.Fatalf("Series(%q) = %v, want January then February", label, members)
	}
	vals, err := s.Values(model.FacetSeries)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 1 || vals[0].Value != label || vals[0].Count != 2 {
		t.Fatalf("series facet = %v", vals)
	}
	all, err := s.AllSeries()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Rule != "programme" || len(all[0].IDs) != 2 {
		t.Fatalf("AllSeries = %+v", all)
	}

	febID := members[1].ID
	if _, err := s.Fix(febID, func(c *model.Correction) error { c.NotActivity = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if got := seriesOf(t, s); got[jan] != "" {
		t.Fatalf("not an activity continues nothing: January is still in %q", got[jan])
	}
	if vals, _ := s.Values(model.FacetSeries); len(vals) != 0 {
		t.Fatalf("series facet after the correction = %v", vals)
	}
	a, err := s.Fix(febID, func(c *model.Correction) error { return c.Undo(model.FixNotActivity) })
	if err != nil {
		t.Fatal(err)
	}
	if a.Series != label {
		t.Fatalf("Fix returns the activity as linked again, series %q", a.Series)
	}

	if _, err := s.RemoveDocument("2020-02.md"); err != nil {
		t.Fatal(err)
	}
	if got := seriesOf(t, s); got[jan] != "" {
		t.Fatalf("after February's removal January is still in %q", got[jan])
	}
	if members, _ := s.Series(label); len(members) != 0 {
		t.Fatalf("a series gone still lists %v", members)
	}
}

// assertLinked checks that the store's series are those a linking of
// every stored activity gives, and returns each id's series; some says
// that the store must hold a series (else the check tests nothing).
func assertLinked(t *testing.T, s *store.Store, when string, some bool) map[uint32]string {
	t.Helper()
	page, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[uint32]string{}
	for _, a := range page.Rows {
		stored[a.ID] = a.Series
	}
	want, series := model.LinkSeries(page.Rows, nil)
	if len(series) == 0 && some {
		t.Fatalf("%s: no series: the test tests nothing", when)
	}
	if g, w := groups(stored), groups(want); !slices.EqualFunc(g, w, slices.Equal) {
		t.Fatalf("%s: stored series %v, linking every activity %v", when, g, w)
	}
	return stored
}

// Two series with one label (the same work a year apart) get labels of
// their own, so that the facet tells them apart.
func TestLinkSeries_SameLabelTwice(t *testing.T) {
	mali := model.CountryRef{Code: "ML", Name: "Mali"}
	mk := func(id uint32, month string) model.Activity {
		a := act{text: "workshop", kind: model.KindWorkshop, branch: model.BranchUNCCT,
			partners: []model.Entity{unodc}, country: []model.CountryRef{mali}}.activity(month)
		a.ID = id
		return a
	}
	of, series := model.LinkSeries([]model.Activity{mk(4, "2021-03"), mk(1, "2020-01"), mk(3, "2021-02"), mk(2, "2020-02")}, nil)
	if len(series) != 2 {
		t.Fatalf("series = %+v, want two a year apart", series)
	}
	labels := []string{of[1], of[3]}
	if of[1] != of[2] || of[3] != of[4] || labels[0] == labels[1] {
		t.Fatalf("labels = %v", of)
	}
	if !slices.ContainsFunc(labels, func(l string) bool { return l == series[0].Label }) {
		t.Fatalf("Series labels %q and %q differ from the activities'", series[0].Label, series[1].Label)
	}
}

// groups returns the series of activities as sets of ids, whatever
// their labels, in a canonical order.
func groups(of map[uint32]string) [][]uint32 {
	by := map[string][]uint32{}
	for id, l := range of {
		if l != "" {
			by[l] = append(by[l], id)
		}
	}
	var out [][]uint32
	for _, ids := range by {
		slices.Sort(ids)
		out = append(out, ids)
	}
	slices.SortFunc(out, func(a, b []uint32) int { return int(a[0]) - int(b[0]) })
	return out
}

// The series a write links again, from the documents it wrote and the
// series they were in, are the ones linking every activity gives: after
// imports, a new version, a removal and a correction.
func TestStore_SeriesLinkedIncrementally(t *testing.T) {
	s := MustCreate(t)
	fill(t, s, 11, 9, 40, 0)
	check := func(when string) { t.Helper(); assertLinked(t, s, when, when == "after the imports") }
	check("after the imports")
	docs, err := s.Docs()
	if err != nil {
		t.Fatal(err)
	}
	// A new version of the third month, with half its activities.
	third := docs[2]
	old, err := s.Query(model.Query{Filters: map[model.Facet][]string{model.FacetDoc: {third.Name}}})
	if err != nil {
		t.Fatal(err)
	}
	as, err := s.Get(old.IDs...)
	if err != nil {
		t.Fatal(err)
	}
	as = as[:len(as)/2]
	for i := range as {
		as[i].ID, as[i].Series, as[i].Change = 0, "", ""
	}
	mustImport(t, s, newDoc(third.Name, third.Month, as), as)
	check("after a new version")
	if _, err := s.RemoveDocument(docs[4].Name); err != nil {
		t.Fatal(err)
	}
	check("after a removal")
	vals, err := s.Values(model.FacetSeries)
	if err != nil || len(vals) == 0 {
		t.Fatalf("no series left to correct: %v %v", vals, err)
	}
	members, err := s.Series(vals[0].Value)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Fix(members[len(members)/2].ID, func(c *model.Correction) error { c.NotActivity = true; return nil }); err != nil {
		t.Fatal(err)
	}
	check("after a correction")
}

// A store written before series (records without one, another facet
// fingerprint) is linked when it re-indexes, on its first open.
func TestStore_Open_LinksSeriesOfAnOlderStore(t *testing.T) {
	s := MustCreate(t)
	fill(t, s, 11, 9, 40, 0)
	want, err := s.AllSeries()
	if err != nil || len(want) == 0 {
		t.Fatalf("no series to lose: %v %v", want, err)
	}
	editBolt(t, s.Path(), func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("meta")).Put([]byte("facets"), []byte("before series")); err != nil {
			return err
		}
		acts := tx.Bucket([]byte("acts"))
		var puts [][2][]byte
		err := acts.ForEach(func(k, v []byte) error {
			// An older store's record: JSON, without a series.
			var rec model.Activity
			if err := store.DecodeActivity(v, &rec); err != nil {
				return err
			}
			rec.Series = ""
			enc, err := json.Marshal(rec)
			puts = append(puts, [2][]byte{bytes.Clone(k), enc})
			return err
		})
		if err != nil {
			return err
		}
		for _, p := range puts {
			if err := acts.Put(p[0], p[1]); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("idx")).DeleteBucket([]byte(model.FacetSeries))
	})
	s2 := MustOpen(t, s.Path())
	got, err := s2.AllSeries()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("series after the re-index:\n got %+v\nwant %+v", got, want)
	}
}

// jsonReader reads a document that is its activities as JSON; version
// "v2" reads every third activity as a workshop of UNCCT with no
// partner, so that a re-derivation moves activities between series.
type jsonReader struct{ version string }

func (r jsonReader) Version() string { return "json-" + r.version }

func (r jsonReader) Derive(name string, raw []byte, month string) (model.Derived, error) {
	var as []model.Activity
	if err := json.Unmarshal(raw, &as); err != nil {
		return model.Derived{}, err
	}
	if r.version == "v2" {
		for i := range as {
			if i%3 == 0 {
				as[i].Kind, as[i].Branch, as[i].Partners = model.KindWorkshop, model.BranchUNCCT, nil
			}
		}
	}
	return model.Derived{Doc: model.Document{Name: name, Month: as[0].Month, Raw: raw}, Activities: as}, nil
}

// TestRederive_SeriesRelinked: a re-derivation over several batches
// whose new reading moves activities between series ends with the
// series a linking of every activity gives.
func TestRederive_SeriesRelinked(t *testing.T) {
	s := MustCreate(t)
	// More than two batches of documents.
	inputs := seriesInputs(t, rand.New(rand.NewPCG(5, 1)), 600, 60, 4)
	if err := s.ImportInputs(jsonReader{"v1"}, inputs, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	check := func(when string) map[uint32]string { t.Helper(); return assertLinked(t, s, when, true) }
	before := check("after the import")
	batches := 0
	restore := store.SetRederiveBatchHook(func() error { batches++; return nil })
	defer restore()
	if err := s.Rederive(jsonReader{"v2"}, nil); err != nil {
		t.Fatal(err)
	}
	if batches < 3 {
		t.Fatalf("%d batches: the test wants several", batches)
	}
	after := check("after the re-derivation")
	if slices.EqualFunc(groups(before), groups(after), slices.Equal) {
		t.Fatal("the new reading changed no series: the test tests nothing")
	}
}

// TestRederive_SameReadingIndexesNothing: a new reader version that
// reads every document as before rewrites no activity and moves none in
// the indexes, series included (the store links series, not the reader,
// so a fresh reading has none until the store links it again).
func TestRederive_SameReadingIndexesNothing(t *testing.T) {
	s := MustCreate(t)
	inputs := seriesInputs(t, rand.New(rand.NewPCG(7, 2)), 120, 24, 4)
	if err := s.ImportInputs(jsonReader{"v1"}, inputs, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before := assertLinked(t, s, "after the import", true)
	if len(before) == 0 {
		t.Fatal("no activity in a series: the test tests nothing")
	}
	indexed := 0
	restore := store.SetIndexHook(func(uint32) { indexed++ })
	defer restore()
	if err := s.Rederive(jsonReader{"v1-again"}, nil); err != nil {
		t.Fatal(err)
	}
	if indexed != 0 {
		t.Errorf("a re-derivation that read every document as before indexed %d activities again, want 0", indexed)
	}
	after := assertLinked(t, s, "after the re-derivation", true)
	if !maps.Equal(before, after) {
		t.Errorf("series changed by a re-derivation that read everything as before")
	}
}

// seriesInputs is docs documents of perDoc synthetic activities each,
// over months months, as JSON for jsonReader.
func seriesInputs(t *testing.T, r *rand.Rand, docs, months, perDoc int) []store.Input {
	t.Helper()
	var inputs []store.Input
	for d := range docs {
		m := month(d % months)
		raw, err := json.Marshal(synth(r, m, 10, perDoc, 0))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, store.Input{Name: fmt.Sprintf("%s-%03d.md", m, d), Raw: raw})
	}
	return inputs
}

// TestImportInputs_SeriesLinkedLater: an import of many batches links
// its series by a later batch, and ends with every series linked as a
// linking of every activity would.
func TestImportInputs_SeriesLinkedLater(t *testing.T) {
	s := MustCreate(t)
	batches := 0
	restore := store.SetImportHook(func() error { batches++; return nil })
	defer restore()
	if err := s.ImportInputs(jsonReader{"v1"}, seriesInputs(t, rand.New(rand.NewPCG(11, 9)), 300, 24, 10), store.ImportOptions{BatchActivities: 200}); err != nil {
		t.Fatal(err)
	}
	if batches < 10 {
		t.Fatalf("%d documents written: the test wants many batches", batches)
	}
	assertLinked(t, s, "after an import of many batches", true)
}

// TestImportInputs_SeriesDueAfterFailure: an import that fails midway
// leaves the series of its stored batches to link, and the next write,
// of any kind, links them.
func TestImportInputs_SeriesDueAfterFailure(t *testing.T) {
	s := MustCreate(t)
	inputs := seriesInputs(t, rand.New(rand.NewPCG(12, 9)), 300, 24, 10)
	docs := 0
	restore := store.SetImportHook(func() error {
		if docs++; docs == 250 {
			return errors.New("disk full")
		}
		return nil
	})
	err := s.ImportInputs(jsonReader{"v1"}, inputs, store.ImportOptions{BatchActivities: 200})
	restore()
	if err == nil {
		t.Fatal("the import did not fail")
	}
	page, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) == 0 || len(page.Rows) >= 3000 {
		t.Fatalf("%d activities stored: the failure must come midway", len(page.Rows))
	}
	linked := false
	for _, a := range page.Rows {
		linked = linked || a.Series != ""
	}
	if linked {
		t.Fatal("the batches before the failure linked their series: the test tests nothing")
	}
	// Any write: here, the removal of a document.
	if _, err := s.RemoveDocument(inputs[0].Name); err != nil {
		t.Fatal(err)
	}
	assertLinked(t, s, "after the next write", true)
}
