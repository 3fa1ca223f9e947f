package store_test

import (
	"testing"

	"github.com/unoct/unoct/model"
)

// TestStore_Stats_ScopedTotals: a filtered count (`unoct stats --pillar
// IV --by country`) sums its values from tables of the matching ids
// alone; each value's totals are those Totals gives for the query with
// that value chosen, which reads the facets' tables of every id, before
// and after those tables exist.
func TestStore_Stats_ScopedTotals(t *testing.T) {
	s := MustCreate(t)
	as := acts("2021-01",
		act{line: 1, text: "a", kind: model.KindTraining, pillars: []model.Pillar{model.PillarIV}, partners: []model.Entity{unodc, eu}, country: []model.CountryRef{mali, niger}},
		act{line: 2, text: "b", kind: model.KindTraining, pillars: []model.Pillar{model.PillarIV}, partners: []model.Entity{unodc}, country: []model.CountryRef{mali}},
		act{line: 3, text: "c", kind: model.KindBriefing, pillars: []model.Pillar{model.PillarII}, partners: []model.Entity{au}, country: []model.CountryRef{kenya}},
		act{line: 4, text: "d", kind: model.KindBriefing, pillars: []model.Pillar{model.PillarII, model.PillarIV}, country: []model.CountryRef{niger}},
		act{line: 5, text: "e", kind: model.KindTraining, pillars: []model.Pillar{model.PillarIV}, partners: []model.Entity{au}, country: []model.CountryRef{kenya, niger}},
	)
	as[0].Participants = model.Participants{People: intp(40)}
	as[1].Participants = model.Participants{People: intp(100), Approximate: true}
	as[2].Participants = model.Participants{People: intp(25), Approximate: true, Estimate: true}
	as[4].Participants = model.Participants{People: intp(7)}
	mustImport(t, s, newDoc("2021-01.md", "2021-01", as), as)

	for round := range 2 {
		for _, query := range []model.Query{q("", "pillar", "IV"), q("", "kind", "training"), q("", "country", "NE"), q("", "pillar", "II", "kind", "briefing")} {
			for _, f := range []model.Facet{model.FacetCountry, model.FacetPartner, model.FacetPillar} {
				st, err := s.Stats(query, f)
				if err != nil {
					t.Fatal(err)
				}
				all, err := s.Totals(query)
				if err != nil {
					t.Fatal(err)
				}
				if st.Totals != all {
					t.Errorf("round %d, %v by %s: totals %+v, Totals %+v", round, query.Filters, f, st.Totals, all)
				}
				for i, v := range st.Values {
					one := q("")
					for k, vs := range query.Filters {
						one.Filters[k] = vs
					}
					one.Filters[f] = []string{v.Value}
					want, err := s.Totals(one)
					if err != nil {
						t.Fatal(err)
					}
					if st.ValueTotals[i] != want {
						t.Errorf("round %d, %v by %s, value %s: %+v, want %+v", round, query.Filters, f, v.Value, st.ValueTotals[i], want)
					}
				}
			}
		}
	}
}
