package tui

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
)

// TestSeries_FacetAndDetail: once months that continue one programme
// are in the store, the facet pane offers the series facet, choosing
// the series filters the list to its activities, and the detail of one
// of them lists the series' earlier and later activities.
func TestSeries_FacetAndDetail(t *testing.T) {
	s := mustSeedStore(t)
	rd, err := testReader()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"2020-06.md", "highlights-r.md"} {
		raw, err := os.ReadFile("../testdata/highlights/" + name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := rd.Read(name, raw, reader.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(res.Document, res.Activities); err != nil {
			t.Fatal(err)
		}
	}
	const travel = "Countering Terrorist Travel Programme"
	d := newDriver(t, s, testOptions(t), 160, 48)
	mustShow(t, d.frame(), "│ Series ")
	d.key("shift+tab")
	d.run(d.m.facets.Open(model.FacetSeries))
	mustShow(t, d.frame(), "Countering Terrorist … 3") // the largest first
	d.key("enter")
	if !d.m.query.Has(model.FacetSeries, travel) {
		t.Fatalf("enter on the series did not filter by it: %v\n%s", d.m.query, d.frame())
	}
	mustShow(t, d.frame(), "3 of ")
	d.key("esc")
	d.key("tab")
	d.key("enter")
	frame := d.frame()
	mustShow(t, frame, "Series", travel, "this ")
	if !strings.Contains(frame, "later ") {
		t.Fatalf("the first activity of the series shows no later one:\n%s", frame)
	}
	golden.RequireEqual(t, frame) // regenerate with go test ./tui -update
}
