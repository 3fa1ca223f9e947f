package store_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// Ensure that Screen answers as Query, AllCounts and Get do, and that
// Without counts what dropping each filter (or the search) would match.
func TestStore_Screen_AgreesWithSeparateCalls(t *testing.T) {
	s := fixture(t)
	for _, query := range []model.Query{
		{},
		q("", "kind", "workshop", "kind", "meeting"),
		q("unodc", "region", "Western Africa"),
		q("", "country", "ML", "kind", "launch"),
		q("zzzz", "pillar", "II"),
	} {
		sc, err := s.Screen(query, store.Page{Offset: 1, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		res, _ := s.Query(query)
		if !slices.Equal(sc.IDs, res.IDs) || sc.Total != res.Total || sc.Generation != res.Generation {
			t.Errorf("%v: ids %v total %d gen %d; Query gives %v %d %d", query, sc.IDs, sc.Total, sc.Generation, res.IDs, res.Total, res.Generation)
		}
		counts, _ := s.AllCounts(query)
		if !reflect.DeepEqual(sc.Counts, counts) {
			t.Errorf("%v: counts differ from AllCounts", query)
		}
		lo := min(1, len(res.IDs))
		want, _ := s.Get(res.IDs[lo:min(lo+2, len(res.IDs))]...)
		if sc.Offset != lo || !reflect.DeepEqual(sc.Rows, want) {
			t.Errorf("%v: rows at %d = %d rows, want %d", query, sc.Offset, len(sc.Rows), len(want))
		}
		for f := range query.Filters {
			q2 := query.Clone()
			delete(q2.Filters, f)
			r2, _ := s.Query(q2)
			if got := sc.Without[f]; got != len(r2.IDs) {
				t.Errorf("%v: without %s = %d, want %d", query, f, got, len(r2.IDs))
			}
		}
		wantNoSearch := -1
		if query.Search != "" {
			q2 := query.Clone()
			q2.Search = ""
			r2, _ := s.Query(q2)
			wantNoSearch = len(r2.IDs)
		}
		if sc.WithoutSearch != wantNoSearch {
			t.Errorf("%v: without search = %d, want %d", query, sc.WithoutSearch, wantNoSearch)
		}
		if want := (model.Totals{Activities: len(res.IDs)}); sc.Totals != want {
			t.Errorf("%v: totals not asked for = %+v, want %+v", query, sc.Totals, want)
		}
		withTotals, err := s.Screen(query, store.Page{Totals: true})
		if err != nil {
			t.Fatal(err)
		}
		if tot, _ := s.Totals(query); withTotals.Totals != tot {
			t.Errorf("%v: screen totals %+v, Totals gives %+v", query, withTotals.Totals, tot)
		}
	}
}
