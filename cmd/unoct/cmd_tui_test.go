package main

import (
	"slices"
	"testing"

	"github.com/unoct/unoct/data/ref"
)

// Ensure that the tree handed to the explorer nests M49's levels as the
// reference table does, places each country in its most specific
// grouping, and lists the policy regions.
func TestRegionTree(t *testing.T) {
	geo, err := ref.LoadGeo()
	if err != nil {
		t.Fatal(err)
	}
	tr := regionTree(geo)
	for child, parent := range map[string]string{
		"Western Africa":     "Sub-Saharan Africa",
		"Sub-Saharan Africa": "Africa",
		"Western Europe":     "Europe",
	} {
		if got := tr.Parent[child]; got != parent {
			t.Errorf("%s is in %q, want %q", child, got, parent)
		}
	}
	if _, ok := tr.Parent["Africa"]; ok {
		t.Error("Africa, a top-level region, has a parent")
	}
	if got := tr.Country["ML"]; got != "Western Africa" {
		t.Errorf("Mali is in %q, want Western Africa", got)
	}
	if !slices.Contains(tr.Policy, "Sahel") {
		t.Errorf("no Sahel among the policy regions %v", tr.Policy)
	}
}
