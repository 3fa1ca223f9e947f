package store_test

import (
	"cmp"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// count finds a value's count in a facet list, or -1 when absent.
func count(vals []model.FacetValue, value string) int {
	for _, v := range vals {
		if v.Value == value {
			return v.Count
		}
	}
	return -1
}

func TestStore_Counts_ActivityWithThreePartners(t *testing.T) {
	s := fixture(t)
	// Line 10 has UNODC, CTED and EU: it counts once under each.
	vals, err := s.Counts(q("", "document", febName), model.FacetPartner)
	if err != nil {
		t.Fatal(err)
	}
	for value, want := range map[string]int{"UNODC": 1, "CTED": 1, "EU": 1, "Hedayah": 1, "INTERPOL": 1, "AU": -1} {
		if got := count(vals, value); got != want {
			t.Errorf("partner %s counts %d under feb, want %d", value, got, want)
		}
	}
	all, _ := s.Values(model.FacetPartner)
	for value, want := range map[string]int{"UNODC": 2, "EU": 2, "CTED": 1, "AU": 1} {
		if got := count(all, value); got != want {
			t.Errorf("partner %s total %d, want %d", value, got, want)
		}
	}
	// Names are kept apart from values; the registry composes labels.
	partner, _ := model.Def(model.FacetPartner)
	for _, v := range all {
		switch v.Value {
		case "UNODC":
			if v.Name != "United Nations Office on Drugs and Crime" || partner.Label(v) != "UNODC — United Nations Office on Drugs and Crime" {
				t.Errorf("UNODC name %q, label %q", v.Name, partner.Label(v))
			}
		case "Hedayah":
			if partner.Label(v) != "Hedayah" {
				t.Errorf("Hedayah label %q", partner.Label(v))
			}
		}
	}
	countries, _ := s.Values(model.FacetCountry)
	for _, v := range countries {
		if v.Value == "CI" && v.Name != "Côte d’Ivoire" {
			t.Errorf("CI name %q", v.Name)
		}
	}
}

func TestStore_Query_OrWithinFacetAndAcross(t *testing.T) {
	s := fixture(t)
	for _, c := range []struct {
		name string
		q    model.Query
		want []string
	}{
		{"one value", q("", "country", "ML"), []string{"02:10"}},
		{"OR within a facet", q("", "country", "ML", "country", "NE"), []string{"02:10", "03:14"}},
		{"AND across facets", q("", "region", "Western Africa", "kind", "briefing"), []string{"02:20"}},
		{"OR and AND", q("", "pillar", "II", "pillar", "I", "branch", "UNCCT"), []string{"02:10", "03:14", "03:12"}},
		{"AND across empty", q("", "country", "ML", "kind", "briefing"), nil},
		{"unknown value", q("", "country", "ZZ"), nil},
		{"unknown value OR known", q("", "country", "ZZ", "country", "KE"), []string{"02:30"}},
		{"unknown facet", q("", "colour", "red"), nil},
		{"empty query", q(""), []string{"02:30", "02:20", "02:10", "03:14", "03:12"}},
		{"pillar II has three", q("", "pillar", "II"), []string{"02:30", "02:10", "03:14"}},
		{"document", q("", "document", marName), []string{"03:14", "03:12"}},
		// The month of the sessions, not the document's: 03:14, in the
		// March document, was held on 28 February.
		{"month", q("", "month", "2020-03"), []string{"03:12"}},
		{"month of a session", q("", "month", "2020-02"), []string{"02:30", "02:20", "02:10", "03:14"}},
		{"days", q("", "day", "2020-02-28..2020-03-05"), []string{"03:14", "03:12"}},
		{"days from", q("", "day", "2020-03-01.."), []string{"03:12"}},
		// 02:30 gives no date: it is in its document's month, on no day.
		{"days to", q("", "day", "..2020-02-28"), []string{"02:20", "02:10", "03:14"}},
		{"days between sessions", q("", "day", "2020-03-01..2020-03-04"), nil},
		{"section", q("", "section", "Capacity-building"), []string{"02:30", "02:10"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := lines(t, s, c.q); !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("Query(%v) = %v, want %v", c.q, got, c.want)
			}
		})
	}
	res, _ := s.Query(q("", "country", "ML"))
	if res.Total != 5 || res.Generation.Gen != 2 {
		t.Errorf("Total %d Generation %d, want 5 and 2", res.Total, res.Generation.Gen)
	}
}

func TestStore_Counts_UnderFilters(t *testing.T) {
	s := fixture(t)
	query := q("", "region", "Western Africa", "kind", "workshop", "kind", "meeting")
	// Region counts ignore the region filter, keep the kind filter:
	// workshop or meeting -> line 10 (Western Africa), line 12 (Central Asia).
	regions, err := s.Counts(query, model.FacetRegion)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.FacetValue{
		{Value: "Central Asia", Count: 1},
		{Value: "Western Africa", Count: 1},
	}
	if !slices.Equal(regions, want) {
		t.Errorf("region counts = %v, want %v", regions, want)
	}
	// Kind counts ignore the kind filter: Western Africa has workshop,
	// briefing, conference. Selected "meeting" shows at 0.
	kinds, _ := s.Counts(query, model.FacetKind)
	wantKinds := map[string]int{"workshop": 1, "briefing": 1, "conference": 1, "meeting": 0, "launch": -1}
	for k, n := range wantKinds {
		if got := count(kinds, k); got != n {
			t.Errorf("kind %s: %d, want %d (%v)", k, got, n, kinds)
		}
	}
	// Count desc then label.
	if !slices.IsSortedFunc(kinds, func(a, b model.FacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	}) {
		t.Errorf("kinds not sorted by count then label: %v", kinds)
	}
	// A selected value the store does not know still appears at 0.
	ks, _ := s.Counts(q("", "kind", "nonsense"), model.FacetKind)
	if count(ks, "nonsense") != 0 {
		t.Errorf("selected unknown value missing: %v", ks)
	}
	// Pillars in I..IV order, months chronological, whatever the counts.
	pillars, _ := s.Values(model.FacetPillar)
	var pv []string
	for _, v := range pillars {
		pv = append(pv, v.Value)
	}
	if !slices.Equal(pv, []string{"I", "II", "III", "IV"}) {
		t.Errorf("pillars in order %v", pv)
	}
	months, _ := s.Counts(q("", "branch", "UNCCT"), model.FacetMonth)
	if len(months) != 2 || months[0].Value != "2020-02" || months[1].Value != "2020-03" || months[0].Count < months[1].Count {
		t.Errorf("months = %v", months)
	}
	// Search applies to counts too.
	k2, _ := s.Counts(q("security"), model.FacetKind)
	if count(k2, "launch") != 1 || count(k2, "conference") != 1 || count(k2, "workshop") != -1 {
		t.Errorf("kind counts under search = %v", k2)
	}
}

func TestStore_AllCounts_AgreesWithCounts(t *testing.T) {
	s := MustCreate(t)
	fill(t, s, 7, 6, 50, 0)
	r := rand.New(rand.NewPCG(3, 4))
	for range 40 {
		query := model.Query{Filters: map[model.Facet][]string{}}
		for _, f := range model.Facets {
			if r.IntN(3) > 0 {
				continue
			}
			vals, _ := s.Values(f)
			if len(vals) == 0 {
				continue // a facet no activity has a value of (change)
			}
			for range 1 + r.IntN(2) {
				query.Filters[f] = append(query.Filters[f], vals[r.IntN(len(vals))].Value)
			}
		}
		if r.IntN(2) == 0 {
			query.Search = []string{"border", "secur", "TRAIN ing", "victims youth"}[r.IntN(4)]
		}
		all, err := s.AllCounts(query)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := s.Query(query)
		for _, f := range model.Facets {
			one, err := s.Counts(query, f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(all[f], one) {
				t.Fatalf("AllCounts[%s] = %v, Counts = %v for %v", f, all[f], one, query)
			}
			// Brute force: counts for a facet nobody filters equal the
			// number of results having the value.
			if _, filtered := query.Filters[f]; filtered {
				continue
			}
			got, _ := s.Get(res.IDs...)
			for _, v := range one {
				n := 0
				for _, a := range got {
					if hasValue(a, f, v.Value) {
						n++
					}
				}
				if n != v.Count {
					t.Fatalf("%s=%s counts %d, brute force %d (%v)", f, v.Value, v.Count, n, query)
				}
			}
		}
	}
}

func hasValue(a model.Activity, f model.Facet, v string) bool {
	switch f {
	case model.FacetPillar:
		return slices.ContainsFunc(a.Pillars, func(p model.PillarMatch) bool { return string(p.Pillar) == v })
	case model.FacetBranch:
		return string(a.Branch) == v
	case model.FacetRegion:
		return slices.Contains(a.Regions, v)
	case model.FacetCountry:
		return slices.ContainsFunc(a.Countries, func(c model.CountryRef) bool { return c.Code == v })
	case model.FacetMonth:
		return a.Month == v
	case model.FacetPartner:
		return slices.ContainsFunc(a.Partners, func(e model.Entity) bool { return e.Label() == v })
	case model.FacetKind:
		return string(a.Kind) == v
	case model.FacetSection:
		return a.Section == v
	case model.FacetDoc:
		return a.Source.Document == v
	case model.FacetSeries:
		return a.Series == v
	}
	return false
}

func TestStore_Search(t *testing.T) {
	s := fixture(t)
	for _, c := range []struct {
		search string
		want   []string
	}{
		{"workshop", []string{"02:10"}},
		{"WORKSHOP", []string{"02:10"}},
		{"terror", []string{"02:20", "02:10"}},                        // substring: terrorism, counterterrorism
		{"counter", []string{"02:10"}},                                // prefix
		{"secu", []string{"02:30", "03:14"}},                          // prefix of security
		{"cote", []string{"02:20"}},                                   // accent-insensitive country name
		{"Côte d'Ivoire", []string{"02:20"}},                          // every word, folded
		{"security aviation", []string{"02:30"}},                      // every word must match
		{"security nonexistentword", nil},                             //
		{"voronkov", []string{"02:10"}},                               // people
		{"drugs crime", []string{"02:10", "03:12"}},                   // partner full name
		{"unodc", []string{"02:10", "03:12"}},                         // partner acronym
		{"tashkent", []string{"03:12"}},                               // session city
		{"central asia", []string{"03:12"}},                           // region name
		{"uzbekistan", []string{"03:12"}},                             // country name
		{"  ", []string{"02:30", "02:20", "02:10", "03:14", "03:12"}}, // no words: everything
		{"zzz", nil},
	} {
		got := lines(t, s, q(c.search))
		if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("search %q = %v, want %v", c.search, got, c.want)
		}
	}
	// Search combines with filters.
	if got := lines(t, s, q("security", "region", "Western Africa")); !slices.Equal(got, []string{"03:14"}) {
		t.Errorf("search with filter = %v", got)
	}
}

func TestStore_Query_OrderedByDate(t *testing.T) {
	s := fixture(t)
	// Undated line 30 leads February; line 14 of March's document has a
	// February date and sorts before March's line 12.
	if got, want := lines(t, s, q("")), []string{"02:30", "02:20", "02:10", "03:14", "03:12"}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	// Same date: by id.
	same := acts("2020-04",
		act{line: 1, text: "b", start: "2020-04-02"},
		act{line: 2, text: "a", start: "2020-04-01"},
		act{line: 3, text: "c", start: "2020-04-02"},
	)
	mustImport(t, s, newDoc("apr.md", "2020-04", same), same)
	res, _ := s.Query(q("", "month", "2020-04"))
	got, _ := s.Get(res.IDs...)
	var order []int
	for _, a := range got {
		order = append(order, a.Source.Line)
	}
	if !slices.Equal(order, []int{2, 1, 3}) {
		t.Errorf("April order by line = %v, want [2 1 3]", order)
	}
}

// TestStore_Query_OrderLargeAndSmall checks both ordering strategies
// (sort for a few ids, rank bitset for many) against a brute-force sort.
func TestStore_Query_OrderLargeAndSmall(t *testing.T) {
	s := MustCreate(t)
	fill(t, s, 11, 8, 120, 0)
	for _, query := range []model.Query{
		q(""),
		q("", "kind", "visit"),
		q("", "pillar", "I", "pillar", "II", "pillar", "III"),
		q("", "country", "ML", "partner", "EU", "month", month(3)),
		q("border"),
	} {
		res, err := s.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(res.IDs...)
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(got)
		slices.SortFunc(want, func(a, b model.Activity) int {
			return cmp.Or(cmp.Compare(dateKey(a), dateKey(b)), cmp.Compare(a.ID, b.ID))
		})
		for i := range got {
			if got[i].ID != want[i].ID {
				t.Fatalf("%v: position %d has id %d, want %d (n=%d)", query, i, got[i].ID, want[i].ID, len(got))
			}
		}
		if len(res.IDs) == 0 {
			t.Errorf("%v matched nothing; the test needs results", query)
		}
	}
}

func dateKey(a model.Activity) string {
	if st := a.Start(); st != "" {
		return st
	}
	return a.Month + "-00"
}

func TestStore_Resolve(t *testing.T) {
	s := fixture(t)
	for _, c := range []struct {
		f      model.Facet
		in     string
		want   string
		wantOK bool
	}{
		{model.FacetCountry, "Mali", "ML", true},
		{model.FacetCountry, "ml", "ML", true},
		{model.FacetCountry, "cote d'ivoire", "CI", true},
		{model.FacetCountry, "Atlantis", "", false},
		{model.FacetPartner, "unodc", "UNODC", true},
		{model.FacetPartner, "United Nations Office on Drugs and Crime", "UNODC", true},
		{model.FacetPartner, "UNODC — United Nations Office on Drugs and Crime", "UNODC", true},
		{model.FacetPartner, "hedayah", "Hedayah", true},
		{model.FacetRegion, "western africa", "Western Africa", true},
		{model.FacetRegion, "Western-Africa", "Western Africa", true},
		{model.FacetBranch, "uncct", "UNCCT", true},
		{model.FacetKind, "Workshop", "workshop", true},
		{model.FacetSection, "capacity building", "Capacity-building", true},
		{model.FacetPillar, "iv", "IV", true},
		{model.FacetPillar, "4", "IV", true},
		{model.FacetPillar, "Pillar III", "III", true},
		{model.FacetPillar, "human rights and the rule of law", "IV", true},
		{model.FacetPillar, "V", "", false},
		{model.FacetMonth, "2020-03", "2020-03", true},
		{model.FacetMonth, "March 2020", "2020-03", true},
		{model.FacetMonth, "feb 2020", "2020-02", true},
		{model.FacetMonth, "2019/7", "2019-07", true}, // well-formed, even if absent
		{model.FacetMonth, "2020-13", "", false},
		{model.FacetDoc, febName, febName, true},
		{model.FacetDoc, "", "", false},
	} {
		got, ok, err := s.Resolve(c.f, c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want || ok != c.wantOK {
			t.Errorf("Resolve(%s, %q) = %q, %v; want %q, %v", c.f, c.in, got, ok, c.want, c.wantOK)
		}
	}
}

func TestStore_GetAndActivity(t *testing.T) {
	s := fixture(t)
	id10, id12 := idOf(t, s, febName, 10), idOf(t, s, marName, 12)
	got, err := s.Get(id12, id10, id12)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != id12 || got[1].ID != id10 || got[2].ID != id12 {
		t.Errorf("Get did not keep the order asked: %v", got)
	}
	a, err := s.Activity(id10)
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != febActs()[0].Text || a.Source.Document != febName || a.Month != "2020-02" || len(a.Partners) != 3 {
		t.Errorf("Activity(%d) = %+v", id10, a)
	}
	if _, err := s.Activity(9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Activity(9999): %v, want ErrNotFound", err)
	}
	if _, err := s.Get(id10, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get with a missing id: %v, want ErrNotFound", err)
	}
	if got, err := s.Get(); err != nil || len(got) != 0 {
		t.Errorf("Get() = %v, %v", got, err)
	}
}

// TestStore_Generation_SeenByViewer: a second Store on the same path (the
// TUI's) sees an import made through the first (the CLI's).
func TestStore_Generation_SeenByViewer(t *testing.T) {
	importer := fixture(t)
	viewer := MustOpen(t, importer.Path())
	before, err := viewer.Query(model.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(before.IDs) != 5 {
		t.Fatalf("viewer sees %d activities", len(before.IDs))
	}
	as := acts("2020-04", act{line: 3, text: "an April workshop", kind: model.KindWorkshop})
	mustImport(t, importer, newDoc("apr.md", "2020-04", as), as)
	after, err := viewer.Query(model.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after.IDs) != 6 || after.Generation.Gen <= before.Generation.Gen || after.Generation.Epoch != before.Generation.Epoch || after.Total != 6 {
		t.Errorf("viewer after import: %d ids, generation %d (was %d)", len(after.IDs), after.Generation, before.Generation)
	}
	kinds, _ := viewer.Counts(model.Query{}, model.FacetKind)
	if count(kinds, "workshop") != 2 {
		t.Errorf("viewer counts are stale: %v", kinds)
	}
	if got := lines(t, viewer, q("april")); len(got) != 1 {
		t.Errorf("viewer search is stale: %v", got)
	}
	// And a removal too.
	if err := importer.Remove("apr.md"); err != nil {
		t.Fatal(err)
	}
	if got := lines(t, viewer, q("april")); len(got) != 0 {
		t.Errorf("viewer search after removal: %v", got)
	}
}
