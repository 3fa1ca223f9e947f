package list

import (
	"strconv"
	"strings"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// This file draws the list as columns (date, place, kind, branch,
// pillars, partners, participants) under a header line, for a window
// wide enough to give each activity its figures at a glance; the header
// marks the column the list is sorted by.

// column is one column of the wide list.
type column struct {
	name  string // the full title, which names the column in narrowing
	title string
	key   model.SortKey // the sort it shows, "" for none
	w     int
	right bool // numbers align right
	cell  func(st *common.Styles, a *model.Activity, w int) string
	// short and shortTitle are the column's narrower form, for a width
	// that cannot hold every column in full (0: none).
	short      int
	shortTitle string
}

// Widths of the fixed columns; the place takes what is left (at least
// placeMin), and in one-line rows up to placeMax, the title the rest.
const (
	dateW     = 10
	kindW     = 10
	branchW   = 6
	pillarsW  = 11 // I II III IV
	partnersW = 9  // PARTNERS↓
	peopleW   = 13 // PARTICIPANTS↓
	placeMin  = 12
	placeMax  = 28
	titleMin  = 24
	markW     = 2
)

// allColumns are the wide list's columns in full, in the order the
// screen shows them; narrowing says which give way on a short width.
func allColumns() []column {
	return []column{
		{title: "DATE", key: model.SortDate, w: dateW, cell: func(st *common.Styles, a *model.Activity, w int) string {
			return st.Date.Render(common.PadRight(dateText(a), w))
		}},
		{title: "PLACE", key: model.SortPlace, cell: func(st *common.Styles, a *model.Activity, w int) string {
			return st.Place.Render(common.PadRight(common.Fit(placeText(a), w), w))
		}},
		{title: "KIND", key: model.SortKind, w: kindW, cell: func(_ *common.Styles, a *model.Activity, w int) string {
			return common.PadRight(common.Fit(model.Inert(string(a.Kind)), w), w)
		}},
		{title: "BRANCH", w: branchW, cell: func(_ *common.Styles, a *model.Activity, w int) string {
			return common.PadRight(common.Fit(branchText(a.Branch), w), w)
		}},
		{title: "PILLARS", w: pillarsW, short: 8, cell: func(st *common.Styles, a *model.Activity, w int) string {
			b, bw := badges(st, a, w)
			return b + common.Pad(bw, w)
		}},
		{title: "PARTNERS", key: model.SortPartners, w: partnersW, right: true, short: 5, shortTitle: "PTNR", cell: func(_ *common.Styles, a *model.Activity, w int) string {
			n := "–"
			if len(a.Partners) > 0 {
				n = strconv.Itoa(len(a.Partners))
			}
			return common.Pad(common.Width(n), w) + n
		}},
		{title: "PARTICIPANTS", key: model.SortParticipants, w: peopleW, right: true, short: 8, shortTitle: "PEOPLE", cell: func(_ *common.Styles, a *model.Activity, w int) string {
			n := peopleText(a.Participants)
			return common.Pad(common.Width(n), w) + n
		}},
	}
}

// narrowing lists what a width too short for every column in full
// gives up, first to last: a column's short form, or the column.
var narrowing = []struct {
	title string
	drop  bool
}{{"PARTICIPANTS", false}, {"PARTNERS", false}, {"PILLARS", false}, {"BRANCH", true}, {"PARTNERS", true}, {"KIND", true}, {"PARTICIPANTS", true}}

// layoutColumns chooses the columns for an inner width w: whether rows
// take one line (the title after the columns) or two (the title below),
// and the columns that fit, the place widened to fill the line.
func layoutColumns(w int) (cols []column, oneLine bool) {
	cols = allColumns()
	for i := range cols {
		cols[i].name = cols[i].title
	}
	fixed := func() int { // every column but the place, and the spaces
		n := markW - 1
		for _, c := range cols {
			n += c.w + 1
		}
		return n
	}
	oneLine = w-fixed()-placeMin-1 >= titleMin
	for _, step := range narrowing {
		if oneLine || w-fixed() >= placeMin {
			break
		}
		for i, c := range cols {
			if c.name != step.title {
				continue
			}
			if step.drop {
				cols = append(cols[:i], cols[i+1:]...)
			} else if c.short > 0 {
				cols[i].w = c.short
				if c.shortTitle != "" {
					cols[i].title = c.shortTitle
				}
			}
			break
		}
	}
	// Two-line rows give the place the whole rest of the line; one-line
	// rows give the rest beyond placeMax to the title.
	place := w - fixed()
	if oneLine {
		place = min(placeMax, place-1-titleMin)
	}
	for i := range cols {
		if cols[i].key == model.SortPlace {
			cols[i].w = max(1, place)
		}
	}
	return cols, oneLine
}

// headerLine is the column titles, the sorted one marked with its
// direction.
func (m *Model) headerLine(cols []column, oneLine bool) string {
	srt := m.res.Query.Sort.Normal()
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", markW))
	for i, c := range cols {
		t := c.title
		if c.key == srt.Key {
			t += arrow(srt.Desc)
		}
		t = common.Fit(t, c.w)
		if c.right {
			t = common.Pad(common.Width(t), c.w) + t
		} else {
			t = common.PadRight(t, c.w)
		}
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(t)
	}
	if oneLine {
		b.WriteString(" ACTIVITY")
	}
	return m.Styles.Muted.Render(common.Fit(b.String(), m.innerW()))
}

func arrow(desc bool) string {
	if desc {
		return "↓"
	}
	return "↑"
}

// columnRow renders one activity as columns in one or two lines.
func (m *Model) columnRow(cols []column, oneLine bool, a *model.Activity, mark string, cursor, dim bool) []string {
	st, w := m.Styles, m.innerW()
	var b strings.Builder
	b.WriteString(mark)
	used := markW
	for i, c := range cols {
		if i > 0 {
			b.WriteString(" ")
			used++
		}
		b.WriteString(c.cell(st, a, c.w))
		used += c.w
	}
	if !oneLine {
		line2 := "  " + common.Fit(rowTitle(a), w-2)
		return []string{st.CursorLine(b.String(), w, cursor, dim), st.CursorLine(line2, w, cursor, dim)}
	}
	b.WriteString(" " + common.Fit(rowTitle(a), max(1, w-used-1)))
	return []string{st.CursorLine(b.String(), w, cursor, dim)}
}

func dateText(a *model.Activity) string {
	if d := a.Start(); d != "" {
		return d
	}
	return a.Month + "   "
}

func placeText(a *model.Activity) string {
	if len(a.Sessions) == 0 {
		return ""
	}
	place := model.Inert(a.Sessions[0].Where())
	if len(a.Sessions) > 1 {
		place += " +" + strconv.Itoa(len(a.Sessions)-1)
	}
	return place
}

// branchText is a branch as a column holds it: the Office of the
// Under-Secretary-General as USG.
func branchText(b model.Branch) string {
	if b == model.BranchOUSG {
		return "USG"
	}
	return model.Inert(string(b))
}

// peopleText is the headcount the text gives: "1,500", "≥ 300", "–".
func peopleText(p model.Participants) string {
	if p.People == nil || *p.People < 0 {
		return "–"
	}
	if p.Approximate {
		return "≥ " + model.Thousands(*p.People)
	}
	return model.Thousands(*p.People)
}

// badges are a's pillars as coloured badges in at most w cells (those
// that do not fit give way to "+N"), and their width.
func badges(st *common.Styles, a *model.Activity, w int) (string, int) {
	all := 0
	for i, p := range a.Pillars {
		all += len(p.Pillar) + min(i, 1)
	}
	var out []string
	used := 0
	for i, p := range a.Pillars {
		need := used + min(i, 1) + len(p.Pillar)
		if all > w && need+3 > w {
			more := "+" + strconv.Itoa(len(a.Pillars)-i)
			out = append(out, more)
			used += min(i, 1) + len(more)
			break
		}
		out = append(out, st.Pillar(string(p.Pillar)).Render(string(p.Pillar)))
		used = need
	}
	return strings.Join(out, " "), used
}
