package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
)

// encodeTable writes the records in their kind's terminal layout.
func encodeTable(w io.Writer, r Records, width int) error { return r.table(w, width) }

// table writes a plain table fitted to width: the text column takes
// what the others leave.
func (as activities) table(w io.Writer, width int) error {
	if width <= 0 {
		width = 1 << 16
	}
	type row [6]string
	rows := []row{{"ID", "DATE", "PLACE", "KIND", "PILLARS", "ACTIVITY"}}
	for i := range as {
		a := &as[i]
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
		rows = append(rows, row{strconv.FormatUint(uint64(a.ID), 10), a.Start(), model.Inert(place), string(a.Kind), strings.Join(ps, ","), a.Headline(1000)})
	}
	var widths [6]int
	for _, r := range rows {
		for j := 0; j < 5; j++ {
			widths[j] = max(widths[j], ansi.StringWidth(r[j]))
		}
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
	for _, r := range rows {
		var b strings.Builder
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
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
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
