package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"github.com/unoct/unoct/data/views"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui"
)

// TestTUIViews resolves a view written by hand (a country by its name)
// as the explorer's views dialog asks, and names the view when the
// store does not know a value.
func TestTUIViews(t *testing.T) {
	a := newApp(strings.NewReader(""), io.Discard, io.Discard)
	a.dbPath = filepath.Join(t.TempDir(), "unoct.db")
	a.create = true // a new store, seeded, as import would make
	s, err := a.open()
	if err != nil {
		t.Fatal(err)
	}
	tv := tuiViews{views.New(filepath.Join(t.TempDir(), "views.toml")), s}
	q, err := tv.Query(model.View{Name: "mali", Search: "training",
		Filters: map[model.Facet][]string{model.FacetCountry: {"Mali"}, model.FacetMonth: {"2020"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(q.Filters[model.FacetCountry], []string{"ML"}) || q.Search != "training" || len(q.Filters[model.FacetMonth]) == 0 {
		t.Errorf("Query = %v", q)
	}
	_, err = tv.Query(model.View{Name: "lost", Filters: map[model.Facet][]string{model.FacetCountry: {"Atlantis"}}})
	if err == nil || !strings.Contains(err.Error(), `view "lost": no country "Atlantis"`) {
		t.Errorf("an unknown value: %v", err)
	}
}

// TestState keeps the explorer's place for the store it was on, and
// for no other.
func TestState(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	a := newApp(strings.NewReader(""), io.Discard, io.Discard)
	st := tui.State{Cursor: 10, Query: model.Query{Search: "douala",
		Filters: map[model.Facet][]string{model.FacetCountry: {"CM"}, model.FacetDay: {"2020-02-01..2020-02-29"}}}}
	a.saveState("/a/unoct.db", st)
	if _, err := os.Stat(statePath()); err != nil {
		t.Fatal(err)
	}
	got := loadState("/a/unoct.db")
	if got == nil || got.Cursor != 10 || got.Query.String() != st.Query.String() {
		t.Errorf("loadState = %+v, want %+v", got, st)
	}
	if loadState("/b/unoct.db") != nil {
		t.Error("another store's state was loaded")
	}
}
