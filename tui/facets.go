package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
)

// FacetsKeyMap holds the facet pane's keys.
type FacetsKeyMap struct {
	NavKeyMap
	Typing NavKeyMap   // moving while the narrowing input has the keys
	Toggle key.Binding // add or remove the value under the cursor
	Open   key.Binding // on a facet's title: all its values, narrowed by typing
	Back   key.Binding // leave a facet's value list
}

// ShortHelp implements help.KeyMap.
func (k FacetsKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Toggle}
}

// FullHelp implements help.KeyMap.
func (k FacetsKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Toggle, k.Open, k.Back}}
}

// drillHelp is the key map shown while one facet's values are open.
type drillHelp struct{ k FacetsKeyMap }

func (d drillHelp) ShortHelp() []key.Binding {
	enter := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "toggle value"))
	typ := key.NewBinding(key.WithKeys(), key.WithHelp("type", "narrow"))
	return []key.Binding{d.k.Typing.Up, d.k.Typing.Down, enter, typ, d.k.Back}
}

func (d drillHelp) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

// facetOrder lists the facets the pane shows, top to bottom.
func facetOrder() []model.Facet {
	return []model.Facet{model.FacetPillar, model.FacetBranch, model.FacetRegion, model.FacetCountry,
		model.FacetMonth, model.FacetPartner, model.FacetKind}
}

// facetTitle is how the pane names a facet.
func facetTitle(f model.Facet) string {
	s := string(f)
	return strings.ToUpper(s[:1]) + s[1:]
}

// overviewLimit is how many values a facet shows before "… N more".
const overviewLimit = 5

type facetRowKind int

const (
	rowTitle facetRowKind = iota // a facet's title
	rowValue                     // one value with its count
	rowMore                      // "… N more": opens the facet
	rowNone                      // the facet has no value under the filters
)

// facetRow is one line of the facet pane's overview.
type facetRow struct {
	kind  facetRowKind
	facet model.Facet
	value model.FacetValue
	n     int // rowTitle: values; rowMore: values not shown
}

// facetsModel is the facet pane: every facet with its values and counts,
// and, opened on one facet, all its values narrowed by typing.
type facetsModel struct {
	keys   FacetsKeyMap
	counts map[model.Facet][]model.FacetValue
	query  model.Query

	rows   []facetRow
	cursor int
	offset int

	drill   model.Facet // the facet whose values are open; "" in the overview
	input   textinput.Model
	values  []model.FacetValue // drill: the values that match the input
	dcursor int
	doffset int

	width, height int // inner size
}

func newFacetsModel(keys FacetsKeyMap, st Styles) facetsModel {
	in := textinput.New()
	in.Prompt = "narrow: "
	in.Placeholder = "type a name"
	in.SetStyles(st.Input)
	return facetsModel{keys: keys, input: in}
}

// setStyles applies new styles to the input.
func (m *facetsModel) setStyles(st Styles) { m.input.SetStyles(st.Input) }

// setSize sets the inner size of the pane.
func (m *facetsModel) setSize(w, h int) {
	m.width, m.height = max(w, 1), max(h, 1)
	m.input.SetWidth(max(1, w-lipglossWidth(m.input.Prompt)-1))
	m.clamp()
}

// setData takes new counts and the query they answer, keeping the cursor
// on the row it was on.
func (m *facetsModel) setData(counts map[model.Facet][]model.FacetValue, q model.Query) {
	var cur facetRow
	if m.cursor < len(m.rows) {
		cur = m.rows[m.cursor]
	}
	var dcur string
	if m.dcursor < len(m.values) {
		dcur = m.values[m.dcursor].Value
	}
	m.counts, m.query = counts, q
	m.build()
	for i, r := range m.rows {
		if r.kind == cur.kind && r.facet == cur.facet && r.value.Value == cur.value.Value {
			m.cursor = i
			break
		}
	}
	m.refilter()
	for i, v := range m.values {
		if v.Value == dcur {
			m.dcursor = i
			break
		}
	}
	m.clamp()
}

// build lays out the overview: each facet's title, its first values and
// every selected one, and "… N more" when some are left out.
func (m *facetsModel) build() {
	m.rows = m.rows[:0]
	for _, f := range facetOrder() {
		vals := m.counts[f]
		m.rows = append(m.rows, facetRow{kind: rowTitle, facet: f, n: len(vals)})
		if len(vals) == 0 {
			m.rows = append(m.rows, facetRow{kind: rowNone, facet: f})
			continue
		}
		limit := overviewLimit
		if len(vals) <= overviewLimit+1 {
			limit = len(vals)
		}
		shown := 0
		for i, v := range vals {
			if i < limit || m.query.Has(f, v.Value) {
				m.rows = append(m.rows, facetRow{kind: rowValue, facet: f, value: v})
				shown++
			}
		}
		if shown < len(vals) {
			m.rows = append(m.rows, facetRow{kind: rowMore, facet: f, n: len(vals) - shown})
		}
	}
}

// refilter recomputes the open facet's values that match the input:
// every word typed must appear in the value or its label.
func (m *facetsModel) refilter() {
	if m.drill == "" {
		m.values = nil
		return
	}
	words := model.Words(m.input.Value())
	m.values = m.values[:0]
	for _, v := range m.counts[m.drill] {
		if len(words) > 0 {
			hay := model.Fold(v.Value + " " + facetLabel(m.drill, v))
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

// shortHelp is the hint for the row under the cursor: a value toggles,
// a title opens.
func (m facetsModel) shortHelp() []key.Binding {
	if m.drill != "" {
		return drillHelp{m.keys}.ShortHelp()
	}
	if m.cursor < len(m.rows) && m.rows[m.cursor].kind != rowValue {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "all values"))}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", "toggle"))}
}

// typing reports whether the narrowing input has the keys.
func (m facetsModel) typing() bool { return m.drill != "" && m.input.Focused() }

// open shows all values of f with the narrowing input focused.
func (m *facetsModel) open(f model.Facet) tea.Cmd {
	m.drill = f
	m.input.Reset()
	m.dcursor, m.doffset = 0, 0
	m.refilter()
	return m.input.Focus()
}

// close returns to the overview with the cursor on the facet's title.
func (m *facetsModel) close() {
	f := m.drill
	m.drill = ""
	m.input.Blur()
	m.values = nil
	for i, r := range m.rows {
		if r.kind == rowTitle && r.facet == f {
			m.cursor = i
		}
	}
	m.clamp()
}

// focus gives the pane the keys; blur takes them away.
func (m *facetsModel) focus() tea.Cmd {
	if m.drill != "" {
		return m.input.Focus()
	}
	return nil
}

func (m *facetsModel) blur() { m.input.Blur() }

func toggleCmd(f model.Facet, v string) tea.Cmd {
	return func() tea.Msg { return toggleFacetMsg{f, v} }
}

// update handles a key while the pane has the focus. handled is false
// when the key means nothing here, so the root may use it.
func (m facetsModel) update(msg tea.KeyPressMsg) (facetsModel, tea.Cmd, bool) {
	if m.drill != "" {
		return m.updateDrill(msg)
	}
	k := m.keys
	switch {
	case k.NavKeyMap.moves(msg):
		m.move(k.NavKeyMap.step(msg, m.height, len(m.rows)))
	case key.Matches(msg, k.Toggle):
		if m.cursor >= len(m.rows) {
			return m, nil, true
		}
		r := m.rows[m.cursor]
		switch r.kind {
		case rowValue:
			return m, toggleCmd(r.facet, r.value.Value), true
		case rowTitle, rowMore:
			return m, m.open(r.facet), true
		}
	default:
		return m, nil, false
	}
	return m, nil, true
}

func (m facetsModel) updateDrill(msg tea.KeyPressMsg) (facetsModel, tea.Cmd, bool) {
	k := m.keys.Typing
	page := max(1, m.height-2)
	switch {
	case key.Matches(msg, k.Up):
		m.dmove(-1)
	case key.Matches(msg, k.Down):
		m.dmove(1)
	case key.Matches(msg, k.PageUp):
		m.dmove(-page)
	case key.Matches(msg, k.PageDown):
		m.dmove(page)
	case key.Matches(msg, k.Top):
		m.dmove(-len(m.values))
	case key.Matches(msg, k.Bottom):
		m.dmove(len(m.values))
	case msg.String() == "enter":
		if m.dcursor < len(m.values) {
			return m, toggleCmd(m.drill, m.values[m.dcursor].Value), true
		}
	case key.Matches(msg, m.keys.Back):
		if m.input.Value() != "" {
			m.input.Reset()
			m.refilter()
			m.dcursor, m.doffset = 0, 0
		} else {
			m.close()
		}
	default:
		before := m.input.Value()
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		if m.input.Value() != before {
			m.refilter()
			m.dcursor, m.doffset = 0, 0
		}
		return m, cmd, true
	}
	return m, nil, true
}

// updateInput passes a non-key message (a paste) to the narrowing input.
func (m facetsModel) updateInput(msg tea.Msg) (facetsModel, tea.Cmd) {
	if m.drill == "" {
		return m, nil
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.refilter()
		m.dcursor, m.doffset = 0, 0
	}
	return m, cmd
}

func (m *facetsModel) move(d int) {
	m.cursor += d
	m.clamp()
}

func (m *facetsModel) dmove(d int) {
	m.dcursor += d
	m.clamp()
}

// clamp keeps both cursors in range and on screen. In the overview a
// facet's title stays visible above its first value when it can.
func (m *facetsModel) clamp() {
	m.cursor = clampInt(m.cursor, 0, len(m.rows)-1)
	h := m.height
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	if m.cursor > 0 && m.cursor-1 < m.offset && m.rows[m.cursor-1].kind == rowTitle {
		m.offset = m.cursor - 1
	}
	m.offset = clampInt(m.offset, 0, max(0, len(m.rows)-h))

	dh := max(1, m.height-2)
	m.dcursor = clampInt(m.dcursor, 0, len(m.values)-1)
	if m.dcursor < m.doffset {
		m.doffset = m.dcursor
	}
	if m.dcursor >= m.doffset+dh {
		m.doffset = m.dcursor - dh + 1
	}
	m.doffset = clampInt(m.doffset, 0, max(0, len(m.values)-dh))
}

// scroll moves the cursor by d rows, for the mouse wheel.
func (m *facetsModel) scroll(d int) {
	if m.drill != "" {
		m.dmove(d)
		return
	}
	m.move(d)
}

// click acts on the row at line y of the pane's inner area: a value is
// toggled, a title or "more" opens its facet.
func (m *facetsModel) click(y int) tea.Cmd {
	if m.drill != "" {
		if y == 0 {
			m.close()
			return nil
		}
		i := m.doffset + y - 2
		if y < 2 || i >= len(m.values) {
			return nil
		}
		m.dcursor = i
		m.clamp()
		return toggleCmd(m.drill, m.values[i].Value)
	}
	i := m.offset + y
	if i < 0 || i >= len(m.rows) {
		return nil
	}
	m.cursor = i
	m.clamp()
	r := m.rows[i]
	switch r.kind {
	case rowValue:
		return toggleCmd(r.facet, r.value.Value)
	case rowTitle, rowMore:
		return m.open(r.facet)
	}
	return nil
}

// title is the pane's title: "Facets", or "Facets › Country" when one
// facet is open.
func (m facetsModel) title() string {
	if m.drill != "" {
		return "Facets › " + facetTitle(m.drill)
	}
	return "Facets"
}

// view renders the pane's inner area.
func (m facetsModel) view(st Styles, focused bool) string {
	lines := make([]string, 0, m.height)
	if m.drill != "" {
		lines = append(lines, m.drillView(st, focused)...)
	} else {
		end := min(len(m.rows), m.offset+m.height)
		for i := m.offset; i < end; i++ {
			lines = append(lines, m.rowView(st, m.rows[i], focused && i == m.cursor, !focused && i == m.cursor))
		}
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:m.height], "\n")
}

func (m facetsModel) drillView(st Styles, focused bool) []string {
	w := m.width
	vals := m.counts[m.drill]
	sel := len(m.query.Filters[m.drill])
	right := strconv.Itoa(len(m.values)) + " of " + strconv.Itoa(len(vals))
	if sel > 0 {
		right = strconv.Itoa(sel) + " ✓ · " + right
	}
	left := "‹ esc"
	head := st.Muted.Render(left) + pad(lipglossWidth(left), w-lipglossWidth(right)) + st.Muted.Render(right)
	lines := []string{fit(head, w), fit(m.input.View(), w)}
	if len(m.values) == 0 {
		msg := "none"
		if m.input.Value() != "" {
			msg = "no " + string(m.drill) + " matches “" + model.Inert(m.input.Value()) + "”; esc clears"
		}
		lines = append(lines, st.Warn.Render(fit(msg, w)))
		return lines
	}
	cw := countWidth(m.values)
	end := min(len(m.values), m.doffset+m.height-2)
	for i := m.doffset; i < end; i++ {
		cur := i == m.dcursor
		lines = append(lines, m.valueView(st, m.drill, m.values[i], cw, focused && cur, !focused && cur))
	}
	return lines
}

func (m facetsModel) rowView(st Styles, r facetRow, cursor, dim bool) string {
	w := m.width
	var line string
	switch r.kind {
	case rowTitle:
		right := strconv.Itoa(r.n) + " ›"
		if n := len(m.query.Filters[r.facet]); n > 0 {
			right = strconv.Itoa(n) + " ✓ · " + right
		}
		left := fit(facetTitle(r.facet), max(1, w-lipglossWidth(right)-1))
		line = st.Section.Render(left) + pad(lipglossWidth(left), w-lipglossWidth(right)) + st.Muted.Render(right)
	case rowValue:
		return m.valueView(st, r.facet, r.value, countWidth(m.counts[r.facet]), cursor, dim)
	case rowMore:
		line = st.Muted.Render(fit("  … "+strconv.Itoa(r.n)+" more — enter", w))
	case rowNone:
		line = st.Placeholder.Render(fit("  none", w))
	}
	return cursorLine(st, line, w, cursor, dim)
}

// valueView renders one value: its mark, label and count.
func (m facetsModel) valueView(st Styles, f model.Facet, v model.FacetValue, cw int, cursor, dim bool) string {
	w := m.width
	mark := "  "
	if m.query.Has(f, v.Value) {
		mark = st.Mark.Render("✓") + " "
	}
	count := strconv.Itoa(v.Count)
	count = strings.Repeat(" ", max(0, cw-len(count))) + count
	lw := max(1, w-2-cw-1)
	label := fit(facetLabel(f, v), lw)
	line := mark + label + pad(2+lipglossWidth(label), w-cw) + st.Muted.Render(count)
	return cursorLine(st, line, w, cursor, dim)
}

// facetLabel is how a value reads in the pane: pillars with their title,
// countries and partners with their names.
func facetLabel(f model.Facet, v model.FacetValue) string {
	d, _ := model.Def(f)
	return d.Label(v)
}

// countWidth is the width of the widest count.
func countWidth(vals []model.FacetValue) int {
	w := 1
	for _, v := range vals {
		w = max(w, len(strconv.Itoa(v.Count)))
	}
	return w
}

// cursorLine pads a line to w and styles it as the cursor row when it is.
func cursorLine(st Styles, line string, w int, cursor, dim bool) string {
	line += pad(lipglossWidth(line), w)
	switch {
	case cursor:
		return st.Cursor.Render(ansi.Strip(line))
	case dim:
		return st.CursorDim.Render(ansi.Strip(line))
	}
	return line
}
