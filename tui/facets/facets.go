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
	Pick   key.Binding      // in a facet's values: apply the ticks, or add or remove the value under the cursor
	Tick   key.Binding      // in a facet's values: tick the one under the cursor, to apply later
	Back   key.Binding      // leave a facet's values, or cancel the ticks
	Expand key.Binding      // in a tree (regions, years): open the group under the cursor
	Fold   key.Binding      // close it, or go to the group a line is in
	Next   key.Binding      // the next facet's title
	Prev   key.Binding      // the previous facet's title
	Jump   key.Binding      // 1 to 9: the title of the facet of that number

	// Hints for the row under the cursor, on the hint line.
	ToggleHint, OpenHint, NarrowHint key.Binding
	// Hints in a facet's values, shorter than the help's words.
	TickHint, ApplyHint, FoldHint, BackHint key.Binding
}

// DefaultKeyMap returns the facet pane's keys.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Typing:     common.NewNavKeyMap(false), // j and k are letters while typing
		Toggle:     b(k("enter", "space"), h("enter/space", "toggle value")),
		Open:       b(k("enter"), h("enter on a title", "all values, type to narrow")),
		Pick:       b(k("enter"), h("enter", "apply ticks (or toggle value)")),
		Tick:       b(k("space"), h("space", "tick value, apply later")),
		Back:       b(k("esc"), h("esc", "cancel ticks, back to all facets")),
		Expand:     b(k("right"), h("→", "open region/year")),
		Fold:       b(k("left"), h("←", "close region/year")),
		Next:       b(k("]"), h("]", "next facet")),
		Prev:       b(k("["), h("[", "previous facet")),
		Jump:       b(k("1", "2", "3", "4", "5", "6", "7", "8", "9"), h("1-9", "facet number N")),
		ToggleHint: b(k("enter", "space"), h("enter", "toggle")),
		OpenHint:   b(k("enter"), h("enter", "all values")),
		NarrowHint: b(k(), h("type", "narrow")),
		TickHint:   b(k("space"), h("space", "tick")),
		ApplyHint:  b(k("enter"), h("enter", "apply")),
		FoldHint:   b(k("left", "right"), h("←/→", "fold")),
		BackHint:   b(k("esc"), h("esc", "cancel/back")),
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
	rowYear                 // a year of months: toggles them as one
)

// row is one line of the overview.
type row struct {
	kind  rowKind
	def   model.FacetDef
	value model.FacetValue
	n     int // rowTitle: values; rowMore: values not shown
	year  yearGroup
}

// Model is the facet pane.
type Model struct {
	common.Common
	keys   KeyMap
	counts map[model.Facet][]model.FacetValue
	query  model.Query

	rows []row
	cur  common.Cursor // in rows

	drill   model.FacetDef // the facet whose values are open; Facet "" in the overview
	input   textinput.Model
	items   []item          // drill: its lines, the values that match the input
	dcur    common.Cursor   // in items
	pending map[tick]bool   // ticks not yet applied
	open    map[string]bool // groups opened or closed, by key
	regions *common.RegionTree
}

// New returns the pane, empty until the first result.
func New(c common.Common) *Model {
	in := textinput.New()
	in.Prompt = "narrow: "
	in.Placeholder = "type a name"
	in.SetStyles(c.Styles.Input)
	return &Model{Common: c, keys: DefaultKeyMap(), input: in, pending: map[tick]bool{}, open: map[string]bool{}}
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
			m.dcur.Move(common.WheelDelta(msg), len(m.items), m.drillPage())
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
	var dcur item
	if m.dcur.Index < len(m.items) {
		dcur = m.items[m.dcur.Index]
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
	for i, it := range m.items {
		if it.facet == dcur.facet && it.value.Value == dcur.value.Value && it.group == dcur.group {
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
		if years := yearsOf(vals); f == model.FacetMonth && len(years) > 1 {
			// Months of several years: the years, each toggling its
			// months, say more in five lines than five months.
			m.yearRows(d, years)
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

// yearRows lays out a month facet of several years: the latest years
// first, as the most asked for, and "… N more" for the rest.
func (m *Model) yearRows(d model.FacetDef, years []yearGroup) {
	limit := overviewLimit
	if len(years) <= overviewLimit+1 {
		limit = len(years)
	}
	for i := len(years) - 1; i >= len(years)-limit; i-- {
		m.rows = append(m.rows, row{kind: rowYear, def: d, value: model.FacetValue{Value: years[i].year}, year: years[i]})
	}
	if limit < len(years) {
		m.rows = append(m.rows, row{kind: rowMore, def: d, n: len(years) - limit})
	}
}

// Open shows all values of facet f with the narrowing input focused.
func (m *Model) Open(f model.Facet) tea.Cmd {
	d, ok := model.Def(f)
	if !ok {
		return nil
	}
	m.drill = d
	clear(m.pending)
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
	m.items = nil
	clear(m.pending)
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
	case key.Matches(msg, m.keys.Next):
		m.jumpTitle(1)
	case key.Matches(msg, m.keys.Prev):
		m.jumpTitle(-1)
	case key.Matches(msg, m.keys.Jump):
		n := int(msg.Code - '1')
		for i, r := range m.rows {
			if r.kind == rowTitle {
				if n == 0 {
					m.cur.Index = i
					m.clamp()
					break
				}
				n--
			}
		}
	case key.Matches(msg, m.Keys.Global.Back):
		return common.Cmd(common.BackMsg{})
	}
	return nil
}

// jumpTitle moves the cursor to the next (d 1) or previous (d -1)
// facet's title: from a value, -1 goes to its own facet's title. It
// stops at the first and the last.
func (m *Model) jumpTitle(d int) {
	for i := m.cur.Index + d; i >= 0 && i < len(m.rows); i += d {
		if m.rows[i].kind == rowTitle {
			m.cur.Index = i
			m.clamp()
			// Show the facet's values below its title when they fit.
			if d > 0 {
				end := i + 1
				for end < len(m.rows) && m.rows[end].kind != rowTitle {
					end++
				}
				if end-m.cur.Offset > m.innerH() {
					m.cur.Offset = min(i, max(0, end-m.innerH()))
				}
			}
			return
		}
	}
}

// act toggles a value row, or opens the facet of a title or "more".
func (m *Model) act(r row) tea.Cmd {
	switch r.kind {
	case rowValue:
		return toggle(r.def.Facet, r.value.Value)
	case rowYear:
		return toggleAll(m.toggles(item{facet: r.def.Facet, values: r.year.months}))
	case rowTitle, rowMore:
		return m.Open(r.def.Facet)
	}
	return nil
}

func (m *Model) updateDrill(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case m.dcur.Navigate(m.keys.Typing, msg, len(m.items), m.drillPage()):
	case key.Matches(msg, m.keys.Pick):
		return m.apply()
	case key.Matches(msg, m.keys.Tick):
		// Space ticks rather than types: a value is found by one
		// word, and several ticked run one query.
		m.tickCursor()
	case m.input.Value() == "" && key.Matches(msg, m.keys.Expand) && m.setOpen(true):
	case m.input.Value() == "" && key.Matches(msg, m.keys.Fold) && m.setOpen(false):
	case key.Matches(msg, m.keys.Back):
		if len(m.pending) > 0 {
			clear(m.pending)
		} else if m.input.Value() != "" {
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
	m.dcur.Clamp(len(m.items), m.drillPage())
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
		if y < 2 || i >= len(m.items) {
			return nil
		}
		m.dcur.Index = i
		m.clamp()
		if it := m.items[i]; !it.isVal && len(it.values) == 0 {
			m.setOpen(!m.isOpen(it.group, false))
			return nil
		}
		clear(m.pending)
		return m.apply()
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
		keys := []key.Binding{k.Typing.Up, k.Typing.Down, k.TickHint, k.ApplyHint}
		if m.treeShown() && m.input.Value() == "" {
			keys = append(keys, k.FoldHint)
		}
		return append(keys, k.NarrowHint, k.BackHint, m.Keys.Global.NextPane)
	}
	hint := m.keys.ToggleHint
	if m.cur.Index < len(m.rows) && m.rows[m.cur.Index].kind != rowValue && m.rows[m.cur.Index].kind != rowYear {
		hint = m.keys.OpenHint
	}
	return append([]key.Binding{hint}, m.Keys.Global.Hints()...)
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	k := m.keys
	return []common.KeyGroup{
		{Title: "Facets (left)", Keys: []key.Binding{k.Toggle, k.Open, k.Next, k.Prev, k.Jump, common.WithDesc(m.Keys.Global.Back, "back to the list")}},
		{Title: "A facet's values (enter on its title)", Keys: []key.Binding{k.NarrowHint, k.Tick, k.Pick, k.Expand, k.Fold, k.Back}},
	}
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
	nv := len(vals) // a tree or the years: every value is in it, shown or folded
	if m.input.Value() != "" {
		nv = len(m.items)
	}
	right := strconv.Itoa(nv) + " of " + strconv.Itoa(len(vals))
	if sel > 0 {
		right = strconv.Itoa(sel) + " ✓ · " + right
	}
	left := "‹ esc"
	if n := len(m.pending); n > 0 {
		left = strconv.Itoa(n) + " ticked · enter applies"
		right = ""
	}
	head := st.Muted.Render(left) + common.Pad(common.Width(left), w-common.Width(right)) + st.Muted.Render(right)
	lines := []string{common.Fit(head, w), common.Fit(m.input.View(), w)}
	if len(m.items) == 0 {
		msg := "none"
		if m.input.Value() != "" {
			msg = "no " + string(f) + " matches “" + model.Inert(m.input.Value()) + "”; esc clears"
		}
		return append(lines, st.Warn.Render(common.Fit(msg, w)))
	}
	cw := itemsCountWidth(m.items)
	from, to := m.dcur.Visible(len(m.items), m.drillPage())
	for i := from; i < to; i++ {
		cur := i == m.dcur.Index
		lines = append(lines, m.itemView(m.items[i], cw, focused && cur, !focused && cur))
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
	case rowYear:
		return m.itemView(item{facet: r.def.Facet, label: r.year.label(), values: r.year.months}, 1, cursor, dim)
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

func itoa(n int) string { return strconv.Itoa(n) }
