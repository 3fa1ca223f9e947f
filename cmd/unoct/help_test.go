package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// helpLabels are, for every facet people filter by, the values its flag
// help names, as a user would copy them, and the placeholders it uses
// (YYYY) that are not values.
var helpLabels = map[model.Facet]struct{ labels, placeholders []string }{
	model.FacetPillar:  {labels: []string{"I", "II", "III", "IV"}},
	model.FacetBranch:  {labels: []string{"UNCCT", "SPIB", "PKMCB", "UNOCT", "USG", "Office of the Under-Secretary-General"}},
	model.FacetRegion:  {labels: []string{"Africa", "Sub-Saharan Africa", "Western Africa", "Sahel", "West Africa", "Global"}, placeholders: []string{"M49"}},
	model.FacetCountry: {labels: []string{"ML", "Mali"}, placeholders: []string{"ISO"}},
	model.FacetMonth:   {placeholders: []string{"YYYY", "MM", "Q1", "FROM", "TO"}},
	model.FacetPartner: {labels: []string{"UNODC", "Council of Europe"}},
	model.FacetKind: {labels: []string{"briefing", "conference", "launch", "training", "workshop", "meeting",
		"visit", "mission", "membership", "other"}},
	model.FacetSection: {labels: []string{"Capacity-Building"}},
	model.FacetDoc:     {labels: []string{"2020-02.md"}},
	model.FacetChange:  {labels: []string{"new", "changed"}},
	// A series is named by its programme or its shared work; the seed
	// alone has none, and the help names none.
	model.FacetSeries: {},
}

// acronym finds the words of a help text that look like values: two or
// more capitals (UNCCT, ML, USG) or a roman numeral.
var acronym = regexp.MustCompile(`\b[A-Z][A-Z0-9]+\b|\bI\b`)

// Ensure that every value a facet flag's help names is accepted by that
// flag: the test walks the facet registry, so that a new facet must say
// what its help names, and every acronym in the help must be among
// those, so that help cannot name a value nobody checked ("Office of the
// USG", which no branch was called).
func TestFacetHelp_LabelsAreAccepted(t *testing.T) {
	db, _ := seeded(t, t.TempDir())
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range model.FacetDefs() {
		if d.Hidden {
			continue
		}
		h, ok := helpLabels[d.Facet]
		if !ok {
			t.Errorf("--%s: add the values its help (%q) names to helpLabels", d.Facet, d.Help)
			continue
		}
		for _, w := range acronym.FindAllString(d.Help, -1) {
			inLabel := slices.ContainsFunc(h.labels, func(l string) bool { return slices.Contains(strings.Fields(l), w) })
			if !inLabel && !slices.Contains(h.placeholders, w) {
				t.Errorf("--%s: help names %q, which helpLabels does not check", d.Facet, w)
			}
		}
		for _, l := range h.labels {
			if !strings.Contains(d.Help, l) {
				t.Errorf("--%s: help %q does not name %q", d.Facet, d.Help, l)
			}
			vals, err := parseFilter(d, l, s.Resolve)
			if err != nil || len(vals) == 0 {
				t.Errorf("--%s %q, named by its help, is refused: %v", d.Facet, l, err)
			}
		}
	}
}

// Ensure that no flag's help gives its default twice: once in its own
// words and once as cobra's (default "csv").
func TestFlagHelp_DefaultsOnce(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, line := range strings.Split(c.LocalFlags().FlagUsages(), "\n") {
			if strings.Count(line, "(default") > 1 {
				t.Errorf("%s: %s", c.CommandPath(), strings.TrimSpace(line))
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newApp(nil, nil, nil).rootCmd())
}
