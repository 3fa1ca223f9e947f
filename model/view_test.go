package model

import (
	"slices"
	"strings"
	"testing"
)

// TestViewOf keeps a query's filters and search, and its hidden day range
// as since and until, in the registry's order.
func TestViewOf(t *testing.T) {
	q := Query{Search: " douala ", Filters: map[Facet][]string{
		FacetCountry: {"ML", "CM"}, FacetPillar: {"IV"}, FacetDay: {DayRange("2020-02-01", "")}}}
	v := ViewOf("x", q)
	if v.Since != "2020-02-01" || v.Until != "" || v.Search != "douala" || v.Filters[FacetDay] != nil {
		t.Errorf("ViewOf = %+v", v)
	}
	if got := v.Facets(); !slices.Equal(got, []Facet{FacetPillar, FacetCountry}) {
		t.Errorf("Facets = %v", got)
	}
	if got, want := v.Describe(), "pillar=IV country=ML|CM since=2020-02-01 search=“douala”"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	if got := (View{}).Describe(); got != "everything" {
		t.Errorf("an empty view reads %q", got)
	}
	if err := (View{Sort: "-participants"}).ApplySort(&q); err != nil || q.Sort.String() != "-participants" {
		t.Errorf("ApplySort: %v, sort %q", err, q.Sort)
	}
	if err := (View{Name: "v", Sort: "colour"}).ApplySort(&q); err == nil || !strings.Contains(err.Error(), `view "v"`) {
		t.Errorf("an unknown key: %v", err)
	}
}

func TestCheckViewName(t *testing.T) {
	for _, c := range []struct {
		name, err string
	}{
		{"border-wa", ""},
		{"Mali 2020 — trainings", ""},
		{"", "needs a name"},
		{" padded", "space"},
		{"bell\a", "control character"},
		{"esc\x1b[31m", "control character"},
		{strings.Repeat("x", 65), "longer than 64"},
	} {
		err := CheckViewName(c.name)
		if (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
			t.Errorf("CheckViewName(%q) = %v, want %q", c.name, err, c.err)
		}
	}
}

// TestFigures writes a document's facts as the lines `unoct docs` and
// the documents view show, in the boxes' order.
func TestFigures(t *testing.T) {
	n := func(v int) *int { return &v }
	usd := 246.2e6
	f := Facts{IndividualsTrained: n(1234), WorkshopsOrganized: n(11), KPISince: "January 2020",
		CompactEntities: n(43), CompactMembers: n(38), CompactObservers: n(5), ContributionsUSD: &usd, Donors: n(31),
		TopDonors: []string{"Japan", "Qatar"}, Other: map[string]float64{"countries supported": 40}}
	var got []string
	for _, fig := range f.Figures() {
		got = append(got, fig.String())
	}
	want := []string{"1,234 individuals trained since January 2020", "11 workshops organized since January 2020",
		"43 Compact entities (38 members, 5 observers)", "US$246.2 million in contributions", "31 donors",
		"top donors: Japan, Qatar", "40 countries supported"}
	if !slices.Equal(got, want) {
		t.Errorf("Figures =\n%q\nwant\n%q", got, want)
	}
	if h := f.Headline(); h != "1,234 trained · 11 workshops · 43 Compact entities · 31 donors" {
		t.Errorf("Headline = %q", h)
	}
	if len((Facts{}).Figures()) != 0 {
		t.Error("no facts, some figures")
	}
}
