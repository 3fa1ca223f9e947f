package tui

import (
	tea "charm.land/bubbletea/v2"
)

// This file routes clicks and the wheel to the pane under the pointer,
// with the position made relative to the pane's top-left corner.

// rect is a pane's place on the screen, for the mouse.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

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

// handleClick focuses the pane under the pointer and lets it act on the
// row clicked.
func (m *Model) handleClick(msg tea.MouseClickMsg) tea.Cmd {
	if m.small || m.state != stateBrowse || m.searching || msg.Button != tea.MouseLeft {
		return nil
	}
	p, r, ok := m.paneAt(msg.X, msg.Y)
	if !ok {
		return nil
	}
	if !m.wide && p == paneDetail {
		m.detailOpen = true
	}
	focus := m.setFocus(p)
	msg.X, msg.Y = msg.X-r.x, msg.Y-r.y
	return tea.Batch(focus, m.panes()[p].Update(msg))
}

// handleWheel scrolls the view on screen, or the pane under the pointer.
func (m *Model) handleWheel(msg tea.MouseWheelMsg) tea.Cmd {
	switch {
	case m.small || m.state == stateExport:
		return nil
	case m.state == stateView:
		return m.views[m.view].c.Update(msg)
	}
	p, r, ok := m.paneAt(msg.X, msg.Y)
	if !ok {
		return nil
	}
	msg.X, msg.Y = msg.X-r.x, msg.Y-r.y
	return m.panes()[p].Update(msg)
}
