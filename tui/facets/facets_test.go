package facets

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

func newTestPane(t *testing.T) *Model {
	t.Helper()
	m := New(common.Common{Styles: common.NewStyles(true, false), Keys: common.DefaultKeyMap()})
	m.SetSize(30, 60)
	m.Update(common.ResultMsg{Query: model.Query{}.Clone()})
	m.setData(map[model.Facet][]model.FacetValue{
		model.FacetPillar:  {{Value: "I", Count: 2}, {Value: "IV", Count: 1}},
		model.FacetCountry: {{Value: "ML", Name: "Mali", Count: 2}, {Value: "CM", Name: "Cameroon", Count: 1}},
		model.FacetSection: {{Value: "Highlights", Count: 3}},
	}, model.Query{}.Clone())
	return m
}

func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// Ensure that the pane shows the facets the registry puts in it, in the
// registry's order, titled as the registry titles them.
func TestFacets_FollowTheRegistry(t *testing.T) {
	m := newTestPane(t)
	var want, got []string
	for _, d := range model.FacetDefs() {
		if d.Pane && (!d.HideEmpty || len(m.counts[d.Facet]) > 0) {
			want = append(want, d.Title)
		}
	}
	for _, r := range m.rows {
		if r.kind == rowTitle {
			got = append(got, r.def.Title)
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("titles %v, want %v", got, want)
	}
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, "I Conditions") || !strings.Contains(v, "Mali") {
		t.Fatalf("values are not labelled by the registry:\n%s", v)
	}
}

// Ensure that enter on a facet's title opens its values, that typing
// narrows them (accents and case aside), and that enter then asks for
// the value under the cursor.
func TestFacets_OpenAndNarrow(t *testing.T) {
	m := newTestPane(t)
	for m.rows[m.cur.Index].kind != rowTitle || m.rows[m.cur.Index].def.Facet != model.FacetCountry {
		before := m.cur.Index
		m.Update(press("j"))
		if m.cur.Index == before {
			t.Fatal("j never reached the Country title")
		}
	}
	m.Update(press("enter"))
	if !m.Typing() || !strings.Contains(ansi.Strip(m.View(true)), "Facets › Country") {
		t.Fatalf("enter on Country did not open it:\n%s", ansi.Strip(m.View(true)))
	}
	for _, r := range "CAMÉ" {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if len(m.values) != 1 || m.values[0].Value != "CM" {
		t.Fatalf("narrowing to CAMÉ left %v", m.values)
	}
	cmd := m.Update(press("enter"))
	if cmd == nil {
		t.Fatal("enter on a value asked for nothing")
	}
	if got, want := cmd(), (common.ToggleFacetMsg{Facet: model.FacetCountry, Value: "CM"}); got != want {
		t.Fatalf("enter asked for %#v, want %#v", got, want)
	}
	m.Update(press("esc"))
	m.Update(press("esc"))
	if m.Typing() || m.drilled() {
		t.Fatal("esc twice did not close the facet")
	}
}
