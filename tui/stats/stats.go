package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
)

// StatsKeyMap holds the stats view's keys.
type StatsKeyMap struct {
	NavKeyMap
	Close key.Binding
}

// ShortHelp implements help.KeyMap.
func (k StatsKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Close} }

// FullHelp implements help.KeyMap.
func (k StatsKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.bindings(), {k.Close}} }

// statsFacets are the facets the stats view charts, with how many values
// each shows at most.
func statsFacets() []struct {
	facet model.Facet
	limit int
} {
	return []struct {
		facet model.Facet
		limit int
	}{
		{model.FacetPillar, 4}, {model.FacetRegion, 12}, {model.FacetMonth, 24},
		{model.FacetCountry, 15}, {model.FacetPartner, 15},
	}
}

// statsModel is the stats view: bar charts of the counts under the
// current filters, in a scrolling viewport.
type statsModel struct {
	keys StatsKeyMap
	vp   viewport.Model

	width, height int
}

func newStatsModel(keys StatsKeyMap) statsModel {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{}
	vp.MouseWheelEnabled = false
	return statsModel{keys: keys, vp: vp}
}

func (m *statsModel) setSize(w, h int) {
	m.width, m.height = max(w, 1), max(h, 1)
	m.vp.SetWidth(m.width)
	m.vp.SetHeight(m.height)
}

func (m statsModel) update(msg tea.KeyPressMsg) (statsModel, tea.Cmd, bool) {
	k := m.keys
	switch {
	case k.NavKeyMap.scroll(&m.vp, msg):
	case key.Matches(msg, k.Close):
		return m, func() tea.Msg { return statsCloseMsg{} }, true
	default:
		return m, nil, false
	}
	return m, nil, true
}

// refresh redraws the charts for new counts; shown is the result's size.
func (m *statsModel) refresh(st Styles, counts map[model.Facet][]model.FacetValue, q model.Query, shown int) {
	w := m.width
	cols := 1
	if w >= 100 {
		cols = 2
	}
	gap := 4
	cw := (w - gap*(cols-1)) / cols
	var charts []string
	for _, sf := range statsFacets() {
		charts = append(charts, chart(st, sf.facet, counts[sf.facet], q, cw, sf.limit))
	}
	var b strings.Builder
	intro := strconv.Itoa(shown) + " activit" + plural(shown, "y", "ies") + " under the current filters. " +
		"An activity with three partners counts once under each."
	b.WriteString(st.Muted.Render(lipgloss.NewStyle().Width(w).Render(intro)) + "\n\n")
	for i := 0; i < len(charts); i += cols {
		row := charts[i:min(len(charts), i+cols)]
		if len(row) == 1 {
			b.WriteString(row[0])
		} else {
			b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, row[0], strings.Repeat(" ", gap), row[1]))
		}
		b.WriteString("\n\n")
	}
	m.vp.SetContent(strings.TrimRight(b.String(), "\n"))
}

// chart draws one facet's counts as horizontal bars in w cells.
func chart(st Styles, f model.Facet, vals []model.FacetValue, q model.Query, w, limit int) string {
	var b strings.Builder
	title := "By " + string(f)
	if len(q.Filters[f]) > 0 {
		title += st.Muted.Render(" (filtered: counts under the other filters, ✓ chosen)")
	}
	b.WriteString(st.Heading.Render(fit(title, w)))
	if len(vals) == 0 {
		b.WriteString("\n" + st.Muted.Render("  nothing"))
		return b.String()
	}
	shown := vals
	if f == model.FacetMonth && len(vals) > limit {
		shown = vals[len(vals)-limit:] // the latest months
	} else if len(vals) > limit {
		shown = vals[:limit]
	}
	top, lw, cwid := 0, 0, 0
	for _, v := range shown {
		top = max(top, v.Count)
		lw = max(lw, lipglossWidth(statLabel(f, v)))
		cwid = max(cwid, len(strconv.Itoa(v.Count)))
	}
	lw = min(lw+2, max(8, w*2/5))
	bw := clampInt(w-lw-cwid-2, 1, 48)
	for _, v := range shown {
		mark := "  "
		if q.Has(f, v.Value) {
			mark = st.Mark.Render("✓") + " "
		}
		label := fit(statLabel(f, v), lw-2)
		n := strconv.Itoa(v.Count)
		b.WriteString("\n" + mark + padRight(label, lw-2) + " " + bar(st, v.Count, top, bw) + " " +
			strings.Repeat(" ", cwid-len(n)) + n)
	}
	if rest := len(vals) - len(shown); rest > 0 {
		more := "… and " + strconv.Itoa(rest) + " more"
		if f == model.FacetMonth {
			more = "… and " + strconv.Itoa(rest) + " earlier months"
		}
		b.WriteString("\n" + st.Muted.Render("  "+more))
	}
	return b.String()
}

// statLabel is a value's label in a chart: short forms, since the bars
// need the room.
func statLabel(f model.Facet, v model.FacetValue) string {
	d, _ := model.Def(f)
	return d.Short(v)
}

// bar draws n of top as a bar of width w in block characters, with
// eighths for the fraction.
func bar(st Styles, n, top, w int) string {
	if top <= 0 || w <= 0 {
		return strings.Repeat(" ", max(0, w))
	}
	eighths := n * w * 8 / top
	if n > 0 && eighths == 0 {
		eighths = 1
	}
	full, part := eighths/8, eighths%8
	s := strings.Repeat("█", full)
	if part > 0 {
		s += string([]rune("▏▎▍▌▋▊▉")[part-1])
	}
	used := full
	if part > 0 {
		used++
	}
	return st.Bar.Render(s) + strings.Repeat(" ", max(0, w-used))
}
