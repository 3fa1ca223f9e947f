package store_test

import (
	"slices"
	"testing"

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
	of, series := model.LinkSeries([]model.Activity{mk(4, "2021-03"), mk(1, "2020-01"), mk(3, "2021-02"), mk(2, "2020-02")})
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
