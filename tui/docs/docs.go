// Package docs is the documents view: the documents in the store, one a
// row (month, pages, activities, corrections, when imported), and the
// figures of the one under the cursor (individuals trained, workshops
// organized, the Compact, contributions). Enter filters the explorer to
// that document, by the document facet.
package docs

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// Lister reads the documents in the store, as `unoct docs` lists them;
// the program hands it in (it knows how to count a PDF's pages and the
// corrections).
type Lister func() ([]model.DocumentInfo, error)

// KeyMap holds the view's own keys; it moves with the shared ones.
type KeyMap struct {
	Open   key.Binding // the key that opens the view, for the root
	Filter key.Binding
	Close  key.Binding
}

// DefaultKeyMap returns the view's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Open:   key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "documents")),
		Filter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show its activities")),
		Close:  key.NewBinding(key.WithKeys("esc", "D"), key.WithHelp("esc/D", "close documents")),
	}
}

// loadedMsg carries the documents read.
type loadedMsg struct {
	docs []model.DocumentInfo
	err  error
}

// Model is the documents view.
type Model struct {
	common.Common
	keys  KeyMap
	list  Lister
	docs  []model.DocumentInfo
	err   error
	cur   common.Cursor
	shown bool
}

// New returns the view over list (nil: the view says it has no
// documents to show).
func New(c common.Common, list Lister) *Model {
	return &Model{Common: c, keys: DefaultKeyMap(), list: list}
}

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.cur.Clamp(len(m.docs), m.page())
}

// load reads the documents off the UI loop.
func (m *Model) load() tea.Cmd {
	list := m.list
	if list == nil {
		return nil
	}
	return func() tea.Msg {
		docs, err := list()
		return loadedMsg{docs, err}
	}
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.StylesMsg:
		m.Styles = msg.Styles
	case common.FocusMsg:
		m.shown = true
		return m.load()
	case common.BlurMsg:
		m.shown = false
	case common.RefreshMsg:
		if m.shown {
			return m.load()
		}
	case loadedMsg:
		m.docs, m.err = msg.docs, msg.err
		m.cur.Clamp(len(m.docs), m.page())
	case tea.KeyPressMsg:
		switch {
		case m.cur.Navigate(m.Keys.Nav, msg, len(m.docs), m.page()):
		case key.Matches(msg, m.keys.Filter):
			return m.filter()
		case key.Matches(msg, m.keys.Close):
			m.shown = false // the root closes the view at once (Closed)
		}
	case tea.MouseWheelMsg:
		m.cur.Move(common.WheelDelta(msg), len(m.docs), m.page())
	}
	return nil
}

// filter asks the root to show the activities of the document under
// the cursor, and says its figures on the status line.
func (m *Model) filter() tea.Cmd {
	if len(m.docs) == 0 {
		return nil
	}
	d := m.docs[m.cur.Index]
	q := model.Query{Filters: map[model.Facet][]string{model.FacetDoc: {d.Name}}}
	status := "document " + model.Inert(d.Name)
	if h := d.Facts.Headline(); h != "" {
		status += ": " + h
	}
	m.shown = false
	return common.Cmd(common.QueryMsg{Query: q, Status: status})
}

// Closed implements common.Closer.
func (m *Model) Closed() bool { return !m.shown }

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.Keys.Nav.Down, m.keys.Filter, m.keys.Close, m.Keys.Global.Quit}
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	return []common.KeyGroup{{Title: "Documents (D)", Keys: []key.Binding{m.keys.Open, m.keys.Filter, m.keys.Close}}}
}

// innerW and innerH are the box's inside.
func (m *Model) innerW() int { return max(1, m.Width-common.FrameW) }
func (m *Model) innerH() int { return max(1, m.Height-common.FrameH) }

// page is how many document rows fit: the header and the figures below
// take the rest.
func (m *Model) page() int { return max(1, min(len(m.docs), m.innerH()/2-1)) }

var columns = []string{"DOCUMENT", "MONTH", "PAGES", "ACTIVITIES", "CORRECTIONS", "IMPORTED"}

// View implements common.Component: the documents, then the figures of
// the one under the cursor.
func (m *Model) View(focused bool) string {
	st, w := m.Styles, m.innerW()
	title := "Documents · " + strconv.Itoa(len(m.docs)) + " in the store"
	var lines []string
	switch {
	case m.err != nil:
		lines = append(lines, st.Error.Render(common.Fit(m.err.Error(), w)))
	case len(m.docs) == 0:
		lines = append(lines, st.Muted.Render("No documents in the store. Import some with: unoct import FILE..."))
	default:
		lines = m.table(w)
	}
	return st.Box(title, "enter filters · esc closes", strings.Join(lines, "\n"), m.Width, m.Height, focused)
}

// table draws the rows and the figures of the one under the cursor.
func (m *Model) table(w int) []string {
	st := m.Styles
	rows := make([][]string, len(m.docs))
	widths := make([]int, len(columns))
	for j, c := range columns {
		widths[j] = len(c)
	}
	for i, d := range m.docs {
		r := []string{model.Inert(d.Name), d.Month, cell(d.Pages), strconv.Itoa(d.Activities),
			strconv.Itoa(d.Corrections), imported(d.Imported)}
		for j, c := range r {
			widths[j] = max(widths[j], common.Width(c))
		}
		rows[i] = r
	}
	// The name gives way first.
	fixed := 0
	for _, x := range widths[1:] {
		fixed += x + 2
	}
	widths[0] = max(8, min(widths[0], w-fixed))
	line := func(cells []string) string {
		var b strings.Builder
		for j, c := range cells {
			if j > 0 {
				b.WriteString("  ")
			}
			c = common.Fit(c, widths[j])
			if j >= 2 && j <= 4 {
				b.WriteString(common.Pad(common.Width(c), widths[j]) + c)
			} else {
				b.WriteString(common.PadRight(c, widths[j]))
			}
		}
		return common.Fit(b.String(), w)
	}
	out := []string{st.Muted.Render(line(columns))}
	from, to := m.cur.Visible(len(m.docs), m.page())
	for i := from; i < to; i++ {
		out = append(out, st.CursorLine(line(rows[i]), w, i == m.cur.Index, false))
	}
	d := m.docs[m.cur.Index]
	out = append(out, "", st.Heading.Render(common.Fit("Figures of "+model.Inert(d.Name)+" ("+d.Month+")", w)))
	figs := d.Facts.Figures()
	if len(figs) == 0 {
		out = append(out, st.Muted.Render("The document gives no figures of its own."))
	}
	for _, f := range figs {
		line := f.Label
		if f.Value != "" {
			line = st.Bold.Render(f.Value) + " " + f.Label
		}
		out = append(out, common.Hang(line, w, 2, 4))
	}
	return out
}

func cell(n int) string {
	if n == 0 {
		return "–"
	}
	return strconv.Itoa(n)
}

func imported(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.UTC().Format("2006-01-02 15:04")
}
