package tui

import (
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// This file routes mouse clicks and the wheel to the pane under the
// pointer.

func (m *Model) paneAt(x, y int) (pane, rect, bool) {
	if !m.wide && m.detailOpen {
		if m.rects[paneDetail].contains(x, y) {
			return paneDetail, m.rects[paneDetail], true
		}
		return 0, rect{}, false
	}
	for _, p := range []pane{paneFacets, paneList, paneDetail} {
		if (p != paneDetail || m.wide) && m.rects[p].contains(x, y) {
			return p, m.rects[p], true
		}
	}
	return 0, rect{}, false
}

// handleClick focuses the pane under the pointer and acts on the row:
// a facet value toggles, an activity takes the cursor (a second click
// opens it, a click on its mark selects it).
func (m *Model) handleClick(ms tea.Mouse) tea.Cmd {
	if m.small || m.state != stateBrowse || m.search.active || ms.Button != tea.MouseLeft {
		return nil
	}
	p, r, ok := m.paneAt(ms.X, ms.Y)
	if !ok {
		return nil
	}
	focus := m.setFocus(p)
	if !m.wide && p == paneDetail {
		m.detailOpen = true
	}
	y := ms.Y - r.y - 1
	x := ms.X - r.x - paneFrameW/2
	switch p {
	case paneFacets:
		return tea.Batch(focus, m.facets.click(y))
	case paneList:
		i, ok := m.list.rowAt(y)
		if !ok {
			return focus
		}
		id := m.list.ids[i]
		if x < 2 {
			m.toggleSelected(id)
			return focus
		}
		if i == m.list.cursor {
			m.openDetail()
			return tea.Batch(focus, m.loadDetail(id))
		}
		m.list.cursor = i
		m.list.clamp()
		return tea.Batch(focus, m.followCursor())
	}
	return focus
}

// handleWheel scrolls whatever is under the pointer.
func (m *Model) handleWheel(ms tea.Mouse) {
	d := 0
	switch ms.Button {
	case tea.MouseWheelUp:
		d = -3
	case tea.MouseWheelDown:
		d = 3
	default:
		return
	}
	scroll := func(vp *viewport.Model) {
		if d < 0 {
			vp.ScrollUp(-d)
		} else {
			vp.ScrollDown(d)
		}
	}
	switch m.state {
	case stateHelp:
		scroll(&m.helpVP)
		return
	case stateStats:
		scroll(&m.stats.vp)
		return
	case stateExport:
		return
	}
	p, _, ok := m.paneAt(ms.X, ms.Y)
	if !ok {
		return
	}
	switch p {
	case paneFacets:
		m.facets.scroll(d)
	case paneList:
		m.list.move(d)
	case paneDetail:
		scroll(&m.detail.vp)
	}
}
