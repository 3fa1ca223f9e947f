package common

import (
	"strings"

	"charm.land/bubbles/v2/viewport"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// This file holds the drawing helpers every component uses, so that all
// cut, pad and frame text alike.

// Width is the number of cells s takes on screen.
func Width(s string) int { return lipgloss.Width(s) }

// Fit cuts s to at most w cells, ending with "…" when it was longer.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// FitLeft cuts s to at most w cells from the left, starting with "…"
// when it was longer: the end of a path is the part that matters.
func FitLeft(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	if w <= 1 {
		return Fit(s, w)
	}
	return "…" + ansi.TruncateLeft(s, lipgloss.Width(s)-w+1, "")
}

// Hang wraps s to w cells, the first line indented by first spaces and
// the others by rest.
func Hang(s string, w, first, rest int) string {
	body := lipgloss.NewStyle().Width(max(1, w-rest)).Render(s)
	lines := strings.Split(body, "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = strings.Repeat(" ", first) + lines[i]
		} else {
			lines[i] = strings.Repeat(" ", rest) + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// Pad returns the spaces that take a line from width from to width to.
func Pad(from, to int) string {
	if to <= from {
		return ""
	}
	return strings.Repeat(" ", to-from)
}

// PadRight pads s with spaces to w cells.
func PadRight(s string, w int) string { return s + Pad(lipgloss.Width(s), w) }

// Clamp bounds v to [lo, hi]; when hi < lo the result is lo.
func Clamp(v, lo, hi int) int {
	if v > hi {
		v = hi
	}
	if v < lo {
		v = lo
	}
	return v
}

// Plural picks one or many by n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Block fits content to exactly w×h cells: lines are cut or padded and
// missing lines added, so panes line up whatever their content.
func Block(content string, w, h int) []string {
	lines := strings.Split(content, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = PadRight(Fit(l, w), w)
	}
	return lines
}

// Frame is the cells a box's border and padding take: FrameW across
// (a border and a space each side) and FrameH down.
const (
	FrameW = 4
	FrameH = 2
)

// Box draws content in a rounded box of w×h cells, one space in from
// each side (so content is w-FrameW wide and h-FrameH high), with title
// set in the top border and right, if any, at the top border's right
// end. The border is bright when the box has the focus.
func (s *Styles) Box(title, right, content string, w, h int, focused bool) string {
	if w < 2 || h < 2 {
		return ""
	}
	bs, ts := s.BorderBlurred, s.TitleBlurred
	if focused {
		bs, ts = s.BorderFocused, s.TitleFocused
	}
	b := lipgloss.RoundedBorder()
	inner := w - 2
	if focused && s.Plain {
		title = "* " + title
	}
	t := Fit(" "+title+" ", max(0, inner-2))
	r := ""
	if right != "" {
		r = Fit(" "+right+" ", max(0, inner-3-lipgloss.Width(t)))
	}
	fill := max(0, inner-1-lipgloss.Width(t)-lipgloss.Width(r)-1)
	if r == "" {
		fill++
	}
	var sb strings.Builder
	sb.WriteString(bs.Render(b.TopLeft+b.Top) + ts.Render(t) + bs.Render(strings.Repeat(b.Top, fill)))
	if r != "" {
		sb.WriteString(s.Muted.Render(r) + bs.Render(b.Top))
	}
	sb.WriteString(bs.Render(b.TopRight))
	for _, l := range Block(content, max(0, inner-2), h-2) {
		sb.WriteString("\n" + bs.Render(b.Left) + " " + l + " " + bs.Render(b.Right))
	}
	sb.WriteString("\n" + bs.Render(b.BottomLeft+strings.Repeat(b.Bottom, inner)+b.BottomRight))
	return sb.String()
}

// CursorLine pads a line to w and styles it as the cursor row when it
// is: bright in a pane with the focus, dim (dim) in one without. With
// Plain styles the row also starts with ">" in place of its first
// cell, which rows keep blank for marks, so that it shows on a
// terminal that draws no styling.
func (s *Styles) CursorLine(line string, w int, cursor, dim bool) string {
	line += Pad(lipgloss.Width(line), w)
	if s.Plain && (cursor || dim) {
		line = CursorMark(line) // styled as a whole below: its spans go
	}
	switch {
	case cursor:
		return s.Cursor.Render(ansi.Strip(line))
	case dim:
		return s.CursorDim.Render(ansi.Strip(line))
	}
	return line
}

// ScrollHint is the border note of a view that scrolls: how to close
// it, and whether more is below.
func ScrollHint(vp viewport.Model) string {
	if vp.AtBottom() {
		return "esc closes"
	}
	return "↓ more · esc closes"
}

// NewViewport returns a viewport that takes no keys and no wheel of its
// own: components route both through the shared navigation keys.
func NewViewport() viewport.Model {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{}
	vp.MouseWheelEnabled = false
	return vp
}

// CursorMark puts ">" in the first cell of a row: over a blank, which
// rows keep for marks, or else before the row, taking a space from its
// first gap of two (or its last cell) so that its width stays.
func CursorMark(line string) string {
	plain := ansi.Strip(line)
	if strings.HasPrefix(plain, " ") {
		return ">" + plain[1:]
	}
	if i := strings.Index(plain, "  "); i >= 0 {
		return ">" + plain[:i] + plain[i+1:]
	}
	return ">" + ansi.Truncate(plain, max(0, lipgloss.Width(plain)-1), "")
}
