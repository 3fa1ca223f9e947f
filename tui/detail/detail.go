// Package detail is the detail pane: one activity in full, in a
// scrolling viewport, following the list's cursor.
package detail

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
)

// Reader reads one activity: the detail's one need of the store, for an
// activity whose row the list has not read.
type Reader interface {
	Activity(id uint32) (model.Activity, error)
}

// KeyMap holds the detail's own keys; it scrolls with the shared ones.
type KeyMap struct {
	Select    key.Binding // select or unselect the activity shown
	Back      key.Binding // back to the list
	NextMatch key.Binding // scroll to the next line with a searched word
	PrevMatch key.Binding // to the previous one
}

// DefaultKeyMap returns the detail's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Select:    key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "select/unselect")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to list")),
		NextMatch: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next search match")),
		PrevMatch: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous search match")),
	}
}

// Model is the detail pane.
type Model struct {
	common.Common
	keys KeyMap
	src  Reader
	vp   viewport.Model

	id    uint32 // the activity shown, or being read
	has   bool   // act holds activity id
	stale bool   // the store changed since act was read
	act   model.Activity
	err   error
	seq   int         // the last read asked for
	gen   store.Stamp // the stamp of the last result

	series    []model.Activity // the series of act, once read (see series.go)
	seriesErr error

	words   []string // the search's words, folded
	matches []int    // the content's lines that hold one
	match   int      // the match n moved to last, -1 none
}

// loadedMsg carries the activity read for request seq.
type loadedMsg struct {
	seq int
	id  uint32
	act model.Activity
	err error
}

// New returns an empty detail that reads activities from src.
func New(c common.Common, src Reader) *Model {
	return &Model{Common: c, keys: DefaultKeyMap(), src: src, vp: common.NewViewport()}
}

func (m *Model) innerW() int { return max(1, m.Width-common.FrameW) }
func (m *Model) innerH() int { return max(1, m.Height-common.FrameH) }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.vp.SetWidth(m.innerW())
	m.vp.SetHeight(m.innerH())
	m.render()
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.CursorMsg:
		return m.show(msg)
	case loadedMsg:
		if msg.seq == m.seq {
			m.set(msg.id, msg.act, msg.err)
			return m.loadSeries()
		}
	case seriesMsg:
		if msg.seq == m.seq {
			m.series, m.seriesErr = msg.acts, msg.err
			m.render()
		}
	case common.ResultMsg:
		if msg.Generation != m.gen {
			m.gen, m.stale = msg.Generation, true
		}
		if w := model.Words(msg.Query.Search); !slices.Equal(w, m.words) {
			m.words = w
			m.render()
		}
	case common.RefreshMsg:
		m.stale = true
	case common.StylesMsg:
		m.Styles = msg.Styles
		m.render()
	case tea.KeyPressMsg:
		switch {
		case m.Keys.Nav.Scroll(&m.vp, msg):
		case key.Matches(msg, m.keys.Select):
			if m.has {
				return common.Cmd(common.SelectMsg{ID: m.id})
			}
		case key.Matches(msg, m.keys.Back):
			return common.Cmd(common.BackMsg{})
		case key.Matches(msg, m.keys.NextMatch):
			m.nextMatch(1)
		case key.Matches(msg, m.keys.PrevMatch):
			m.nextMatch(-1)
		}
	case tea.MouseWheelMsg:
		common.ScrollWheel(&m.vp, msg)
	}
	return nil
}

// show shows the activity under the list's cursor: at once when the
// list has its row, else once read.
func (m *Model) show(c common.CursorMsg) tea.Cmd {
	if !c.OK {
		m.has, m.err = false, nil
		m.render()
		return nil
	}
	if m.has && m.id == c.ID && m.err == nil && !m.stale {
		return nil
	}
	m.seq++
	m.series, m.seriesErr = nil, nil // the last activity's, until this one's is read
	if c.Row != nil {
		m.set(c.ID, *c.Row, nil)
		return m.loadSeries()
	}
	seq, id, src := m.seq, c.ID, m.src
	return func() tea.Msg {
		a, err := src.Activity(id)
		return loadedMsg{seq: seq, id: id, act: a, err: err}
	}
}

// set shows an activity, from the top unless it is the one shown.
func (m *Model) set(id uint32, a model.Activity, err error) {
	same := m.has && m.id == id
	m.id, m.act, m.err = id, a, err
	m.has, m.stale = err == nil, false
	m.render()
	if !same {
		m.vp.GotoTop()
	}
}

// render rebuilds the content for the current width and styles.
func (m *Model) render() {
	st := m.Styles
	switch {
	case m.err != nil:
		m.vp.SetContent(st.Error.Render(lipgloss.NewStyle().Width(m.innerW()).Render(model.Inert(m.err.Error()))))
	case !m.has:
		m.vp.SetContent(st.Muted.Render("Nothing to show: no activity under the cursor."))
	default:
		content := renderActivity(st, &m.act, m.innerW())
		if m.act.Series != "" && (m.series != nil || m.seriesErr != nil) {
			content += renderSeries(st, &m.act, m.series, m.seriesErr, m.innerW())
		}
		m.vp.SetContent(content)
	}
	m.findMatches()
}

// findMatches lists the lines of the content that hold a word of the
// search, as the search matches them: folded, anywhere in a word.
func (m *Model) findMatches() {
	m.matches, m.match = m.matches[:0], -1
	if len(m.words) == 0 || !m.has {
		return
	}
	for i, l := range strings.Split(m.vp.GetContent(), "\n") {
		f := model.Fold(ansi.Strip(l))
		for _, w := range m.words {
			if strings.Contains(f, w) {
				m.matches = append(m.matches, i)
				break
			}
		}
	}
}

// nextMatch scrolls to the next (d 1) or previous (d -1) line holding a
// searched word, round from the last to the first.
func (m *Model) nextMatch(d int) {
	n := len(m.matches)
	if n == 0 {
		return
	}
	if m.match < 0 {
		// The first match below the top of the screen, or above it.
		m.match = 0
		top := m.vp.YOffset()
		for i, l := range m.matches {
			if l >= top {
				m.match = i
				break
			}
		}
		if d < 0 {
			m.match = (m.match - 1 + n) % n
		}
	} else {
		m.match = (m.match + d + n) % n
	}
	m.vp.SetYOffset(max(0, m.matches[m.match]-1))
}

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	g := m.Keys.Global
	keys := []key.Binding{m.Keys.Nav.Down, m.keys.Select, m.keys.Back}
	if len(m.matches) > 0 {
		keys = append(keys, m.keys.NextMatch)
	}
	return append(keys, g.Export, g.Help, g.Quit)
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	k := m.keys
	return []common.KeyGroup{{Title: "Detail", Keys: []key.Binding{k.Select, k.NextMatch, k.PrevMatch, k.Back}}}
}

// View implements common.Component: "Activity N" in the border, and how
// far it is scrolled.
func (m *Model) View(focused bool) string {
	title, pos := "Detail", ""
	if m.has {
		title = "Activity " + strconv.FormatUint(uint64(m.id), 10)
	}
	if m.vp.TotalLineCount() > m.innerH() {
		pos = fmt.Sprintf("%d%%", int(m.vp.ScrollPercent()*100))
	}
	if n := len(m.matches); n > 0 {
		found := strconv.Itoa(n) + " " + common.Plural(n, "match", "matches") + ": n"
		if m.match >= 0 {
			found = "match " + strconv.Itoa(m.match+1) + "/" + strconv.Itoa(n)
		}
		pos = strings.TrimPrefix(pos+" · "+found, " · ")
	}
	return m.Styles.Box(title, pos, m.vp.View(), m.Width, m.Height, focused)
}
