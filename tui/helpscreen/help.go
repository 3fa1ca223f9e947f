// Package helpscreen is the help view: every key, in titled columns as
// each component lists them, then how to do the usual things.
package helpscreen

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/tui/common"
)

// KeyMap holds the help view's own keys; it scrolls with the shared
// ones.
type KeyMap struct {
	Close key.Binding
}

// DefaultKeyMap returns the help view's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{Close: key.NewBinding(key.WithKeys("esc", "?"), key.WithHelp("esc/?", "close help"))}
}

// Model is the help view.
type Model struct {
	common.Common
	keys   KeyMap
	groups []common.KeyGroup
	vp     viewport.Model
	shown  bool // on screen: drawn for each new size or palette
}

// New returns the view over groups, the columns of keys it lists.
func New(c common.Common, groups []common.KeyGroup) *Model {
	return &Model{Common: c, keys: DefaultKeyMap(), groups: groups, vp: common.NewViewport()}
}

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.vp.SetWidth(max(1, w-common.FrameW))
	m.vp.SetHeight(max(1, h-common.FrameH))
	m.refresh()
}

// Update implements common.Component. The view takes every key while
// it is on screen: q quits, esc or ? closes it, the rest scroll.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
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
		case key.Matches(msg, m.Keys.Global.Quit):
			return tea.Quit
		case key.Matches(msg, m.keys.Close):
			m.shown = false // the root closes the view at once (Closed)
		default:
			m.Keys.Nav.Scroll(&m.vp, msg)
		}
	case tea.MouseWheelMsg:
		common.ScrollWheel(&m.vp, msg)
	}
	return nil
}

func (m *Model) refresh() {
	if m.shown {
		m.vp.SetContent(render(m.Styles, m.groups, m.vp.Width()))
	}
}

// Closed implements common.Closer: the close key was pressed.
func (m *Model) Closed() bool { return !m.shown }

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.Keys.Nav.Down, m.Keys.Nav.Up, m.keys.Close, m.Keys.Global.Quit}
}

// KeyGroups implements common.Component: the help lists no keys of its
// own.
func (m *Model) KeyGroups() []common.KeyGroup { return nil }

// View implements common.Component.
func (m *Model) View(focused bool) string {
	return m.Styles.Box("Help", common.ScrollHint(m.vp), m.vp.View(), m.Width, m.Height, focused)
}

// renderHelp draws the help screen in w cells: the keys in columns, then
// how to do the usual things step by step.
func render(st *common.Styles, groups []common.KeyGroup, w int) string {
	blocks := make([]string, len(groups))
	for i, g := range groups {
		kw := 0
		for _, b := range g.Keys {
			kw = max(kw, lipgloss.Width(b.Help().Key))
		}
		var sb strings.Builder
		sb.WriteString(st.Heading.Render(g.Title))
		for _, b := range g.Keys {
			h := b.Help()
			sb.WriteString("\n" + st.Help.FullKey.Render(common.PadRight(h.Key, kw)) + "  " + st.Help.FullDesc.Render(h.Desc))
		}
		blocks[i] = sb.String()
	}
	// Flow the blocks into rows as wide as the screen allows.
	var rows []string
	var row []string
	used := 0
	const gap = 3
	for _, bl := range blocks {
		bw := lipgloss.Width(bl)
		if len(row) > 0 && used+gap+bw > w {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		if len(row) > 0 {
			row = append(row, strings.Repeat(" ", gap))
			used += gap
		}
		row = append(row, bl)
		used += bw
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}

	howto := [][2]string{
		{"Filter", "go to Facets, the left pane (h, shift+tab, or a click), move to a value (IV under Pillar) " +
			"and press enter; enter again removes it. Jump between facets with [ and ], or by number (1 the first). " +
			"Enter on a facet's title (Country) lists all its values: type to narrow, space to tick several, " +
			"enter to apply, esc to return. Regions nest (→ opens, ← closes) and months sit under their years: " +
			"a year ticks all its months."},
		{"Search", "press /, type words; enter keeps them, esc clears them. c clears every filter."},
		{"Read", "in Activities press enter on a row (or l); esc returns to the list. After a search, n and N go " +
			"to the words found."},
		{"Select", "space marks the activity under the cursor (●) and moves on; A clears the marks."},
		{"Export", "e, choose " + dialogFormats() + " with ←/→, tab to edit the path, enter writes. " +
			"With nothing selected, every activity shown is exported."},
	}
	para := lipgloss.NewStyle().Width(max(10, w-8))
	var b strings.Builder
	b.WriteString(st.Heading.Render("How to") + "\n")
	for _, l := range howto {
		body := strings.ReplaceAll(para.Render(l[1]), "\n", "\n"+strings.Repeat(" ", 8))
		b.WriteString(st.Bold.Render(common.PadRight(l[0], 8)) + body + "\n")
	}
	b.WriteString("\n" + strings.Join(rows, "\n\n"))
	return strings.TrimRight(b.String(), "\n")
}

// dialogFormats names the formats the export dialog offers, "csv, json
// or md", from the registry that the dialog reads them from, so that the
// help follows when a format is added.
func dialogFormats() string {
	var names []string
	for _, s := range export.Formats() {
		if s.Dialog {
			names = append(names, string(s.Format))
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
