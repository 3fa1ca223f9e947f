package store_test

import (
	"testing"

	"github.com/unoct/unoct/model"
)

// Stats applies the charted facet's own filter, where Counts (a facet
// pane's "what would one more value add") leaves it out.
func TestStore_Stats_FilterOnChartedFacetApplies(t *testing.T) {
	s := fixture(t)
	query := q("", "region", "Western Africa")
	st, err := s.Stats(query, model.FacetRegion)
	if err != nil {
		t.Fatal(err)
	}
	want := len(lines(t, s, query))
	if st.Matched != want || len(st.Values) != 1 || st.Values[0].Value != "Western Africa" || st.Values[0].Count != want {
		t.Errorf("Stats by region within Western Africa = %d matched, %+v; want only Western Africa %d", st.Matched, st.Values, want)
	}
	pane, err := s.Counts(query, model.FacetRegion)
	if err != nil {
		t.Fatal(err)
	}
	if len(pane) < 2 {
		t.Errorf("Counts (the pane's meaning) should still list the other regions: %+v", pane)
	}

	// Pillar II: II alone, although its activities have other pillars.
	st, err = s.Stats(q("", "pillar", "II"), model.FacetPillar)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Values) != 1 || count(st.Values, "II") != 3 || st.Matched != 3 {
		t.Errorf("pillar II: %+v, %d matched; want II 3 alone, 3", st.Values, st.Matched)
	}
	// Two values: each counted within the activities that have either.
	st, err = s.Stats(q("", "pillar", "II", "pillar", "I", "branch", "UNCCT"), model.FacetPillar)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Values) != 2 || st.Matched != 3 {
		t.Errorf("pillars I or II of UNCCT: %+v, %d matched; want I and II, 3", st.Values, st.Matched)
	}

	// A selected value no activity has still shows, at zero.
	st, err = s.Stats(q("", "country", "ZZ"), model.FacetCountry)
	if err != nil {
		t.Fatal(err)
	}
	if st.Matched != 0 || count(st.Values, "ZZ") != 0 {
		t.Errorf("unknown country: %+v", st)
	}

	// No filter: every activity.
	st, err = s.Stats(model.Query{}, model.FacetKind)
	if err != nil {
		t.Fatal(err)
	}
	if st.Matched != 5 {
		t.Errorf("no filter matched %d, want 5", st.Matched)
	}
}
