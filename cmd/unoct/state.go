package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui"
)

// The explorer's state between runs: the filters and search on screen
// and the activity under the cursor when it quit, so that it reopens
// there (unoct --fresh starts clean). It is a small JSON file in
// $XDG_STATE_HOME/unoct, apart from the saved views: nobody edits it by
// hand, and losing it loses nothing but the place.

// stateFile is the state's JSON: the query as a view (values as stored)
// and the cursor's activity. store names the store it was on, so that
// the state of one store does not reopen another (--db).
type stateFile struct {
	Store   string              `json:"store"`
	Filters map[string][]string `json:"filters,omitempty"`
	Since   string              `json:"since,omitempty"`
	Until   string              `json:"until,omitempty"`
	Search  string              `json:"search,omitempty"`
	Cursor  uint32              `json:"cursor,omitempty"`
}

func statePath() string { return filepath.Join(xdg.StateHome, "unoct", "explorer.json") }

// loadState reads the state left by the last run on the store at
// path; a missing, unreadable or other store's state is none.
func loadState(path string) *tui.State {
	b, err := os.ReadFile(statePath())
	if err != nil {
		return nil
	}
	var f stateFile
	if json.Unmarshal(b, &f) != nil || f.Store != path {
		return nil
	}
	q := model.Query{Filters: map[model.Facet][]string{}, Search: f.Search}
	for k, vals := range f.Filters {
		fc, err := model.ParseFacet(k)
		if err != nil {
			continue // a facet this build no longer has
		}
		q.Filters[fc] = vals
	}
	if f.Since != "" || f.Until != "" {
		q.Filters[model.FacetDay] = []string{model.DayRange(f.Since, f.Until)}
	}
	return &tui.State{Query: q, Cursor: f.Cursor}
}

// saveState writes the state for the store at path. It is written
// whole or not at all; a failure is only reported, since the explorer
// has already closed.
func (a *app) saveState(path string, st tui.State) {
	v := model.ViewOf("", st.Query)
	f := stateFile{Store: path, Since: v.Since, Until: v.Until, Search: v.Search, Cursor: st.Cursor}
	for _, fc := range v.Facets() {
		if f.Filters == nil {
			f.Filters = map[string][]string{}
		}
		f.Filters[string(fc)] = v.Filters[fc]
	}
	b, err := json.Marshal(f)
	if err == nil {
		err = writeAtomic(statePath(), b)
	}
	if err != nil {
		fmt.Fprintln(a.err, "unoct: warning: could not keep the explorer's place:", err)
	}
}

// writeAtomic replaces the file at p with b through a temporary file in
// its directory, which it makes when missing.
func writeAtomic(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".state-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}
