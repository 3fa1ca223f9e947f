// Package timeline is the timeline view: the activities of each month
// under the current filters as bars, with the participants their texts
// give beside them, and a cursor that picks a month to filter by.
package timeline

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
	"github.com/unoct/unoct/tui/stats"
)

// Counter answers the totals of each value of a facet (a *store.Store):
// the timeline asks it for each month's participants.
type Counter interface {
	Stats(q model.Query, f model.Facet) (store.Stats, error)
}

// KeyMap holds the timeline's own keys; it moves with the shared ones.
type KeyMap struct {
	Open   key.Binding // opens the view (the root registers it)
	Toggle key.Binding // filter by the month under the cursor, or stop
	Close  key.Binding
}

// DefaultKeyMap returns the timeline's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Open:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "timeline")),
		Toggle: key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", "filter by month")),
		Close:  key.NewBinding(key.WithKeys("esc", "t"), key.WithHelp("esc/t", "close timeline")),
	}
}

// month is one row of the timeline.
type month struct {
	value  string // YYYY-MM
	totals model.Totals
	picked bool // the query filters on it
}

// totalsMsg carries the months' totals for query number seq.
type totalsMsg struct {
	seq   int
	stats store.Stats
	err   error
}

// Model is the timeline view.
type Model struct {
	common.Common
	keys  KeyMap
	src   Counter // nil: activities only, from each result's counts
	res   common.ResultMsg
	rows  []month
	cur   common.Cursor
	shown bool
	seq   int
	err   error
	fresh bool // the view opened: the first totals put the cursor on the latest month
}

// New returns the view. src gives each month's participants when it is
// a Counter (a *store.Store); otherwise the view shows the activities
// alone.
func New(c common.Common, src any) *Model {
	cnt, _ := src.(Counter)
	return &Model{Common: c, keys: DefaultKeyMap(), src: cnt}
}

// OpenKey is the key that opens the view.
func (m *Model) OpenKey() key.Binding { return m.keys.Open }

func (m *Model) innerW() int { return max(1, m.Width-common.FrameW) }

// page is the rows on screen: the box less its frame and the two lines
// of the header.
func (m *Model) page() int { return max(1, m.Height-common.FrameH-2) }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.cur.Clamp(len(m.rows), m.page())
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.ResultMsg:
		m.res = msg
		if m.src == nil {
			m.fromCounts()
		}
		if m.shown {
			return m.ask()
		}
	case totalsMsg:
		if msg.seq == m.seq {
			m.err = msg.err
			if msg.err == nil {
				m.fromStats(msg.stats)
			}
			if m.fresh {
				m.fresh = false
				m.toLatest()
			}
		}
	case common.StylesMsg:
		m.Styles = msg.Styles
	case common.FocusMsg:
		m.shown = true
		// With a counter the rows wait for its totals rather than show
		// months without participants; the last ones stay up while
		// newer are read.
		m.rows, m.fresh = m.rows[:0], m.src != nil
		if m.src == nil {
			m.fromCounts()
			m.toLatest()
		}
		return m.ask()
	case common.BlurMsg:
		m.shown = false
	case tea.KeyPressMsg:
		switch {
		case m.cur.Navigate(m.Keys.Nav, msg, len(m.rows), m.page()):
		case key.Matches(msg, m.keys.Toggle):
			if m.cur.Index >= 0 && m.cur.Index < len(m.rows) {
				return common.Cmd(common.ToggleFacetMsg{Facet: model.FacetMonth, Value: m.rows[m.cur.Index].value})
			}
		case key.Matches(msg, m.keys.Close):
			m.shown = false // the root closes the view at once (Closed)
		}
	case tea.MouseWheelMsg:
		m.cur.Move(common.WheelDelta(msg), len(m.rows), m.page())
	}
	return nil
}

// Closed implements common.Closer.
func (m *Model) Closed() bool { return !m.shown }

// ask reads each month's totals under the filters, the month's own
// left out (so that every month shows, a chosen one marked), off the UI
// loop.
func (m *Model) ask() tea.Cmd {
	if m.src == nil {
		return nil
	}
	m.seq++
	seq, src, q := m.seq, m.src, m.res.Query.Clone()
	delete(q.Filters, model.FacetMonth)
	return func() tea.Msg {
		st, err := src.Stats(q, model.FacetMonth)
		return totalsMsg{seq: seq, stats: st, err: err}
	}
}

// fromCounts takes the months from the result's counts (activities
// only), until the totals arrive.
func (m *Model) fromCounts() {
	known := map[string]model.Totals{}
	for _, r := range m.rows {
		known[r.value] = r.totals
	}
	var vals []model.FacetValue
	var totals []model.Totals
	for _, v := range m.res.Counts[model.FacetMonth] {
		t := known[v.Value]
		if t.Activities != v.Count {
			t = model.Totals{Activities: v.Count}
		}
		vals, totals = append(vals, v), append(totals, t)
	}
	m.setRows(vals, totals)
}

// fromStats takes the months and their totals.
func (m *Model) fromStats(st store.Stats) {
	m.setRows(st.Values, st.ValueTotals)
}

// setRows lays out every month from the first to the last, those with
// no activity at zero, keeping the cursor on its month.
func (m *Model) setRows(vals []model.FacetValue, totals []model.Totals) {
	var was string
	if m.cur.Index >= 0 && m.cur.Index < len(m.rows) {
		was = m.rows[m.cur.Index].value
	}
	by := map[string]model.Totals{}
	first, last := "", ""
	for i, v := range vals {
		if nextMonth(v.Value) == "" {
			continue // not a month: nothing a timeline places
		}
		t := model.Totals{Activities: v.Count}
		if i < len(totals) {
			t = totals[i]
		}
		by[v.Value] = t
		if first == "" || v.Value < first {
			first = v.Value
		}
		if v.Value > last {
			last = v.Value
		}
	}
	for _, p := range m.res.Query.Filters[model.FacetMonth] {
		if first == "" || p < first {
			first = p
		}
		if p > last {
			last = p
		}
	}
	m.rows = m.rows[:0]
	for mo := first; mo != "" && mo <= last && len(m.rows) < 1200; mo = nextMonth(mo) {
		m.rows = append(m.rows, month{value: mo, totals: by[mo], picked: m.res.Query.Has(model.FacetMonth, mo)})
	}
	for i, r := range m.rows {
		if r.value == was {
			m.cur.Index = i
		}
	}
	m.cur.Clamp(len(m.rows), m.page())
}

// toLatest puts the cursor on the latest month when the view opens: a
// timeline is read from now backwards.
func (m *Model) toLatest() {
	if len(m.rows) > 0 {
		m.cur.Center(len(m.rows)-1, len(m.rows), m.page())
	}
}

// nextMonth is the month after m (YYYY-MM), "" for text that is not one.
func nextMonth(m string) string {
	if len(m) != 7 || m[4] != '-' {
		return ""
	}
	y, err1 := strconv.Atoi(m[:4])
	mo, err2 := strconv.Atoi(m[5:])
	if err1 != nil || err2 != nil {
		return ""
	}
	if mo++; mo > 12 {
		y, mo = y+1, 1
	}
	return strconv.Itoa(y) + "-" + twoDigits(mo)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.Keys.Nav.Down, m.keys.Toggle, m.keys.Close, m.Keys.Global.Help, m.Keys.Global.Quit}
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	return []common.KeyGroup{{Title: "Timeline (t)", Keys: []key.Binding{
		common.WithDesc(m.keys.Open, "activities per month"),
		common.WithDesc(m.keys.Toggle, "filter by the month (again: stop)"),
		m.keys.Close}}}
}

// View implements common.Component: a row per month, the activities'
// bar and number, the participants' bar and figure.
func (m *Model) View(focused bool) string {
	title := "Timeline · activities per month"
	var parts []string
	for _, c := range m.res.Query.Describe(m.res.Name, true) {
		if !c.Order && c.Facet != model.FacetMonth {
			parts = append(parts, c.Text)
		}
	}
	if len(parts) > 0 {
		title += " · " + strings.Join(parts, " ")
	}
	pos := ""
	if len(m.rows) > 0 {
		pos = m.rows[m.cur.Index].value + " · " + strconv.Itoa(m.cur.Index+1) + "/" + strconv.Itoa(len(m.rows))
	}
	return m.Styles.Box(title, pos, m.body(focused), m.Width, m.Height, focused)
}

// Column widths: the mark, the month, the counts.
const (
	markW  = 2
	monthW = 7
	countW = 6
	peopW  = 9 // ≥ 12,345
)

func (m *Model) body(focused bool) string {
	st, w := m.Styles, m.innerW()
	if len(m.rows) == 0 {
		if m.fresh && m.err == nil {
			return st.Muted.Render("Counting…")
		}
		return st.Muted.Render("No activity under these filters.")
	}
	people := m.src != nil && m.err == nil
	// Each count stands before its bar; the bars share what the labels
	// leave, the activities' three fifths, neither longer than reads well.
	free := w - markW - monthW - 1 - countW - 1
	abw, pbw := free, 0
	if people {
		free -= 2 + peopW + 1
		abw = free * 3 / 5
		pbw = free - abw
	}
	abw, pbw = common.Clamp(abw, 1, 60), common.Clamp(pbw, 0, 40)
	topA, topP := 0, 0
	for _, r := range m.rows {
		topA, topP = max(topA, r.totals.Activities), max(topP, r.totals.Participants)
	}
	head := strings.Repeat(" ", markW+monthW+1) + common.PadRight("activities", countW+1+abw)
	if people {
		head += "  " + "participants the texts give"
	}
	note := "enter filters by the month under the cursor, enter again stops"
	if m.err != nil {
		note = "participants could not be read: " + m.err.Error()
	}
	lines := []string{st.Muted.Render(common.Fit(note, w)), st.Muted.Render(common.Fit(head, w))}
	from, to := m.cur.Visible(len(m.rows), m.page())
	for i := from; i < to; i++ {
		r := m.rows[i]
		mark := "  "
		if r.picked {
			mark = st.Mark.Render("✓") + " "
		}
		n := strconv.Itoa(r.totals.Activities)
		line := mark + st.Date.Render(r.value) + " " + common.Pad(len(n), countW) + n + " " +
			stats.Bar(st, r.totals.Activities, topA, abw)
		if people && r.totals.Activities > 0 {
			p := r.totals.ParticipantsText()
			line += "  " + common.Pad(common.Width(p), peopW) + p + " " + stats.Bar(st, r.totals.Participants, topP, pbw)
		}
		cur := i == m.cur.Index
		lines = append(lines, st.CursorLine(line, w, focused && cur, !focused && cur))
	}
	return strings.Join(lines, "\n")
}
