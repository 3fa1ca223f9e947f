// Package common holds what the TUI's components share: the contract
// every pane and view keeps (Component), the value they all carry
// (Common: size, styles, keys), the messages that pass between them and
// the root, one cursor for every list of rows, and the drawing helpers.
package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// Common is what every component carries: its own size, and the styles
// and keys all share. Each component keeps its own copy, so none can
// change another's size. The styles are shared, never changed once
// built: the root builds new ones for a new palette and hands them down
// in a StylesMsg.
type Common struct {
	Width, Height int // the component's outer size, borders included
	Styles        *Styles
	Keys          KeyMap
}

// SetSize records the component's outer size.
func (c *Common) SetSize(width, height int) { c.Width, c.Height = max(width, 0), max(height, 0) }

// Component is the contract of every pane (facets, list, detail), view
// (stats, help) and overlay (search, export). The root sizes it, routes
// messages to it and draws it; it never reads a component's state.
//
// Components are pointers, updated in place, so the root keeps their
// concrete types and never asserts one back from an interface.
type Component interface {
	// SetSize gives the component its outer size, borders included.
	SetSize(width, height int)
	// Update takes a message: a key or mouse event while the component
	// has the focus (mouse positions relative to its top-left corner),
	// else data the root pushes down (ResultMsg, StylesMsg, ...) or the
	// component's own command results. What it asks of the root comes
	// back as messages from the command it returns.
	Update(msg tea.Msg) tea.Cmd
	// View draws the component in its size, as it looks with or without
	// the focus.
	View(focused bool) string
	// ShortHelp is the hint line while the component has the focus.
	ShortHelp() []key.Binding
	// KeyGroups are the component's keys on the help screen, if any.
	KeyGroups() []KeyGroup
}

// Closer is a component that closes itself on a key (esc in a view,
// enter or esc in the search line). The root asks right after routing a
// key to it and closes it at once, so that the next key typed goes where
// the closing leaves the focus; a CloseMsg, which comes back through the
// event loop, would arrive after keys already typed.
type Closer interface {
	Closed() bool
}

// KeyGroup is one titled column of the help screen.
type KeyGroup struct {
	Title string
	Keys  []key.Binding
}

// ---- messages the root pushes down ----

// ResultMsg is the answer to the current query, read in one transaction:
// every component takes what it shows of it.
type ResultMsg struct {
	Query model.Query
	store.Screen
}

// Name is how the result names a value of f: see ValueName.
func (r ResultMsg) Name(f model.Facet, v string) string { return ValueName(r.Counts, f, v) }

// StylesMsg carries the styles for a newly known background or colour
// support.
type StylesMsg struct{ Styles *Styles }

// FocusMsg tells a component it has the focus: a pane the keys, a view
// that it is on screen.
type FocusMsg struct{}

// BlurMsg tells a component it lost the focus.
type BlurMsg struct{}

// RefreshMsg asks components to forget what they read from the store.
type RefreshMsg struct{}

// SelectionMsg carries the selected activities. The set is the root's:
// components read it and never change it.
type SelectionMsg struct{ Selected Selection }

// ---- messages components send up ----

// ToggleFacetMsg asks the root to add or remove a value of a facet.
type ToggleFacetMsg struct {
	Facet model.Facet
	Value string
}

// ToggleFacetsMsg asks the root to add or remove several values at
// once, in one query: the values ticked in a facet's list, or a year's
// months.
type ToggleFacetsMsg struct{ Toggles []ToggleFacetMsg }

// OpenMsg asks the root to show an activity in the detail.
type OpenMsg struct{ ID uint32 }

// SelectMsg asks the root to select or unselect an activity.
type SelectMsg struct{ ID uint32 }

// CursorMsg says which activity is under the list's cursor (OK false:
// none), with its row when the list has it; the root passes it on to the
// detail while the detail is on screen.
type CursorMsg struct {
	ID  uint32
	OK  bool
	Row *model.Activity // nil when the row is not read yet
}

// BackMsg says that esc meant nothing more in the pane with the focus,
// so the root takes it: back to the list, or clear the search.
type BackMsg struct{}

// CloseMsg asks the root to close the view, dialog or line on top.
type CloseMsg struct{}

// Cmd wraps a message in a command.
func Cmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// Selection is a set of activity ids.
type Selection map[uint32]struct{}

// Has reports whether id is in the set.
func (s Selection) Has(id uint32) bool {
	_, ok := s[id]
	return ok
}

// ValueName is how a query names a value of f: as it is typed. A value
// whose facet labels it by its name (a country's code) reads as that
// name, "Mali"; the others as themselves, "IV" or "UNODC", rather than
// their long labels.
func ValueName(counts map[model.Facet][]model.FacetValue, f model.Facet, v string) string {
	for _, fv := range counts[f] {
		if fv.Value != v {
			continue
		}
		if d, ok := model.Def(f); ok && fv.Name != "" && d.Label(fv) == model.Inert(fv.Name) {
			return d.Label(fv)
		}
		break
	}
	return model.Inert(v)
}
