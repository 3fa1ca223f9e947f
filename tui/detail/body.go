package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
)

// DetailKeyMap holds the detail pane's keys.
type DetailKeyMap struct {
	NavKeyMap
	Select key.Binding // select or unselect the activity shown
	Back   key.Binding // back to the list
}

// ShortHelp implements help.KeyMap.
func (k DetailKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.Select, k.Back}
}

// FullHelp implements help.KeyMap.
func (k DetailKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.bindings(), {k.Select, k.Back}}
}

// detailModel shows one activity in full, in a scrolling viewport.
type detailModel struct {
	keys DetailKeyMap
	vp   viewport.Model

	id      uint32 // the activity shown, or being fetched
	has     bool   // act holds activity id
	act     model.Activity
	regions map[string]string
	err     error

	width, height int // inner size
}

func newDetailModel(keys DetailKeyMap) detailModel {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{} // keys are routed by the pane's own map
	vp.MouseWheelEnabled = false
	return detailModel{keys: keys, vp: vp}
}

func (m *detailModel) setSize(w, h int, st Styles) {
	m.width, m.height = max(w, 1), max(h, 1)
	m.vp.SetWidth(m.width)
	m.vp.SetHeight(m.height)
	m.render(st)
}

// set shows an activity, from the top.
func (m *detailModel) set(msg detailMsg, st Styles) {
	same := m.has && m.id == msg.id
	m.id, m.err = msg.id, msg.err
	m.has = msg.err == nil
	m.act, m.regions = msg.act, msg.regions
	m.render(st)
	if !same {
		m.vp.GotoTop()
	}
}

// render rebuilds the content for the current width and styles.
func (m *detailModel) render(st Styles) {
	switch {
	case m.err != nil:
		m.vp.SetContent(st.Error.Render(lipgloss.NewStyle().Width(m.width).Render(model.Inert(m.err.Error()))))
	case !m.has:
		m.vp.SetContent(st.Muted.Render("Nothing to show: no activity under the cursor."))
	default:
		m.vp.SetContent(renderActivity(st, &m.act, m.regions, m.width))
	}
}

// update handles a key while the detail has the focus.
func (m detailModel) update(msg tea.KeyPressMsg) (detailModel, tea.Cmd, bool) {
	k := m.keys
	switch {
	case k.NavKeyMap.scroll(&m.vp, msg):
	case key.Matches(msg, k.Select):
		if m.has {
			id := m.id
			return m, func() tea.Msg { return detailSelectMsg{id} }, true
		}
	case key.Matches(msg, k.Back):
		return m, func() tea.Msg { return detailBackMsg{} }, true
	default:
		return m, nil, false
	}
	return m, nil, true
}

// title is the pane's title.
func (m detailModel) title() string {
	if m.has {
		return "Activity " + strconv.FormatUint(uint64(m.id), 10)
	}
	return "Detail"
}

// position is how far the content is scrolled, for the border.
func (m detailModel) position() string {
	if m.vp.TotalLineCount() <= m.height {
		return ""
	}
	return fmt.Sprintf("%d%%", int(m.vp.ScrollPercent()*100))
}

func (m detailModel) view() string { return m.vp.View() }

// entityKinds names partner kinds in words.
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
func renderActivity(st Styles, a *model.Activity, regions map[string]string, w int) string {
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
		b.WriteString(st.Label.Render(padRight(label, lw)) + body + "\n")
	}

	meta := []string{a.Month, string(a.Kind), model.Inert(string(a.Branch))}
	b.WriteString(st.Muted.Render(wrap(strings.Join(meta, " · "), 0)) + "\n\n")
	b.WriteString(wrap(model.Inert(a.Text), 0) + "\n")

	if len(a.Sessions) > 0 {
		heading("Sessions")
		b.WriteString(sessionsTable(st, a, regions, w))
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
			b.WriteString("  " + padRight("People", 15) + approx(*pt.People) + "\n")
		}
		if pt.MemberStates != nil {
			b.WriteString("  " + padRight("Member States", 15) + strconv.Itoa(*pt.MemberStates) + "\n")
		}
		if pt.Organizations != nil {
			b.WriteString("  " + padRight("Organizations", 15) + strconv.Itoa(*pt.Organizations) + "\n")
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
			b.WriteString(wrap(st.Pillar(string(p.Pillar)).Render(padRight(string(p.Pillar), 4))+p.Pillar.Title(), 0) + "\n")
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
func sessionsTable(st Styles, a *model.Activity, regions map[string]string, w int) string {
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
				region: model.Inert(regions[s.Country])}
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
			cw[0] = max(cw[0], lipglossWidth(r.dates))
			cw[1] = max(cw[1], lipglossWidth(r.city))
			cw[2] = max(cw[2], lipglossWidth(r.country))
			cw[3] = max(cw[3], lipglossWidth(r.region))
			cw[4] = max(cw[4], lipglossWidth(r.virtual))
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
			b.WriteString("  " + fit(r.dates+"  "+where, w-2) + "\n")
			var more []string
			if r.region != "" {
				more = append(more, r.region)
			}
			if r.virtual != "" {
				more = append(more, "online")
			}
			if len(more) > 0 {
				b.WriteString(st.Muted.Render("    "+fit(strings.Join(more, " · "), w-4)) + "\n")
			}
		}
		return b.String()
	}
	cw[3] = min(cw[3], w-fixed)
	line := func(r row) string {
		return "  " + padRight(fit(r.dates, cw[0]), cw[0]) + "  " + padRight(fit(r.city, cw[1]), cw[1]) + "  " +
			padRight(fit(r.country, cw[2]), cw[2]) + "  " + padRight(fit(r.region, cw[3]), cw[3]) + "  " + r.virtual
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

// regionsOf looks up the M49 region of each session's country.
func regionsOf(a model.Activity, regionOf func(string) string) map[string]string {
	out := map[string]string{}
	if regionOf == nil {
		return out
	}
	for _, s := range a.Sessions {
		if s.Country != "" {
			if _, ok := out[s.Country]; !ok {
				out[s.Country] = regionOf(s.Country)
			}
		}
	}
	return out
}
