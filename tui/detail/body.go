package detail

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// This file draws an activity as the detail pane shows it. It is kept
// apart from the pane's keys and loading so that one renderer of an
// activity as text can take its place.

// entityKind names a partner kind in words.
func entityKind(k model.EntityKind) string {
	switch k {
	case model.EntityUN:
		return "UN entity"
	case model.EntityUNBody:
		return "UN body"
	case model.EntityRegional:
		return "regional organization"
	case model.EntityInternational:
		return "international organization"
	case model.EntityCivilSociety:
		return "civil society"
	case model.EntityMemberState:
		return "Member State"
	case model.EntityStateBody:
		return "national body"
	case model.EntityOther, model.EntityUnknown, "":
		return "other"
	}
	return string(k)
}

// renderActivity lays an activity out in w cells: every string from the
// document goes through model.Inert.
func renderActivity(st *common.Styles, a *model.Activity, w int) string {
	w = max(w, 10)
	var b strings.Builder
	wrap := func(s string, indent int) string {
		body := lipgloss.NewStyle().Width(max(1, w-indent)).Render(s)
		if indent == 0 {
			return body
		}
		ind := strings.Repeat(" ", indent)
		return ind + strings.ReplaceAll(body, "\n", "\n"+ind)
	}
	heading := func(s string) { b.WriteString("\n" + st.Heading.Render(s) + "\n") }
	field := func(label, value string) {
		lw := 13
		if value == "" {
			value = st.Muted.Render("—")
		}
		body := lipgloss.NewStyle().Width(max(1, w-lw)).Render(value)
		body = strings.ReplaceAll(body, "\n", "\n"+strings.Repeat(" ", lw))
		b.WriteString(st.Label.Render(common.PadRight(label, lw)) + body + "\n")
	}

	meta := []string{a.Month, string(a.Kind), model.Inert(string(a.Branch))}
	b.WriteString(st.Muted.Render(wrap(strings.Join(meta, " · "), 0)) + "\n\n")
	b.WriteString(wrap(model.Inert(a.Text), 0) + "\n")

	if len(a.Sessions) > 0 {
		heading("Sessions")
		b.WriteString(sessionsTable(st, a, w))
	}
	if len(a.Partners) > 0 {
		heading("Partners")
		for _, p := range a.Partners {
			line := st.Bold.Render(model.Inert(p.Label()))
			if p.Name != "" && p.Name != p.Label() {
				line += " — " + model.Inert(p.Name)
			}
			line += st.Muted.Render(" (" + entityKind(p.Kind) + ")")
			b.WriteString(wrap(line, 2) + "\n")
		}
	}
	if len(a.People) > 0 {
		heading("People")
		for _, p := range a.People {
			b.WriteString(wrap(model.Inert(p), 2) + "\n")
		}
	}
	pt := a.Participants
	if pt.People != nil || pt.MemberStates != nil || pt.Organizations != nil {
		heading("Participants")
		approx := func(n int) string {
			if pt.Approximate {
				return "over " + strconv.Itoa(n) + st.Muted.Render(" (approximate)")
			}
			return strconv.Itoa(n)
		}
		if pt.People != nil {
			b.WriteString("  " + common.PadRight("People", 15) + approx(*pt.People) + "\n")
		}
		if pt.MemberStates != nil {
			b.WriteString("  " + common.PadRight("Member States", 15) + strconv.Itoa(*pt.MemberStates) + "\n")
		}
		if pt.Organizations != nil {
			b.WriteString("  " + common.PadRight("Organizations", 15) + strconv.Itoa(*pt.Organizations) + "\n")
		}
	}

	b.WriteString("\n")
	var cs []string
	for _, c := range a.Countries {
		cs = append(cs, model.Inert(c.Name)+" ("+model.Inert(c.Code)+")")
	}
	field("Countries", strings.Join(cs, ", "))
	var rs []string
	for _, r := range a.Regions {
		rs = append(rs, model.Inert(r))
	}
	field("Regions", strings.Join(rs, ", "))
	field("Branch", model.Inert(string(a.Branch)))
	field("Kind", string(a.Kind))
	field("Section", model.Inert(a.Section))
	field("Source", model.Inert(a.Source.Document)+", line "+strconv.Itoa(a.Source.Line))

	if len(a.Pillars) > 0 {
		heading("Pillars")
		for _, p := range a.Pillars {
			b.WriteString(wrap(st.Pillar(string(p.Pillar)).Render(common.PadRight(string(p.Pillar), 4))+p.Pillar.Title(), 0) + "\n")
			if len(p.Matched) > 0 {
				words := make([]string, len(p.Matched))
				for i, m := range p.Matched {
					words[i] = "“" + model.Inert(m) + "”"
				}
				b.WriteString(st.Matched.Render(wrap("assigned by "+strings.Join(words, ", "), 4)) + "\n")
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// sessionsTable lays the sessions out as a table of dates, city,
// country, region and whether they were online; in a narrow pane each
// session takes two lines instead.
func sessionsTable(st *common.Styles, a *model.Activity, w int) string {
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
			r := row{dates: dateRange(s.Start, s.End), city: model.Inert(s.City), country: model.Inert(country),
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
		// Too narrow for a table: two lines a session.
		var b strings.Builder
		for _, r := range rows {
			where := r.city
			if r.country != "" {
				where = strings.TrimPrefix(where+", "+r.country, ", ")
			}
			b.WriteString("  " + common.Fit(r.dates+"  "+where, w-2) + "\n")
			var more []string
			if r.region != "" {
				more = append(more, r.region)
			}
			if r.virtual != "" {
				more = append(more, "online")
			}
			if len(more) > 0 {
				b.WriteString(st.Muted.Render("    "+common.Fit(strings.Join(more, " · "), w-4)) + "\n")
			}
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

// dateRange is "2020-02-10", "2020-02-10–14" or "2020-02-24–03-02".
func dateRange(start, end string) string {
	start, end = model.Inert(start), model.Inert(end)
	switch {
	case end == "" || end == start:
		return start
	case len(start) == 10 && len(end) == 10 && start[:7] == end[:7]:
		return start + "–" + end[8:]
	case len(start) == 10 && len(end) == 10 && start[:4] == end[:4]:
		return start + "–" + end[5:]
	}
	return start + "–" + end
}
