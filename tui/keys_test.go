package tui

import (
	"cmp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// testRegions is the region tree the program hands the explorer, built
// from the reference tables as the program builds it.
func testRegions(t testing.TB) *RegionTree {
	t.Helper()
	geo, err := testGeo()
	if err != nil {
		t.Fatal(err)
	}
	tr := &RegionTree{Parent: map[string]string{}, Country: map[string]string{}}
	for _, c := range geo.Countries() {
		if c.SubRegion != "" && c.Region != "" {
			tr.Parent[c.SubRegion] = c.Region
		}
		if c.Intermediate != "" {
			tr.Parent[c.Intermediate] = cmp.Or(c.SubRegion, c.Region)
		}
		if g := c.M49Group(); g != "" {
			tr.Country[c.Code] = g
		}
	}
	for _, pr := range geo.PolicyRegions() {
		tr.Policy = append(tr.Policy, pr.Name)
	}
	return tr
}

// Ensure that h, l, ← and → move between the panes without wrapping
// round, that on a narrow screen l from the list opens the detail and h
// leaves it, and that they type while a facet's values are narrowed.
func TestModel_SidewaysKeys(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 160, 48)
	for _, step := range []struct {
		key  string
		want pane
	}{
		{"h", paneFacets}, {"h", paneFacets}, {"l", paneList}, {"right", paneDetail},
		{"l", paneDetail}, {"left", paneList}, {"left", paneFacets},
	} {
		d.key(step.key)
		if d.m.focus != step.want {
			t.Fatalf("%s: focus on %v, want %v", step.key, d.m.focus, step.want)
		}
	}
	d.plain()
	d.requireScreen("* Facets")

	d = newDriver(t, mustSeedStore(t), testOptions(t), 80, 24)
	d.key("l")
	if d.m.focus != paneDetail || !d.m.detailOpen {
		t.Fatalf("l in the list at 80 columns: focus %v, detail open %v", d.m.focus, d.m.detailOpen)
	}
	d.requireScreen("Activity ")
	d.key("h")
	if d.m.focus != paneList || d.m.detailOpen {
		t.Fatalf("h in the detail at 80 columns: focus %v, detail open %v", d.m.focus, d.m.detailOpen)
	}
	d.key("h")
	d.run(d.m.facets.Open(model.FacetCountry))
	d.typeText("hl")
	if d.m.focus != paneFacets || !strings.Contains(d.screen(), "narrow: hl") {
		t.Fatalf("h and l did not type while narrowing:\n%s", d.screen())
	}
}

// Ensure that ctrl+d and ctrl+u move the list's cursor by half a page,
// and scroll the detail by half of its.
func TestModel_HalfPages(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 160, 48)
	page := d.m.pageRows
	d.key("ctrl+d")
	if got := d.m.cur; !got.OK || !strings.Contains(d.screen(), " "+strconv.Itoa(page/2+1)+"/12 ") {
		t.Fatalf("ctrl+d with %d rows a page: not on row %d:\n%s", page, page/2+1, d.screen())
	}
	d.key("ctrl+u")
	d.requireScreen(" 1/12 ")

	d = newDriver(t, mustSeedStore(t), testOptions(t), 80, 24)
	for range 5 {
		d.key("j")
	}
	d.key("enter")
	d.requireScreen("Activity 10", " 0%")
	d.key("ctrl+d")
	if strings.Contains(d.screen(), " 0%") {
		t.Fatalf("ctrl+d did not scroll the detail:\n%s", d.screen())
	}
	d.key("ctrl+u")
	d.requireScreen(" 0%")
}

// Ensure that the help screen lists the keys that move: half pages,
// sideways, facet jumps, ticks and search matches.
func TestModel_HelpListsNavigation(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 160, 48)
	d.key("?")
	d.requireScreen("ctrl+d", "half page down", "h/←", "pane to the left", "]", "next facet", "1-9",
		"tick value", "next search match", "open region/year")
}

// Ensure that a message on the status line goes at the next key, and
// that a message's timer clears it but not a newer one.
func TestModel_StatusExpires(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 120, 40)
	d.send(common.ToggleFacetMsg{Facet: model.FacetPillar, Value: "IV"})
	d.key("c")
	d.requireScreen("every filter cleared")
	d.key("j")
	if strings.Contains(d.screen(), "every filter cleared") {
		t.Fatalf("the message stayed after a key:\n%s", d.screen())
	}

	d.m.opts.StatusTimeout = 1 // a timer that the test fires by hand
	d.m.setStatus(statusInfo, "first")
	old := d.m.statusID
	d.m.setStatus(statusInfo, "second")
	d.send(statusExpiredMsg{old})
	d.requireScreen("second")
	d.send(statusExpiredMsg{d.m.statusID})
	if strings.Contains(d.screen(), "second") {
		t.Fatalf("the message outlived its timer:\n%s", d.screen())
	}
}

// Ensure that values ticked with space in a facet's list apply together
// on enter, in one query, and that esc drops ticks not applied.
func TestModel_TickSeveral(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 120, 40)
	d.key("h")
	d.run(d.m.facets.Open(model.FacetPillar))
	d.key("space")
	d.key("down")
	d.key("space")
	d.requireScreen("2 ticked · enter", "12 of 12 activities")
	seq := d.m.seq
	d.key("enter")
	if got := d.m.query.Filters[model.FacetPillar]; len(got) != 2 || d.m.seq != seq+1 {
		t.Fatalf("enter applied %v in %d queries", got, d.m.seq-seq)
	}
	d.requireScreen("pillar=I|II", "Facets › Pillar")
	d.key("space")
	d.key("esc")
	d.requireScreen("Facets › Pillar")
	if got := d.m.query.Filters[model.FacetPillar]; len(got) != 2 || strings.Contains(d.screen(), "ticked") {
		t.Fatalf("esc did not drop the tick: %v\n%s", got, d.screen())
	}
}

// Ensure that the month facet's list groups months by year and that a
// year ticks, and unticks, its months as one.
func TestModel_YearTogglesItsMonths(t *testing.T) {
	s := mustSeedStore(t)
	importActs(t, s, "2021-03.md", "2021-03", []model.Activity{
		{Month: "2021-03", Kind: model.KindOther, Text: "A March meeting.", Source: model.Source{Document: "2021-03.md", Line: 1}},
		{Month: "2021-03", Kind: model.KindOther, Text: "A May meeting.", Source: model.Source{Document: "2021-03.md", Line: 2},
			Sessions: []model.Session{{Start: "2021-05-03", End: "2021-05-04"}}},
	})
	d := newDriver(t, s, testOptions(t), 120, 40)
	d.plain()
	d.key("h")
	d.run(d.m.facets.Open(model.FacetMonth))
	d.requireScreen("▾ 2020 (1 month)", "▾ 2021 (2 months)", "2021-05")
	for !strings.Contains(d.screen(), "> ▾ 2021") {
		before := d.screen()
		d.key("down")
		if d.screen() == before {
			t.Fatalf("never reached 2021:\n%s", before)
		}
	}
	d.key("enter")
	if got := strings.Join(d.m.query.Filters[model.FacetMonth], ","); got != "2021-03,2021-05" {
		t.Fatalf("enter on 2021 filtered months %q", got)
	}
	d.requireScreen("2 of 14 activities", "✓ ▾ 2021")
	d.key("left")
	d.requireScreen("▸ 2021 (2 months)")
	if strings.Contains(ansi.Strip(d.m.facets.View(true)), "2021-05") {
		t.Fatalf("← left 2021 open:\n%s", d.screen())
	}
	d.key("enter")
	if got := d.m.query.Filters[model.FacetMonth]; len(got) != 0 {
		t.Fatalf("enter on a ticked year left %v", got)
	}
}

// Ensure that the region facet's list, with the program's tree, nests
// M49's levels down to the countries, each with its count, that → and ←
// open and close them, and that a country there filters by country.
func TestModel_RegionTree(t *testing.T) {
	opts := testOptions(t)
	opts.Regions = testRegions(t)
	d := newDriver(t, mustSeedStore(t), opts, 160, 48)
	d.key("h")
	d.run(d.m.facets.Open(model.FacetRegion))
	d.requireScreen("▸ Africa  ", "▸ Policy regions", "Global")
	if strings.Contains(d.screen(), "Sub-Saharan") {
		t.Fatalf("the tree starts open:\n%s", d.screen())
	}
	d.key("right")
	d.requireScreen("▾ Africa", "  ▸ Sub-Saharan Africa 4")
	d.key("down")
	d.key("right")
	d.key("down")
	d.key("right") // Western Africa or Middle Africa, whichever comes first
	d.key("down")
	d.key("enter")
	var got []string
	for f, vs := range d.m.query.Filters {
		got = append(got, string(f)+"="+strings.Join(vs, "|"))
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "country=") {
		t.Fatalf("enter on a country in the tree filtered %v:\n%s", got, d.screen())
	}
	d.key("left")
	d.key("left")
	if !strings.Contains(d.screen(), "▸ Sub-Saharan Africa") && !strings.Contains(d.screen(), "▸ Western Africa") && !strings.Contains(d.screen(), "▸ Middle Africa") {
		t.Fatalf("← on a country did not close its group:\n%s", d.screen())
	}
}
