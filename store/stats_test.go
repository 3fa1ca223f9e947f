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

func intp(n int) *int { return &n }

// Totals sum the headcounts the texts give, mark a lower bound, and
// count distinct countries and partners once however many activities
// name them; they survive a re-import and agree with a sum over the
// activities themselves.
func TestStore_Totals(t *testing.T) {
	s := MustCreate(t)
	as := acts("2021-01",
		act{line: 1, text: "a", kind: model.KindTraining, pillars: []model.Pillar{model.PillarIV}, partners: []model.Entity{unodc, eu}, country: []model.CountryRef{mali, niger}},
		act{line: 2, text: "b", kind: model.KindTraining, pillars: []model.Pillar{model.PillarIV}, partners: []model.Entity{unodc}, country: []model.CountryRef{mali}},
		act{line: 3, text: "c", kind: model.KindBriefing, pillars: []model.Pillar{model.PillarII}, partners: []model.Entity{au}, country: []model.CountryRef{kenya}},
		act{line: 4, text: "d", kind: model.KindBriefing, pillars: []model.Pillar{model.PillarII}},
	)
	as[0].Participants = model.Participants{People: intp(40), MemberStates: intp(5)}
	as[1].Participants = model.Participants{People: intp(100), Approximate: true, MemberStates: intp(5)}
	as[2].Participants = model.Participants{People: intp(25), Approximate: true, Estimate: true}
	mustImport(t, s, newDoc("2021-01.md", "2021-01", as), as)

	tot, err := s.Totals(model.Query{})
	if err != nil {
		t.Fatal(err)
	}
	want := model.Totals{Activities: 4, Participants: 165, LowerBound: true, Estimated: true, Headcounts: 3, Countries: 3, Partners: 3}
	if tot != want {
		t.Errorf("Totals() = %+v, want %+v", tot, want)
	}
	if got := tot.ParticipantsText() + ", " + tot.CoverageText(); got != "≥ 165, headcount given for 3 of 4" {
		t.Errorf("text %q", got)
	}

	tot, _ = s.Totals(q("", "kind", "briefing"))
	want = model.Totals{Activities: 2, Participants: 25, Estimated: true, Headcounts: 1, Countries: 1, Partners: 1}
	if tot != want {
		t.Errorf("briefings = %+v, want %+v", tot, want)
	}
	// "some 25" is an estimate, not a lower bound: "about", never "≥".
	if got := tot.ParticipantsText(); got != "about 25" {
		t.Errorf("briefings' participants read %q, want about 25", got)
	}

	st, err := s.Stats(model.Query{}, model.FacetPillar)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range st.Values {
		var want model.Totals
		switch v.Value {
		case "IV":
			want = model.Totals{Activities: 2, Participants: 140, LowerBound: true, Headcounts: 2, Countries: 2, Partners: 2}
		case "II":
			want = model.Totals{Activities: 2, Participants: 25, Estimated: true, Headcounts: 1, Countries: 1, Partners: 1}
		}
		if st.ValueTotals[i] != want {
			t.Errorf("pillar %s totals %+v, want %+v", v.Value, st.ValueTotals[i], want)
		}
	}
	st, _ = s.Stats(q("", "pillar", "IV", "country", "NE"), model.FacetPillar)
	want = model.Totals{Activities: 1, Participants: 40, Headcounts: 1, Countries: 2, Partners: 2}
	if st.Totals != want || len(st.ValueTotals) != 1 || st.ValueTotals[0] != want {
		t.Errorf("pillar IV in Niger: %+v %+v, want %+v", st.Totals, st.ValueTotals, want)
	}
	if tot, _ := s.Totals(q("", "country", "ZZ")); tot != (model.Totals{}) {
		t.Errorf("nothing matched: %+v", tot)
	}
}
