// Package list is the activity list: the result of the current query,
// a row an activity, with the rows around the screen read on demand so
// that a result of a million activities never decodes them all.
package list

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// Reader reads activity rows: the list's one need of the store.
type Reader interface {
	Get(ids ...uint32) ([]model.Activity, error)
}

// KeyMap holds the list's own keys; it moves with the shared ones.
type KeyMap struct {
	Open   key.Binding // read the activity under the cursor
	Select key.Binding // select or unselect it
	Back   key.Binding // clear the search
	Sort   key.Binding // the next order (SortMsg)
}

// DefaultKeyMap returns the list's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")),
		Select: key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "select")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
		Sort:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "sort")),
	}
}

// SortMsg asks the root to order the list by the next order of the
// cycle (model.Sort.Next): the query holds the order, so the store sorts.
type SortMsg struct{}

// fetchWindow bounds how many rows one fetch asks the store for.
const fetchWindow = 200

// maxCache bounds the cached rows; past it the cache starts again from
// what is on screen.
const maxCache = 4096

// Model is the activity list.
type Model struct {
	common.Common
	keys KeyMap
	src  Reader

	res      common.ResultMsg // the result shown
	loaded   bool             // a result has arrived
	widen    []widening       // for an empty result: what dropping each filter gives back
	selected common.Selection
	cur      common.Cursor
	columns  bool   // a wide window: the rows as columns under a header
	want     uint32 // GotoMsg: the activity the next result's cursor goes to

	cache   map[uint32]model.Activity
	pending map[uint32]bool
	epoch   int // bumped when the cache is dropped
}

// widening says how many activities dropping one clause of the query
// would show.
type widening struct {
	clause model.Clause
	count  int
}

// rowsMsg carries rows the list asked for; epoch names the cache they
// were asked for, so rows from before a reload are dropped.
type rowsMsg struct {
	epoch int
	acts  []model.Activity
	ids   []uint32
	err   error
}

// ErrorMsg reports a read of rows that failed, for the status line.
type ErrorMsg struct{ Err error }

// New returns an empty list that reads its rows from src.
func New(c common.Common, src Reader) *Model {
	return &Model{Common: c, keys: DefaultKeyMap(), src: src,
		cache: map[uint32]model.Activity{}, pending: map[uint32]bool{}}
}

// PageRows is how many rows a list of outer size w×h shows, as columns
// or not, so that a query can bring them with its answer.
func PageRows(w, h int, columns bool) int {
	if columns {
		rh := 2
		if _, oneLine := layoutColumns(w - common.FrameW); oneLine {
			rh = 1
		}
		return max(1, (h-common.FrameH-1)/rh) // 1: the columns' header
	}
	return max(1, (h-common.FrameH)/rowHeight(w-common.FrameW))
}

// rowHeight is 1 when a row fits on one line of inner width w, else 2
// (the title below).
func rowHeight(w int) int {
	if w >= 70 {
		return 1
	}
	return 2
}

func (m *Model) innerW() int { return max(1, m.Width-common.FrameW) }
func (m *Model) innerH() int { return max(1, m.Height-common.FrameH) }

// headH is the lines above the rows: the columns' header.
func (m *Model) headH() int {
	if m.columns {
		return 1
	}
	return 0
}

func (m *Model) rowH() int {
	if m.columns {
		if _, oneLine := layoutColumns(m.innerW()); oneLine {
			return 1
		}
		return 2
	}
	return rowHeight(m.innerW())
}
func (m *Model) page() int     { return max(1, (m.innerH()-m.headH())/m.rowH()) }
func (m *Model) clamp()        { m.cur.Clamp(len(m.res.IDs), m.page()) }
func (m *Model) move(d int)    { m.cur.Move(d, len(m.res.IDs), m.page()) }
func (m *Model) n() int        { return len(m.res.IDs) }
func (m *Model) inRange() bool { return m.cur.Index >= 0 && m.cur.Index < m.n() }

// SetColumns shows the rows as columns under a header (a window wide
// enough for them), or as today's compact rows.
func (m *Model) SetColumns(on bool) {
	m.columns = on
	m.clamp()
}

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.clamp()
}

// current is the id under the cursor.
func (m *Model) current() (uint32, bool) {
	if !m.inRange() {
		return 0, false
	}
	return m.res.IDs[m.cur.Index], true
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.ResultMsg:
		m.setResult(msg)
		return tea.Batch(m.ensureRows(), m.cursorCmd())
	case rowsMsg:
		m.addRows(msg)
		if msg.err != nil {
			return common.Cmd(ErrorMsg{msg.err})
		}
	case common.SelectionMsg:
		m.selected = msg.Selected
	case common.GotoMsg:
		m.want = msg.ID
	case common.RefreshMsg:
		m.dropCache()
	case common.StylesMsg:
		m.Styles = msg.Styles
	case tea.WindowSizeMsg:
		return tea.Batch(m.ensureRows(), m.cursorCmd())
	case tea.KeyPressMsg:
		return m.updateKey(msg)
	case tea.MouseClickMsg:
		return m.click(msg)
	case tea.MouseWheelMsg:
		return m.moveBy(common.WheelDelta(msg))
	}
	return nil
}

func (m *Model) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	before := m.cur.Index
	switch {
	case m.cur.Navigate(m.Keys.Nav, msg, m.n(), m.page()):
	case key.Matches(msg, m.keys.Open):
		if id, ok := m.current(); ok {
			return common.Cmd(common.OpenMsg{ID: id})
		}
	case key.Matches(msg, m.keys.Select):
		if id, ok := m.current(); ok {
			m.move(1)
			return tea.Batch(common.Cmd(common.SelectMsg{ID: id}), m.followCmd(before))
		}
	case key.Matches(msg, m.keys.Back):
		return common.Cmd(common.BackMsg{})
	case key.Matches(msg, m.keys.Sort):
		return common.Cmd(SortMsg{})
	}
	return m.followCmd(before)
}

// moveBy moves the cursor d rows, for the wheel.
func (m *Model) moveBy(d int) tea.Cmd {
	before := m.cur.Index
	m.move(d)
	return m.followCmd(before)
}

// followCmd fetches the rows the screen lacks and, when the cursor left
// row before, says which activity it is on now.
func (m *Model) followCmd(before int) tea.Cmd {
	if m.cur.Index == before {
		return m.ensureRows()
	}
	return tea.Batch(m.cursorCmd(), m.ensureRows())
}

// cursorCmd tells the root which activity is under the cursor.
func (m *Model) cursorCmd() tea.Cmd {
	id, ok := m.current()
	msg := common.CursorMsg{ID: id, OK: ok}
	if a, has := m.cache[id]; ok && has {
		msg.Row = &a
	}
	return common.Cmd(msg)
}

// click acts on the row under the pointer: a click on its mark selects
// it, on the row under the cursor opens it, on another row moves there.
func (m *Model) click(msg tea.MouseClickMsg) tea.Cmd {
	if msg.Button != tea.MouseLeft {
		return nil
	}
	i, ok := m.cur.At(msg.Y-1-m.headH(), m.rowH(), m.n(), m.page())
	if !ok {
		return nil
	}
	id := m.res.IDs[i]
	switch {
	case msg.X-common.FrameW/2 < 2:
		return common.Cmd(common.SelectMsg{ID: id})
	case i == m.cur.Index:
		return common.Cmd(common.OpenMsg{ID: id})
	}
	return m.moveBy(i - m.cur.Index)
}

// setResult takes a new result, keeping the cursor on the same activity
// when it is still there, and forgetting the rows read when the store
// has changed since.
func (m *Model) setResult(r common.ResultMsg) {
	cur, had := m.current()
	if r.Query.Sort != m.res.Query.Sort {
		had = false // a new order starts at its top
	}
	if m.want != 0 {
		cur, had, m.want = m.want, true, 0
	}
	if m.loaded && r.Generation != m.res.Generation {
		m.dropCache()
	}
	m.res, m.loaded = r, true
	for _, a := range r.Rows {
		m.cache[a.ID] = a
	}
	m.cur.Reset()
	if had {
		if i := slices.Index(r.IDs, cur); i >= 0 {
			m.cur.Center(i, m.n(), m.page())
		}
	}
	m.clamp()
	m.widen = nil
	if len(r.IDs) == 0 && r.Total > 0 {
		m.widen = widenings(r)
	}
}

// widenings counts what dropping each clause of r's query would show,
// most first.
func widenings(r common.ResultMsg) []widening {
	var out []widening
	for _, c := range r.Query.Describe(r.Name, false) {
		if c.Order {
			continue // an order selects nothing
		}
		n, ok := r.Without[c.Facet]
		if c.Facet == "" {
			n, ok = r.WithoutSearch, r.WithoutSearch >= 0
		}
		if ok {
			out = append(out, widening{c, n})
		}
	}
	slices.SortStableFunc(out, func(a, b widening) int { return cmp.Compare(b.count, a.count) })
	return out
}

// dropCache forgets every row read: the store has changed.
func (m *Model) dropCache() {
	m.cache = map[uint32]model.Activity{}
	m.pending = map[uint32]bool{}
	m.epoch++
}

// ensureRows reads the rows around the screen that are neither read nor
// asked for.
func (m *Model) ensureRows() tea.Cmd {
	ids := m.missing()
	if len(ids) == 0 {
		return nil
	}
	epoch, src := m.epoch, m.src
	return func() tea.Msg {
		acts, err := src.Get(ids...)
		return rowsMsg{epoch: epoch, acts: acts, ids: ids, err: err}
	}
}

// missing lists the ids around the screen that are neither read nor
// asked for, and marks them asked for.
func (m *Model) missing() []uint32 {
	ids := m.res.IDs
	p := m.page()
	from, to := m.cur.Visible(len(ids), p)
	if len(m.cache) > maxCache {
		keep := map[uint32]model.Activity{}
		for _, id := range ids[from:to] {
			if a, ok := m.cache[id]; ok {
				keep[id] = a
			}
		}
		m.cache = keep
	}
	from, to = max(0, m.cur.Offset-p), min(len(ids), m.cur.Offset+2*p)
	var out []uint32
	for i := from; i < to && len(out) < fetchWindow; i++ {
		id := ids[i]
		if _, ok := m.cache[id]; ok || m.pending[id] {
			continue
		}
		m.pending[id] = true
		out = append(out, id)
	}
	return out
}

// addRows keeps rows read.
func (m *Model) addRows(msg rowsMsg) {
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

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	return append([]key.Binding{m.keys.Open, m.keys.Select, m.keys.Sort}, m.Keys.Global.Hints()...)
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	g := m.Keys.Global
	return []common.KeyGroup{{Title: "Activities (middle)", Keys: []key.Binding{
		common.WithDesc(m.keys.Open, "read activity"), common.WithDesc(m.keys.Select, "select/unselect"),
		g.SelectAll, g.SelectNone, common.WithDesc(m.keys.Sort, "next order"), m.keys.Back}}}
}

// View implements common.Component: the list in its box, with the
// cursor's position in the border.
func (m *Model) View(focused bool) string {
	pos := ""
	if m.n() > 0 {
		pos = strconv.Itoa(m.cur.Index+1) + "/" + strconv.Itoa(m.n())
	}
	title := "Activities"
	if srt := m.res.Query.Sort; !srt.IsDefault() {
		title += " · sorted by " + srt.Describe()
	}
	return m.Styles.Box(title, pos, m.body(focused), m.Width, m.Height, focused)
}

func (m *Model) body(focused bool) string {
	st := m.Styles
	switch {
	case !m.loaded:
		return st.Muted.Render("Loading activities…")
	case m.res.Total == 0:
		return st.Warn.Render("The store is empty.") + "\n\n" +
			"Import highlights documents with\n  unoct import FILE…\nthen press r to refresh."
	case m.n() == 0:
		return m.emptyView()
	}
	rh := m.rowH()
	var lines []string
	var cols []column
	var oneLine bool
	if m.columns {
		cols, oneLine = layoutColumns(m.innerW())
		lines = append(lines, m.headerLine(cols, oneLine))
	}
	from, to := m.cur.Visible(m.n(), m.page())
	for i := from; i < to; i++ {
		id := m.res.IDs[i]
		a, ok := m.cache[id]
		cur := i == m.cur.Index
		if m.columns && ok {
			lines = append(lines, m.columnRow(cols, oneLine, &a, m.markText(m.selected.Has(id)), focused && cur, !focused && cur)...)
			continue
		}
		lines = append(lines, m.rowView(id, a, ok, m.selected.Has(id), focused && cur, !focused && cur, rh)...)
	}
	return strings.Join(lines, "\n")
}

// rowView renders one activity in rh lines: selection mark, date, place,
// pillar badges and the title.
func (m *Model) rowView(id uint32, a model.Activity, ok, sel, cursor, dim bool, rh int) []string {
	st, w := m.Styles, m.innerW()
	mark := m.markText(sel)
	if !ok {
		line := mark + st.Placeholder.Render(common.Fit("…  activity "+strconv.FormatUint(uint64(id), 10), w-2))
		out := []string{st.CursorLine(line, w, cursor, dim)}
		if rh == 2 {
			out = append(out, st.CursorLine("", w, cursor, dim))
		}
		return out
	}
	date := a.Start()
	if date == "" {
		date = a.Month + "   "
	}
	place := ""
	if len(a.Sessions) > 0 {
		place = model.Inert(a.Sessions[0].Where())
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
	if v := m.sortedValue(&a); v != "" {
		// The compact row shows what the list is sorted by, if not the date
		// or place it shows anyway.
		badge = st.Muted.Render(v) + " " + badge
		bw += common.Width(v) + 1
	}
	title := rowTitle(&a)

	head := mark + st.Date.Render(date) + " "
	hw := 2 + len(date) + 1
	if rh == 1 {
		pw := min(18, max(8, w/5))
		head += st.Place.Render(common.PadRight(common.Fit(place, pw), pw)) + " "
		hw += pw + 1
		tw := max(1, w-hw-bw-1)
		t := common.Fit(title, tw)
		line := head + t + common.Pad(hw+common.Width(t), w-bw) + badge
		return []string{st.CursorLine(line, w, cursor, dim)}
	}
	pw := max(1, w-hw-bw-1)
	p := common.Fit(place, pw)
	line1 := head + st.Place.Render(p) + common.Pad(hw+common.Width(p), w-bw) + badge
	line2 := "  " + common.Fit(title, w-2)
	return []string{st.CursorLine(line1, w, cursor, dim), st.CursorLine(line2, w, cursor, dim)}
}

// sortedValue is a's value of the key the list is sorted by, for a
// compact row, which shows no such column: "≥ 300", "3 partners",
// "training"; "" for the date and the place, which it shows.
func (m *Model) sortedValue(a *model.Activity) string {
	switch m.res.Query.Sort.Normal().Key {
	case model.SortParticipants:
		return peopleText(a.Participants)
	case model.SortPartners:
		return strconv.Itoa(len(a.Partners)) + " partner" + common.Plural(len(a.Partners), "", "s")
	case model.SortKind:
		return model.Inert(string(a.Kind))
	}
	return ""
}

// markText is the selection mark a row starts with.
func (m *Model) markText(sel bool) string {
	if sel {
		return m.Styles.Mark.Render("●") + " "
	}
	return "  "
}

// emptyView says which filters leave nothing and what dropping each
// would give back.
func (m *Model) emptyView() string {
	st, w := m.Styles, m.innerW()
	var b strings.Builder
	b.WriteString(st.Warn.Render(common.Fit("No activity matches all these filters:", w)) + "\n")
	for _, c := range m.res.Query.Describe(m.res.Name, false) {
		if c.Order {
			continue
		}
		b.WriteString(common.Hang(c.Text, w, 2, 4) + "\n")
	}
	b.WriteString("\n" + st.Bold.Render("To widen:") + "\n")
	for _, wd := range m.widen {
		n := strconv.Itoa(wd.count) + " activit" + common.Plural(wd.count, "y", "ies")
		how := "untick it in Facets"
		if wd.clause.Facet == "" {
			how = "esc clears it"
		}
		b.WriteString(common.Hang("without "+wd.clause.Text+": "+n+" ("+how+")", w, 2, 4) + "\n")
	}
	b.WriteString(common.Hang("c clears every filter ("+strconv.Itoa(m.res.Total)+" activities)", w, 2, 4))
	return b.String()
}

// rowTitle is a row's text: the activity's headline, after the mark of a
// person's correction when it has one, as every surface shows it.
func rowTitle(a *model.Activity) string {
	if len(a.Corrected) > 0 {
		return model.CorrectedMark + " " + a.Headline(400)
	}
	return a.Headline(400)
}
