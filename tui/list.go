package tui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// ListKeyMap holds the activity list's keys.
type ListKeyMap struct {
	NavKeyMap
	Open   key.Binding // read the activity under the cursor
	Select key.Binding // select or unselect it
	Back   key.Binding // clear the search
}

// ShortHelp implements help.KeyMap.
func (k ListKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.Select} }

// FullHelp implements help.KeyMap.
func (k ListKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.bindings(), {k.Open, k.Select, k.Back}}
}

// fetchWindow bounds how many rows one fetch asks the store for.
const fetchWindow = 200

// maxCache bounds the cached rows; past it the cache starts again from
// what is on screen.
const maxCache = 4096

// listModel is the activity list. It keeps every id of the result but
// only the rows around the screen, fetched from the store on demand, so a
// result of a million activities never decodes them all.
type listModel struct {
	keys ListKeyMap

	ids    []uint32
	total  int
	loaded bool // a result has arrived
	query  model.Query
	widen  []widening

	cursor, offset int

	cache   map[uint32]model.Activity
	pending map[uint32]bool
	epoch   int // bumped when the cache is dropped

	width, height int // inner size
}

func newListModel(keys ListKeyMap) listModel {
	return listModel{keys: keys, cache: map[uint32]model.Activity{}, pending: map[uint32]bool{}}
}

func (m *listModel) setSize(w, h int) {
	m.width, m.height = max(w, 1), max(h, 1)
	m.clamp()
}

// rowHeight is 1 when a row fits on one line, else 2 (title below).
func (m listModel) rowHeight() int {
	if m.width >= 70 {
		return 1
	}
	return 2
}

// page is the number of rows on screen.
func (m listModel) page() int { return max(1, m.height/m.rowHeight()) }

// current is the id under the cursor.
func (m listModel) current() (uint32, bool) {
	if m.cursor < 0 || m.cursor >= len(m.ids) {
		return 0, false
	}
	return m.ids[m.cursor], true
}

// setResult takes a new result, keeping the cursor on the same activity
// when it is still there.
func (m *listModel) setResult(msg resultMsg) {
	cur, had := m.current()
	m.ids, m.total, m.query, m.widen, m.loaded = msg.ids, msg.total, msg.query, msg.widen, true
	for _, a := range msg.rows {
		m.cache[a.ID] = a
	}
	m.cursor, m.offset = 0, 0
	if had {
		if i := slices.Index(m.ids, cur); i >= 0 {
			m.cursor = i
			m.offset = max(0, i-m.page()/2)
		}
	}
	m.clamp()
}

// dropCache forgets every fetched row: the store has changed.
func (m *listModel) dropCache() {
	m.cache = map[uint32]model.Activity{}
	m.pending = map[uint32]bool{}
	m.epoch++
}

// missing lists the ids around the screen that are neither fetched nor
// asked for, and marks them asked for.
func (m *listModel) missing() []uint32 {
	if len(m.cache) > maxCache {
		keep := map[uint32]model.Activity{}
		for i := m.offset; i < min(len(m.ids), m.offset+m.page()); i++ {
			if a, ok := m.cache[m.ids[i]]; ok {
				keep[m.ids[i]] = a
			}
		}
		m.cache = keep
	}
	p := m.page()
	from, to := max(0, m.offset-p), min(len(m.ids), m.offset+2*p)
	var out []uint32
	for i := from; i < to && len(out) < fetchWindow; i++ {
		id := m.ids[i]
		if _, ok := m.cache[id]; ok || m.pending[id] {
			continue
		}
		m.pending[id] = true
		out = append(out, id)
	}
	return out
}

// addRows stores fetched rows.
func (m *listModel) addRows(msg rowsMsg) {
	if msg.epoch != m.epoch {
		return
	}
	for _, id := range msg.ids {
		delete(m.pending, id)
	}
	for _, a := range msg.acts {
		m.cache[a.ID] = a
	}
}

// update handles a key while the list has the focus.
func (m listModel) update(msg tea.KeyPressMsg) (listModel, tea.Cmd, bool) {
	k := m.keys
	switch {
	case k.NavKeyMap.moves(msg):
		m.move(k.NavKeyMap.step(msg, m.page(), len(m.ids)))
	case key.Matches(msg, k.Open):
		if id, ok := m.current(); ok {
			return m, func() tea.Msg { return listOpenMsg{id} }, true
		}
	case key.Matches(msg, k.Select):
		if id, ok := m.current(); ok {
			m.move(1)
			return m, func() tea.Msg { return listSelectMsg{id} }, true
		}
	default:
		return m, nil, false
	}
	return m, nil, true
}

func (m *listModel) move(d int) {
	m.cursor += d
	m.clamp()
}

func (m *listModel) clamp() {
	m.cursor = clampInt(m.cursor, 0, len(m.ids)-1)
	p := m.page()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+p {
		m.offset = m.cursor - p + 1
	}
	m.offset = clampInt(m.offset, 0, max(0, len(m.ids)-p))
}

// rowAt is the index of the activity shown at line y of the inner area.
func (m listModel) rowAt(y int) (int, bool) {
	i := m.offset + y/m.rowHeight()
	return i, y >= 0 && i < len(m.ids) && i < m.offset+m.page()
}

// position is "3/12" for the pane's border.
func (m listModel) position() string {
	if len(m.ids) == 0 {
		return ""
	}
	return strconv.Itoa(m.cursor+1) + "/" + strconv.Itoa(len(m.ids))
}

// view renders the inner area. labelOf names facet values for the
// empty-result message.
func (m listModel) view(st Styles, focused bool, selected map[uint32]struct{}, labelOf func(model.Facet, string) string) string {
	switch {
	case !m.loaded:
		return st.Muted.Render("Loading activities…")
	case m.total == 0:
		return st.Warn.Render("The store is empty.") + "\n\n" +
			"Import highlights documents with\n  unoct import FILE…\nthen press r to refresh."
	case len(m.ids) == 0:
		return m.emptyView(st, labelOf)
	}
	rh := m.rowHeight()
	var lines []string
	end := min(len(m.ids), m.offset+m.page())
	for i := m.offset; i < end; i++ {
		id := m.ids[i]
		_, sel := selected[id]
		a, ok := m.cache[id]
		cur := i == m.cursor
		lines = append(lines, m.rowView(st, id, a, ok, sel, focused && cur, !focused && cur, rh)...)
	}
	return strings.Join(lines, "\n")
}

// rowView renders one activity in rh lines: selection mark, date, place,
// pillar badges and the title.
func (m listModel) rowView(st Styles, id uint32, a model.Activity, ok, sel, cursor, dim bool, rh int) []string {
	w := m.width
	mark := "  "
	if sel {
		mark = st.Mark.Render("●") + " "
	}
	if !ok {
		line := mark + st.Placeholder.Render(fit("…  activity "+strconv.FormatUint(uint64(id), 10), w-2))
		out := []string{cursorLine(st, line, w, cursor, dim)}
		if rh == 2 {
			out = append(out, cursorLine(st, "", w, cursor, dim))
		}
		return out
	}
	date := a.Start()
	if date == "" {
		date = a.Month + "   "
	}
	place := ""
	if len(a.Sessions) > 0 {
		place = model.Inert(export.PlaceLabel(a.Sessions[0]))
		if len(a.Sessions) > 1 {
			place += " +" + strconv.Itoa(len(a.Sessions)-1)
		}
	}
	var badges []string
	bw := 0
	for _, p := range a.Pillars {
		badges = append(badges, st.Pillar(string(p.Pillar)).Render(string(p.Pillar)))
		bw += len(p.Pillar) + 1
	}
	badge := strings.Join(badges, " ")
	bw = max(0, bw-1)
	title := export.Title(a.Text, 400)

	head := mark + st.Date.Render(date) + " "
	hw := 2 + len(date) + 1
	if rh == 1 {
		pw := min(18, max(8, w/5))
		head += st.Place.Render(padRight(fit(place, pw), pw)) + " "
		hw += pw + 1
		tw := max(1, w-hw-bw-1)
		t := fit(title, tw)
		line := head + t + pad(hw+lipglossWidth(t), w-bw) + badge
		return []string{cursorLine(st, line, w, cursor, dim)}
	}
	pw := max(1, w-hw-bw-1)
	p := fit(place, pw)
	line1 := head + st.Place.Render(p) + pad(hw+lipglossWidth(p), w-bw) + badge
	line2 := "  " + fit(title, w-2)
	return []string{cursorLine(st, line1, w, cursor, dim), cursorLine(st, line2, w, cursor, dim)}
}

// emptyView says which filters leave nothing and what dropping each
// would give back.
func (m listModel) emptyView(st Styles, labelOf func(model.Facet, string) string) string {
	w := m.width
	var b strings.Builder
	b.WriteString(st.Warn.Render(fit("No activity matches all these filters:", w)) + "\n")
	for _, f := range model.Facets {
		vals := m.query.Filters[f]
		if len(vals) == 0 {
			continue
		}
		labels := make([]string, len(vals))
		for i, v := range vals {
			labels[i] = labelOf(f, v)
		}
		b.WriteString(hang(string(f)+" = "+strings.Join(labels, " or "), w, 2, 4) + "\n")
	}
	if s := strings.TrimSpace(m.query.Search); s != "" {
		b.WriteString(hang("search “"+model.Inert(s)+"”", w, 2, 4) + "\n")
	}
	b.WriteString("\n" + st.Bold.Render("To widen:") + "\n")
	for _, wd := range m.widen {
		n := strconv.Itoa(wd.count) + " activit" + plural(wd.count, "y", "ies")
		how := "untick it in Facets"
		if wd.search {
			how = "esc clears it"
		}
		b.WriteString(hang("without "+wd.filter+": "+n+" ("+how+")", w, 2, 4) + "\n")
	}
	b.WriteString(hang("c clears every filter ("+strconv.Itoa(m.total)+" activities)", w, 2, 4))
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
