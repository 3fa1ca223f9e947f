package tui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// This file draws the screen: the header, the body the components draw,
// the status line and the key hints.

// statusKind colours the status line.
type statusKind int

const (
	statusInfo statusKind = iota
	statusOK
	statusError
)

// statusExpiredMsg is a status message's timer: it clears the message
// numbered id, and nothing when a newer message has replaced it.
type statusExpiredMsg struct{ id int }

// setStatus shows a message on the status line until the next key or,
// unless it is an error, until its timer fires: a message says what
// just happened, and stale it would describe the screen wrongly.
func (m *Model) setStatus(k statusKind, s string) tea.Cmd {
	m.statusID++
	m.status, m.statusKind = s, k
	if k == statusError || m.opts.StatusTimeout < 0 {
		return nil
	}
	id := m.statusID
	return tea.Tick(m.opts.StatusTimeout, func(time.Time) tea.Msg { return statusExpiredMsg{id} })
}

// clearStatus removes the message, as a key does.
func (m *Model) clearStatus() {
	m.statusID++
	m.status = ""
}

// View implements tea.Model.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "unoct"
	return v
}

func (m *Model) render() string {
	w, h := m.c.Width, m.c.Height
	if w == 0 || h == 0 {
		return ""
	}
	if m.small {
		// Wrapped, not cut: at 20 columns the sizes are what matters.
		msg := "unoct needs at least " + strconv.Itoa(minWidth) + "×" + strconv.Itoa(minHeight) +
			"; the window is " + strconv.Itoa(w) + "×" + strconv.Itoa(h)
		lines := strings.Split(lipgloss.NewStyle().Width(w).Render(msg), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " ")
		}
		return strings.Join(lines[:min(len(lines), h)], "\n")
	}
	return strings.Join([]string{m.headerView(), m.bodyView(), m.statusView(), m.hintsView()}, "\n")
}

// bodyView lays out the panes, or the view on screen, with the export
// dialog or an overlay view (the saved views) set over them.
func (m *Model) bodyView() string {
	if m.state == stateView && !m.views[m.view].overlay {
		return m.views[m.view].c.View(true)
	}
	var body string
	if !m.wide && m.detailOpen {
		body = m.detail.View(m.focus == paneDetail)
	} else {
		cols := []string{m.facets.View(m.focus == paneFacets), m.list.View(m.focus == paneList)}
		if m.wide {
			cols = append(cols, m.detail.View(m.focus == paneDetail))
		}
		body = lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	}
	if m.state == stateExport || m.state == stateView {
		bodyH := m.c.Height - 3
		dlg := m.export.View(true)
		if m.state == stateView {
			dlg = m.views[m.view].c.View(true)
		}
		dw, dh := lipgloss.Size(dlg)
		c := lipgloss.NewCompositor(lipgloss.NewLayer(body),
			lipgloss.NewLayer(dlg).X(max(0, (m.c.Width-dw)/2)).Y(max(0, (bodyH-dh)/2)))
		body = strings.Join(common.Block(c.Render(), m.c.Width, bodyH), "\n")
	}
	return body
}

// headerView is "unoct  N of M activities · ≥ P participants · C
// countries · Q partners · K selected · filters", the distinct countries
// and partners left out when the line would not fit them.
func (m *Model) headerView() string {
	st := m.c.Styles
	left := st.App.Render("unoct") + "  "
	if m.loading && m.showSpin {
		left = st.App.Render("unoct") + " " + m.spinner.View() + " "
	}
	count := "…"
	var totals, more []string
	if m.loaded {
		count = strconv.Itoa(len(m.res.IDs)) + " of " + strconv.Itoa(m.res.Total) + " activities"
		t := m.res.Totals
		totals = []string{t.ParticipantsText() + " participants"}
		if t.Headcounts == 0 {
			totals = []string{"no headcount"} // rather than "– participants"
		}
		more = []string{model.Thousands(t.Countries) + " countries", model.Thousands(t.Partners) + " partners"}
	}
	filters := st.Muted.Render("no filters")
	if f := m.filtersText(); f != "" {
		filters = st.Filters.Render(f)
	}
	line := func(totals []string) string {
		parts := append([]string{st.Count.Render(count)}, totals...)
		parts = append(parts, strconv.Itoa(len(m.selected))+" selected", filters)
		return left + strings.Join(parts, st.Muted.Render(" · "))
	}
	out := line(append(totals, more...))
	if common.Width(out) > m.c.Width {
		out = line(totals)
	}
	return common.Fit(out, m.c.Width)
}

// filtersText is the query as the header shows it:
// `pillar=IV country=Mali|Cameroon search=“douala”`. The order is left
// to the list's title, which says it in words: it selects nothing.
func (m *Model) filtersText() string {
	var parts []string
	for _, c := range m.query.Describe(m.res.Name, true) {
		if c.Order {
			continue
		}
		parts = append(parts, c.Text)
	}
	return strings.Join(parts, " ")
}

// statusView is the line above the key hints: the search line while it
// is open, else the last message, else the kept search.
func (m *Model) statusView() string {
	st, w := m.c.Styles, m.c.Width
	switch {
	case m.searching:
		return m.search.View(true)
	case m.status != "":
		s := common.Fit(model.Inert(m.status), w)
		switch m.statusKind {
		case statusOK:
			return st.OK.Render(s)
		case statusError:
			return st.Error.Render(s)
		}
		return st.Info.Render(s)
	case strings.TrimSpace(m.query.Search) != "":
		return st.Muted.Render(common.Fit("search “"+model.Inert(m.query.Search)+"” · / edits it · esc in the list clears it", w))
	}
	return ""
}

// hintsView is the one-line key hint for what has the focus.
func (m *Model) hintsView() string {
	var keys []key.Binding
	switch {
	case m.small:
		keys = []key.Binding{m.c.Keys.Global.Quit}
	case m.state == stateExport:
		keys = m.export.ShortHelp()
	case m.state == stateView:
		keys = m.views[m.view].c.ShortHelp()
	case m.searching:
		keys = m.search.ShortHelp()
	default:
		keys = m.panes()[m.focus].ShortHelp()
	}
	return m.hints.ShortHelpView(keys)
}

// applyStyles builds the styles for the background and colour support
// now known, and hands them down.
func (m *Model) applyStyles() tea.Cmd {
	m.c.Styles = common.NewStyles(m.isDark, m.noColor)
	m.hints.Styles = m.c.Styles.Help
	m.spinner.Style = m.c.Styles.App
	return m.broadcast(common.StylesMsg{Styles: m.c.Styles})
}
