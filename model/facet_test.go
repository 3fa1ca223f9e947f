package model

import (
	"fmt"
	"slices"
	"testing"
)

func TestParseMonth(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"2020-02", "2020-02", true},
		{" 2020/2 ", "2020-02", true},
		{"February 2020", "2020-02", true},
		{"feb 2020", "2020-02", true},
		{"02 2020", "2020-02", true},
		{"2020-13", "", false},
		{"fe 2020", "", false},
		{"2020", "", false},
		{"Februaryyyyy 2020", "", false},
		{"20-02", "", false},
	} {
		got, ok := ParseMonth(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseMonth(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFacetDef_ParseInput(t *testing.T) {
	for _, tc := range []struct {
		f        Facet
		in       string
		want     []string
		resolved []bool
	}{
		{FacetPillar, "iv, 2", []string{"IV", "II"}, []bool{true, true}},
		{FacetPillar, "Pillar III", []string{"III"}, []bool{true}},
		{FacetPillar, "V", []string{"V"}, []bool{false}},
		{FacetMonth, "2020-11..2021-02", []string{"2020-11", "2020-12", "2021-01", "2021-02"}, []bool{true, true, true, true}},
		{FacetMonth, "2021-02..2020-11", []string{"2021-02..2020-11"}, []bool{false}},
		{FacetCountry, "ML,Niger", []string{"ML", "Niger"}, []bool{false, false}},
		{FacetPartner, "Bosnia, Herzegovina", []string{"Bosnia, Herzegovina"}, []bool{false}},
		{FacetRegion, "002", []string{"Africa"}, []bool{true}},
		{FacetRegion, "202", []string{"Sub-Saharan Africa"}, []bool{true}},
		{FacetRegion, "011", []string{"Western Africa"}, []bool{true}},
		{FacetRegion, "466", []string{"466"}, []bool{false}}, // Mali's code: a country, not a grouping
		{FacetRegion, "Sahel", []string{"Sahel"}, []bool{false}},
	} {
		d, _ := Def(tc.f)
		got, res := d.ParseInput(tc.in)
		if !slices.Equal(got, tc.want) || !slices.Equal(res, tc.resolved) {
			t.Errorf("%s.ParseInput(%q) = %q %v; want %q %v", tc.f, tc.in, got, res, tc.want, tc.resolved)
		}
	}
}

func TestFacetDef_Label(t *testing.T) {
	p, _ := Def(FacetPartner)
	v := FacetValue{Value: "UNODC", Name: "United Nations Office on Drugs and Crime"}
	if got := p.Label(v); got != "UNODC — United Nations Office on Drugs and Crime" {
		t.Errorf("partner label %q", got)
	}
	if got := p.Short(v); got != "UNODC" {
		t.Errorf("partner short %q", got)
	}
	// A partner reads as its entity does on every other screen.
	for _, e := range []Entity{
		{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime"},
		{Short: "Monitoring Team", Name: "Analytical Support and Sanctions Monitoring Team"},
		{Name: "European Union"},
		{Acronym: "IOM", Name: "IOM"},
	} {
		if got, want := p.Label(FacetValue{Value: e.Label(), Name: e.Name}), e.FullLabel(); got != want {
			t.Errorf("partner label %q, its entity's %q", got, want)
		}
	}
	c, _ := Def(FacetCountry)
	if got := c.Label(FacetValue{Value: "ML", Name: "Mali"}); got != "Mali" {
		t.Errorf("country label %q", got)
	}
	pi, _ := Def(FacetPillar)
	if got := pi.Label(FacetValue{Value: "IV"}); got != "IV Human rights and the rule of law" {
		t.Errorf("pillar label %q", got)
	}
	if got := c.Label(FacetValue{Value: "X", Name: "evil\x1b[31m"}); got == "evil\x1b[31m" {
		t.Errorf("label not inert: %q", got)
	}
}

func TestFacetDefs_Declared(t *testing.T) {
	seen := map[Facet]bool{}
	for _, d := range FacetDefs() {
		if seen[d.Facet] || d.Title == "" || d.Help == "" || d.Terms == nil || d.Version == 0 {
			t.Errorf("facet %q is declared twice or without title, help, terms or version", d.Facet)
		}
		if d.Order == Natural && d.Rank == nil {
			t.Errorf("facet %q is in natural order without a rank", d.Facet)
		}
		seen[d.Facet] = true
	}
	if FacetsFingerprint() == "" {
		t.Error("no fingerprint")
	}
}

func TestFacetDef_FormError(t *testing.T) {
	for _, tc := range []struct {
		f    Facet
		in   string
		want string
	}{
		{FacetPillar, "V", `pillar "V" is not I, II, III or IV (or 1 to 4)`},
		{FacetMonth, "2020-13", `month "2020-13" is not YYYY-MM, a year YYYY, a quarter YYYY-Q1 to YYYY-Q4, or a range FROM..TO of those (its start not after its end)`},
		{FacetCountry, "Atlantis", ""},
	} {
		d, _ := Def(tc.f)
		err := d.FormError(tc.in)
		if got := fmt.Sprint(err); (err == nil) != (tc.want == "") || err != nil && got != tc.want {
			t.Errorf("%s.FormError(%q) = %v, want %q", tc.f, tc.in, err, tc.want)
		}
	}
}
