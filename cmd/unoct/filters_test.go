package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
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
		{facet: model.FacetMonth, in: "2020-13", err: `month "2020-13" is not YYYY-MM, a year YYYY, a quarter`, usage: true},
		{facet: model.FacetMonth, in: "2021-02..2020-11", err: `month "2021-02..2020-11" is not YYYY-MM, a year YYYY, a quarter YYYY-Q1 to YYYY-Q4, or a range FROM..TO of those (its start not after its end)`, usage: true},
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

// Ensure that every facet of the registry has a flag with its help, but
// the hidden ones, which have none.
func TestFilterFlags_EveryFacet(t *testing.T) {
	cmd := newApp(nil, nil, nil).listCmd()
	for _, d := range model.FacetDefs() {
		fl := cmd.Flags().Lookup(string(d.Facet))
		if d.Hidden {
			if fl != nil {
				t.Errorf("list has --%s, a hidden facet", d.Facet)
			}
			continue
		}
		if fl == nil {
			t.Errorf("list has no --%s", d.Facet)
			continue
		}
		if !strings.HasPrefix(fl.Usage, d.Help) {
			t.Errorf("--%s help %q", d.Facet, fl.Usage)
		}
	}
}

// Ensure that every facet flag completes the store's values, described
// by their labels, the next value after a comma where values hold none,
// and nothing (creating no store) when there is no store.
func TestFilterFlags_Completion(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none", "unoct.db")
	if out, err := complete(missing, "list", "--country", ""); err != nil || strings.Contains(out, "\t") {
		t.Errorf("completion without a store: %v, %q", err, out)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("completion created a store")
	}
	db, _ := seeded(t, dir)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "--country", ""}, "ML\tMali\n"},
		{[]string{"list", "--country", "NE,M"}, "NE,ML\tMali\n"},
		{[]string{"stats", "--by", "region", "--pillar", ""}, "IV\tIV Human rights and the rule of law\n"},
		{[]string{"export", "--partner", ""}, "UNODC\tUNODC — United Nations Office on Drugs and Crime\n"},
		{[]string{"list", "--month", ""}, "2020-02\n"},
		{[]string{"list", "--document", ""}, "2020-02.md\n"},
	} {
		out, err := complete(db, tc.args...)
		if err != nil || !strings.Contains(out, tc.want) || !strings.HasSuffix(out, ":4\n") {
			t.Errorf("complete %q: %v, %q; want a line %q", tc.args, err, out, tc.want)
		}
	}
	// Every facet flag of every command that filters completes.
	root := newApp(nil, nil, nil).rootCmd()
	for _, name := range []string{"list", "stats", "export"} {
		c, _, err := root.Find([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range model.Facets {
			if _, ok := c.GetFlagCompletionFunc(string(f)); !ok {
				t.Errorf("%s --%s has no completion", name, f)
			}
		}
	}
	if c, _, _ := root.Find([]string{"import"}); c != nil {
		if _, ok := c.GetFlagCompletionFunc("month"); ok {
			t.Error("import --month (a new document's month) completes stored months")
		}
	}
}

// complete runs cobra's completion of args on the store at db, as a
// shell's completion script does, and returns what it prints.
func complete(db string, args ...string) (string, error) {
	var out bytes.Buffer
	root := newApp(strings.NewReader(""), &out, io.Discard).rootCmd()
	root.SetOut(&out)
	root.SetErr(io.Discard)
	root.SetArgs(append([]string{"__complete", "--db", db}, args...))
	err := root.Execute()
	return out.String(), err
}
