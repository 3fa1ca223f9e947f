package common

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// KeyMap holds the keys every component shares: the global keys and the
// navigation keys. Each component declares its own keys beside its code
// and lists them for the help screen (Component.KeyGroups).
type KeyMap struct {
	Global GlobalKeyMap
	Nav    NavKeyMap
}

// DefaultKeyMap returns the shared keys: arrows and vi keys to move, tab
// between panes, esc to go back.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Nav: NewNavKeyMap(true),
		Global: GlobalKeyMap{
			NextPane:     b(k("tab"), h("tab", "panes")),
			PrevPane:     b(k("shift+tab"), h("shift+tab", "previous pane")),
			PaneLeft:     b(k("h", "left"), h("h/←", "pane to the left")),
			PaneRight:    b(k("l", "right"), h("l/→", "pane to the right")),
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
	}
}

// GlobalKeyMap holds the keys that act wherever the focus is, unless a
// text input has it.
type GlobalKeyMap struct {
	NextPane     key.Binding
	PrevPane     key.Binding
	PaneLeft     key.Binding // the pane to the left, without wrapping round
	PaneRight    key.Binding // the pane to the right
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

// Hints are the global keys the hint line ends with while a browsing
// pane has the focus.
func (k GlobalKeyMap) Hints() []key.Binding {
	return []key.Binding{k.Search, k.Export, k.Help, k.Quit, k.NextPane, k.Stats}
}

// NavKeyMap moves a cursor or scrolls a view; every component that
// moves or scrolls uses the shared one, so they all move alike.
type NavKeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	HalfUp   key.Binding // half a page, as in less and vi
	HalfDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
}

// NewNavKeyMap returns the navigation keys: arrows, page keys, home and
// end, and with vim j, k, g and G too. Without vim they leave letters
// alone, for moving while a text input has the keys.
func NewNavKeyMap(vim bool) NavKeyMap {
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
		HalfUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		Top:      key.NewBinding(key.WithKeys(top...), key.WithHelp(topHelp, "first")),
		Bottom:   key.NewBinding(key.WithKeys(bottom...), key.WithHelp(bottomHelp, "last")),
	}
}

// Scroll moves a viewport by a navigation key and reports whether msg
// was one: the detail, the stats and the help scroll alike.
func (k NavKeyMap) Scroll(vp *viewport.Model, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.HalfUp):
		vp.HalfPageUp()
	case key.Matches(msg, k.HalfDown):
		vp.HalfPageDown()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}

// Step is how far a navigation key moves a cursor over total rows shown
// page at a time, and false when msg is not a navigation key.
func (k NavKeyMap) Step(msg tea.KeyPressMsg, page, total int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	case key.Matches(msg, k.PageDown):
		return page, true
	case key.Matches(msg, k.HalfUp):
		return -max(1, page/2), true
	case key.Matches(msg, k.HalfDown):
		return max(1, page/2), true
	case key.Matches(msg, k.Top):
		return -total, true
	case key.Matches(msg, k.Bottom):
		return total, true
	}
	return 0, false
}

// Bindings lists the navigation keys for help.
func (k NavKeyMap) Bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom}
}

// WithDesc is b with another description, for the help screen, where a
// key has room to say more than on the hint line.
func WithDesc(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// ScrollWheel scrolls a viewport by the mouse wheel and reports whether
// msg was a wheel turn.
func ScrollWheel(vp *viewport.Model, msg tea.MouseWheelMsg) bool {
	switch msg.Button {
	case tea.MouseWheelUp:
		vp.ScrollUp(WheelStep)
	case tea.MouseWheelDown:
		vp.ScrollDown(WheelStep)
	default:
		return false
	}
	return true
}

// WheelStep is how many rows a turn of the mouse wheel moves.
const WheelStep = 3

// WheelDelta is the rows a wheel message moves: -WheelStep, WheelStep,
// or 0 for another button.
func WheelDelta(msg tea.MouseWheelMsg) int {
	switch msg.Button {
	case tea.MouseWheelUp:
		return -WheelStep
	case tea.MouseWheelDown:
		return WheelStep
	}
	return 0
}

// MoveGroup is the help screen's column of keys that move in every
// pane.
func (k KeyMap) MoveGroup() KeyGroup {
	g := k.Global
	return KeyGroup{Title: "Move (every pane)", Keys: append(k.Nav.Bindings(), WithDesc(g.NextPane, "next pane"), g.PrevPane, g.PaneLeft, g.PaneRight)}
}

// ViewsGroup is the help screen's column of keys that open, close and
// leave.
func (k KeyMap) ViewsGroup() KeyGroup {
	g := k.Global
	return KeyGroup{Title: "Views", Keys: []key.Binding{g.Export, g.Stats, g.Refresh, g.Help, g.Back, g.Quit}}
}
