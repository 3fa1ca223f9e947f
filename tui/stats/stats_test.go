package stats

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
)

func TestBar(t *testing.T) {
	st := common.NewStyles(true, true)
	for _, c := range []struct {
		n, top, w int
		want      string
	}{
		{10, 10, 4, "████"},
		{5, 10, 4, "██  "},
		{1, 10, 4, "▍   "},
		{1, 1000, 4, "▏   "},
		{0, 10, 4, "    "},
	} {
		if got := ansi.Strip(Bar(st, c.n, c.top, c.w)); got != c.want {
			t.Errorf("bar(%d, %d, %d) = %q, want %q", c.n, c.top, c.w, got, c.want)
		}
	}
}

// Ensure that a value's totals read as a sentence, and as the counts
// alone without a counter.
func TestTotalsSentence(t *testing.T) {
	d, _ := model.Def(model.FacetPillar)
	s := series{def: d, vals: []model.FacetValue{{Value: "IV", Count: 18}}, totals: []model.Totals{
		{Activities: 18, Participants: 624, LowerBound: true, Headcounts: 9, Countries: 20, Partners: 22}}}
	want := "Pillar IV Human rights and the rule of law: 18 activities, ≥ 624 participants (headcount given for 9 of 18), 20 countries, 22 partners"
	if got := totalsSentence(s, 0); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	s.totals = nil
	if got := totalsSentence(s, 0); got != "Pillar IV Human rights and the rule of law: 18 activities" {
		t.Errorf("without totals: %q", got)
	}
}

// Ensure that every facet people filter by is charted, that ↓ and enter
// open a chart in full with every value, that enter there asks to filter
// by the value under the cursor and esc goes back to every chart.
func TestStats_FullChart(t *testing.T) {
	m := New(common.Common{Styles: common.NewStyles(true, true), Keys: common.DefaultKeyMap()}, nil)
	m.SetSize(80, 30)
	var countries []model.FacetValue
	for i := range 40 {
		countries = append(countries, model.FacetValue{Value: "C" + strconv.Itoa(i), Count: 40 - i})
	}
	m.Update(common.ResultMsg{Screen: store.Screen{Counts: map[model.Facet][]model.FacetValue{model.FacetCountry: countries}}})
	m.Update(common.FocusMsg{})
	if len(m.series) != len(model.Facets) {
		t.Fatalf("%d charts for %d facets", len(m.series), len(model.Facets))
	}
	for _, k := range []tea.KeyPressMsg{{Code: tea.KeyDown}, {Code: tea.KeyDown}, {Code: tea.KeyDown}} {
		m.Update(k)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if !m.full || m.fullF != model.FacetCountry {
		t.Fatalf("enter on the fourth chart opens %v (full %v)", m.fullF, m.full)
	}
	view := ansi.Strip(m.View(true))
	if !strings.Contains(view, "Country C0: 40 activities") || !strings.Contains(view, "1/40") {
		t.Errorf("the full chart:\n%s", view)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
	cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if cmd == nil || cmd() != (common.ToggleFacetMsg{Facet: model.FacetCountry, Value: "C39"}) {
		t.Errorf("enter on the last value does not ask to filter by it")
	}
	if !strings.Contains(ansi.Strip(m.View(true)), "C39") {
		t.Errorf("the last value is not on screen:\n%s", ansi.Strip(m.View(true)))
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.full || m.Closed() {
		t.Errorf("esc in a full chart: full %v, closed %v", m.full, m.Closed())
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if !m.Closed() {
		t.Error("esc on every chart does not close the view")
	}
}
