package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
)

// TestModel_RegionTreeLoadedLate: a region tree given as a loader is
// not built before the first answer (the first frame does not wait for
// the reference tables), is built once, and then shows in the region
// facet as a tree given at the start does.
func TestModel_RegionTreeLoadedLate(t *testing.T) {
	opts := testOptions(t)
	calls := 0
	opts.LoadRegions = func() *RegionTree {
		calls++
		return testRegions(t)
	}
	m := New(mustSeedStore(t), opts)
	if calls != 0 {
		t.Fatal("the region tree was loaded before the first frame")
	}
	d := &driver{t: t, m: m}
	d.m.spinning = true
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: 160, Height: 48})
	if calls != 1 {
		t.Fatalf("the region tree was loaded %d times after the first answer, want 1", calls)
	}
	d.key("h")
	d.run(d.m.facets.Open(model.FacetRegion))
	d.requireScreen("▸ Africa  ", "▸ Policy regions", "Global")
	d.key("esc")
	d.run(d.m.runQuery())
	if calls != 1 {
		t.Fatalf("the region tree was loaded again by a later answer (%d loads)", calls)
	}
}
