package tui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/unoct/unoct/data/views"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
)

// memViews keeps saved views in memory, as the program keeps them in a
// file; a view's values are used as they are (the program resolves
// them against the store).
type memViews struct{ views []model.View }

func (v *memViews) List() ([]model.View, error) { return slices.Clone(v.views), nil }

func (v *memViews) Save(nv model.View) error {
	if i := slices.IndexFunc(v.views, func(x model.View) bool { return x.Name == nv.Name }); i >= 0 {
		v.views[i] = nv
		return nil
	}
	v.views = append(v.views, nv)
	return nil
}

func (v *memViews) Delete(name string) error {
	i := slices.IndexFunc(v.views, func(x model.View) bool { return x.Name == name })
	if i < 0 {
		return errors.New("no view " + name)
	}
	v.views = slices.Delete(v.views, i, i+1)
	return nil
}

func (v *memViews) Query(view model.View) (model.Query, error) {
	if slices.Contains(view.Filters[model.FacetCountry], "Atlantis") {
		return model.Query{}, errors.New(`view "` + view.Name + `": no country "Atlantis" in the store`)
	}
	q := model.Query{Filters: map[model.Facet][]string{}, Search: view.Search}
	for f, vals := range view.Filters {
		q.Filters[f] = slices.Clone(vals)
	}
	return q, nil
}

func (v *memViews) Path() string { return "~/.config/unoct/views.toml" }

// docLister lists s's documents as the program does, with a fixed
// import time so that screens are the same each run.
func docLister(s *store.Store) func() ([]model.DocumentInfo, error) {
	return func() ([]model.DocumentInfo, error) {
		docs, err := s.Docs()
		if err != nil {
			return nil, err
		}
		out := make([]model.DocumentInfo, len(docs))
		for i, d := range docs {
			out[i] = model.DocumentInfo{Name: d.Name, Month: d.Month, Activities: d.Activities,
				Imported: testNow(), Facts: d.Facts}
		}
		return out, nil
	}
}

// docsOptions are the test options with the documents and the saved
// views handed in.
func docsOptions(t testing.TB, s *store.Store, views *memViews) Options {
	opts := testOptions(t)
	opts.Documents = docLister(s)
	opts.Views = views
	return opts
}

// Ensure that the documents view lists the seed with its figures, and
// that choosing it filters the explorer to its activities.
func TestModel_DocumentsView(t *testing.T) {
	s := mustSeedStore(t)
	d := newDriver(t, s, docsOptions(t, s, &memViews{}), 120, 30)
	d.key("D")
	d.requireScreen("Documents · 1 in the store", "2020-02.md", "2024-03-05 14:07",
		"234 individuals trained since January 2020", "11 workshops organized since January 2020",
		"43 Compact entities (38 members, 5 observers)")
	d.key("enter")
	d.requireScreen("12 of 12 activities", "document=2020-02.md", "document 2020-02.md: 234 trained · 11 workshops")
	if got := d.m.query.Filters[model.FacetDoc]; !slices.Equal(got, []string{"2020-02.md"}) {
		t.Errorf("query after enter: %v", d.m.query)
	}
	if d.m.state != stateBrowse {
		t.Errorf("the view stays open")
	}
	d.key("D")
	d.key("esc")
	if d.m.state != stateBrowse {
		t.Errorf("esc leaves the view open")
	}
}

// Ensure that the views dialog saves the current filters and search
// under a name, and opens a saved view (written elsewhere) as the
// explorer's query; a view the store cannot resolve says why and
// changes nothing.
func TestModel_ViewsDialog(t *testing.T) {
	s := mustSeedStore(t)
	views := &memViews{views: []model.View{
		{Name: "mali", Filters: map[model.Facet][]string{model.FacetCountry: {"ML"}}},
		{Name: "lost", Filters: map[model.Facet][]string{model.FacetCountry: {"Atlantis"}}},
	}}
	d := newDriver(t, s, docsOptions(t, s, views), 120, 30)
	d.key("/")
	d.typeText("douala")
	d.key("enter")
	d.requireScreen("1 of 12 activities")

	d.key("v")
	d.requireScreen("Saved views (2)", "Current filters: search=“douala”", "mali", "country=ML")
	d.key("s")
	d.typeText("douala only")
	d.key("enter")
	d.requireScreen("saved view douala only: search=“douala”", "Saved views (3)")
	if v := views.views[2]; v.Name != "douala only" || v.Search != "douala" {
		t.Errorf("saved %+v", v)
	}

	d.key("down") // mali
	d.key("enter")
	d.requireScreen("2 of 12 activities", "country=Mali", "view mali: country=ML")
	if d.m.state != stateBrowse || d.m.query.Search != "" {
		t.Errorf("after opening: state %v, query %v", d.m.state, d.m.query)
	}

	d.key("v")
	d.key("down")
	d.key("down")
	d.key("enter")
	d.requireScreen(`no country "Atlantis" in the store`, "Saved views")
	d.key("d")
	d.requireScreen("deleted view lost", "Saved views (2)")
	d.key("esc")
	d.requireScreen("2 of 12 activities")
}

// Ensure that the explorer reopens on the query and activity it was
// left on, and hands them back as it quits.
func TestModel_Resume(t *testing.T) {
	s := mustSeedStore(t)
	opts := testOptions(t)
	opts.Resume = &State{Query: model.Query{Filters: map[model.Facet][]string{model.FacetMonth: {"2020-02"}}}, Cursor: 10}
	d := newDriver(t, s, opts, 160, 30)
	d.requireScreen("month=2020-02", "Activity 10")
	if !d.m.cur.OK || d.m.cur.ID != 10 {
		t.Fatalf("cursor on %+v, want activity 10", d.m.cur)
	}
	d.key("j")
	st := d.m.State()
	if st.Cursor == 10 || st.Cursor == 0 || !slices.Equal(st.Query.Filters[model.FacetMonth], []string{"2020-02"}) {
		t.Errorf("State() = %+v", st)
	}
}

// Ensure that the documents view and the views dialog look as recorded
// at 80×24 and 160×48. Regenerate with go test ./tui -update.
func TestGolden_DocsViews(t *testing.T) {
	screens := []struct {
		name string
		keys []string
		want []string
	}{
		{"docs", []string{"D"}, []string{"individuals trained"}},
		{"views", []string{"v"}, []string{"border-wa"}},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, sc := range screens {
			name := sc.name + "_" + strconv.Itoa(size[0]) + "x" + strconv.Itoa(size[1])
			t.Run(name, func(t *testing.T) {
				s := mustSeedStore(t)
				views := &memViews{views: []model.View{{Name: "border-wa", Search: "border", Sort: "-participants",
					Filters: map[model.Facet][]string{model.FacetPillar: {"IV"}, model.FacetRegion: {"Western Africa"}}}}}
				opts := docsOptions(t, s, views)
				opts.ExportDir = ""
				tm := teatest.NewTestModel(t, probed{New(s, opts)},
					teatest.WithInitialTermSize(size[0], size[1]),
					teatest.WithProgramOptions(
						tea.WithColorProfile(colorprofile.ASCII),
						tea.WithEnvironment([]string{"TERM=xterm-256color", "LANG=C.UTF-8"}),
					))
				waitScreen(t, tm, "12 of 12 activities", "╰")
				for _, k := range sc.keys {
					tm.Send(keyMsg(k))
				}
				waitScreen(t, tm, sc.want...)
				frame := finalFrame(t, tm)
				if lines := strings.Count(frame, "\n") + 1; lines != size[1] {
					t.Errorf("the frame has %d lines, want %d", lines, size[1])
				}
				golden.RequireEqual(t, frame)
			})
		}
	}
}

// fileViews is the views file as the program hands it in, resolving
// nothing.
type fileViews struct{ *views.File }

func (fileViews) Query(v model.View) (model.Query, error) {
	q := model.Query{Filters: map[model.Facet][]string{}, Search: v.Search}
	for f, vals := range v.Filters {
		q.Filters[f] = vals
	}
	return q, nil
}

// Ensure that a view saved from the explorer lands in the views file
// the command line reads, in its documented shape.
func TestModel_ViewsDialogFile(t *testing.T) {
	s := mustSeedStore(t)
	path := filepath.Join(t.TempDir(), "views.toml")
	opts := testOptions(t)
	opts.Views = fileViews{views.New(path)}
	d := newDriver(t, s, opts, 120, 30)
	d.send(common.ToggleFacetMsg{Facet: model.FacetCountry, Value: "ML"})
	d.key("v")
	d.key("enter")
	d.typeText("mali")
	d.key("enter")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[[view]]", "name = 'mali'", "country = ['ML']"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the file lacks %q:\n%s", want, b)
		}
	}
}
