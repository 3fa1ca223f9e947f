package tui

import (
	"context"
	"errors"
	"strconv"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
	"github.com/unoct/unoct/tui/detail"
	"github.com/unoct/unoct/tui/docs"
	"github.com/unoct/unoct/tui/editform"
	"github.com/unoct/unoct/tui/exportdialog"
	"github.com/unoct/unoct/tui/facets"
	"github.com/unoct/unoct/tui/helpscreen"
	"github.com/unoct/unoct/tui/list"
	"github.com/unoct/unoct/tui/search"
	"github.com/unoct/unoct/tui/stats"
	"github.com/unoct/unoct/tui/timeline"
	"github.com/unoct/unoct/tui/viewsdialog"
)

// minWidth and minHeight are the smallest usable window.
const (
	minWidth  = 60
	minHeight = 15
	// columnsWidth is where the list shows its columns (date, place,
	// kind, branch, pillars, partners, participants) and takes every
	// cell the facets leave: below besideWidth the detail, opened,
	// covers the panes as on a narrow screen, since no third pane would
	// leave the list room for its columns.
	columnsWidth = 120
	// besideWidth is where the detail gets a pane of its own, beside a
	// list that still shows every column.
	besideWidth = 160
)

// state is what the body of the screen shows.
type state int

const (
	stateBrowse state = iota // the panes
	stateView                // one of the views, over the whole body
	stateExport              // the panes under the export dialog
)

// pane is a pane that can have the focus.
type pane int

const (
	paneFacets pane = iota
	paneList
	paneDetail
)

// String is the pane's title.
func (p pane) String() string {
	switch p {
	case paneFacets:
		return "Facets"
	case paneList:
		return "Activities"
	case paneDetail:
		return "Detail"
	}
	return "pane(" + strconv.Itoa(int(p)) + ")"
}

// view is a screen that takes the whole body, opened by its key. A
// modal view takes every key while on screen; the others let the
// global keys act first.
type view struct {
	open  key.Binding
	c     common.Component
	modal bool
	// overlay draws the view over the panes, as a dialog, at the size
	// its View gives, rather than over the whole body.
	overlay bool
}

// Model is the root model of the TUI.
type Model struct {
	src     Source
	opts    Options
	c       common.Common // the window's size, the styles and the keys
	isDark  bool
	noColor bool

	small bool // below minWidth×minHeight
	wide  bool // three panes: the detail beside the list
	// detailHidden keeps the detail out of a window wide enough for it
	// to have a pane (the detail pane key), for the list to take that
	// width too; enter then opens the detail over the panes.
	detailHidden bool
	paneKey      key.Binding // shows and hides the detail pane
	columns      bool        // the list shows columns and most of the width
	rects        [3]rect
	pageRows     int // rows the list shows

	state      state
	view       int // in stateView, the index in views
	focus      pane
	detailOpen bool // narrow screens: the detail covers the panes
	searching  bool // the search line has the keys

	query    model.Query
	res      common.ResultMsg // the last answer
	loaded   bool             // an answer has arrived
	cur      common.CursorMsg // the activity under the list's cursor
	selected common.Selection

	seq      int  // the last query sent
	loading  bool // a query is in flight
	spinning bool // the spinner ticks
	showSpin bool // the query has taken long enough to show the spinner
	spinner  spinner.Model
	hints    help.Model

	facets *facets.Model
	list   *list.Model
	detail *detail.Model
	search *search.Model
	export *exportdialog.Model
	views  []view

	status     string
	statusKind statusKind
	statusID   int // numbers each message, for its timer
}

// New builds the TUI over a source of activities (a *store.Store).
// Nothing is read until Init's commands run, so New is instant whatever
// the store's size.
func New(src Source, opts Options) *Model {
	if opts.PollInterval == 0 {
		opts.PollInterval = 2 * time.Second
	}
	if opts.StatusTimeout == 0 {
		opts.StatusTimeout = 4 * time.Second
	}
	isDark := true
	if opts.Dark != nil {
		isDark = *opts.Dark
	}
	c := common.Common{Styles: common.NewStyles(isDark, false), Keys: common.DefaultKeyMap()}
	m := &Model{
		src: src, opts: opts, c: c, isDark: isDark,
		focus:    paneList,
		query:    model.Query{}.Clone(),
		selected: common.Selection{},
		spinner:  spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.App)),
		hints:    help.New(),
		paneKey:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "detail pane on/off (wide windows)")),
		facets:   facets.New(c),
		list:     list.New(c, src),
		detail:   detail.New(c, src),
		search:   search.New(c),
		export:   exportdialog.New(c, opts.ExportDir, opts.Now),
	}
	m.hints.Styles = c.Styles.Help
	m.facets.SetRegions(opts.Regions)
	// The correction form, on the activity the detail shows.
	fix, _ := src.(editform.Store) // nil: a source that keeps no corrections
	form := editform.New(c, fix, func() (uint32, bool) { return m.cur.ID, m.cur.OK })
	m.views = []view{
		{open: c.Keys.Global.Stats, c: stats.New(c, src)},
		{open: timeline.DefaultKeyMap().Open, c: timeline.New(c, src)},
		{open: docs.DefaultKeyMap().Open, c: docs.New(c, opts.Documents)},
		{open: viewsdialog.DefaultKeyMap().Open, c: viewsdialog.New(c, opts.Views), modal: true, overlay: true},
		{open: editform.DefaultKeyMap().Open, c: form, modal: true},
		// A new view registers here. Help comes last, added once the
		// others are in, so that it lists their keys.
	}
	m.views = append(m.views, view{open: c.Keys.Global.Help, c: helpscreen.New(c, m.keyGroups()), modal: true})
	m.list.Update(common.SelectionMsg{Selected: m.selected})
	if r := opts.Resume; r != nil {
		m.query = r.Query.Clone()
		m.list.Update(common.GotoMsg{ID: r.Cursor})
		if !m.query.Empty() {
			m.setStatus(statusInfo, "reopened on the filters you left (unoct --fresh starts on everything)")
		}
	}
	return m
}

// Run runs the TUI on the terminal until the user quits.
func Run(ctx context.Context, src Source, opts Options) error {
	final, err := tea.NewProgram(New(src, opts), tea.WithContext(ctx)).Run()
	if m, ok := final.(*Model); ok && opts.SaveState != nil && m.loaded {
		opts.SaveState(m.State())
	}
	if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// State is what is on screen, for the next start to reopen on.
func (m *Model) State() State {
	st := State{Query: m.query.Clone()}
	if m.cur.OK {
		st.Cursor = m.cur.ID
	}
	return st
}

// Init starts the first query and the generation poll, and asks the
// terminal for its background.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.runQuery(), m.pollCmd()}
	if m.opts.Dark == nil {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// components lists every component, in the order the help screen lists
// their keys.
func (m *Model) components() []common.Component {
	out := []common.Component{m.list, m.facets, m.search, m.detail, m.export}
	for _, v := range m.views {
		out = append(out, v.c)
	}
	return out
}

// keyGroups are the help screen's columns.
func (m *Model) keyGroups() []common.KeyGroup {
	out := []common.KeyGroup{m.c.Keys.MoveGroup()}
	for _, c := range m.components() {
		out = append(out, c.KeyGroups()...)
	}
	views := m.c.Keys.ViewsGroup()
	views.Keys = append(views.Keys, m.paneKey)
	return append(out, views)
}

// toggleDetailPane hides the detail's pane, for the list to take its
// width too, or shows it again; a window too narrow for the pane says
// so.
func (m *Model) toggleDetailPane() tea.Cmd {
	if m.c.Width < besideWidth {
		return m.setStatus(statusInfo, "the detail has a pane of its own from "+strconv.Itoa(besideWidth)+" columns; enter opens it over the list")
	}
	m.detailHidden = !m.detailHidden
	if m.detailHidden && m.focus == paneDetail {
		m.focus = paneList
		m.list.Update(common.FocusMsg{})
	}
	m.layout()
	msg := "detail pane shown, following the cursor"
	if m.detailHidden {
		msg = "detail pane hidden: the list takes the width; enter opens the detail, p shows the pane again"
	}
	return tea.Batch(m.setStatus(statusInfo, msg), m.follow())
}

// broadcast pushes msg down to every component.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, c := range m.components() {
		cmds = append(cmds, c.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (m *Model) panes() [3]common.Component { return [3]common.Component{m.facets, m.list, m.detail} }

// Update implements tea.Model: it routes each message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.SetSize(msg.Width, msg.Height)
		m.layout()
		return m, m.broadcast(msg)
	case tea.BackgroundColorMsg:
		if m.opts.Dark == nil && msg.IsDark() != m.isDark {
			m.isDark = msg.IsDark()
			return m, m.applyStyles()
		}
	case tea.ColorProfileMsg:
		if noColor := msg.Profile == colorprofile.NoTTY || msg.Profile == colorprofile.ASCII; noColor != m.noColor {
			m.noColor = noColor
			return m, m.applyStyles()
		}
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.PasteMsg:
		msg.Content = model.Inert(msg.Content) // a paste may come from a document
		return m, m.handlePaste(msg)
	case tea.MouseClickMsg:
		return m, m.handleClick(msg)
	case tea.MouseWheelMsg:
		return m, m.handleWheel(msg)
	case list.SortMsg:
		m.query.Sort = m.query.Sort.Next()
		return m, m.runQuery()
	case common.ToggleFacetMsg:
		m.query = m.query.With(msg.Facet, msg.Value)
		return m, m.runQuery()
	case common.ToggleFacetsMsg:
		for _, t := range msg.Toggles {
			m.query = m.query.With(t.Facet, t.Value)
		}
		return m, m.runQuery()
	case common.QueryMsg:
		m.closeView()
		m.query = msg.Query.Clone()
		return m, tea.Batch(m.setStatus(statusInfo, msg.Status), m.runQuery())
	case common.CursorMsg:
		m.cur = msg
		return m, m.follow()
	case common.OpenMsg:
		return m, m.openDetail(msg.ID)
	case common.SelectMsg:
		m.toggleSelected(msg.ID)
	case common.BackMsg:
		return m, m.back()
	case common.CloseMsg:
		return m, m.closeTop()
	default:
		return m, m.onData(msg) // the store's answers, timers, components' own messages
	}
	return m, nil
}

// handleKey routes a key: ctrl+c always quits; a dialog, a modal view
// or a text input with the focus gets every other key; then the global
// keys; then the view on screen or the pane with the focus.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	g := m.c.Keys.Global
	if m.status != "" {
		m.clearStatus() // a key is the next action: the message is old
	}
	switch {
	case key.Matches(msg, g.ForceQuit):
		return tea.Quit
	case m.small:
		if key.Matches(msg, g.Quit) {
			return tea.Quit
		}
		return nil
	case m.state == stateExport:
		return m.export.Update(msg)
	case m.state == stateView && m.views[m.view].modal:
		return m.routeKey(m.views[m.view].c, msg)
	case m.searching:
		return tea.Batch(m.routeKey(m.search, msg), m.searchChanged())
	case m.state == stateBrowse && m.focus == paneFacets && m.facets.Typing():
		if cmd, ok := m.cycleKey(msg, false); ok {
			return cmd
		}
		return m.facets.Update(msg)
	}
	if cmd, ok := m.globalKey(msg); ok {
		return cmd
	}
	if m.state == stateView {
		return m.routeKey(m.views[m.view].c, msg)
	}
	if key.Matches(msg, m.paneKey) {
		return m.toggleDetailPane()
	}
	if cmd, ok := m.cycleKey(msg, true); ok {
		return cmd
	}
	return m.panes()[m.focus].Update(msg)
}

// routeKey gives c a key and, when c closed itself on it (a
// common.Closer), closes it at once.
func (m *Model) routeKey(c common.Component, msg tea.Msg) tea.Cmd {
	cmd := c.Update(msg)
	if cl, ok := c.(common.Closer); ok && cl.Closed() {
		return tea.Batch(cmd, m.closeTop())
	}
	return cmd
}

func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	switch {
	case m.state == stateExport:
		return m.export.Update(msg)
	case m.searching:
		return tea.Batch(m.search.Update(msg), m.searchChanged())
	case m.focus == paneFacets:
		return m.facets.Update(msg)
	}
	return nil
}

// cycleKey moves the focus on tab and shift+tab and, unless a text
// input has the keys (sideways false), on h, l, ← and →.
func (m *Model) cycleKey(msg tea.KeyPressMsg, sideways bool) (tea.Cmd, bool) {
	switch g := m.c.Keys.Global; {
	case key.Matches(msg, g.NextPane):
		return m.cycleFocus(1), true
	case key.Matches(msg, g.PrevPane):
		return m.cycleFocus(-1), true
	case sideways && key.Matches(msg, g.PaneLeft):
		return m.sideways(-1), true
	case sideways && key.Matches(msg, g.PaneRight):
		return m.sideways(1), true
	}
	return nil, false
}

// layout computes every size from the window's.
func (m *Model) layout() {
	w, h := m.c.Width, m.c.Height
	m.small = w < minWidth || h < minHeight
	if m.small {
		return
	}
	m.wide = w >= besideWidth && !m.detailHidden
	m.columns = w >= columnsWidth
	if m.wide {
		m.detailOpen = false
	} else if m.focus == paneDetail && !m.detailOpen {
		m.focus = paneList
	}
	bodyH := h - 3 // header, status line, key hints
	fw, lw, dw := paneWidths(w, m.wide)
	if m.wide {
		m.rects[paneDetail] = rect{fw + lw, 1, dw, bodyH}
	} else {
		m.rects[paneDetail] = rect{0, 1, w, bodyH}
	}
	m.rects[paneFacets] = rect{0, 1, fw, bodyH}
	m.rects[paneList] = rect{fw, 1, lw, bodyH}
	m.pageRows = list.PageRows(lw, bodyH, m.columns)
	m.facets.SetSize(fw, bodyH)
	m.list.SetColumns(m.columns) // a wide window: columns under a header
	m.list.SetSize(lw, bodyH)
	m.detail.SetSize(dw, bodyH)
	m.search.SetSize(w, 1)
	m.export.SetSize(min(w-4, 72), bodyH)
	for _, v := range m.views {
		v.c.SetSize(w, bodyH)
	}
	m.hints.SetWidth(w)
}

// paneWidths shares a window w cells wide between the facets, the list
// and the detail (dw is the whole width when the detail covers the
// panes). The list is what a wide window is for, as in a table-first
// tool: the facets keep a fixed width, the detail beside takes under a
// third of the rest, and the list all that is left, so that its
// columns fill it.
func paneWidths(w int, beside bool) (fw, lw, dw int) {
	switch {
	case beside:
		fw = 30
		dw = common.Clamp((w-fw)*3/10, 44, 64)
		return fw, w - fw - dw, dw
	case w >= columnsWidth:
		fw = common.Clamp(w/5, 26, 30)
	default:
		fw = common.Clamp(w*3/10, 22, 30)
	}
	return fw, w - fw, w
}
