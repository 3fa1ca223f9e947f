package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
)

// SearchKeyMap holds the search line's keys; every other key types.
type SearchKeyMap struct {
	Keep  key.Binding // keep the search and return to the list
	Clear key.Binding // clear the search and return to the list
}

// ShortHelp implements help.KeyMap.
func (k SearchKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Keep, k.Clear} }

// FullHelp implements help.KeyMap.
func (k SearchKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Keep, k.Clear}} }

// searchModel is the "/" line: the list narrows as it is typed.
type searchModel struct {
	keys   SearchKeyMap
	input  textinput.Model
	active bool
}

func newSearchModel(keys SearchKeyMap, st Styles) searchModel {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "words in the text, partners, people, places"
	in.SetStyles(st.Input)
	return searchModel{keys: keys, input: in}
}

func (m *searchModel) setStyles(st Styles) { m.input.SetStyles(st.Input) }

func (m *searchModel) setWidth(w int) { m.input.SetWidth(max(1, w-3)) }

// activate opens the line on the current search.
func (m *searchModel) activate(current string) tea.Cmd {
	m.active = true
	m.input.SetValue(current)
	m.input.CursorEnd()
	return m.input.Focus()
}

func (m *searchModel) deactivate() {
	m.active = false
	m.input.Blur()
}

// searchAction is what a key did to the search line.
type searchAction int

const (
	searchNone    searchAction = iota
	searchChanged              // the text changed: run the query
	searchKeep                 // enter: keep it, back to the list
	searchClear                // esc: clear it, back to the list
)

// update handles a key (or a paste) while the line is open.
func (m searchModel) update(msg tea.Msg) (searchModel, tea.Cmd, searchAction) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.keys.Keep):
			m.deactivate()
			return m, nil, searchKeep
		case key.Matches(k, m.keys.Clear):
			m.input.Reset()
			m.deactivate()
			return m, nil, searchClear
		}
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		return m, cmd, searchChanged
	}
	return m, cmd, searchNone
}

// value is the text typed, made inert.
func (m searchModel) value() string { return model.Inert(m.input.Value()) }

// view renders the line.
func (m searchModel) view(w int) string { return fit(m.input.View(), w) }
