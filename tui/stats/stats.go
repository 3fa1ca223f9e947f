// Package stats is the stats view: bar charts of the counts under the
// current filters, one for each facet the registry charts
// (model.FacetDef.Chart), in a scrolling viewport.
package stats

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// KeyMap holds the stats view's own keys; it scrolls with the shared
// ones.
type KeyMap struct {
	Close key.Binding
}

// DefaultKeyMap returns the stats view's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{Close: key.NewBinding(key.WithKeys("esc", "s"), key.WithHelp("esc/s", "close stats"))}
}

// Model is the stats view.
type Model struct {
	common.Common
	keys  KeyMap
	vp    viewport.Model
	res   common.ResultMsg
	shown bool // on screen: the charts follow each result
}

// New returns the view, drawn when first shown.
func New(c common.Common) *Model {
	return &Model{Common: c, keys: DefaultKeyMap(), vp: common.NewViewport()}
}

func (m *Model) innerW() int { return max(1, m.Width-common.FrameW) }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.vp.SetWidth(m.innerW())
	m.vp.SetHeight(max(1, h-common.FrameH))
	m.refresh()
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.ResultMsg:
		m.res = msg
		m.refresh()
	case common.StylesMsg:
		m.Styles = msg.Styles
		m.refresh()
	case common.FocusMsg:
		m.shown = true
		m.vp.GotoTop()
		m.refresh()
	case common.BlurMsg:
		m.shown = false
	case tea.KeyPressMsg:
		switch {
		case m.Keys.Nav.Scroll(&m.vp, msg):
		case key.Matches(msg, m.keys.Close):
			m.shown = false // the root closes the view at once (Closed)
		}
	case tea.MouseWheelMsg:
		common.ScrollWheel(&m.vp, msg)
	}
	return nil
}

// Closed implements common.Closer: the close key was pressed.
func (m *Model) Closed() bool { return !m.shown }

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.Keys.Nav.Down, m.keys.Close, m.Keys.Global.Help, m.Keys.Global.Quit}
}

// KeyGroups implements common.Component: the view's keys are the shared
// ones and its close key, listed with the views.
func (m *Model) KeyGroups() []common.KeyGroup { return nil }

// View implements common.Component: the charts, titled with the filters
// they are under.
func (m *Model) View(focused bool) string {
	title := "Stats"
	var parts []string
	for _, c := range m.res.Query.Describe(m.res.Name, true) {
		if !c.Order { // the charts do not depend on the list's order
			parts = append(parts, c.Text)
		}
	}
	if len(parts) > 0 {
		title += " · " + strings.Join(parts, " ")
	}
	return m.Styles.Box(title, common.ScrollHint(m.vp), m.vp.View(), m.Width, m.Height, focused)
}

// refresh redraws the charts while the view is on screen; hidden, it
// waits until shown rather than draw charts no one sees.
func (m *Model) refresh() {
	if !m.shown {
		return
	}
	st, w := m.Styles, m.innerW()
	cols := 1
	if w >= 100 {
		cols = 2
	}
	gap := 4
	cw := (w - gap*(cols-1)) / cols
	var charts []string
	for _, d := range model.FacetDefs() {
		if d.Chart > 0 {
			charts = append(charts, chart(st, d, m.res.Counts[d.Facet], m.res.Query, cw))
		}
	}
	var b strings.Builder
	shown, t := len(m.res.IDs), m.res.Totals
	intro := strconv.Itoa(shown) + " activit" + common.Plural(shown, "y", "ies") + " under the current filters: " +
		t.ParticipantsText() + " participants (the sum of the headcounts the texts give, ≥ when one is a lower bound; " +
		t.CoverageText() + "), " + model.Thousands(t.Countries) + " countries and " + model.Thousands(t.Partners) +
		" partners (each counted once). An activity with three partners counts once under each."
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

// chart draws one facet's counts as horizontal bars in w cells: its
// first d.Chart values, or for a facet in time order its latest.
func chart(st *common.Styles, d model.FacetDef, vals []model.FacetValue, q model.Query, w int) string {
	f, limit := d.Facet, d.Chart
	latest := d.Order == model.Chronological
	var b strings.Builder
	title := "By " + string(f)
	if len(q.Filters[f]) > 0 {
		title += st.Muted.Render(" (filtered: counts under the other filters, ✓ chosen)")
	}
	b.WriteString(st.Heading.Render(common.Fit(title, w)))
	if len(vals) == 0 {
		b.WriteString("\n" + st.Muted.Render("  nothing"))
		return b.String()
	}
	shown := vals
	if latest && len(vals) > limit {
		shown = vals[len(vals)-limit:]
	} else if len(vals) > limit {
		shown = vals[:limit]
	}
	top, lw, cwid := 0, 0, 0
	for _, v := range shown {
		top = max(top, v.Count)
		lw = max(lw, common.Width(d.Short(v)))
		cwid = max(cwid, len(strconv.Itoa(v.Count)))
	}
	lw = min(lw+2, max(8, w*2/5))
	bw := common.Clamp(w-lw-cwid-2, 1, 48)
	for _, v := range shown {
		mark := "  "
		if q.Has(f, v.Value) {
			mark = st.Mark.Render("✓") + " "
		}
		label := common.Fit(d.Short(v), lw-2)
		n := strconv.Itoa(v.Count)
		b.WriteString("\n" + mark + common.PadRight(label, lw-2) + " " + Bar(st, v.Count, top, bw) + " " +
			strings.Repeat(" ", cwid-len(n)) + n)
	}
	if rest := len(vals) - len(shown); rest > 0 {
		more := "… and " + strconv.Itoa(rest) + " more"
		if latest {
			more = "… and " + strconv.Itoa(rest) + " earlier " + string(f) + common.Plural(rest, "", "s")
		}
		b.WriteString("\n" + st.Muted.Render("  "+more))
	}
	return b.String()
}

// Bar draws n of top as a bar of width w in block characters, with
// eighths for the fraction.
func Bar(st *common.Styles, n, top, w int) string {
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
