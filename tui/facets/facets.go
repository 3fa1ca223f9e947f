// Package facets is the facet pane: every facet the registry shows in
// the pane (model.FacetDef.Pane), with its first values and their
// counts under the other filters, and, opened on one facet, all its
// values narrowed by typing.
package facets

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// KeyMap holds the facet pane's own keys.
type KeyMap struct {
	Typing common.NavKeyMap // moving while the narrowing input has the keys
	Toggle key.Binding      // add or remove the value under the cursor
	Open   key.Binding      // on a facet's title: all its values, narrowed by typing
	Pick   key.Binding      // in a facet's values: add or remove the one under the cursor
	Back   key.Binding      // leave a facet's values

	// Hints for the row under the cursor, on the hint line.
	ToggleHint, OpenHint, NarrowHint key.Binding
}

// DefaultKeyMap returns the facet pane's keys.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Typing:     common.NewNavKeyMap(false), // j and k are letters while typing
		Toggle:     b(k("enter", "space"), h("enter/space", "toggle value")),
		Open:       b(k("enter"), h("enter on a title", "all values, type to narrow")),
		Pick:       b(k("enter"), h("enter", "toggle value")),
		Back:       b(k("esc"), h("esc", "back to all facets")),
		ToggleHint: b(k("enter", "space"), h("enter", "toggle")),
		OpenHint:   b(k("enter"), h("enter", "all values")),
		NarrowHint: b(k(), h("type", "narrow")),
	}
}

// overviewLimit is how many values a facet shows before "… N more".
const overviewLimit = 5

type rowKind int

const (
	rowTitle rowKind = iota // a facet's title
	rowValue                // one value with its count
	rowMore                 // "… N more": opens the facet
	rowNone                 // the facet has no value under the filters
)

// row is one line of the overview.
type row struct {
	kind  rowKind
	def   model.FacetDef
	value model.FacetValue
	n     int // rowTitle: values; rowMore: values not shown
}

// Model is the facet pane.
type Model struct {
	common.Common
	keys   KeyMap
	counts map[model.Facet][]model.FacetValue
	query  model.Query

	rows []row
	cur  common.Cursor // in rows

	drill  model.FacetDef // the facet whose values are open; Facet "" in the overview
	input  textinput.Model
	values []model.FacetValue // drill: the values that match the input
	dcur   common.Cursor      // in values
}

// New returns the pane, empty until the first result.
func New(c common.Common) *Model {
	in := textinput.New()
	in.Prompt = "narrow: "
	in.Placeholder = "type a name"
	in.SetStyles(c.Styles.Input)
	return &Model{Common: c, keys: DefaultKeyMap(), input: in}
}

func (m *Model) innerW() int    { return max(1, m.Width-common.FrameW) }
func (m *Model) innerH() int    { return max(1, m.Height-common.FrameH) }
func (m *Model) drillPage() int { return max(1, m.innerH()-2) } // below the head and the input
func (m *Model) drilled() bool  { return m.drill.Facet != "" }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.input.SetWidth(max(1, m.innerW()-common.Width(m.input.Prompt)-1))
	m.clamp()
}

// Typing reports whether the narrowing input has the keys, so that the
// root gives it letters that would otherwise be global keys.
func (m *Model) Typing() bool { return m.drilled() && m.input.Focused() }

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.ResultMsg:
		m.setData(msg.Counts, msg.Query)
	case common.StylesMsg:
		m.Styles = msg.Styles
		m.input.SetStyles(msg.Styles.Input)
	case common.FocusMsg:
		if m.drilled() {
			return m.input.Focus()
		}
	case common.BlurMsg:
		m.input.Blur()
	case tea.KeyPressMsg:
		if m.drilled() {
			return m.updateDrill(msg)
		}
		return m.updateOverview(msg)
	case tea.PasteMsg:
		if m.Typing() {
			return m.updateInput(msg)
		}
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft {
			return m.click(msg.Y - 1)
		}
	case tea.MouseWheelMsg:
		if m.drilled() {
			m.dcur.Move(common.WheelDelta(msg), len(m.values), m.drillPage())
		} else {
			m.move(common.WheelDelta(msg))
		}
	default:
		if m.Typing() {
			return m.updateInput(msg) // the input's cursor blinks
		}
	}
	return nil
}

// setData takes new counts and the query they answer, keeping the cursor
// on the row it was on.
func (m *Model) setData(counts map[model.Facet][]model.FacetValue, q model.Query) {
	var cur row
	if m.cur.Index < len(m.rows) {
		cur = m.rows[m.cur.Index]
	}
	var dcur string
	if m.dcur.Index < len(m.values) {
		dcur = m.values[m.dcur.Index].Value
	}
	m.counts, m.query = counts, q
	m.build()
	for i, r := range m.rows {
		if r.kind == cur.kind && r.def.Facet == cur.def.Facet && r.value.Value == cur.value.Value {
			m.cur.Index = i
			break
		}
	}
	m.refilter()
	for i, v := range m.values {
		if v.Value == dcur {
			m.dcur.Index = i
			break
		}
	}
	m.clamp()
}

// build lays out the overview: each facet's title, its first values and
// every selected one, and "… N more" when some are left out.
func (m *Model) build() {
	m.rows = m.rows[:0]
	for _, d := range model.FacetDefs() {
		if !d.Pane {
			continue
		}
		f := d.Facet
		vals := m.counts[f]
		if len(vals) == 0 && d.HideEmpty {
			continue
		}
		m.rows = append(m.rows, row{kind: rowTitle, def: d, n: len(vals)})
		if len(vals) == 0 {
			m.rows = append(m.rows, row{kind: rowNone, def: d})
			continue
		}
		limit := overviewLimit
		if len(vals) <= overviewLimit+1 {
			limit = len(vals)
		}
		shown := 0
		for i, v := range vals {
			if i < limit || m.query.Has(f, v.Value) {
				m.rows = append(m.rows, row{kind: rowValue, def: d, value: v})
				shown++
			}
		}
		if shown < len(vals) {
			m.rows = append(m.rows, row{kind: rowMore, def: d, n: len(vals) - shown})
		}
	}
}

// refilter recomputes the open facet's values that match the input:
// every word typed must appear in the value or its label.
func (m *Model) refilter() {
	if !m.drilled() {
		m.values = nil
		return
	}
	words := model.Words(m.input.Value())
	m.values = m.values[:0]
	for _, v := range m.counts[m.drill.Facet] {
		if len(words) > 0 {
			hay := model.Fold(v.Value + " " + m.drill.Label(v))
			ok := true
			for _, w := range words {
				if !strings.Contains(hay, w) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
		}
		m.values = append(m.values, v)
	}
}

// Open shows all values of facet f with the narrowing input focused.
func (m *Model) Open(f model.Facet) tea.Cmd {
	d, ok := model.Def(f)
	if !ok {
		return nil
	}
	m.drill = d
	m.input.Reset()
	m.dcur.Reset()
	m.refilter()
	return m.input.Focus()
}

// close returns to the overview with the cursor on the facet's title.
func (m *Model) close() {
	f := m.drill.Facet
	m.drill = model.FacetDef{}
	m.input.Blur()
	m.values = nil
	for i, r := range m.rows {
		if r.kind == rowTitle && r.def.Facet == f {
			m.cur.Index = i
		}
	}
	m.clamp()
}

func toggle(f model.Facet, v string) tea.Cmd {
	return common.Cmd(common.ToggleFacetMsg{Facet: f, Value: v})
}

func (m *Model) updateOverview(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case m.cur.Navigate(m.Keys.Nav, msg, len(m.rows), m.innerH()):
		m.clamp()
	case key.Matches(msg, m.keys.Toggle):
		if m.cur.Index < len(m.rows) {
			return m.act(m.rows[m.cur.Index])
		}
	case key.Matches(msg, m.Keys.Global.Back):
		return common.Cmd(common.BackMsg{})
	}
	return nil
}

// act toggles a value row, or opens the facet of a title or "more".
func (m *Model) act(r row) tea.Cmd {
	switch r.kind {
	case rowValue:
		return toggle(r.def.Facet, r.value.Value)
	case rowTitle, rowMore:
		return m.Open(r.def.Facet)
	}
	return nil
}

func (m *Model) updateDrill(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case m.dcur.Navigate(m.keys.Typing, msg, len(m.values), m.drillPage()):
	case key.Matches(msg, m.keys.Pick):
		if m.dcur.Index < len(m.values) {
			return toggle(m.drill.Facet, m.values[m.dcur.Index].Value)
		}
	case key.Matches(msg, m.keys.Back):
		if m.input.Value() != "" {
			m.input.Reset()
			m.refilter()
			m.dcur.Reset()
		} else {
			m.close()
		}
	default:
		return m.updateInput(msg)
	}
	return nil
}

// updateInput passes a key, a paste or a blink to the narrowing input.
func (m *Model) updateInput(msg tea.Msg) tea.Cmd {
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.refilter()
		m.dcur.Reset()
	}
	return cmd
}

func (m *Model) move(d int) {
	m.cur.Index += d
	m.clamp()
}

// clamp keeps both cursors in range and on screen. In the overview a
// facet's title stays visible above its first value when it can.
func (m *Model) clamp() {
	m.cur.Clamp(len(m.rows), m.innerH())
	if i := m.cur.Index; i > 0 && i-1 < m.cur.Offset && m.rows[i-1].kind == rowTitle {
		m.cur.Offset = i - 1
	}
	m.dcur.Clamp(len(m.values), m.drillPage())
}

// click acts on the row at line y of the inner area: a value is
// toggled, a title or "more" opens its facet; in a facet's values the
// head goes back.
func (m *Model) click(y int) tea.Cmd {
	if m.drilled() {
		if y == 0 {
			m.close()
			return nil
		}
		i := m.dcur.Offset + y - 2
		if y < 2 || i >= len(m.values) {
			return nil
		}
		m.dcur.Index = i
		m.clamp()
		return toggle(m.drill.Facet, m.values[i].Value)
	}
	i := m.cur.Offset + y
	if i < 0 || i >= len(m.rows) {
		return nil
	}
	m.cur.Index = i
	m.clamp()
	return m.act(m.rows[i])
}

// ShortHelp implements common.Component: the hint for the row under the
// cursor (a value toggles, a title opens), or the keys of a facet's
// values.
func (m *Model) ShortHelp() []key.Binding {
	if m.drilled() {
		k := m.keys
		return []key.Binding{k.Typing.Up, k.Typing.Down, k.Pick, k.NarrowHint, k.Back, m.Keys.Global.NextPane}
	}
	hint := m.keys.ToggleHint
	if m.cur.Index < len(m.rows) && m.rows[m.cur.Index].kind != rowValue {
		hint = m.keys.OpenHint
	}
	return append([]key.Binding{hint}, m.Keys.Global.Hints()...)
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	return []common.KeyGroup{{Title: "Facets (left)", Keys: []key.Binding{m.keys.Toggle, m.keys.Open, m.keys.Back}}}
}

// View implements common.Component: "Facets", or "Facets › Country"
// when one facet is open.
func (m *Model) View(focused bool) string {
	title := "Facets"
	if m.drilled() {
		title += " › " + m.drill.Title
	}
	h := m.innerH()
	lines := make([]string, 0, h)
	if m.drilled() {
		lines = append(lines, m.drillView(focused)...)
	} else {
		from, to := m.cur.Visible(len(m.rows), h)
		for i := from; i < to; i++ {
			lines = append(lines, m.rowView(m.rows[i], focused && i == m.cur.Index, !focused && i == m.cur.Index))
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return m.Styles.Box(title, "", strings.Join(lines[:h], "\n"), m.Width, m.Height, focused)
}

func (m *Model) drillView(focused bool) []string {
	st, w, f := m.Styles, m.innerW(), m.drill.Facet
	vals := m.counts[f]
	sel := len(m.query.Filters[f])
	right := strconv.Itoa(len(m.values)) + " of " + strconv.Itoa(len(vals))
	if sel > 0 {
		right = strconv.Itoa(sel) + " ✓ · " + right
	}
	left := "‹ esc"
	head := st.Muted.Render(left) + common.Pad(common.Width(left), w-common.Width(right)) + st.Muted.Render(right)
	lines := []string{common.Fit(head, w), common.Fit(m.input.View(), w)}
	if len(m.values) == 0 {
		msg := "none"
		if m.input.Value() != "" {
			msg = "no " + string(f) + " matches “" + model.Inert(m.input.Value()) + "”; esc clears"
		}
		return append(lines, st.Warn.Render(common.Fit(msg, w)))
	}
	cw := countWidth(m.values)
	from, to := m.dcur.Visible(len(m.values), m.drillPage())
	for i := from; i < to; i++ {
		cur := i == m.dcur.Index
		lines = append(lines, m.valueView(m.drill, m.values[i], cw, focused && cur, !focused && cur))
	}
	return lines
}

func (m *Model) rowView(r row, cursor, dim bool) string {
	st, w := m.Styles, m.innerW()
	var line string
	switch r.kind {
	case rowTitle:
		right := strconv.Itoa(r.n) + " ›"
		if n := len(m.query.Filters[r.def.Facet]); n > 0 {
			right = strconv.Itoa(n) + " ✓ · " + right
		}
		left := common.Fit(r.def.Title, max(1, w-common.Width(right)-1))
		line = st.Section.Render(left) + common.Pad(common.Width(left), w-common.Width(right)) + st.Muted.Render(right)
	case rowValue:
		return m.valueView(r.def, r.value, countWidth(m.counts[r.def.Facet]), cursor, dim)
	case rowMore:
		line = st.Muted.Render(common.Fit("  … "+strconv.Itoa(r.n)+" more — enter", w))
	case rowNone:
		line = st.Placeholder.Render(common.Fit("  none", w))
	}
	return st.CursorLine(line, w, cursor, dim)
}

// valueView renders one value: its mark, label and count.
func (m *Model) valueView(d model.FacetDef, v model.FacetValue, cw int, cursor, dim bool) string {
	st, w := m.Styles, m.innerW()
	mark := "  "
	if m.query.Has(d.Facet, v.Value) {
		mark = st.Mark.Render("✓") + " "
	}
	count := strconv.Itoa(v.Count)
	count = strings.Repeat(" ", max(0, cw-len(count))) + count
	label := common.Fit(d.Label(v), max(1, w-2-cw-1))
	line := mark + label + common.Pad(2+common.Width(label), w-cw) + st.Muted.Render(count)
	return st.CursorLine(line, w, cursor, dim)
}

// countWidth is the width of the widest count.
func countWidth(vals []model.FacetValue) int {
	w := 1
	for _, v := range vals {
		w = max(w, len(strconv.Itoa(v.Count)))
	}
	return w
}
