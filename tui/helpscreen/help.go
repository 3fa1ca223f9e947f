package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// helpGroup is one titled column of the help screen.
type helpGroup struct {
	title    string
	bindings []key.Binding
}

// helpGroups lists every key, grouped by where it acts.
func helpGroups(k KeyMap) []helpGroup {
	g := k.Global
	return []helpGroup{
		{"Move (every pane)", append(k.List.bindings(), withDesc(g.NextPane, "next pane"), g.PrevPane)},
		{"Activities (middle)", []key.Binding{withDesc(k.List.Open, "read activity"),
			withDesc(k.List.Select, "select/unselect"), g.SelectAll, g.SelectNone, k.List.Back}},
		{"Facets (left)", []key.Binding{k.Facets.Toggle, k.Facets.Open, k.Facets.Back}},
		{"Search and filters", []key.Binding{g.Search, k.Search.Keep, k.Search.Clear, g.ClearFilters}},
		{"Detail", []key.Binding{k.Detail.Select, k.Detail.Back}},
		{"Export (e)", []key.Binding{k.Export.Format, k.Export.Field, k.Export.Write, k.Export.Cancel}},
		{"Views", []key.Binding{g.Export, g.Stats, g.Refresh, g.Help, g.Back, g.Quit}},
	}
}

// withDesc is b with a longer description, for the help screen.
func withDesc(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// renderHelp draws the help screen in w cells: the keys in columns, then
// how to do the usual things step by step.
func renderHelp(st Styles, k KeyMap, w int) string {
	groups := helpGroups(k)
	blocks := make([]string, len(groups))
	for i, g := range groups {
		kw := 0
		for _, b := range g.bindings {
			kw = max(kw, lipgloss.Width(b.Help().Key))
		}
		var sb strings.Builder
		sb.WriteString(st.Heading.Render(g.title))
		for _, b := range g.bindings {
			h := b.Help()
			sb.WriteString("\n" + st.Help.FullKey.Render(padRight(h.Key, kw)) + "  " + st.Help.FullDesc.Render(h.Desc))
		}
		blocks[i] = sb.String()
	}
	// Flow the blocks into rows as wide as the screen allows.
	var rows []string
	var row []string
	used := 0
	const gap = 3
	for _, bl := range blocks {
		bw := lipgloss.Width(bl)
		if len(row) > 0 && used+gap+bw > w {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		if len(row) > 0 {
			row = append(row, strings.Repeat(" ", gap))
			used += gap
		}
		row = append(row, bl)
		used += bw
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}

	howto := [][2]string{
		{"Filter", "go to Facets, the left pane (shift+tab, tab, or a click), move to a value (IV under Pillar) " +
			"and press enter; enter again removes it. " +
			"Enter on a facet's title (Country) lists all its values: type to narrow, enter to pick, esc to return."},
		{"Search", "press /, type words; enter keeps them, esc clears them. c clears every filter."},
		{"Read", "in Activities press enter on a row; esc returns to the list."},
		{"Select", "space marks the activity under the cursor (●) and moves on; A clears the marks."},
		{"Export", "e, choose csv, json or md with ←/→, tab to edit the path, enter writes. " +
			"With nothing selected, every activity shown is exported."},
	}
	para := lipgloss.NewStyle().Width(max(10, w-8))
	var b strings.Builder
	b.WriteString(st.Heading.Render("How to") + "\n")
	for _, l := range howto {
		body := strings.ReplaceAll(para.Render(l[1]), "\n", "\n"+strings.Repeat(" ", 8))
		b.WriteString(st.Bold.Render(padRight(l[0], 8)) + body + "\n")
	}
	b.WriteString("\n" + strings.Join(rows, "\n\n"))
	return strings.TrimRight(b.String(), "\n")
}
