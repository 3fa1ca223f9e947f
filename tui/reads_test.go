package tui

import (
	"errors"
	"sync"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
	"github.com/unoct/unoct/tui/list"
)

// countingSource counts the reads the TUI makes of a store. Each of the
// store's methods is one read transaction.
type countingSource struct {
	*store.Store
	mu                             sync.Mutex
	screens, gets, acts, gens, all int
}

func (c *countingSource) count(n *int) {
	c.mu.Lock()
	*n++
	c.all++
	c.mu.Unlock()
}

func (c *countingSource) Screen(q model.Query, p store.Page) (store.Screen, error) {
	c.count(&c.screens)
	return c.Store.Screen(q, p)
}

func (c *countingSource) Get(ids ...uint32) ([]model.Activity, error) {
	c.count(&c.gets)
	return c.Store.Get(ids...)
}

func (c *countingSource) Activity(id uint32) (model.Activity, error) {
	c.count(&c.acts)
	return c.Store.Activity(id)
}

func (c *countingSource) Generation() (store.Stamp, error) {
	c.count(&c.gens)
	return c.Store.Generation()
}

func (c *countingSource) reset() {
	c.mu.Lock()
	c.screens, c.gets, c.acts, c.gens, c.all = 0, 0, 0, 0, 0
	c.mu.Unlock()
}

// Ensure that one screen is one read of the store: the first screen, a
// facet toggle, a search keystroke and an empty result (which says what
// dropping each filter would give back) each make one Screen call and no
// other read, the detail following the cursor included.
func TestModel_OneScreenOneRead(t *testing.T) {
	src := &countingSource{Store: mustSeedStore(t)}
	d := newDriver(t, src, testOptions(t), 160, 40) // wide: the detail follows the cursor
	d.requireScreen("12 of 12 activities", "Activity ")
	check := func(what string) {
		t.Helper()
		if src.screens != 1 || src.all != 1 {
			t.Errorf("%s: %d reads (%d Screen, %d Get, %d Activity, %d Generation), want one Screen",
				what, src.all, src.screens, src.gets, src.acts, src.gens)
		}
		src.reset()
	}
	check("first screen")

	d.send(common.ToggleFacetMsg{Facet: model.FacetPillar, Value: "IV"})
	d.requireScreen("pillar=IV")
	check("facet toggle")

	d.key("/")
	d.typeText("x")
	check("search keystroke")

	d.typeText("yzzy")
	src.reset()
	d.typeText("q")
	d.requireScreen("0 of 12 activities", "To widen:", "without pillar = IV")
	check("empty result")
}

// Ensure that rows gone from the store since the last screen (an import
// replaced their document) make the TUI ask again, not show an error.
func TestModel_RowsGoneAskAgain(t *testing.T) {
	src := &countingSource{Store: mustSeedStore(t)}
	d := newDriver(t, src, testOptions(t), 120, 40)
	_, gone := src.Store.Get(999999)
	if !errors.Is(gone, store.ErrNotFound) {
		t.Fatalf("Get of a missing id: %v", gone)
	}
	src.reset()
	d.send(list.ErrorMsg{Err: gone})
	if src.screens != 1 {
		t.Errorf("%d Screen calls after rows went missing, want 1", src.screens)
	}
	if d.m.statusKind == statusError {
		t.Errorf("status %q shows an error", d.m.status)
	}
}
