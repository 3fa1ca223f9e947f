package editform

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// fakeStore holds one activity and applies corrections as the store
// does: on the reader's activity.
type fakeStore struct {
	read model.Activity // as the reader read it
	c    model.Correction
	vals map[model.Facet][]model.FacetValue
}

func (f *fakeStore) now() model.Activity {
	a := f.read
	f.c.Apply(&a, false)
	return a
}

func (f *fakeStore) Activity(id uint32) (model.Activity, error) {
	if id != f.read.ID {
		return model.Activity{}, errors.New("no such activity")
	}
	return f.now(), nil
}

func (f *fakeStore) Values(fc model.Facet) ([]model.FacetValue, error) { return f.vals[fc], nil }

func (f *fakeStore) Fix(id uint32, edit func(c *model.Correction) error) (model.Activity, error) {
	c := f.c
	if err := edit(&c); err != nil {
		return model.Activity{}, err
	}
	f.c = c
	return f.now(), nil
}

func newForm(t *testing.T) (*Model, *fakeStore) {
	t.Helper()
	n := 40
	st := &fakeStore{
		read: model.Activity{ID: 7, Text: "UNCCT trained 40 officers in Bamako.", Kind: model.KindTraining, Branch: model.BranchUNCCT,
			Pillars:      []model.PillarMatch{{Pillar: model.PillarII, Matched: []string{"officers"}}},
			Partners:     []model.Entity{{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime", Kind: model.EntityUN}},
			Countries:    []model.CountryRef{{Code: "ML", Name: "Mali"}},
			Participants: model.Participants{People: &n}},
		vals: map[model.Facet][]model.FacetValue{
			model.FacetPartner: {{Value: "EU", Name: "European Union"}},
			model.FacetCountry: {{Value: "NE", Name: "Niger"}},
		},
	}
	c := common.Common{Styles: common.NewStyles(true, false), Keys: common.DefaultKeyMap()}
	m := New(c, st, func() (uint32, bool) { return 7, true })
	m.SetSize(100, 30)
	run(m, m.Update(common.FocusMsg{}))
	return m, st
}

// run delivers what cmd leads to, as the root would.
func run(m *Model, cmd tea.Cmd) {
	for cmd != nil {
		msg := cmd()
		if _, ok := msg.(DoneMsg); ok {
			return
		}
		cmd = m.Update(msg)
	}
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case "down":
			msg = tea.KeyPressMsg{Code: tea.KeyDown}
		case "ctrl+u":
			msg = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
		default:
			for _, r := range k {
				run(m, m.Update(tea.KeyPressMsg{Code: r, Text: string(r)}))
			}
			continue
		}
		run(m, m.Update(msg))
	}
}

func TestForm_EditsEachKindOfField(t *testing.T) {
	for _, tc := range []struct {
		name  string
		downs int
		typed string
		check func(a model.Activity) bool
	}{
		{"kind", 0, "workshop", func(a model.Activity) bool { return a.Kind == model.KindWorkshop }},
		{"pillars", 2, "2, 4", func(a model.Activity) bool { return len(a.Pillars) == 2 && a.Pillars[1].Pillar == model.PillarIV }},
		{"partners from the store", 3, "UNODC; European Union", func(a model.Activity) bool {
			return len(a.Partners) == 2 && a.Partners[1].Acronym == "EU" && a.Partners[0].Kind == model.EntityUN
		}},
		{"partner no one knows", 3, "Hedayah", func(a model.Activity) bool { return len(a.Partners) == 1 && a.Partners[0].Label() == "Hedayah" }},
		{"no partner", 3, "", func(a model.Activity) bool { return len(a.Partners) == 0 && a.IsCorrected("partners") }},
		{"countries", 5, "ML, Niger", func(a model.Activity) bool { return len(a.Countries) == 2 && a.Countries[1].Code == "NE" }},
		{"participants", 6, "~150", func(a model.Activity) bool {
			return *a.Participants.People == 150 && a.Participants.Approximate
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, st := newForm(t)
			for range tc.downs {
				press(m, "down")
			}
			press(m, "enter", "ctrl+u", tc.typed, "enter")
			if a := st.now(); !tc.check(a) || m.bad {
				t.Errorf("after %q: %+v; status %q", tc.typed, a, m.status)
			}
			if v := ansi.Strip(m.View(true)); !strings.Contains(v, "✎") || !strings.Contains(v, "read as:") {
				t.Errorf("the form does not mark the correction:\n%s", v)
			}
			press(m, "u") // back to the reader
			if a := st.now(); len(a.Corrected) != 0 {
				t.Errorf("after undo: corrected %v", a.Corrected)
			}
		})
	}
}

func TestForm_RefusesAndToggles(t *testing.T) {
	m, st := newForm(t)
	press(m, "enter", "ctrl+u", "party", "enter")
	if !m.bad || !strings.Contains(m.status, `kind "party" is not one of`) || st.c.Kind != "" {
		t.Errorf("a bad kind: status %q, correction %+v", m.status, st.c)
	}
	// Typing the reader's value gives the field back.
	press(m, "enter", "ctrl+u", "workshop", "enter", "enter", "ctrl+u", "training", "enter")
	if st.c.Kind != "" || m.status != "Kind as the reader read it" {
		t.Errorf("typing the reader's value: %+v, %q", st.c, m.status)
	}
	for range 7 {
		press(m, "down")
	}
	press(m, "enter")
	if !st.now().NotActivity {
		t.Error("enter on Not an activity did not mark it")
	}
	press(m, "enter")
	if st.now().NotActivity {
		t.Error("enter again did not unmark it")
	}
	press(m, "esc")
	if !m.Closed() {
		t.Error("esc did not close the form")
	}
}

func TestForm_NoActivityOrNoStore(t *testing.T) {
	c := common.Common{Styles: common.NewStyles(true, false), Keys: common.DefaultKeyMap()}
	m := New(c, nil, func() (uint32, bool) { return 1, true })
	m.SetSize(80, 20)
	m.Update(common.FocusMsg{})
	if !strings.Contains(m.status, "cannot keep corrections") {
		t.Errorf("no store: %q", m.status)
	}
	m = New(c, &fakeStore{}, func() (uint32, bool) { return 0, false })
	m.SetSize(80, 20)
	m.Update(common.FocusMsg{})
	if !strings.Contains(m.status, "no activity under the cursor") {
		t.Errorf("no activity: %q", m.status)
	}
	press(m, "enter", "u") // nothing to edit: no panic
}
