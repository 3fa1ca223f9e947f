package detail

import (
	"regexp"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// This file draws an activity as the detail pane shows it. The words
// and their order are the activity's Reading, the ones `unoct show` and
// the Markdown export use, so that the three never say a thing two ways;
// what is the pane's own is how it sets them out on a terminal: lists
// under a heading, the sessions as a table, pillars in their colours.

// labelW is the width of a field's label where its value follows on
// the same line ("Participants" and a space).
const labelW = 13

// numbered finds a word that a number completes ("line 41", "page 2").
var numbered = regexp.MustCompile(`\b(line|page|lines|pages) (\d)`)

// renderActivity lays an activity out in w cells. The Reading's text is
// inert already; what the pane adds (the table's cells) is made inert
// here.
func renderActivity(st *common.Styles, a *model.Activity, w int) string {
	w = max(w, 10)
	r := a.Reading()
	var b strings.Builder
	b.WriteString(st.Muted.Render(wrap(strings.Join(r.Byline, " · "), w, 0)) + "\n\n")
	if r.NotActivity {
		b.WriteString(st.Warn.Render(wrap("✎ marked as not an activity: no list or count shows it", w, 0)) + "\n\n")
	}
	if r.Review != "" {
		b.WriteString(st.Warn.Render(wrap("⚠ corrected when the bullet read otherwise: "+r.Review, w, 0)) + "\n\n")
	}
	b.WriteString(wrap(r.Text, w, 0) + "\n")
	inRows := false // the last field drawn was a label-and-value row
	for _, f := range r.Fields {
		if !f.List || len(f.Lines) == 0 {
			// A run of rows is set off from what precedes it by a blank
			// line, as a list is by its heading's.
			if !inRows {
				b.WriteString("\n")
			}
			inRows = true
			b.WriteString(fieldRow(st, f, w))
			continue
		}
		inRows = false
		b.WriteString("\n" + st.Heading.Render(f.Label) + corrected(st, f) + "\n")
		switch f.Key {
		case model.FieldSessions:
			b.WriteString(sessionsTable(st, a, f, w))
		case model.FieldPillars:
			b.WriteString(pillarLines(st, f, w))
		default:
			for _, l := range f.Lines {
				b.WriteString(wrap(styled(st, l), w, 2) + "\n")
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// wrap breaks s to w cells, every line of it indented by indent.
func wrap(s string, w, indent int) string {
	body := lipgloss.NewStyle().Width(max(1, w-indent)).Render(s)
	if indent == 0 {
		return body
	}
	ind := strings.Repeat(" ", indent)
	return ind + strings.ReplaceAll(body, "\n", "\n"+ind)
}

// styled sets a line's spans apart by role: what the line is known by in
// bold, what is secondary muted.
func styled(st *common.Styles, l model.Line) string {
	var b strings.Builder
	for _, s := range l {
		switch s.Role {
		case model.Key:
			b.WriteString(st.Bold.Render(s.Text))
		case model.Aside:
			b.WriteString(st.Muted.Render(s.Text))
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// fieldRow is a field on one line after its label, wrapped beneath its
// value; a field the document did not give shows a muted "—".
func fieldRow(st *common.Styles, f model.Field, w int) string {
	value := st.Muted.Render("—")
	if len(f.Lines) > 0 {
		parts := make([]string, len(f.Lines))
		for i, l := range f.Lines {
			parts[i] = styled(st, l)
		}
		value = strings.Join(parts, f.Sep)
	}
	// "line 41" and "page 2" stay on one line: a number alone at the
	// start of a line reads as nothing.
	value = numbered.ReplaceAllString(value, "$1\u00a0$2")
	value += corrected(st, f)
	body := lipgloss.NewStyle().Width(max(1, w-labelW)).Render(value)
	body = strings.ReplaceAll(body, "\u00a0", " ")
	body = strings.ReplaceAll(body, "\n", "\n"+strings.Repeat(" ", labelW))
	return st.Label.Render(common.PadRight(f.Label, labelW)) + body + "\n"
}

// pillarLines draws each pillar as its coloured numeral, the titles
// aligned after the numerals, and what assigned it on a line beneath.
// The Reading writes a pillar as one line ("II Preventing… — assigned
// by …"), so the pane drops the space after the numeral, which its
// column replaces, and the dash before the aside, which its line break
// replaces.
func pillarLines(st *common.Styles, f model.Field, w int) string {
	var b strings.Builder
	for _, l := range f.Lines {
		var head, why string
		for _, s := range l {
			switch s.Role {
			case model.Key:
				head += st.Pillar(s.Text).Render(common.PadRight(s.Text, 4))
			case model.Aside:
				why = strings.TrimPrefix(s.Text, " — ")
			default:
				head += strings.TrimPrefix(s.Text, " ")
			}
		}
		// A title that wraps goes on under the title, not the numeral.
		b.WriteString(common.Hang(head, w, 0, 4) + "\n")
		if why != "" {
			b.WriteString(st.Matched.Render(wrap(why, w, 4)) + "\n")
		}
	}
	return b.String()
}

// sessionsTable lays the sessions out as a table of dates, city,
// country, region and whether they were online. The table's columns are
// the pane's own, so it reads them from the activity's sessions; in a
// pane too narrow for them, it shows the field's lines as the Reading
// words them instead.
func sessionsTable(st *common.Styles, a *model.Activity, f model.Field, w int) string {
	type row struct{ dates, city, country, region, virtual string }
	names := map[string]string{}
	for _, c := range a.Countries {
		names[c.Code] = c.Name
	}
	head := row{"Dates", "City", "Country", "Region", "Virtual"}
	var (
		rows  []row
		cw    [5]int
		fixed int
	)
	// Country names when they fit, else codes, else no table at all.
	for _, useNames := range []bool{true, false} {
		rows = rows[:0]
		for _, s := range a.Sessions {
			country := s.Country
			if n := names[s.Country]; useNames && n != "" {
				country = n
			}
			r := row{dates: model.Inert(s.ShortDates()), city: model.Inert(s.City), country: model.Inert(country),
				region: model.Inert(s.Region)}
			if r.city == "" && s.Place != "" && !s.Virtual {
				r.city = model.Inert(s.Place)
			}
			if s.Virtual {
				r.virtual = "yes"
			}
			rows = append(rows, r)
		}
		cw = [5]int{}
		for _, r := range append([]row{head}, rows...) {
			cw[0] = max(cw[0], common.Width(r.dates))
			cw[1] = max(cw[1], common.Width(r.city))
			cw[2] = max(cw[2], common.Width(r.country))
			cw[3] = max(cw[3], common.Width(r.region))
			cw[4] = max(cw[4], common.Width(r.virtual))
		}
		cw[1] = min(cw[1], 16)
		cw[2] = min(cw[2], 16)
		fixed = 2 + cw[0] + 2 + cw[1] + 2 + cw[2] + 2 + 2 + cw[4]
		if w-fixed >= min(cw[3], 14) {
			break
		}
	}
	if w-fixed < min(cw[3], 8) {
		var b strings.Builder
		for _, l := range f.Lines {
			b.WriteString(wrap(styled(st, l), w, 2) + "\n")
		}
		return b.String()
	}
	cw[3] = min(cw[3], w-fixed)
	line := func(r row) string {
		return "  " + common.PadRight(common.Fit(r.dates, cw[0]), cw[0]) + "  " + common.PadRight(common.Fit(r.city, cw[1]), cw[1]) + "  " +
			common.PadRight(common.Fit(r.country, cw[2]), cw[2]) + "  " + common.PadRight(common.Fit(r.region, cw[3]), cw[3]) + "  " + r.virtual
	}
	var b strings.Builder
	b.WriteString(st.Label.Render(strings.TrimRight(line(head), " ")) + "\n")
	for _, r := range rows {
		b.WriteString(strings.TrimRight(line(r), " ") + "\n")
	}
	return b.String()
}

// corrected marks a field a person corrected (f to correct it again).
func corrected(st *common.Styles, f model.Field) string {
	if !f.Corrected {
		return ""
	}
	return " " + st.Mark.Render(model.CorrectedMark)
}
