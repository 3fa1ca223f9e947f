// Package search is the "/" line: the list narrows as it is typed.
package search

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// KeyMap holds the search line's keys; every other key types.
type KeyMap struct {
	Keep  key.Binding // keep the search and return to the list
	Clear key.Binding // clear the search and return to the list
}

// DefaultKeyMap returns the search line's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Keep:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep search")),
		Clear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
	}
}

// Model is the search line.
type Model struct {
	common.Common
	keys   KeyMap
	input  textinput.Model
	active bool
}

// New returns the line, closed.
func New(c common.Common) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "words in the text, partners, people, places"
	in.SetStyles(c.Styles.Input)
	return &Model{Common: c, keys: DefaultKeyMap(), input: in}
}

// SetSize implements common.Component: the line is w cells wide.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.input.SetWidth(max(1, w-3))
}

// Open opens the line on the current search.
func (m *Model) Open(current string) tea.Cmd {
	m.active = true
	m.input.SetValue(current)
	m.input.CursorEnd()
	return m.input.Focus()
}

// Value is the text typed, made inert: the root runs the query on it
// after each key, so that the list narrows in the order keys came.
func (m *Model) Value() string { return model.Inert(m.input.Value()) }

// Closed implements common.Closer: the line no longer takes the keys.
func (m *Model) Closed() bool { return !m.active }

// Update implements common.Component. Enter keeps the text, esc clears
// it; both close the line, which the root learns from Closed at once.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.StylesMsg:
		m.Styles = msg.Styles
		m.input.SetStyles(msg.Styles.Input)
		return nil
	case tea.KeyPressMsg:
		switch {
		case !m.active:
			return nil
		case key.Matches(msg, m.keys.Keep):
			m.close()
			return nil
		case key.Matches(msg, m.keys.Clear):
			m.input.Reset()
			m.close()
			return nil
		}
	}
	if !m.active {
		return nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func (m *Model) close() {
	m.active = false
	m.input.Blur()
}

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding { return []key.Binding{m.keys.Keep, m.keys.Clear} }

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	g := m.Keys.Global
	return []common.KeyGroup{{Title: "Search and filters", Keys: []key.Binding{g.Search, m.keys.Keep, m.keys.Clear, g.ClearFilters}}}
}

// View implements common.Component: the line, in place of the status
// line.
func (m *Model) View(bool) string { return common.Fit(m.input.View(), m.Width) }
