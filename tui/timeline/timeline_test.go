package timeline

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
)

// fakeCounter answers each month's totals from a table, as the store
// would under the filters it is given.
type fakeCounter struct {
	vals   []model.FacetValue
	totals []model.Totals
	asked  []model.Query
}

func (f *fakeCounter) Stats(q model.Query, fc model.Facet) (store.Stats, error) {
	f.asked = append(f.asked, q)
	return store.Stats{Facet: fc, Values: f.vals, ValueTotals: f.totals}, nil
}

func newTimeline(t *testing.T, src any) *Model {
	t.Helper()
	m := New(common.Common{Styles: common.NewStyles(true, true), Keys: common.DefaultKeyMap()}, src)
	m.SetSize(80, 20)
	return m
}

// run feeds msg to m and then every message its commands give, as the
// root would, and returns the messages meant for the root.
func run(m *Model, msg tea.Msg) []tea.Msg {
	var up []tea.Msg
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		cmd := m.Update(queue[0])
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		switch out := cmd().(type) {
		case totalsMsg:
			queue = append(queue, out)
		case nil:
		default:
			up = append(up, out)
		}
	}
	return up
}

// Ensure that the timeline lists every month from the first to the
// last, those without activity at zero, asks the totals without the
// month's own filter, opens on the latest month, and that enter asks
// the root to filter by the month under the cursor.
func TestTimeline(t *testing.T) {
	src := &fakeCounter{
		vals:   []model.FacetValue{{Value: "2020-11", Count: 3}, {Value: "2021-02", Count: 1}},
		totals: []model.Totals{{Activities: 3, Participants: 40, Headcounts: 1}, {Activities: 1}},
	}
	m := newTimeline(t, src)
	q := model.Query{Filters: map[model.Facet][]string{model.FacetMonth: {"2021-01"}, model.FacetPillar: {"IV"}}}
	run(m, common.ResultMsg{Query: q})
	run(m, common.FocusMsg{})
	var got []string
	for _, r := range m.rows {
		got = append(got, r.value)
	}
	want := []string{"2020-11", "2020-12", "2021-01", "2021-02"}
	if len(got) != len(want) {
		t.Fatalf("months %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("months %v, want %v", got, want)
		}
	}
	if !m.rows[2].picked || m.rows[1].totals.Activities != 0 || m.rows[0].totals.Participants != 40 {
		t.Errorf("rows %+v", m.rows)
	}
	if len(src.asked) == 0 || src.asked[0].Has(model.FacetMonth, "2021-01") || !src.asked[0].Has(model.FacetPillar, "IV") {
		t.Errorf("asked %v, want the pillar filter and not the month's", src.asked)
	}
	if m.cur.Index != 3 {
		t.Errorf("the cursor opens on row %d, want the latest month", m.cur.Index)
	}
	run(m, tea.KeyPressMsg{Code: tea.KeyUp})
	up := run(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if len(up) != 1 || up[0] != (common.ToggleFacetMsg{Facet: model.FacetMonth, Value: "2021-01"}) {
		t.Errorf("enter on 2021-01 sends %v", up)
	}
	run(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if !m.Closed() {
		t.Error("esc does not close the timeline")
	}
}

// Ensure that without a counter the timeline shows the result's counts.
func TestTimeline_CountsOnly(t *testing.T) {
	m := newTimeline(t, nil)
	run(m, common.ResultMsg{Screen: store.Screen{Counts: map[model.Facet][]model.FacetValue{
		model.FacetMonth: {{Value: "2020-12", Count: 2}, {Value: "2020-10", Count: 5}},
	}}})
	run(m, common.FocusMsg{})
	if len(m.rows) != 3 || m.rows[0].value != "2020-10" || m.rows[0].totals.Activities != 5 || m.rows[2].totals.Activities != 2 {
		t.Errorf("rows %+v", m.rows)
	}
}

func TestNextMonth(t *testing.T) {
	for in, want := range map[string]string{"2020-01": "2020-02", "2020-12": "2021-01", "2020": "", "x": ""} {
		if got := nextMonth(in); got != want {
			t.Errorf("nextMonth(%q) = %q, want %q", in, got, want)
		}
	}
}
