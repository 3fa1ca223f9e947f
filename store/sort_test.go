package store_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// sortFixture is five activities whose keys disagree with their date
// order: line 1 is the earliest, line 5 the latest.
func sortFixture(t *testing.T) *store.Store {
	t.Helper()
	people := func(n int) *int { return &n }
	as := acts("2020-05",
		act{line: 1, text: "first", start: "2020-05-01", kind: model.KindWorkshop, city: "Niamey", country: []model.CountryRef{niger}, partners: []model.Entity{unodc}},
		act{line: 2, text: "second", start: "2020-05-02", kind: model.KindBriefing, city: "Bamako", country: []model.CountryRef{mali}, partners: []model.Entity{unodc, cted, eu}},
		act{line: 3, text: "third", start: "2020-05-03", kind: model.KindTraining},
		act{line: 4, text: "fourth", start: "2020-05-04", kind: model.KindBriefing, city: "Nairobi", country: []model.CountryRef{kenya}, partners: []model.Entity{eu, au}},
		act{line: 5, text: "fifth", start: "2020-05-05", kind: model.KindConference, city: "Abidjan", country: []model.CountryRef{civ}},
	)
	as[0].Participants.People = people(40)
	as[1].Participants.People, as[1].Participants.Approximate = people(300), true
	as[3].Participants.People = people(40)
	as[4].Participants.People = people(12)
	s := MustCreate(t)
	mustImport(t, s, newDoc("may.md", "2020-05", as), as)
	return s
}

// Ensure that List, Screen and Query order their ids as the query's sort says:
// ties keep the date order, and an activity the key knows nothing of
// (no place, no headcount) comes last both ways.
func TestStore_Sort(t *testing.T) {
	s := sortFixture(t)
	for _, tc := range []struct {
		sort string
		want []int // document lines
	}{
		{"", []int{1, 2, 3, 4, 5}},
		{"date", []int{1, 2, 3, 4, 5}},
		{"-date", []int{5, 4, 3, 2, 1}},
		{"place", []int{5, 2, 4, 1, 3}},
		{"-place", []int{1, 4, 2, 5, 3}},
		{"kind", []int{2, 4, 5, 3, 1}},
		{"-kind", []int{1, 3, 5, 2, 4}},
		{"participants", []int{5, 1, 4, 2, 3}},
		{"-participants", []int{2, 1, 4, 5, 3}},
		{"partners", []int{3, 5, 1, 4, 2}},
		{"-partners", []int{2, 4, 1, 3, 5}},
	} {
		t.Run(tc.sort, func(t *testing.T) {
			srt, err := model.ParseSort(tc.sort)
			if err != nil {
				t.Fatal(err)
			}
			q := model.Query{Sort: srt}
			list, err := s.List(q, store.Page{})
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, a := range list.Rows {
				got = append(got, a.Source.Line)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("List sorted by %q: lines %v, want %v", tc.sort, got, tc.want)
			}
			sc, err := s.Screen(q, store.Page{Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.IDs, list.IDs) {
				t.Errorf("Query sorted by %q: ids %v, List's %v", tc.sort, res.IDs, list.IDs)
			}
			if !slices.Equal(sc.IDs, list.IDs) {
				t.Errorf("Screen sorted by %q: ids %v, List's %v", tc.sort, sc.IDs, list.IDs)
			}
			if len(sc.Rows) != 2 || sc.Rows[0].Source.Line != tc.want[0] || sc.Rows[1].Source.Line != tc.want[1] {
				t.Errorf("Screen sorted by %q: first rows are not the first two ids", tc.sort)
			}
		})
	}
}

// Ensure that an order unoct does not know is refused, and not taken
// for damage.
func TestStore_Sort_Unknown(t *testing.T) {
	s := sortFixture(t)
	_, err := s.List(model.Query{Sort: model.Sort{Key: "size"}}, store.Page{})
	if err == nil || errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), `unknown sort "size"`) {
		t.Errorf("List sorted by size: %v", err)
	}
}

// Ensure that a sort applies within the filters and the search, and that
// sorting by place again (from the kept places) gives the same order.
func TestStore_Sort_Filtered(t *testing.T) {
	s := sortFixture(t)
	q := model.Query{Filters: map[model.Facet][]string{model.FacetKind: {"briefing", "workshop"}}, Sort: model.Sort{Key: model.SortPlace}}
	for range 2 {
		got, err := s.List(q, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		var lines []int
		for _, a := range got.Rows {
			lines = append(lines, a.Source.Line)
		}
		if want := []int{2, 4, 1}; !slices.Equal(lines, want) {
			t.Fatalf("briefings and workshops by place: lines %v, want %v", lines, want)
		}
	}
}

// sortStore is a store of 10,000 synthetic activities, half of which
// give a headcount, built once per benchmark.
func sortStore(b *testing.B) string {
	b.Helper()
	path := b.TempDir() + "/unoct.db"
	s := MustOpen(b, path)
	r := rand.New(rand.NewPCG(42, 42))
	hr := rand.New(rand.NewPCG(7, 7))
	for d := range 10 {
		m := month(d)
		as := synth(r, m, 10, 1000, 2000)
		for i := range as {
			if hr.IntN(2) == 0 {
				n := 5 + hr.IntN(300)
				as[i].Participants = model.Participants{People: &n}
			}
		}
		mustImport(b, s, newDoc("highlights-"+m+".md", m, as), as)
	}
	return path
}

// BenchmarkSort_10k times a screen of every activity (its ids sorted,
// its first 60 rows) in each order, once the index is loaded: what the
// explorer asks at each press of its sort key. place/cold is the first
// sort by place of a store, which reads each activity's place.
func BenchmarkSort_10k(b *testing.B) {
	path := sortStore(b)
	for _, key := range []string{"date", "-date", "place", "kind", "-participants", "-partners"} {
		b.Run(key, func(b *testing.B) {
			s := MustOpen(b, path)
			srt, _ := model.ParseSort(key)
			q := model.Query{Sort: srt}
			if _, err := s.Screen(q, store.Page{Limit: 60}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Screen(q, store.Page{Limit: 60}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("place/cold", func(b *testing.B) {
		q := model.Query{Sort: model.Sort{Key: model.SortPlace}}
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			s := MustOpen(b, path)
			if _, err := s.Screen(model.Query{}, store.Page{Limit: 60}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := s.Screen(q, store.Page{Limit: 60}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
