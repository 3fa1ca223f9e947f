// Package stats is the stats view: a bar chart of the counts under the
// current filters for every facet of the registry (model.Facets), each
// bar with its activities and participants, in a scrolling overview
// from which any chart opens in full.
package stats

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
)

// Counter answers each value of a facet with its totals (a
// *store.Store): the view asks it for the participants of each bar.
type Counter interface {
	Stats(q model.Query, f model.Facet) (store.Stats, error)
}

// KeyMap holds the stats view's own keys; it moves with the shared ones.
type KeyMap struct {
	Open   key.Binding // the chart under the cursor in full
	Toggle key.Binding // in a full chart: filter by the value, or stop
	Back   key.Binding // from a full chart to the overview, or close
	Close  key.Binding
}

// DefaultKeyMap returns the stats view's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "chart in full")),
		Toggle: key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", "filter by value")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Close:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "close stats")),
	}
}

// defaultChart is how many values the overview charts of a facet whose
// declaration gives no number (model.FacetDef.Chart).
const defaultChart = 8

// series is one facet's values with their totals.
type series struct {
	def    model.FacetDef
	vals   []model.FacetValue
	totals []model.Totals // nil until the counter answers: counts only
}

// totalsMsg carries every facet's values and totals for query number seq.
type totalsMsg struct {
	seq    int
	series map[model.Facet]store.Stats
	err    error
}

// Model is the stats view.
type Model struct {
	common.Common
	keys   KeyMap
	src    Counter // nil: counts only, from each result
	vp     viewport.Model
	res    common.ResultMsg
	series []series
	seq    int
	err    error
	shown  bool // on screen: the charts follow each result

	sel   int   // the chart under the overview's cursor
	tops  []int // each chart's first line in the overview
	full  bool  // one chart in full
	cur   common.Cursor
	fullF model.Facet
}

// New returns the view, drawn when first shown. src gives each bar's
// totals when it is a Counter (a *store.Store); otherwise the bars show
// the activities alone.
func New(c common.Common, src any) *Model {
	cnt, _ := src.(Counter)
	return &Model{Common: c, keys: DefaultKeyMap(), src: cnt, vp: common.NewViewport()}
}

func (m *Model) innerW() int { return max(1, m.Width-common.FrameW) }
func (m *Model) innerH() int { return max(1, m.Height-common.FrameH) }

// fullPage is the rows a full chart shows: the box less the lines
// above them.
func (m *Model) fullPage() int { return max(1, m.innerH()-len(m.fullHead())) }

// fullHead is the lines above a full chart's bars: the totals of the
// value under the cursor, as a sentence wrapped to the width in two
// lines, and the legend.
func (m *Model) fullHead() []string {
	st, w := m.Styles, m.innerW()
	s, ok := m.fullSeries()
	if !ok || len(s.vals) == 0 {
		return nil
	}
	i := common.Clamp(m.cur.Index, 0, len(s.vals)-1)
	lines := strings.Split(common.Hang(totalsSentence(s, i), w, 0, 2), "\n")
	if len(lines) > 2 {
		lines = append(lines[:1], common.Fit(strings.TrimSpace(strings.Join(lines[1:], " ")), w-2))
		lines[1] = "  " + lines[1]
	}
	for j := range lines {
		lines[j] = st.Bold.Render(lines[j])
	}
	if len(lines) == 1 {
		lines = append(lines, "") // two lines always: the page keeps its size as the cursor moves
	}
	return append(lines, st.Muted.Render(common.Fit(legend(s), w)))
}

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.vp.SetWidth(m.innerW())
	m.vp.SetHeight(m.innerH())
	m.refresh()
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.ResultMsg:
		m.res = msg
		if m.src == nil {
			m.fromCounts()
		}
		m.refresh()
		if m.shown {
			return m.ask()
		}
	case totalsMsg:
		if msg.seq == m.seq {
			m.err = msg.err
			if msg.err == nil {
				m.fromStats(msg.series)
			}
			m.refresh()
		}
	case common.StylesMsg:
		m.Styles = msg.Styles
		m.refresh()
	case common.FocusMsg:
		m.shown, m.full, m.sel = true, false, 0
		m.vp.GotoTop()
		// With a counter the charts wait for its totals rather than show
		// bars without them; the last ones stay up while newer are read.
		m.series = m.series[:0]
		if m.src == nil {
			m.fromCounts()
		}
		m.refresh()
		return m.ask()
	case common.BlurMsg:
		m.shown = false
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.MouseWheelMsg:
		if m.full {
			m.cur.Move(common.WheelDelta(msg), m.fullLen(), m.fullPage())
		} else {
			common.ScrollWheel(&m.vp, msg)
		}
	}
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	nav := m.Keys.Nav
	if m.full {
		switch {
		case m.cur.Navigate(nav, msg, m.fullLen(), m.fullPage()):
		case key.Matches(msg, m.keys.Toggle):
			if s, ok := m.fullSeries(); ok && m.cur.Index < len(s.vals) {
				return common.Cmd(common.ToggleFacetMsg{Facet: s.def.Facet, Value: s.vals[m.cur.Index].Value})
			}
		case key.Matches(msg, m.keys.Back):
			m.full = false
			m.refresh()
		case key.Matches(msg, m.keys.Close):
			m.shown = false
		}
		return nil
	}
	switch {
	case key.Matches(msg, nav.Up):
		m.selectChart(m.sel - 1)
	case key.Matches(msg, nav.Down):
		m.selectChart(m.sel + 1)
	case key.Matches(msg, nav.Top):
		m.selectChart(0)
	case key.Matches(msg, nav.Bottom):
		m.selectChart(len(m.series) - 1)
	case key.Matches(msg, nav.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, nav.PageDown):
		m.vp.PageDown()
	case key.Matches(msg, m.keys.Open):
		if m.sel >= 0 && m.sel < len(m.series) {
			m.full, m.fullF = true, m.series[m.sel].def.Facet
			m.cur.Reset()
		}
	case key.Matches(msg, m.keys.Back), key.Matches(msg, m.keys.Close):
		m.shown = false // the root closes the view at once (Closed)
	}
	return nil
}

// selectChart puts the overview's cursor on chart i and scrolls it into
// view.
func (m *Model) selectChart(i int) {
	if len(m.series) == 0 {
		return
	}
	m.sel = common.Clamp(i, 0, len(m.series)-1)
	m.refresh()
	if m.sel < len(m.tops) {
		top := m.tops[m.sel]
		end := m.vp.TotalLineCount()
		if m.sel+1 < len(m.tops) {
			end = m.tops[m.sel+1]
		}
		if top < m.vp.YOffset() || end > m.vp.YOffset()+m.vp.Height() {
			m.vp.SetYOffset(top)
		}
	}
}

// Closed implements common.Closer: the close key was pressed.
func (m *Model) Closed() bool { return !m.shown }

// ask reads every facet's values with their totals, each under every
// filter but its own (as the counts are), off the UI loop.
func (m *Model) ask() tea.Cmd {
	if m.src == nil {
		return nil
	}
	m.seq++
	seq, src, q := m.seq, m.src, m.res.Query.Clone()
	return func() tea.Msg {
		out := make(map[model.Facet]store.Stats, len(model.Facets))
		for _, f := range model.Facets {
			qf := q.Clone()
			delete(qf.Filters, f)
			st, err := src.Stats(qf, f)
			if err != nil {
				return totalsMsg{seq: seq, err: err}
			}
			out[f] = st
		}
		return totalsMsg{seq: seq, series: out}
	}
}

// fromCounts charts the result's counts, until the totals arrive.
func (m *Model) fromCounts() {
	m.series = m.series[:0]
	for _, f := range model.Facets {
		d, _ := model.Def(f)
		m.series = append(m.series, series{def: d, vals: m.res.Counts[f]})
	}
}

// fromStats charts the values the counter gave, with their totals. The
// selected values of a facet are kept even at zero, as the counts keep
// them.
func (m *Model) fromStats(all map[model.Facet]store.Stats) {
	m.series = m.series[:0]
	for _, f := range model.Facets {
		d, _ := model.Def(f)
		st := all[f]
		s := series{def: d, vals: st.Values, totals: st.ValueTotals}
		for _, v := range m.res.Query.Filters[f] {
			found := false
			for _, fv := range s.vals {
				found = found || fv.Value == v
			}
			if !found {
				s.vals = append(s.vals, model.FacetValue{Value: v, Name: model.Inert(m.res.Name(f, v))})
				s.totals = append(s.totals, model.Totals{})
			}
		}
		m.series = append(m.series, s)
	}
}

func (m *Model) fullSeries() (series, bool) {
	for _, s := range m.series {
		if s.def.Facet == m.fullF {
			return s, true
		}
	}
	return series{}, false
}

func (m *Model) fullLen() int {
	s, _ := m.fullSeries()
	return len(s.vals)
}

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	if m.full {
		return []key.Binding{m.Keys.Nav.Down, m.keys.Toggle, common.WithDesc(m.keys.Back, "all charts"), m.keys.Close, m.Keys.Global.Quit}
	}
	return []key.Binding{common.WithDesc(m.Keys.Nav.Down, "next chart"), m.keys.Open, common.WithDesc(m.keys.Back, "close"), m.Keys.Global.Help, m.Keys.Global.Quit}
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	return []common.KeyGroup{{Title: "Stats (s)", Keys: []key.Binding{
		common.WithDesc(m.Keys.Nav.Down, "next chart"),
		common.WithDesc(m.keys.Open, "the chart in full, every value"),
		common.WithDesc(m.keys.Toggle, "in full: filter by the value"),
		common.WithDesc(m.keys.Back, "back to every chart, close"),
	}}}
}

// View implements common.Component: the charts, titled with the filters
// they are under.
func (m *Model) View(focused bool) string {
	title := "Stats"
	if m.full {
		if s, ok := m.fullSeries(); ok {
			title += " · by " + string(s.def.Facet) + " (every value)"
		}
	}
	var parts []string
	for _, c := range m.res.Query.Describe(m.res.Name, true) {
		if !c.Order { // the charts do not depend on the list's order
			parts = append(parts, c.Text)
		}
	}
	if len(parts) > 0 {
		title += " · " + strings.Join(parts, " ")
	}
	if m.full {
		pos := ""
		if n := m.fullLen(); n > 0 {
			pos = strconv.Itoa(m.cur.Index+1) + "/" + strconv.Itoa(n) + " · esc all charts"
		}
		return m.Styles.Box(title, pos, m.fullView(focused), m.Width, m.Height, focused)
	}
	return m.Styles.Box(title, common.ScrollHint(m.vp), m.vp.View(), m.Width, m.Height, focused)
}

// refresh redraws the overview while the view is on screen; hidden, it
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
	var b strings.Builder
	shown, t := len(m.res.IDs), m.res.Totals
	intro := strconv.Itoa(shown) + " activit" + common.Plural(shown, "y", "ies") + " under the current filters: " +
		t.ParticipantsText() + " participants (the sum of the headcounts the texts give, ≥ when one is a lower bound, about when one is an estimate; " +
		t.CoverageText() + "), " + model.Thousands(t.Countries) + " countries and " + model.Thousands(t.Partners) +
		" partners (each counted once). Each bar gives its activities, then their participants; an activity with " +
		"three partners counts once under each. ↑/↓ choose a chart, enter shows it in full."
	if m.err != nil {
		intro += " Participants per bar could not be read: " + m.err.Error()
	}
	b.WriteString(st.Muted.Render(lipgloss.NewStyle().Width(w).Render(intro)) + "\n\n")
	if len(m.series) == 0 && m.err == nil {
		b.WriteString(st.Muted.Render("Counting…"))
	}
	line := strings.Count(b.String(), "\n")
	m.tops = m.tops[:0]
	for i := 0; i < len(m.series); i += cols {
		var row []string
		for j := i; j < min(len(m.series), i+cols); j++ {
			m.tops = append(m.tops, line)
			row = append(row, m.chart(m.series[j], j == m.sel, cw))
		}
		for j := range row {
			row[j] = padLines(row[j], cw)
		}
		block := row[0]
		if len(row) == 2 {
			block = lipgloss.JoinHorizontal(lipgloss.Top, row[0], strings.Repeat(" ", gap), row[1])
		}
		b.WriteString(block + "\n\n")
		line += strings.Count(block, "\n") + 2
	}
	m.vp.SetContent(strings.TrimRight(b.String(), "\n"))
}

// padLines pads every line of block to w cells, so that charts set side
// by side keep their columns.
func padLines(block string, w int) string {
	lines := strings.Split(block, "\n")
	for i, l := range lines {
		lines[i] = common.PadRight(l, w)
	}
	return strings.Join(lines, "\n")
}

// limit is how many values the overview charts of s: its first, or for
// a facet in time order its latest.
func limit(d model.FacetDef) int {
	if d.Chart > 0 {
		return d.Chart
	}
	return defaultChart
}

// chart draws one facet's values as horizontal bars in w cells, the
// chart under the cursor marked.
func (m *Model) chart(s series, selected bool, w int) string {
	st, d, q := m.Styles, s.def, m.res.Query
	f, n := d.Facet, limit(s.def)
	latest := d.Order == model.Chronological
	var b strings.Builder
	title := "  By " + string(f)
	if selected {
		title = "› By " + string(f)
	}
	if len(q.Filters[f]) > 0 {
		title += st.Muted.Render(" (filtered: counts under the other filters, ✓ chosen)")
	}
	b.WriteString(st.Heading.Render(common.Fit(title, w)))
	if len(s.vals) == 0 {
		b.WriteString("\n" + st.Muted.Render("    nothing"))
		return b.String()
	}
	from, to := 0, min(n, len(s.vals))
	if latest && len(s.vals) > n {
		from, to = len(s.vals)-n, len(s.vals)
	}
	for _, l := range m.bars(s, from, to, w, -1, false) {
		b.WriteString("\n" + l)
	}
	if rest := len(s.vals) - (to - from); rest > 0 {
		more := "… and " + strconv.Itoa(rest) + " more"
		if latest {
			more = "… and " + strconv.Itoa(rest) + " earlier " + string(f) + common.Plural(rest, "", "s")
		}
		if selected {
			more += " · enter shows all " + strconv.Itoa(len(s.vals))
		}
		b.WriteString("\n" + st.Muted.Render("  "+more))
	}
	return b.String()
}

// bars draws values from to to of s, one a line, in w cells: the mark,
// the value's label, its bar, its activities and its participants. The
// line at cursor (-1: none) is drawn as the cursor; a full chart
// (cursor >= 0) gives the values' long labels and longer bars.
func (m *Model) bars(s series, from, to, w, cursor int, focused bool) []string {
	st, d, q := m.Styles, s.def, m.res.Query
	label := d.Short
	if cursor >= 0 {
		label = d.Label
	}
	top, lw, cwid, pw := 0, 0, 0, 0
	for i := from; i < to; i++ {
		v := s.vals[i]
		top = max(top, v.Count)
		lw = max(lw, common.Width(label(v)))
		cwid = max(cwid, len(strconv.Itoa(v.Count)))
		if s.totals != nil {
			pw = max(pw, common.Width(s.totals[i].ParticipantsText()))
		}
	}
	extra := 0
	if pw > 0 {
		extra = pw + 2
	}
	lw = min(lw+2, max(8, w*2/5))
	longest := 48 // in the overview, so that two charts sit side by side
	if cursor >= 0 {
		longest = 96
	}
	bw := common.Clamp(w-lw-cwid-2-extra, 1, longest)
	var out []string
	for i := from; i < to; i++ {
		v := s.vals[i]
		mark := "  "
		if q.Has(d.Facet, v.Value) {
			mark = st.Mark.Render("✓") + " "
		}
		n := strconv.Itoa(v.Count)
		line := mark + common.PadRight(common.Fit(label(v), lw-2), lw-2) + " " + Bar(st, v.Count, top, bw) + " " +
			strings.Repeat(" ", cwid-len(n)) + n
		if pw > 0 {
			p := s.totals[i].ParticipantsText()
			line += "  " + common.Pad(common.Width(p), pw) + p
		}
		if cursor >= 0 {
			line = st.CursorLine(line, w, focused && i == cursor, !focused && i == cursor)
		}
		out = append(out, line)
	}
	return out
}

// fullView is one chart with every value, a cursor on them and, above,
// the totals of the value under it in a sentence.
func (m *Model) fullView(focused bool) string {
	st, w := m.Styles, m.innerW()
	s, ok := m.fullSeries()
	if !ok || len(s.vals) == 0 {
		return st.Muted.Render("Nothing under these filters.")
	}
	m.cur.Clamp(len(s.vals), m.fullPage())
	head := m.fullHead()
	from, to := m.cur.Visible(len(s.vals), m.fullPage())
	return strings.Join(append(head, m.bars(s, from, to, w, m.cur.Index, focused)...), "\n")
}

// totalsSentence is value i of s and its totals in words: "Pillar IV:
// 18 activities, ≥ 624 participants (headcount given for 9 of 18), 20
// countries, 22 partners".
func totalsSentence(s series, i int) string {
	v := s.vals[i]
	out := s.def.Title + " " + s.def.Label(v) + ": " + model.Thousands(v.Count) + " activit" + common.Plural(v.Count, "y", "ies")
	if s.totals == nil {
		return out
	}
	t := s.totals[i]
	if t.Headcounts == 0 {
		out += ", no headcount"
	} else {
		out += ", " + t.ParticipantsText() + " participants (" + t.CoverageText() + ")"
	}
	return out + ", " + model.Thousands(t.Countries) + " countries, " + model.Thousands(t.Partners) + " partners"
}

// legend says what the figures beside the bars are, and what enter does.
func legend(s series) string {
	out := "activities"
	if s.totals != nil {
		out += ", then participants"
	}
	return out + " · enter filters by the value, again stops"
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
