package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is every key binding of the TUI, grouped by where it acts. The
// panes each read their own group; the help screen lists them all.
type KeyMap struct {
	Global GlobalKeyMap
	Facets FacetsKeyMap
	List   ListKeyMap
	Detail DetailKeyMap
	Search SearchKeyMap
	Stats  StatsKeyMap
	Export ExportKeyMap
}

// NavKeyMap moves a cursor or scrolls; every pane embeds it.
type NavKeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
}

// scroll moves a viewport by a navigation key and reports whether msg
// was one: the detail and the stats scroll alike.
func (k NavKeyMap) scroll(vp *viewport.Model, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}

// moves reports whether msg is a navigation key.
func (k NavKeyMap) moves(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, k.bindings()...)
}

// step is how far a navigation key moves a cursor over total rows
// shown page at a time: the facets and the list move alike.
func (k NavKeyMap) step(msg tea.KeyPressMsg, page, total int) int {
	switch {
	case key.Matches(msg, k.Up):
		return -1
	case key.Matches(msg, k.Down):
		return 1
	case key.Matches(msg, k.PageUp):
		return -page
	case key.Matches(msg, k.PageDown):
		return page
	case key.Matches(msg, k.Top):
		return -total
	case key.Matches(msg, k.Bottom):
		return total
	}
	return 0
}

// bindings lists the navigation keys for help.
func (k NavKeyMap) bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// GlobalKeyMap holds the keys that act wherever the focus is, unless a
// text input has it.
type GlobalKeyMap struct {
	NextPane     key.Binding
	PrevPane     key.Binding
	Search       key.Binding
	ClearFilters key.Binding
	SelectAll    key.Binding
	SelectNone   key.Binding
	Export       key.Binding
	Stats        key.Binding
	Help         key.Binding
	Refresh      key.Binding
	Back         key.Binding
	Quit         key.Binding
	ForceQuit    key.Binding
}

// ShortHelp implements help.KeyMap.
func (k GlobalKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.Search, k.Export, k.Stats, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k GlobalKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextPane, k.PrevPane, k.Back},
		{k.Search, k.ClearFilters, k.SelectAll, k.SelectNone},
		{k.Export, k.Stats, k.Refresh, k.Help, k.Quit},
	}
}

func newNavKeyMap(vim bool) NavKeyMap {
	up, down := []string{"up"}, []string{"down"}
	upHelp, downHelp := "↑", "↓"
	top, bottom := []string{"home"}, []string{"end"}
	topHelp, bottomHelp := "home", "end"
	if vim {
		up, down = append(up, "k"), append(down, "j")
		upHelp, downHelp = "↑/k", "↓/j"
		top, bottom = append([]string{"g"}, top...), append([]string{"G"}, bottom...)
		topHelp, bottomHelp = "g/home", "G/end"
	}
	return NavKeyMap{
		Up:       key.NewBinding(key.WithKeys(up...), key.WithHelp(upHelp, "up")),
		Down:     key.NewBinding(key.WithKeys(down...), key.WithHelp(downHelp, "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys(top...), key.WithHelp(topHelp, "first")),
		Bottom:   key.NewBinding(key.WithKeys(bottom...), key.WithHelp(bottomHelp, "last")),
	}
}

// DefaultKeyMap returns the TUI's key bindings: arrows and vi keys to
// move, tab between panes, enter to act, esc to go back.
func DefaultKeyMap() KeyMap {
	nav := newNavKeyMap(true)
	typing := newNavKeyMap(false) // while a text input has the keys, j and k are letters
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Global: GlobalKeyMap{
			NextPane:     b(k("tab"), h("tab", "panes")),
			PrevPane:     b(k("shift+tab"), h("shift+tab", "previous pane")),
			Search:       b(k("/"), h("/", "search")),
			ClearFilters: b(k("c"), h("c", "clear all filters")),
			SelectAll:    b(k("a"), h("a", "select all shown")),
			SelectNone:   b(k("A"), h("A", "clear selection")),
			Export:       b(k("e"), h("e", "export")),
			Stats:        b(k("s"), h("s", "stats")),
			Help:         b(k("?"), h("?", "help")),
			Refresh:      b(k("r"), h("r", "refresh")),
			Back:         b(k("esc"), h("esc", "back, close, clear")),
			Quit:         b(k("q", "ctrl+c"), h("q", "quit")),
			ForceQuit:    b(k("ctrl+c"), h("ctrl+c", "quit")),
		},
		Facets: FacetsKeyMap{
			NavKeyMap: nav,
			Typing:    typing,
			Toggle:    b(k("enter", "space"), h("enter/space", "toggle value")),
			Open:      b(k("enter"), h("enter on a title", "all values, type to narrow")),
			Back:      b(k("esc"), h("esc", "back to all facets")),
		},
		List: ListKeyMap{
			NavKeyMap: nav,
			Open:      b(k("enter"), h("enter", "read")),
			Select:    b(k("space"), h("space", "select")),
			Back:      b(k("esc"), h("esc", "clear search")),
		},
		Detail: DetailKeyMap{
			NavKeyMap: nav,
			Select:    b(k("space"), h("space", "select/unselect")),
			Back:      b(k("esc"), h("esc", "back to list")),
		},
		Search: SearchKeyMap{
			Keep:  b(k("enter"), h("enter", "keep search")),
			Clear: b(k("esc"), h("esc", "clear search")),
		},
		Stats: StatsKeyMap{
			NavKeyMap: nav,
			Close:     b(k("esc", "s"), h("esc/s", "close stats")),
		},
		Export: ExportKeyMap{
			Field:  b(k("tab", "shift+tab"), h("tab", "format/path")),
			Format: b(k("left", "right"), h("←/→", "format")),
			Write:  b(k("enter"), h("enter", "write file")),
			Cancel: b(k("esc"), h("esc", "cancel")),
			Yes:    b(k("y"), h("y", "overwrite")),
			No:     b(k("n", "esc"), h("n", "keep file")),
		},
	}
}
