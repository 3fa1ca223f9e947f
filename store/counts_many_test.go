package store_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/unoct/unoct/model"
)

// TestStore_Counts_ManyValues checks the counts of single-valued facets
// with many values (a hundred documents, which Counts tallies in one
// pass over the matching ids) and of the others against counting the
// matching activities one by one.
func TestStore_Counts_ManyValues(t *testing.T) {
	s := MustCreate(t)
	fill(t, s, 11, 100, 6, 200)
	for _, query := range []model.Query{
		{},
		q("", "pillar", "II"),
		q("", "country", "ML", "country", "KE"),
		q("w1"),
		q("secur", "kind", "visit"),
		q("", "document", "highlights-"+month(3)+".md"),
	} {
		res, err := s.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		acts, err := s.Get(res.IDs...)
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.AllCounts(query)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []model.Facet{model.FacetDoc, model.FacetMonth, model.FacetKind, model.FacetCountry} {
			if len(query.Filters[f]) > 0 {
				continue // counted without the facet's own filter
			}
			want := map[string]int{}
			for _, a := range acts {
				switch f {
				case model.FacetDoc:
					want[a.Source.Document]++
				case model.FacetMonth:
					want[a.Month]++
				case model.FacetKind:
					want[string(a.Kind)]++
				case model.FacetCountry:
					for _, c := range a.Countries {
						want[c.Code]++
					}
				}
			}
			got := map[string]int{}
			for i, v := range all[f] {
				got[v.Value] = v.Count
				if i > 0 && f != model.FacetMonth {
					prev := all[f][i-1]
					if prev.Count < v.Count {
						t.Fatalf("%v %s: %v before %v", query, f, prev, v)
					}
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%v %s: %d values, want %d", query, f, len(got), len(want))
			}
			for v, n := range want {
				if got[v] != n {
					t.Errorf("%v %s=%s: count %d, want %d", query, f, v, got[v], n)
				}
			}
		}
	}
}

// TestStore_Counts_ManyValuesMultiValued does the same for a facet with
// several values per activity and many values (40 partners).
func TestStore_Counts_ManyValuesMultiValued(t *testing.T) {
	s := MustCreate(t)
	r := rand.New(rand.NewPCG(12, 12))
	for d := range 20 {
		m := month(d)
		as := synth(r, m, 10, 30, 100)
		for i := range as {
			as[i].Partners = nil
			for _, p := range r.Perm(40)[:1+r.IntN(4)] {
				as[i].Partners = append(as[i].Partners, model.Entity{Acronym: fmt.Sprintf("P%02d", p), Name: fmt.Sprintf("Partner %d", p), Kind: model.EntityOther})
			}
		}
		mustImport(t, s, newDoc("highlights-"+m+".md", m, as), as)
	}
	for _, query := range []model.Query{q("w2"), q("", "pillar", "I"), q("", "partner", "P07"), q("secur", "country", "ML")} {
		res, err := s.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		acts, err := s.Get(res.IDs...)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Counts(query, model.FacetPartner)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		if len(query.Filters[model.FacetPartner]) > 0 {
			// Counted without the partner filter.
			q2 := query.Clone()
			delete(q2.Filters, model.FacetPartner)
			res, _ := s.Query(q2)
			acts, _ = s.Get(res.IDs...)
		}
		for _, a := range acts {
			for _, p := range a.Partners {
				want[p.Label()]++
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%v: %d partners, want %d", query, len(got), len(want))
		}
		for _, v := range got {
			if want[v.Value] != v.Count {
				t.Errorf("%v partner %s: %d, want %d", query, v.Value, v.Count, want[v.Value])
			}
		}
	}
}
