package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
)

// encodeTable writes the records in their kind's terminal layout:
// activities as they come, other kinds gathered first.
func encodeTable(w io.Writer, st Stream, width int) error {
	if _, ok := st.kind.(activities); ok {
		return activityTable(w, st, width)
	}
	r, err := st.gather()
	if err != nil {
		return err
	}
	return r.table(w, width)
}

// table writes a plain table fitted to width: the text column takes
// what the others leave.
func (as activities) table(w io.Writer, width int) error { return activityTable(w, One(as), width) }

// tableRow is an activity's cells in the table.
type tableRow [6]string

func newTableRow(a *model.Activity) tableRow {
	place := ""
	if len(a.Sessions) > 0 {
		place = a.Sessions[0].Where()
		if len(a.Sessions) > 1 {
			place += fmt.Sprintf(" +%d", len(a.Sessions)-1)
		}
	}
	var ps []string
	for _, p := range a.Pillars {
		ps = append(ps, string(p.Pillar))
	}
	id := strconv.FormatUint(uint64(a.ID), 10)
	if len(a.Corrected) > 0 {
		id += model.CorrectedMark // a person corrected some field: unoct show says which
	}
	return tableRow{id, a.Start(), model.Inert(place), string(a.Kind), strings.Join(ps, ","), a.Headline(1000)}
}

// activityTable writes a stream of activities as a table. The columns
// are as wide as their widest cell among all the activities, so it
// reads the stream twice: a first pass measures (holding no row), the
// second writes. On a terminal a listing that long is rare; into a pipe
// list writes tab-separated values, which need no measuring.
func activityTable(w io.Writer, st Stream, width int) error {
	if width <= 0 {
		width = 1 << 16
	}
	header := tableRow{"ID", "DATE", "PLACE", "KIND", "PILLARS", "ACTIVITY"}
	var widths [6]int
	measure := func(r tableRow) {
		for j := 0; j < 5; j++ {
			widths[j] = max(widths[j], ansi.StringWidth(r[j]))
		}
	}
	measure(header)
	err := st.pages(func(r Records) error {
		as := r.(activities)
		for i := range as {
			measure(newTableRow(&as[i]))
		}
		return nil
	})
	if err != nil {
		return err
	}
	widths[2] = min(widths[2], 24)
	used := 0
	for j := 0; j < 5; j++ {
		used += widths[j] + 2
	}
	// On a narrow terminal the place column gives way first (down to 5
	// cells), then each line is cut at the width: nothing wraps.
	if over := used + 10 - width; over > 0 && widths[2] > 5 {
		cut := min(over, widths[2]-5)
		widths[2] -= cut
		used -= cut
	}
	widths[5] = max(10, width-used)
	var b strings.Builder
	line := func(r tableRow) error {
		b.Reset()
		for j := 0; j < 6; j++ {
			cell := ansi.Truncate(r[j], widths[j], "…")
			b.WriteString(cell)
			if j < 5 {
				b.WriteString(strings.Repeat(" ", widths[j]-ansi.StringWidth(cell)+2))
			}
		}
		line := strings.TrimRight(b.String(), " ")
		if ansi.StringWidth(line) > width {
			line = ansi.Truncate(line, width, "…")
		}
		_, err := fmt.Fprintln(w, line)
		return err
	}
	if err := line(header); err != nil {
		return err
	}
	return st.pages(func(r Records) error {
		as := r.(activities)
		for i := range as {
			if err := line(newTableRow(&as[i])); err != nil {
				return err
			}
		}
		return nil
	})
}

// table writes a label and a count a line, the labels cut to 60 cells
// so that the counts line up on any terminal; width does not change it.
func (c counts) table(w io.Writer, _ int) error {
	lw := 0
	for _, l := range c.labels {
		lw = max(lw, ansi.StringWidth(l))
	}
	lw = min(lw, 60)
	for i, l := range c.labels {
		l = ansi.Truncate(l, lw, "…")
		l += strings.Repeat(" ", max(0, lw-ansi.StringWidth(l)))
		if _, err := fmt.Fprintf(w, "%s  %6d\n", l, c.vals[i].Count); err != nil {
			return err
		}
	}
	return nil
}
