// Package viewsdialog is the saved views dialog (v): it saves the
// current filters and search under a name, and opens, or deletes, a
// view saved before, from the explorer or from the command line (`unoct
// views save`). The views are kept by the program (in a file people edit
// and share), reached through the Store interface declared here.
package viewsdialog

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// Store keeps the saved views.
type Store interface {
	// List reads the views, in their order.
	List() ([]model.View, error)
	// Save stores a view, in place of one of the same name.
	Save(v model.View) error
	// Delete removes the view of that name.
	Delete(name string) error
	// Query is the query a view names, its values resolved against the
	// store as the command line's are (a view written by hand may say
	// "Mali" for ML); an error says what the view holds that the store
	// does not know.
	Query(v model.View) (model.Query, error)
	// Path is where the views are kept, for messages.
	Path() string
}

// KeyMap holds the dialog's keys.
type KeyMap struct {
	Open   key.Binding // the key that opens the dialog, for the root
	Enter  key.Binding // open the view under the cursor, or save
	Save   key.Binding // name the current filters
	Delete key.Binding
	Close  key.Binding
	Cancel key.Binding // stop naming
}

// DefaultKeyMap returns the dialog's keys.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Open:   b(k("v"), h("v", "saved views")),
		Enter:  b(k("enter"), h("enter", "open view / save")),
		Save:   b(k("s", "n"), h("s", "save current as…")),
		Delete: b(k("d", "delete"), h("d", "delete view")),
		Close:  b(k("esc", "v"), h("esc", "close")),
		Cancel: b(k("esc"), h("esc", "cancel")),
	}
}

// Messages of the dialog's own commands.
type (
	loadedMsg struct {
		views []model.View
		err   error
	}
	doneMsg struct {
		what string // what was done, for the dialog's note
		err  error
	}
	resolvedMsg struct {
		v   model.View
		q   model.Query
		err error
	}
)

// Model is the dialog.
type Model struct {
	common.Common
	keys   KeyMap
	store  Store
	views  []model.View
	cur    common.Cursor // 0: "save the current filters", then the views
	query  model.Query   // the explorer's current query
	naming bool          // the name field has the keys
	name   textinput.Model
	note   string // what happened last
	err    string
	shown  bool
}

// New returns the dialog over store (nil: it says views cannot be kept).
func New(c common.Common, store Store) *Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "a name for the current filters"
	in.CharLimit = 64
	in.SetStyles(c.Styles.Input)
	return &Model{Common: c, keys: DefaultKeyMap(), store: store, name: in}
}

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.name.SetWidth(max(10, m.innerW()-20))
	m.cur.Clamp(m.rows(), m.page())
}

// innerW is the dialog's inside: at most 72 cells, as the export
// dialog's.
func (m *Model) innerW() int {
	return max(20, min(m.Width-4, 72)-m.Styles.Dialog.GetHorizontalFrameSize())
}

// page is how many rows of views fit in the body under the dialog's
// other lines.
func (m *Model) page() int { return max(1, m.Height-m.Styles.Dialog.GetVerticalFrameSize()-9) }
func (m *Model) rows() int { return len(m.views) + 1 }

func (m *Model) load() tea.Cmd {
	s := m.store
	if s == nil {
		return nil
	}
	return func() tea.Msg {
		vs, err := s.List()
		return loadedMsg{vs, err}
	}
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.StylesMsg:
		m.Styles = msg.Styles
		m.name.SetStyles(msg.Styles.Input)
	case common.ResultMsg:
		m.query = msg.Query
	case common.FocusMsg:
		m.shown, m.naming, m.note, m.err = true, false, "", ""
		m.cur.Reset()
		m.name.Blur()
		if m.store == nil {
			m.err = "this program keeps no saved views"
		}
		return m.load()
	case common.BlurMsg:
		m.shown = false
	case loadedMsg:
		m.views = msg.views
		if msg.err != nil {
			m.err = msg.err.Error()
		}
		m.cur.Clamp(m.rows(), m.page())
	case doneMsg:
		if msg.err != nil {
			m.err = msg.err.Error()
			return nil
		}
		m.note, m.err = msg.what, ""
		return m.load()
	case resolvedMsg:
		if msg.err != nil {
			m.err = msg.err.Error()
			return nil
		}
		m.shown = false
		return common.Cmd(common.QueryMsg{Query: msg.q, Status: "view " + model.Inert(msg.v.Name) + ": " + msg.v.Describe()})
	case tea.KeyPressMsg:
		if m.naming {
			return m.updateName(msg)
		}
		return m.updateList(msg)
	case tea.PasteMsg:
		if m.naming {
			var cmd tea.Cmd
			m.name, cmd = m.name.Update(msg)
			return cmd
		}
	}
	return nil
}

func (m *Model) updateList(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case m.cur.Navigate(m.Keys.Nav, msg, m.rows(), m.page()):
	case key.Matches(msg, m.keys.Close):
		m.shown = false // the root closes the dialog at once (Closed)
	case key.Matches(msg, m.keys.Save):
		return m.startNaming("")
	case key.Matches(msg, m.keys.Enter):
		if m.cur.Index == 0 {
			return m.startNaming("")
		}
		return m.open(m.views[m.cur.Index-1])
	case key.Matches(msg, m.keys.Delete):
		if m.cur.Index > 0 && m.store != nil {
			name, s := m.views[m.cur.Index-1].Name, m.store
			return func() tea.Msg {
				return doneMsg{"deleted view " + model.Inert(name), s.Delete(name)}
			}
		}
	}
	return nil
}

func (m *Model) startNaming(name string) tea.Cmd {
	if m.store == nil {
		return nil
	}
	m.naming, m.err, m.note = true, "", ""
	m.name.SetValue(name)
	m.name.CursorEnd()
	return m.name.Focus()
}

// updateName takes the keys while the name is typed: enter saves, esc
// goes back to the list.
func (m *Model) updateName(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.naming = false
		m.name.Blur()
		return nil
	case key.Matches(msg, m.keys.Enter):
		name := strings.TrimSpace(m.name.Value())
		if err := model.CheckViewName(name); err != nil {
			m.err = err.Error()
			return nil
		}
		m.naming = false
		m.name.Blur()
		v, s := model.ViewOf(name, m.query), m.store
		return func() tea.Msg {
			return doneMsg{"saved view " + model.Inert(name) + ": " + v.Describe(), s.Save(v)}
		}
	}
	var cmd tea.Cmd
	m.name, cmd = m.name.Update(msg)
	return cmd
}

// open resolves a view in a command and, when the store knows its
// values, asks the root to show it.
func (m *Model) open(v model.View) tea.Cmd {
	s := m.store
	return func() tea.Msg {
		q, err := s.Query(v)
		return resolvedMsg{v, q, err}
	}
}

// Closed implements common.Closer.
func (m *Model) Closed() bool { return !m.shown }

// Typing reports whether the name field has the keys.
func (m *Model) Typing() bool { return m.naming }

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	if m.naming {
		return []key.Binding{common.WithDesc(m.keys.Enter, "save"), m.keys.Cancel}
	}
	return []key.Binding{m.Keys.Nav.Down, m.keys.Enter, m.keys.Save, m.keys.Delete, m.keys.Close}
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	return []common.KeyGroup{{Title: "Saved views (v)", Keys: []key.Binding{m.keys.Open, m.keys.Enter, m.keys.Save, m.keys.Delete, m.keys.Close}}}
}

// View implements common.Component: a dialog, which the root sets over
// the panes, with what the current filters are, the name field or the
// row that starts it, and the saved views.
func (m *Model) View(bool) string {
	st, w := m.Styles, m.innerW()
	title := "Saved views"
	if n := len(m.views); n > 0 {
		title += " (" + strconv.Itoa(n) + ")"
	}
	current := model.ViewOf("", m.query).Describe()
	lines := []string{st.Heading.Render(title), st.Muted.Render(common.Fit("Current filters: "+current, w)), ""}
	if m.naming {
		lines = append(lines, st.FieldFocused.Render("Save as ")+m.name.View())
	} else {
		lines = append(lines, st.CursorLine("+ Save the current filters as a view…", w, m.cur.Index == 0, false))
	}
	if len(m.views) == 0 {
		lines = append(lines, st.Muted.Render("  No saved views yet."))
	}
	nw := 0
	for _, v := range m.views {
		nw = max(nw, common.Width(model.Inert(v.Name)))
	}
	nw = min(nw, w/3)
	from, to := m.cur.Visible(m.rows(), m.page())
	for i := max(from, 1); i < to; i++ {
		v := m.views[i-1]
		name := common.PadRight(common.Fit(model.Inert(v.Name), nw), nw)
		line := common.Fit("  "+name+"  "+st.Muted.Render(v.Describe()), w)
		lines = append(lines, st.CursorLine(line, w, !m.naming && i == m.cur.Index, false))
	}
	lines = append(lines, "")
	switch {
	case m.err != "":
		lines = append(lines, st.Error.Render(lipgloss.NewStyle().Width(w).Render(model.Inert(m.err))))
	case m.note != "":
		lines = append(lines, st.OK.Render(common.Fit(m.note, w)))
	case m.naming:
		lines = append(lines, st.Muted.Render(common.Fit("enter save · esc back", w)))
	default:
		lines = append(lines, st.Muted.Render(common.Fit("enter open · s save · d delete · esc close", w)))
	}
	if m.store != nil {
		lines = append(lines, st.Muted.Render(common.FitLeft("Kept in "+m.store.Path(), w)))
	}
	return st.Dialog.Width(w + st.Dialog.GetHorizontalFrameSize()).Render(strings.Join(lines, "\n"))
}
