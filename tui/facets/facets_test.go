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
	if len(m.items) != 1 || m.items[0].value.Value != "CM" {
		t.Fatalf("narrowing to CAMÉ left %v", m.items)
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

// Ensure that ] and [ jump between the facets' titles, stopping at the
// first and last, and that a number jumps to that facet's title.
func TestFacets_JumpBetweenFacets(t *testing.T) {
	m := newTestPane(t)
	var titles []model.Facet
	for _, r := range m.rows {
		if r.kind == rowTitle {
			titles = append(titles, r.def.Facet)
		}
	}
	at := func() model.Facet {
		r := m.rows[m.cur.Index]
		if r.kind != rowTitle {
			t.Fatalf("the cursor is on a %v row, not a title", r.kind)
		}
		return r.def.Facet
	}
	for i := 1; i < len(titles); i++ {
		m.Update(press("]"))
		if got := at(); got != titles[i] {
			t.Fatalf("] number %d: on %s, want %s", i, got, titles[i])
		}
	}
	m.Update(press("]"))
	if got := at(); got != titles[len(titles)-1] {
		t.Fatalf("] past the last: on %s", got)
	}
	m.Update(press("["))
	if got := at(); got != titles[len(titles)-2] {
		t.Fatalf("[: on %s, want %s", got, titles[len(titles)-2])
	}
	m.Update(press("2"))
	if got := at(); got != titles[1] {
		t.Fatalf("2: on %s, want %s", got, titles[1])
	}
	m.Update(press("j")) // onto a value: [ goes back to its own title
	m.Update(press("["))
	if got := at(); got != titles[1] {
		t.Fatalf("[ from a value: on %s, want its title %s", got, titles[1])
	}
}

// Ensure that space in a facet's values ticks without asking the root,
// that enter then asks for every tick in one message, and that esc
// drops ticks before it closes anything.
func TestFacets_TickThenApply(t *testing.T) {
	m := newTestPane(t)
	m.Open(model.FacetCountry)
	if cmd := m.Update(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}); cmd != nil {
		t.Fatalf("space asked for %#v", cmd())
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	m.Update(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, "2 ticked") || !strings.Contains(v, "+ Mali") || m.input.Value() != "" {
		t.Fatalf("two ticks not shown, or space typed:\n%s", v)
	}
	cmd := m.Update(press("enter"))
	if cmd == nil {
		t.Fatal("enter applied nothing")
	}
	want := common.ToggleFacetsMsg{Toggles: []common.ToggleFacetMsg{
		{Facet: model.FacetCountry, Value: "CM"}, {Facet: model.FacetCountry, Value: "ML"}}}
	if got, ok := cmd().(common.ToggleFacetsMsg); !ok || len(got.Toggles) != 2 || got.Toggles[0] != want.Toggles[0] || got.Toggles[1] != want.Toggles[1] {
		t.Fatalf("enter asked for %#v, want %#v", cmd(), want)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	m.Update(press("esc"))
	if !m.drilled() || len(m.pending) != 0 {
		t.Fatalf("esc with a tick: drilled %v, ticks %v", m.drilled(), m.pending)
	}
}

// Ensure that without styling the cursor row starts with > and the
// focused pane's title with *, and that with colours neither shows.
func TestFacets_PlainMarkers(t *testing.T) {
	m := newTestPane(t)
	m.Update(common.StylesMsg{Styles: common.NewStyles(true, true)})
	v := ansi.Strip(m.View(true))
	if !strings.Contains(v, "* Facets") || !strings.Contains(v, "│ >Pillar") {
		t.Fatalf("no markers without colour:\n%s", v)
	}
	if v := ansi.Strip(m.View(false)); strings.Contains(v, "* Facets") || !strings.Contains(v, "│ >Pillar") {
		t.Fatalf("unfocused: the title is marked or the cursor row is not:\n%s", v)
	}
	m.Update(common.StylesMsg{Styles: common.NewStyles(true, false)})
	if v := ansi.Strip(m.View(true)); strings.Contains(v, "*") || strings.Contains(v, ">") {
		t.Fatalf("markers with colours:\n%s", v)
	}
}

// Ensure that the region facet's values, given a tree, nest under their
// M49 groupings with the countries at the bottom, each with its count,
// and list the policy regions apart and the values the tree lacks last.
func TestFacets_RegionTree(t *testing.T) {
	m := newTestPane(t)
	m.SetRegions(&common.RegionTree{
		Parent:  map[string]string{"Sub-Saharan Africa": "Africa", "Western Africa": "Sub-Saharan Africa"},
		Country: map[string]string{"ML": "Western Africa", "CM": "Middle Africa"},
		Policy:  []string{"Sahel"},
	})
	m.setData(map[model.Facet][]model.FacetValue{
		model.FacetRegion: {{Value: "Africa", Name: "M49 region", Count: 3}, {Value: "Sub-Saharan Africa", Count: 3},
			{Value: "Western Africa", Count: 2}, {Value: "Sahel", Name: "policy region", Count: 2}, {Value: "Global", Count: 1}},
		model.FacetCountry: {{Value: "ML", Name: "Mali", Count: 2}},
	}, model.Query{}.Clone())
	m.Open(model.FacetRegion)
	for range 3 {
		m.Update(tea.KeyPressMsg{Code: tea.KeyRight})
		m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	m.Update(tea.KeyPressMsg{Code: tea.KeyRight}) // the policy regions
	var got []string
	for _, l := range strings.Split(ansi.Strip(m.View(true)), "\n")[3:] {
		if l = strings.TrimRight(strings.TrimPrefix(l, "│   "), "│ "); l != "" && !strings.HasPrefix(l, "╰") {
			got = append(got, l)
		}
	}
	want := []string{
		"▾ Africa               3",
		"  ▾ Sub-Saharan Africa 3",
		"    ▾ Western Africa   2",
		"        Mali           2",
		"▾ Policy regions (1)",
		"    Sahel              2",
		"  Global               1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Ensure that a month facet of several years shows its years in the
// overview, the latest first, and that enter on a year asks for all its
// months, then, once they are all selected, for none.
func TestFacets_YearsInTheOverview(t *testing.T) {
	m := newTestPane(t)
	counts := map[model.Facet][]model.FacetValue{
		model.FacetMonth: {{Value: "2020-02", Count: 3}, {Value: "2021-01", Count: 1}, {Value: "2021-03", Count: 2}},
	}
	m.setData(counts, model.Query{}.Clone())
	v := ansi.Strip(m.View(true))
	if i, j := strings.Index(v, "2021 (2 months)"), strings.Index(v, "2020 (1 month)"); i < 0 || j < i || strings.Contains(v, "2021-03") {
		t.Fatalf("the overview does not list the years, latest first:\n%s", v)
	}
	for m.rows[m.cur.Index].kind != rowYear {
		m.Update(press("j"))
	}
	msg := m.Update(press("enter"))()
	want := common.ToggleFacetsMsg{Toggles: []common.ToggleFacetMsg{{Facet: model.FacetMonth, Value: "2021-01"}, {Facet: model.FacetMonth, Value: "2021-03"}}}
	if got, ok := msg.(common.ToggleFacetsMsg); !ok || len(got.Toggles) != 2 || got.Toggles[0] != want.Toggles[0] || got.Toggles[1] != want.Toggles[1] {
		t.Fatalf("enter on 2021 asked for %#v", msg)
	}
	q := model.Query{}.Clone().With(model.FacetMonth, "2021-01")
	m.setData(counts, q)
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, "~ 2021") {
		t.Fatalf("a year with some months selected is not marked ~:\n%s", v)
	}
	if got := m.Update(press("enter"))(); got != (common.ToggleFacetMsg{Facet: model.FacetMonth, Value: "2021-03"}) {
		t.Fatalf("enter on a year half selected asked for %#v", got)
	}
	m.setData(counts, q.With(model.FacetMonth, "2021-03"))
	if got, ok := m.Update(press("enter"))().(common.ToggleFacetsMsg); !ok || len(got.Toggles) != 2 {
		t.Fatalf("enter on a year all selected asked for %#v", got)
	}
}
