package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
)

// writeTable writes a plain table fitted to width: the text column takes
// what the others leave.
func writeTable(w io.Writer, acts []model.Activity, width int) error {
	if width <= 0 {
		width = 1 << 16
	}
	type row [6]string
	rows := []row{{"ID", "DATE", "PLACE", "KIND", "PILLARS", "ACTIVITY"}}
	for i := range acts {
		a := &acts[i]
		place := ""
		if len(a.Sessions) > 0 {
			place = PlaceLabel(a.Sessions[0])
			if len(a.Sessions) > 1 {
				place += fmt.Sprintf(" +%d", len(a.Sessions)-1)
			}
		}
		var ps []string
		for _, p := range a.Pillars {
			ps = append(ps, string(p.Pillar))
		}
		rows = append(rows, row{strconv.FormatUint(uint64(a.ID), 10), a.Start(), model.Inert(place), string(a.Kind), strings.Join(ps, ","), Title(a.Text, 1000)})
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
