package main

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/unoct/unoct/model"
)

// fakeResolve knows Mali (ML) and UNODC, as a store would.
func fakeResolve(f model.Facet, input string) (string, bool, error) {
	switch strings.ToLower(input) {
	case "ml", "mali":
		return "ML", f == model.FacetCountry, nil
	case "unodc", "united nations office on drugs and crime":
		return "UNODC", f == model.FacetPartner, nil
	case "locked":
		return "", false, errors.New("store locked")
	}
	return "", false, nil
}

// Ensure that a flag value is read in its facet's forms, split on
// commas where the facet says so, looked up in the store otherwise, and
// refused with a message that says what is accepted.
func TestParseFilter(t *testing.T) {
	for _, tc := range []struct {
		facet model.Facet
		in    string
		want  []string
		err   string // a substring of the error; "" for none
		usage bool
	}{
		{facet: model.FacetPillar, in: "IV", want: []string{"IV"}},
		{facet: model.FacetPillar, in: "1, pillar ii,4", want: []string{"I", "II", "IV"}},
		{facet: model.FacetPillar, in: "Human rights and the rule of law", want: []string{"IV"}},
		{facet: model.FacetPillar, in: "V", err: `pillar "V" is not I, II, III or IV (or 1 to 4)`, usage: true},
		{facet: model.FacetPillar, in: "I,V", err: `pillar "V" is not`, usage: true},
		{facet: model.FacetMonth, in: "2020-02", want: []string{"2020-02"}},
		{facet: model.FacetMonth, in: "February 2020", want: []string{"2020-02"}},
		{facet: model.FacetMonth, in: "2020-11..2021-01", want: []string{"2020-11", "2020-12", "2021-01"}},
		{facet: model.FacetMonth, in: "2020-01, 2020-03", want: []string{"2020-01", "2020-03"}},
		{facet: model.FacetMonth, in: "2020-13", err: `month "2020-13" is not YYYY-MM or YYYY-MM..YYYY-MM`, usage: true},
		{facet: model.FacetMonth, in: "2021-02..2020-11", err: `month "2021-02..2020-11" is not YYYY-MM or YYYY-MM..YYYY-MM (a range, its first month not after its last)`, usage: true},
		{facet: model.FacetMonth, in: "2000-01..2200-01", err: `is not YYYY-MM`, usage: true},
		{facet: model.FacetCountry, in: "mali", want: []string{"ML"}},
		{facet: model.FacetCountry, in: "ML,Mali", want: []string{"ML", "ML"}},
		{facet: model.FacetCountry, in: "Atlantis", err: `no country "Atlantis" in the store (see the known ones with: unoct stats --by country)`, usage: true},
		{facet: model.FacetCountry, in: "locked", err: "store locked"},
		{facet: model.FacetPartner, in: "United Nations Office on Drugs and Crime", want: []string{"UNODC"}},
		{facet: model.FacetPartner, in: "UNODC, UN", err: `no partner "UNODC, UN"`, usage: true},
		{facet: model.FacetKind, in: "", want: []string{}},
	} {
		d, ok := model.Def(tc.facet)
		if !ok {
			t.Fatalf("no facet %s", tc.facet)
		}
		got, err := parseFilter(d, tc.in, fakeResolve)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("--%s %q: %v", tc.facet, tc.in, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("--%s %q: error %v, want %q", tc.facet, tc.in, err, tc.err)
		case tc.err == "" && !slices.Equal(got, tc.want):
			t.Errorf("--%s %q = %q, want %q", tc.facet, tc.in, got, tc.want)
		}
		var se *statusError
		if isUsage := errors.As(err, &se) && se.status == exitUsage; err != nil && isUsage != tc.usage {
			t.Errorf("--%s %q: usage error %v, want %v", tc.facet, tc.in, isUsage, tc.usage)
		}
	}
}

// Ensure that every facet of the registry has a flag with its help.
func TestFilterFlags_EveryFacet(t *testing.T) {
	cmd := newApp(nil, nil, nil).listCmd()
	for _, d := range model.FacetDefs() {
		fl := cmd.Flags().Lookup(string(d.Facet))
		if fl == nil {
			t.Errorf("list has no --%s", d.Facet)
			continue
		}
		if !strings.HasPrefix(fl.Usage, d.Help) {
			t.Errorf("--%s help %q", d.Facet, fl.Usage)
		}
	}
}
