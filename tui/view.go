package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
)

// This file lays the screen out and draws it.

// layout computes every size from the window's.
func (m *Model) layout() {
	w, h := m.width, m.height
	m.small = w < minWidth || h < minHeight
	if m.small {
		return
	}
	m.wide = w >= wideWidth
	if m.wide {
		m.detailOpen = false
	} else if m.focus == paneDetail && !m.detailOpen {
		m.focus = paneList
	}
	bodyH := h - 3 // header, status line, key hints
	var fw, lw, dw int
	if m.wide {
		fw = clampInt(w/5, 26, 34)
		dw = (w - fw) / 2
		lw = w - fw - dw
		m.rects[paneDetail] = rect{fw + lw, 1, dw, bodyH}
	} else {
		fw = clampInt(w*3/10, 22, 30)
		lw = w - fw
		dw = w
		m.rects[paneDetail] = rect{0, 1, w, bodyH}
	}
	m.rects[paneFacets] = rect{0, 1, fw, bodyH}
	m.rects[paneList] = rect{fw, 1, lw, bodyH}
	m.facets.setSize(fw-paneFrameW, bodyH-2)
	m.list.setSize(lw-paneFrameW, bodyH-2)
	m.detail.setSize(dw-paneFrameW, bodyH-2, m.styles)
	m.stats.setSize(w-paneFrameW, bodyH-2)
	m.helpVP.SetWidth(w - paneFrameW)
	m.helpVP.SetHeight(bodyH - 2)
	m.search.setWidth(w)
	m.help.SetWidth(w)
	m.refreshViews()
}

func (m *Model) dialogWidth() int { return min(m.width-4, 72) }

// View implements tea.Model.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "unoct"
	return v
}

func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.small {
		return fit("unoct needs at least "+strconv.Itoa(minWidth)+"×"+strconv.Itoa(minHeight)+
			"; the window is "+strconv.Itoa(m.width)+"×"+strconv.Itoa(m.height), m.width)
	}
	body := m.bodyView()
	return strings.Join([]string{m.headerView(), body, m.statusView(), m.hintsView()}, "\n")
}

// headerView is "unoct  N of M activities · K selected · filters".
func (m *Model) headerView() string {
	st := m.styles
	left := st.App.Render("unoct") + " "
	if m.loading && m.showSpin {
		left = st.App.Render("unoct") + " " + m.spinner.View() + " "
	} else {
		left += " "
	}
	count := "…"
	if m.list.loaded {
		count = strconv.Itoa(len(m.list.ids)) + " of " + strconv.Itoa(m.list.total) + " activities"
	}
	parts := []string{st.Count.Render(count), strconv.Itoa(len(m.selected)) + " selected"}
	if f := m.filtersText(); f != "" {
		parts = append(parts, st.Filters.Render(f))
	} else {
		parts = append(parts, st.Muted.Render("no filters"))
	}
	return fit(left+strings.Join(parts, st.Muted.Render(" · ")), m.width)
}

// filtersText is the active filters as the header shows them:
// `pillar=IV country=Mali|Cameroon search="douala"`.
func (m *Model) filtersText() string {
	var parts []string
	for _, f := range model.Facets {
		vals := m.query.Filters[f]
		if len(vals) == 0 {
			continue
		}
		labels := make([]string, len(vals))
		for i, v := range vals {
			labels[i] = valueLabel(m.counts, f, v)
		}
		parts = append(parts, string(f)+"="+strings.Join(labels, "|"))
	}
	if s := strings.TrimSpace(m.query.Search); s != "" {
		parts = append(parts, "search=“"+model.Inert(s)+"”")
	}
	return strings.Join(parts, " ")
}

func (m *Model) labelOf(f model.Facet, v string) string { return valueLabel(m.counts, f, v) }

func (m *Model) bodyView() string {
	st := m.styles
	bodyH := m.height - 3
	switch m.state {
	case stateHelp:
		return st.pane("Help", scrollHint(m.helpVP), m.helpVP.View(), m.width, bodyH, true)
	case stateStats:
		title := "Stats"
		if f := m.filtersText(); f != "" {
			title += " · " + f
		}
		return st.pane(title, scrollHint(m.stats.vp), m.stats.vp.View(), m.width, bodyH, true)
	}
	var body string
	if !m.wide && m.detailOpen {
		r := m.rects[paneDetail]
		body = st.pane(m.detail.title(), m.detail.position(), m.detail.view(), r.w, r.h, m.focus == paneDetail)
	} else {
		fr, lr := m.rects[paneFacets], m.rects[paneList]
		facets := st.pane(m.facets.title(), "", m.facets.view(st, m.focus == paneFacets), fr.w, fr.h, m.focus == paneFacets)
		list := st.pane(paneList.String(), m.list.position(),
			m.list.view(st, m.focus == paneList, m.selected, m.labelOf), lr.w, lr.h, m.focus == paneList)
		cols := []string{facets, list}
		if m.wide {
			dr := m.rects[paneDetail]
			cols = append(cols, st.pane(m.detail.title(), m.detail.position(), m.detail.view(), dr.w, dr.h, m.focus == paneDetail))
		}
		body = lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	}
	if m.state == stateExport {
		dlg := m.export.view(st, m.dialogWidth())
		dw, dh := lipgloss.Size(dlg)
		c := lipgloss.NewCompositor(lipgloss.NewLayer(body),
			lipgloss.NewLayer(dlg).X(max(0, (m.width-dw)/2)).Y(max(0, (bodyH-dh)/2)))
		body = strings.Join(block(c.Render(), m.width, bodyH), "\n")
	}
	return body
}

// scrollHint is the border note of a scrolling view: how to close it,
// and whether more is below.
func scrollHint(vp viewport.Model) string {
	if vp.AtBottom() {
		return "esc closes"
	}
	return "↓ more · esc closes"
}

// statusView is the line above the key hints: the search line while it
// is open, else the last message, else the kept search.
func (m *Model) statusView() string {
	st := m.styles
	switch {
	case m.search.active:
		return m.search.view(m.width)
	case m.status != "":
		s := fit(model.Inert(m.status), m.width)
		switch m.statusKind {
		case statusOK:
			return st.OK.Render(s)
		case statusError:
			return st.Error.Render(s)
		}
		return st.Info.Render(s)
	case strings.TrimSpace(m.query.Search) != "":
		return st.Muted.Render(fit("search “"+model.Inert(m.query.Search)+"” · / edits it · esc in the list clears it", m.width))
	}
	return ""
}

// hintsView is the one-line key hint for what has the focus.
func (m *Model) hintsView() string {
	return m.help.ShortHelpView(m.shortHelp())
}

// shortHelp picks the hint line's keys.
func (m *Model) shortHelp() []key.Binding {
	g := m.keys.Global
	common := []key.Binding{g.Search, g.Export, g.Help, g.Quit, g.NextPane, g.Stats}
	switch {
	case m.small:
		return []key.Binding{g.Quit}
	case m.state == stateExport && m.export.confirm:
		return confirmHelp{m.keys.Export}.ShortHelp()
	case m.state == stateExport:
		return m.keys.Export.ShortHelp()
	case m.state == stateHelp:
		closeHelp := key.NewBinding(key.WithKeys("esc", "?"), key.WithHelp("esc/?", "close help"))
		return []key.Binding{m.keys.Stats.Down, m.keys.Stats.Up, closeHelp, g.Quit}
	case m.state == stateStats:
		return append(m.keys.Stats.ShortHelp(), g.Help, g.Quit)
	case m.search.active:
		return m.keys.Search.ShortHelp()
	}
	switch m.focus {
	case paneFacets:
		if m.facets.drill != "" {
			return append(m.facets.shortHelp(), g.NextPane)
		}
		return append(m.facets.shortHelp(), common...)
	case paneDetail:
		return append(m.keys.Detail.ShortHelp(), g.Export, g.Help, g.Quit)
	}
	return append(m.keys.List.ShortHelp(), common...)
}

// ShortHelp implements help.KeyMap for the focused context.
func (m *Model) ShortHelp() []key.Binding { return m.shortHelp() }

// FullHelp implements help.KeyMap: every key.
func (m *Model) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, g := range helpGroups(m.keys) {
		out = append(out, g.bindings)
	}
	return out
}
