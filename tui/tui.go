// Package tui is unoct's explorer: a terminal UI that filters the
// activities by facet and search, shows them in full, charts them, and
// exports a selection with the CLI's encoders.
//
// The root Model owns the store, the query, the selection and the
// layout; it routes keys and mouse events to the pane with the focus
// (facets.go, list.go, detail.go) or to the view on top (search.go,
// stats.go, export.go, help.go). Every store read runs in a tea.Cmd and
// comes back as a message (messages.go); styles are built once in
// styles.go and keys in keys.go.
package tui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// Options tune the TUI. The zero value is ready to use.
type Options struct {
	// ExportDir is where the export dialog's default path points; empty
	// means the working directory ("./unoct-export-….csv").
	ExportDir string
	// Now is the clock of the default export name; nil means time.Now.
	Now func() time.Time
	// RegionOf gives the M49 region of a country code, for the detail's
	// sessions table. It is called from commands, never while drawing,
	// and must be safe for concurrent use; nil leaves the column empty.
	RegionOf func(country string) string
	// PollInterval is how often the store's generation is checked so
	// that new imports appear by themselves; zero means 2 s, negative
	// never.
	PollInterval time.Duration
	// Dark forces a dark (true) or light (false) palette instead of
	// asking the terminal; nil asks, and assumes dark until it answers.
	Dark *bool
}

// minWidth and minHeight are the smallest usable window.
const (
	minWidth  = 60
	minHeight = 15
	// wideWidth is where the detail gets a pane of its own.
	wideWidth = 120
)

// state is what the body of the screen shows.
type state int

const (
	stateBrowse state = iota // the panes
	stateStats               // the charts
	stateHelp                // every key
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

// statusKind colours the status line.
type statusKind int

const (
	statusInfo statusKind = iota
	statusOK
	statusError
)

// Model is the root model of the TUI.
type Model struct {
	store *store.Store
	opts  Options
	keys  KeyMap

	styles  Styles
	isDark  bool
	noColor bool

	width, height int
	small         bool // below minWidth×minHeight
	wide          bool // three panes
	rects         [3]rect

	state      state
	focus      pane
	detailOpen bool // narrow screens: the detail covers the panes

	query    model.Query
	seq      int  // the last query sent
	loading  bool // a query is in flight
	spinning bool // the spinner ticks
	showSpin bool // the query has taken long enough to show the spinner
	spinner  spinner.Model
	gen      uint64
	counts   map[model.Facet][]model.FacetValue
	selected map[uint32]struct{}

	facets facetsModel
	list   listModel
	detail detailModel
	search searchModel
	stats  statsModel
	export exportModel
	help   help.Model
	helpVP viewport.Model

	detailSeq int               // the last detail request sent
	regions   map[string]string // M49 region by country code, as looked up

	status     string
	statusKind statusKind
}

// New builds the TUI over a store. Nothing is read until Init's commands
// run, so New is instant whatever the store's size.
func New(s *store.Store, opts Options) *Model {
	if opts.PollInterval == 0 {
		opts.PollInterval = 2 * time.Second
	}
	keys := DefaultKeyMap()
	isDark := true
	if opts.Dark != nil {
		isDark = *opts.Dark
	}
	st := NewStyles(isDark, false)
	m := &Model{
		store:    s,
		opts:     opts,
		keys:     keys,
		styles:   st,
		isDark:   isDark,
		focus:    paneList,
		query:    model.Query{}.Clone(),
		selected: map[uint32]struct{}{},
		regions:  map[string]string{},
		spinner:  spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		facets:   newFacetsModel(keys.Facets, st),
		list:     newListModel(keys.List),
		detail:   newDetailModel(keys.Detail),
		search:   newSearchModel(keys.Search, st),
		stats:    newStatsModel(keys.Stats),
		export:   newExportModel(keys.Export, st, opts.ExportDir, opts.Now),
		help:     help.New(),
	}
	m.helpVP = viewport.New()
	m.helpVP.KeyMap = viewport.KeyMap{}
	m.helpVP.MouseWheelEnabled = false
	m.applyStyles()
	return m
}

// Run runs the TUI on the terminal until the user quits.
func Run(ctx context.Context, s *store.Store, opts Options) error {
	_, err := tea.NewProgram(New(s, opts), tea.WithContext(ctx)).Run()
	if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// Init starts the first query, the generation poll and the warm-up of
// the reference tables, and asks the terminal for its background.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.runQuery(), m.pollCmd(), m.warmCmd()}
	if m.opts.Dark == nil {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// applyStyles hands the current styles to the components that keep them.
func (m *Model) applyStyles() {
	m.styles = NewStyles(m.isDark, m.noColor)
	m.facets.setStyles(m.styles)
	m.search.setStyles(m.styles)
	m.export.setStyles(m.styles)
	m.help.Styles = m.styles.Help
	m.spinner.Style = m.styles.App
	m.detail.render(m.styles)
	m.refreshViews()
}

// ---- update ----

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		cmds = append(cmds, m.ensureRows(), m.followCursor())

	case tea.BackgroundColorMsg:
		if m.opts.Dark == nil && msg.IsDark() != m.isDark {
			m.isDark = msg.IsDark()
			m.applyStyles()
		}

	case tea.ColorProfileMsg:
		noColor := msg.Profile == colorprofile.NoTTY || msg.Profile == colorprofile.ASCII
		if noColor != m.noColor {
			m.noColor = noColor
			m.applyStyles()
		}

	case resultMsg:
		cmds = append(cmds, m.onResult(msg))

	case rowsMsg:
		m.list.addRows(msg)
		if msg.err != nil {
			m.setStatus(statusError, "reading activities: "+msg.err.Error())
		}

	case detailMsg:
		for c, r := range msg.regions {
			m.regions[c] = r
		}
		if msg.seq == m.detailSeq {
			m.detail.set(msg, m.styles)
		}

	case pollMsg:
		st := m.store
		cmds = append(cmds, func() tea.Msg {
			g, err := st.Generation()
			return generationMsg{g, err}
		})

	case generationMsg:
		cmds = append(cmds, m.pollCmd())
		if msg.err == nil && msg.gen != m.gen && !m.loading {
			m.list.dropCache()
			m.detail.has = false
			m.setStatus(statusInfo, "the store has changed: showing its new contents")
			cmds = append(cmds, m.runQuery())
		}

	case spinner.TickMsg:
		if !m.loading {
			m.spinning, m.showSpin = false, false
			break
		}
		m.showSpin = true
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		cmds = append(cmds, cmd)

	case exportedMsg:
		m.export.busy = false
		switch {
		case msg.exists:
			m.export.confirm = true
		case msg.err != nil:
			m.export.err = msg.err.Error()
		default:
			m.state = stateBrowse
			prefix := "Wrote " + strconv.Itoa(msg.n) + " activit" + plural(msg.n, "y", "ies") + " to "
			m.setStatus(statusOK, prefix+fitLeft(model.Inert(msg.path), m.width-lipglossWidth(prefix)))
		}

	case toggleFacetMsg:
		m.query = m.query.With(msg.facet, msg.value)
		cmds = append(cmds, m.runQuery())

	case listOpenMsg:
		m.openDetail()
		cmds = append(cmds, m.loadDetail(msg.id))

	case listSelectMsg:
		m.toggleSelected(msg.id)
		cmds = append(cmds, m.followCursor(), m.ensureRows())

	case detailSelectMsg:
		m.toggleSelected(msg.id)

	case detailBackMsg:
		m.closeDetail()

	case statsCloseMsg:
		m.state = stateBrowse

	case tea.KeyPressMsg:
		cmds = append(cmds, m.handleKey(msg))

	case tea.PasteMsg:
		msg.Content = model.Inert(msg.Content) // a paste may come from a document
		switch {
		case m.state == stateExport:
			var cmd tea.Cmd
			m.export, cmd, _ = m.export.update(msg)
			cmds = append(cmds, cmd)
		case m.search.active:
			cmds = append(cmds, m.updateSearch(msg))
		case m.focus == paneFacets && m.facets.typing():
			var cmd tea.Cmd
			m.facets, cmd = m.facets.updateInput(msg)
			cmds = append(cmds, cmd)
		}

	case tea.MouseClickMsg:
		cmds = append(cmds, m.handleClick(msg.Mouse()))

	case tea.MouseWheelMsg:
		m.handleWheel(msg.Mouse())
		cmds = append(cmds, m.followCursor(), m.ensureRows())

	default:
		// Cursor blinks and other component messages.
		if m.search.active {
			var cmd tea.Cmd
			m.search.input, cmd = m.search.input.Update(msg)
			cmds = append(cmds, cmd)
		}
	}
	return m, tea.Batch(cmds...)
}

// onResult takes the answer to the last query.
func (m *Model) onResult(msg resultMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil // a newer query is on its way
	}
	m.loading, m.showSpin = false, false
	if msg.err != nil {
		m.setStatus(statusError, msg.err.Error()+" (r retries)")
		return nil
	}
	if m.list.loaded && msg.gen != m.gen {
		m.list.dropCache()
	}
	m.gen = msg.gen
	m.counts = msg.counts
	m.list.setResult(msg)
	m.facets.setData(msg.counts, msg.query)
	m.refreshViews()
	return tea.Batch(m.ensureRows(), m.followCursor())
}

// refreshViews redraws the views built from the counts.
func (m *Model) refreshViews() {
	if m.state == stateStats {
		m.stats.refresh(m.styles, m.counts, m.query, len(m.list.ids))
	}
	if m.state == stateHelp {
		m.helpVP.SetContent(renderHelp(m.styles, m.keys, m.helpVP.Width()))
	}
}

// handleKey routes a key: ctrl+c always quits; a text input with the
// focus gets every other key; then the global keys; then the pane with
// the focus.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	g := m.keys.Global
	if key.Matches(msg, g.ForceQuit) {
		return tea.Quit
	}
	if m.small {
		if key.Matches(msg, g.Quit) {
			return tea.Quit
		}
		return nil
	}
	switch m.state {
	case stateExport:
		return m.updateExport(msg)
	case stateHelp:
		return m.updateHelp(msg)
	}
	if m.search.active {
		return m.updateSearch(msg)
	}
	if m.state == stateBrowse && m.focus == paneFacets && m.facets.typing() {
		if key.Matches(msg, g.NextPane) {
			return m.cycleFocus(1)
		}
		if key.Matches(msg, g.PrevPane) {
			return m.cycleFocus(-1)
		}
		var cmd tea.Cmd
		m.facets, cmd, _ = m.facets.update(msg)
		return cmd
	}

	switch {
	case key.Matches(msg, g.Quit):
		return tea.Quit
	case key.Matches(msg, g.Help):
		m.state = stateHelp
		m.helpVP.GotoTop()
		m.refreshViews()
		return nil
	case key.Matches(msg, g.Stats) && m.state != stateStats:
		m.state = stateStats
		m.stats.vp.GotoTop()
		m.refreshViews()
		return nil
	case key.Matches(msg, g.Export):
		m.state = stateExport
		m.status = ""
		n, sel := len(m.list.ids), false
		if len(m.selected) > 0 {
			n, sel = len(m.selected), true
		}
		return m.export.open(n, sel, m.dialogWidth()-16)
	case key.Matches(msg, g.Search):
		m.state = stateBrowse
		return m.search.activate(m.query.Search)
	case key.Matches(msg, g.ClearFilters):
		if m.query.Empty() {
			m.setStatus(statusInfo, "no filter to clear")
			return nil
		}
		m.query = model.Query{}.Clone()
		m.setStatus(statusInfo, "every filter cleared")
		return m.runQuery()
	case key.Matches(msg, g.SelectAll):
		for _, id := range m.list.ids {
			m.selected[id] = struct{}{}
		}
		m.setStatus(statusInfo, "selected all "+strconv.Itoa(len(m.list.ids))+" shown")
		return nil
	case key.Matches(msg, g.SelectNone):
		n := len(m.selected)
		clear(m.selected)
		m.setStatus(statusInfo, "selection cleared ("+strconv.Itoa(n)+")")
		return nil
	case key.Matches(msg, g.Refresh):
		m.list.dropCache()
		m.detail.has = false
		m.setStatus(statusInfo, "refreshed")
		return m.runQuery()
	}

	if m.state == stateStats {
		var cmd tea.Cmd
		m.stats, cmd, _ = m.stats.update(msg)
		return cmd
	}

	if key.Matches(msg, g.NextPane) {
		return m.cycleFocus(1)
	}
	if key.Matches(msg, g.PrevPane) {
		return m.cycleFocus(-1)
	}

	switch m.focus {
	case paneFacets:
		f, cmd, ok := m.facets.update(msg)
		m.facets = f
		if !ok && key.Matches(msg, g.Back) {
			return m.setFocus(paneList)
		}
		return cmd
	case paneList:
		before, _ := m.list.current()
		l, cmd, ok := m.list.update(msg)
		m.list = l
		if !ok && key.Matches(msg, m.keys.List.Back) && strings.TrimSpace(m.query.Search) != "" {
			m.query.Search = ""
			m.setStatus(statusInfo, "search cleared")
			return m.runQuery()
		}
		after, _ := m.list.current()
		var follow tea.Cmd
		if after != before {
			follow = m.followCursor()
		}
		return tea.Batch(cmd, follow, m.ensureRows())
	case paneDetail:
		d, cmd, _ := m.detail.update(msg)
		m.detail = d
		return cmd
	}
	return nil
}

// updateSearch passes a key or paste to the search line and runs the
// query as the text changes.
func (m *Model) updateSearch(msg tea.Msg) tea.Cmd {
	s, cmd, act := m.search.update(msg)
	m.search = s
	switch act {
	case searchChanged:
		m.query.Search = m.search.value()
		return tea.Batch(cmd, m.runQuery())
	case searchKeep:
		return m.setFocus(paneList)
	case searchClear:
		focus := m.setFocus(paneList)
		if m.query.Search != "" {
			m.query.Search = ""
			return tea.Batch(focus, m.runQuery())
		}
		return focus
	}
	return cmd
}

func (m *Model) updateExport(msg tea.KeyPressMsg) tea.Cmd {
	e, cmd, act := m.export.update(msg)
	m.export = e
	switch act {
	case exportCancel:
		m.state = stateBrowse
	case exportWrite:
		return m.exportCmd(false)
	case exportForce:
		return m.exportCmd(true)
	}
	return cmd
}

func (m *Model) updateHelp(msg tea.KeyPressMsg) tea.Cmd {
	g, nav := m.keys.Global, m.keys.Stats.NavKeyMap
	switch {
	case key.Matches(msg, g.Quit):
		return tea.Quit
	case key.Matches(msg, g.Help, g.Back):
		m.state = stateBrowse
	case key.Matches(msg, nav.Up):
		m.helpVP.ScrollUp(1)
	case key.Matches(msg, nav.Down):
		m.helpVP.ScrollDown(1)
	case key.Matches(msg, nav.PageUp):
		m.helpVP.PageUp()
	case key.Matches(msg, nav.PageDown):
		m.helpVP.PageDown()
	case key.Matches(msg, nav.Top):
		m.helpVP.GotoTop()
	case key.Matches(msg, nav.Bottom):
		m.helpVP.GotoBottom()
	}
	return nil
}

// focusOrder lists the panes tab cycles through.
func (m *Model) focusOrder() []pane {
	if m.wide || m.detailOpen {
		return []pane{paneFacets, paneList, paneDetail}
	}
	return []pane{paneFacets, paneList}
}

func (m *Model) cycleFocus(d int) tea.Cmd {
	order := m.focusOrder()
	i := slices.Index(order, m.focus)
	next := order[(i+d+len(order))%len(order)]
	if !m.wide && m.focus == paneDetail {
		m.detailOpen = false
	}
	return m.setFocus(next)
}

// setFocus moves the focus, taking it from and giving it to text inputs.
func (m *Model) setFocus(p pane) tea.Cmd {
	m.state = stateBrowse
	if p != paneDetail && !m.wide {
		m.detailOpen = false
	}
	m.focus = p
	if p == paneFacets {
		return m.facets.focus()
	}
	m.facets.blur()
	if p == paneDetail {
		return m.followCursor()
	}
	return nil
}

// openDetail shows the detail of the activity under the cursor: in its
// pane when there is room, else over the others.
func (m *Model) openDetail() {
	if !m.wide {
		m.detailOpen = true
	}
	m.focus = paneDetail
	m.facets.blur()
}

func (m *Model) closeDetail() {
	m.detailOpen = false
	m.focus = paneList
}

func (m *Model) toggleSelected(id uint32) {
	if _, ok := m.selected[id]; ok {
		delete(m.selected, id)
	} else {
		m.selected[id] = struct{}{}
	}
}

func (m *Model) setStatus(k statusKind, s string) {
	m.status, m.statusKind = s, k
}
