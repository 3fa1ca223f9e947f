package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// lipglossWidth is the number of cells s takes on screen.
func lipglossWidth(s string) int { return lipgloss.Width(s) }

// fit cuts s to at most w cells, ending with "…" when it was longer.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// fitLeft cuts s to at most w cells from the left, starting with "…"
// when it was longer: the end of a path is the part that matters.
func fitLeft(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	if w <= 1 {
		return fit(s, w)
	}
	return "…" + ansi.TruncateLeft(s, lipgloss.Width(s)-w+1, "")
}

// hang wraps s to w cells, the first line indented by first spaces and
// the others by rest.
func hang(s string, w, first, rest int) string {
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

// pad returns the spaces that take a line from width from to width to.
func pad(from, to int) string {
	if to <= from {
		return ""
	}
	return strings.Repeat(" ", to-from)
}

// padRight pads s with spaces to w cells.
func padRight(s string, w int) string { return s + pad(lipgloss.Width(s), w) }

// clampInt bounds v to [lo, hi]; when hi < lo the result is lo.
func clampInt(v, lo, hi int) int {
	if v > hi {
		v = hi
	}
	if v < lo {
		v = lo
	}
	return v
}

// block fits content to exactly w×h cells: lines are cut or padded and
// missing lines added, so panes line up whatever their content.
func block(content string, w, h int) []string {
	lines := strings.Split(content, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = padRight(fit(l, w), w)
	}
	return lines
}

// pane draws content in a rounded box of w×h cells, one space in from
// each side (so content is w-4 wide and h-2 high), with title set in the
// top border and right, if any, at the top border's right end.
func (s Styles) pane(title, right, content string, w, h int, focused bool) string {
	if w < 2 || h < 2 {
		return ""
	}
	bs, ts := s.BorderBlurred, s.TitleBlurred
	if focused {
		bs, ts = s.BorderFocused, s.TitleFocused
	}
	b := lipgloss.RoundedBorder()
	inner := w - 2
	t := fit(" "+title+" ", max(0, inner-2))
	r := ""
	if right != "" {
		r = fit(" "+right+" ", max(0, inner-3-lipgloss.Width(t)))
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
	for _, l := range block(content, max(0, inner-2), h-2) {
		sb.WriteString("\n" + bs.Render(b.Left) + " " + l + " " + bs.Render(b.Right))
	}
	sb.WriteString("\n" + bs.Render(b.BottomLeft+strings.Repeat(b.Bottom, inner)+b.BottomRight))
	return sb.String()
}

// paneFrameW is the cells a pane's border and padding take across.
const paneFrameW = 4

// rect is a pane's place on the screen, for the mouse.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}
