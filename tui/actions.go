package tui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// This file holds what the root does itself: the global keys, the
// components' requests, and which pane has the focus and what is on
// screen.

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

// sideways moves the focus to the pane d steps to the right (-1: left)
// without wrapping round. On a narrow screen the list's right is the
// detail of the activity under its cursor, opened over the panes.
func (m *Model) sideways(d int) tea.Cmd {
	if d > 0 && !m.wide && m.focus == paneList {
		if m.cur.OK {
			return m.openDetail(m.cur.ID)
		}
		return nil
	}
	order := m.focusOrder()
	i := slices.Index(order, m.focus) + d
	if i < 0 || i >= len(order) {
		return nil
	}
	return m.setFocus(order[i])
}

// setFocus moves the focus to pane p, closing a view on top.
func (m *Model) setFocus(p pane) tea.Cmd {
	m.closeView()
	if p != paneDetail && !m.wide {
		m.detailOpen = false
	}
	if p != m.focus {
		m.panes()[m.focus].Update(common.BlurMsg{})
	}
	m.focus = p
	cmd := m.panes()[p].Update(common.FocusMsg{})
	if p == paneDetail {
		return tea.Batch(cmd, m.follow())
	}
	return cmd
}

// openDetail shows activity id in the detail: in its pane when there is
// room, else over the others.
func (m *Model) openDetail(id uint32) tea.Cmd {
	if !m.wide {
		m.detailOpen = true
	}
	if m.cur.ID != id || !m.cur.OK {
		m.cur = common.CursorMsg{ID: id, OK: true}
	}
	return m.setFocus(paneDetail)
}

// follow keeps the detail, while on screen, on the activity under the
// list's cursor.
func (m *Model) follow() tea.Cmd {
	if !m.wide && !m.detailOpen {
		return nil
	}
	return m.detail.Update(m.cur)
}

// back takes an esc the pane with the focus had no use for.
func (m *Model) back() tea.Cmd {
	switch m.focus {
	case paneFacets:
		return m.setFocus(paneList)
	case paneDetail:
		m.detailOpen = false
		return m.setFocus(paneList)
	}
	if strings.TrimSpace(m.query.Search) == "" {
		return nil
	}
	m.query.Search = ""
	return tea.Batch(m.setStatus(statusInfo, "search cleared"), m.runQuery())
}

// closeTop closes what is on top: the search line, the dialog or the
// view.
func (m *Model) closeTop() tea.Cmd {
	switch {
	case m.searching:
		m.searching = false
		return m.setFocus(paneList)
	case m.state == stateExport:
		m.state = stateBrowse
	default:
		m.closeView()
	}
	return nil
}

func (m *Model) openView(i int) tea.Cmd {
	m.closeView()
	m.state, m.view = stateView, i
	return m.views[i].c.Update(common.FocusMsg{})
}

func (m *Model) closeView() {
	if m.state == stateView {
		m.views[m.view].c.Update(common.BlurMsg{})
		m.state = stateBrowse
	}
}

// globalKey acts on the keys that work wherever the focus is, and
// reports whether msg was one.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	g := m.c.Keys.Global
	for i, v := range m.views {
		if key.Matches(msg, v.open) && (m.state != stateView || m.view != i) {
			return m.openView(i), true
		}
	}
	switch {
	case key.Matches(msg, g.Quit):
		return tea.Quit, true
	case key.Matches(msg, g.Export):
		m.closeView()
		m.state = stateExport
		m.clearStatus()
		n, sel := len(m.res.IDs), len(m.selected) > 0
		if sel {
			n = len(m.selected)
		}
		m.export.Open(n, sel)
	case key.Matches(msg, g.Search):
		m.closeView()
		m.searching = true
		return m.search.Open(m.query.Search), true
	case key.Matches(msg, g.ClearFilters):
		if m.query.Empty() {
			return m.setStatus(statusInfo, "no filter to clear"), true
		}
		m.query = model.Query{Sort: m.query.Sort}.Clone() // the order is no filter
		return tea.Batch(m.setStatus(statusInfo, "every filter cleared"), m.runQuery()), true
	case key.Matches(msg, g.SelectAll):
		for _, id := range m.res.IDs {
			m.selected[id] = struct{}{}
		}
		return m.setStatus(statusInfo, "selected all "+strconv.Itoa(len(m.res.IDs))+" shown"), true
	case key.Matches(msg, g.SelectNone):
		n := len(m.selected)
		clear(m.selected)
		return m.setStatus(statusInfo, "selection cleared ("+strconv.Itoa(n)+")"), true
	case key.Matches(msg, g.Refresh):
		return tea.Batch(m.setStatus(statusInfo, "refreshed"), m.broadcast(common.RefreshMsg{}), m.runQuery()), true
	default:
		return nil, false
	}
	return nil, true
}

func (m *Model) toggleSelected(id uint32) {
	if m.selected.Has(id) {
		delete(m.selected, id)
	} else {
		m.selected[id] = struct{}{}
	}
}
