package text

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Frag is a run of text on a page with its box: what PDFium gives for a
// PDF (a run of one font on one line), or what a run of words between
// wide gaps is in text laid out by pdftotext -layout (a character cell
// is a unit square there).
type Frag struct {
	Text           string
	X0, Y0, X1, Y1 float64 // box, y growing downwards from the page's top
	Size           float64 // font size; 0 when unknown
	Bold           bool
}

// Page is one page's runs of text.
type Page struct {
	Num           int // from 1
	Width, Height float64
	Frags         []Frag
	// Grid is text from a character grid (pdftotext), where sizes and
	// weights are unknown and a column's runs are already split at
	// wide gaps.
	Grid bool
}

// piece is runs of text on one line of one column, merged.
type piece struct {
	text           string
	x0, y0, x1, y1 float64
	size           float64
	bold           bool
	page           int
	leaf           int // which block of the page's reading order
	grid           bool
}

func (p *piece) cy() float64 { return (p.y0 + p.y1) / 2 }

// pieces merges a page's runs into lines of columns: runs on the same
// line closer than a column gap, and a bullet glyph with its text
// however far its hanging indent puts it.
func pieces(pg Page, unit float64) []*piece {
	frags := slices.Clone(pg.Frags)
	slices.SortStableFunc(frags, func(a, b Frag) int {
		return cmp.Or(cmp.Compare(a.Y0+a.Y1, b.Y0+b.Y1), cmp.Compare(a.X0, b.X0))
	})
	// Rows: runs whose vertical centres are within half a line, or a
	// small run (a bullet glyph, a superscript) within a taller one's
	// height: half the glyph's height is no measure of the line. A run
	// is measured against the run of the row nearest it across the
	// page, not a row's first or tallest: beside other columns, whose
	// lines stand a little higher or lower, or a heading of larger
	// type, a row measured by one run drifts from line to line.
	var rows [][]Frag
	for _, f := range frags {
		c := (f.Y0 + f.Y1) / 2
		h := max(f.Y1-f.Y0, 0.1)
		best, bestD, adj := -1, 0.0, false
		for i := len(rows) - 1; i >= 0; i-- {
			if c-(rows[i][0].Y0+rows[i][0].Y1)/2 > 3*h+30 {
				break
			}
			g, gap := nearestX(rows[i], f)
			// A run beside a word of the row, its box overlapping the
			// word's, is on the word's line whatever its centre: "(30"
			// stands taller than "December", a dash thinner.
			if g.Y0 < f.Y1 && f.Y0 < g.Y1 && gap < sizeOf(f) {
				if !adj || gap < bestD {
					best, bestD, adj = i, gap, true
				}
				continue
			}
			gc, gh := (g.Y0+g.Y1)/2, max(g.Y1-g.Y0, 0.1)
			if d := abs(c - gc); !adj && (d < min(h, gh)*0.5 || within(f, g) || within(g, f)) && (best < 0 || d < bestD) {
				best, bestD = i, d
			}
		}
		if best < 0 {
			rows = append(rows, []Frag{f})
			continue
		}
		rows[best] = append(rows[best], f)
	}
	var out []*piece
	for _, r := range rows {
		slices.SortFunc(r, func(a, b Frag) int { return cmp.Compare(a.X0, b.X0) })
		var cur *piece
		var boldN, n int
		flush := func() {
			if cur != nil {
				cur.bold = boldN*2 > n
				cur.text = strings.TrimSpace(cur.text)
				if cur.text != "" {
					out = append(out, cur)
				}
			}
		}
		for _, f := range r {
			size := f.Size
			if size <= 0 {
				size = unit
			}
			gap := 0.0
			if cur != nil {
				gap = f.X0 - cur.x1
			}
			glyph := cur != nil && isBulletMark(strings.TrimSpace(cur.text))
			// A word space is measured in the smaller type: a big KPI
			// figure is not the next word of the line beside it.
			join := cur != nil && (glyph && gap < 6*size || !pg.Grid && gap < 1.0*min(size, cur.size) || pg.Grid && gap < 2)
			if !join {
				flush()
				cur = &piece{x0: f.X0, y0: f.Y0, x1: f.X1, y1: f.Y1, size: size, page: pg.Num, grid: pg.Grid}
				boldN, n = 0, 0
				cur.text = f.Text
			} else {
				sep := ""
				if !strings.HasSuffix(cur.text, " ") && !strings.HasPrefix(f.Text, " ") &&
					!strings.HasSuffix(cur.text, "\u0002") && (pg.Grid || gap > 0.15*size || glyph) {
					sep = " "
				}
				cur.text += sep + f.Text
				cur.x1 = max(cur.x1, f.X1)
				cur.y0, cur.y1 = min(cur.y0, f.Y0), max(cur.y1, f.Y1)
				cur.size = max(cur.size, size)
			}
			k := utf8.RuneCountInString(strings.TrimSpace(f.Text))
			n += k
			if f.Bold {
				boldN += k
			}
		}
		flush()
	}
	if !pg.Grid {
		out = glyphsToText(out)
	}
	return out
}

// glyphsToText puts a bullet glyph left alone on its row with the text
// it marks: the nearest piece to its right, on its line and within its
// hanging indent. A glyph, small and centred on the x-height, may be
// taken into the row of a line beside in another column whose centre
// is nearer than its own line's.
func glyphsToText(ps []*piece) []*piece {
	drop := map[*piece]bool{}
	for _, g := range ps {
		if !isBulletMark(g.text) {
			continue
		}
		var best *piece
		for _, p := range ps {
			if p == g || drop[p] || p.x0 <= g.x1 || p.x0-g.x1 > 6*g.size || g.cy() <= p.y0 || g.cy() >= p.y1 {
				continue
			}
			if best == nil || p.x0 < best.x0 {
				best = p
			}
		}
		if best != nil && !isBulletMark(best.text) {
			best.text = g.text + " " + best.text
			best.x0 = g.x0
			drop[g] = true
		}
	}
	if len(drop) == 0 {
		return ps
	}
	out := ps[:0]
	for _, p := range ps {
		if !drop[p] {
			out = append(out, p)
		}
	}
	return out
}

// readingOrder splits pieces into the blocks a reader reads one after
// the other (a recursive cut of the page at its gutters): columns left
// to right, and bands that span the columns (a title, a heading band, a
// footer) where they stand. It numbers each piece's block and returns
// the pieces in reading order.
func readingOrder(ps []*piece, gutter float64) []*piece {
	var out []*piece
	leaf := 0
	var walk func(ps []*piece, depth int)
	walk = func(ps []*piece, depth int) {
		if len(ps) == 0 {
			return
		}
		if parts, ok := cut(ps, gutter); ok && depth < 40 {
			for _, p := range parts {
				walk(p, depth+1)
			}
			return
		}
		ps = byLine(ps)
		for _, p := range ps {
			p.leaf = leaf
		}
		leaf++
		out = append(out, ps...)
	}
	walk(ps, 0)
	return out
}

// byLine orders a block's pieces top to bottom and, on one line, left
// to right. Pieces of one line are not sorted by their tops: a run's box
// is as tall as its glyphs, so "rammatic" stands lower than
// "cooperation. (14" beside it, and a justified line whose wide gaps
// split it would be read with its first word last.
func byLine(ps []*piece) []*piece {
	slices.SortStableFunc(ps, func(a, b *piece) int { return cmp.Or(cmp.Compare(a.cy(), b.cy()), cmp.Compare(a.x0, b.x0)) })
	var out []*piece
	for i := 0; i < len(ps); {
		j := i + 1
		lo, hi := ps[i].y0, ps[i].y1
		for j < len(ps) {
			h := min(hi-lo, ps[j].y1-ps[j].y0)
			if abs(ps[j].cy()-(lo+hi)/2) >= 0.5*max(h, 0.1) {
				break
			}
			lo, hi = min(lo, ps[j].y0), max(hi, ps[j].y1)
			j++
		}
		line := ps[i:j]
		slices.SortStableFunc(line, func(a, b *piece) int { return cmp.Compare(a.x0, b.x0) })
		out = append(out, line...)
		i = j
	}
	return out
}

// cut splits pieces at the best vertical gutter: left of it, then right.
// Pieces that cross the gutter (a band over the columns) cut the region
// into horizontal bands first, each read in turn.
func cut(ps []*piece, gutter float64) ([][]*piece, bool) {
	if len(ps) < 2 {
		return nil, false
	}
	bestC, bestG, bestCross, found := 0.0, 0.0, len(ps), false
	for _, a := range ps {
		c := a.x1
		g := 1e18
		for _, b := range ps {
			if b.x0 > c && b.x0 < g {
				g = b.x0
			}
		}
		if g == 1e18 || g-c < gutter {
			continue
		}
		left, right, cross := 0, 0, 0
		for _, b := range ps {
			switch {
			case b.x1 <= c:
				left++
			case b.x0 >= g:
				right++
			default:
				cross++
			}
		}
		if left == 0 || right == 0 || cross > max(1, len(ps)/5) {
			continue
		}
		if !found || cross < bestCross || cross == bestCross && g-c > bestG-bestC {
			bestC, bestG, bestCross, found = c, g, cross, true
		}
	}
	if !found {
		return nil, false
	}
	if bestCross == 0 {
		var l, r []*piece
		for _, b := range ps {
			if b.x1 <= bestC {
				l = append(l, b)
			} else {
				r = append(r, b)
			}
		}
		return [][]*piece{l, r}, true
	}
	// Bands: the stretches between the crossing pieces, and each
	// crossing piece with what stands beside it.
	var cross []*piece
	for _, b := range ps {
		if b.x1 > bestC && b.x0 < bestG {
			cross = append(cross, b)
		}
	}
	slices.SortFunc(cross, func(a, b *piece) int { return cmp.Compare(a.y0, b.y0) })
	var bounds []float64 // y where bands change
	for _, c := range cross {
		bounds = append(bounds, c.y0, c.y1)
	}
	slices.Sort(bounds)
	bands := make([][]*piece, len(bounds)+1)
	for _, b := range ps {
		i, _ := slices.BinarySearch(bounds, b.cy())
		bands[i] = append(bands[i], b)
	}
	var parts [][]*piece
	for _, b := range bands {
		if len(b) == len(ps) {
			return nil, false
		}
		if len(b) > 0 {
			parts = append(parts, b)
		}
	}
	return parts, true
}

// nearestX is the run of row nearest f across the page, and the gap
// between them (0 when they overlap).
func nearestX(row []Frag, f Frag) (Frag, float64) {
	var best Frag
	bestGap := -1.0
	for _, g := range row {
		gap := max(g.X0-f.X1, f.X0-g.X1, 0)
		if bestGap < 0 || gap < bestGap {
			best, bestGap = g, gap
		}
	}
	return best, bestGap
}

// sizeOf is a run's type size, or its height when the size is unknown.
func sizeOf(f Frag) float64 {
	if f.Size > 0 {
		return f.Size
	}
	return f.Y1 - f.Y0
}

// within reports whether small is a mark of a character or two (a
// bullet glyph, a footnote's star), shorter than big, whose vertical
// centre lies inside big's box. Whole words are not taken so: a line
// beside a big KPI figure is not on the figure's line.
func within(small, big Frag) bool {
	c := (small.Y0 + small.Y1) / 2
	return utf8.RuneCountInString(strings.TrimSpace(small.Text)) <= 2 &&
		small.Y1-small.Y0 < big.Y1-big.Y0 && c > big.Y0 && c < big.Y1
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// isBulletMark reports whether s is only a bullet glyph.
func isBulletMark(s string) bool {
	return s != "" && strings.Contains(bulletGlyphs, s) && utf8.RuneCountInString(s) == 1
}

const bulletGlyphs = "•▪–-●◦·■►➢○\uf0b7\uf0a7"

// bulletText is the text of a bulleted line without its mark: a glyph,
// or a number ("1.", "2)"), followed by a space, or a glyph stuck to the
// text.
func bulletText(s string) (string, bool) {
	r, n := utf8.DecodeRuneInString(s)
	if strings.ContainsRune(bulletGlyphs, r) {
		rest := s[n:]
		if r == '-' || r == '–' || r == '*' {
			// A dash is a bullet only before a space: "-based" is not.
			if !strings.HasPrefix(rest, " ") {
				return s, false
			}
		}
		rest = strings.TrimLeft(rest, " \t")
		if rest == "" {
			return s, false
		}
		return rest, true
	}
	i := 0
	for i < len(s) && i < 2 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return strings.TrimSpace(s[i+2:]), true
	}
	return s, false
}

// isCaps reports whether s is written in capitals: letters, most of
// them upper case, at least four.
func isCaps(s string) bool {
	up, low := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		}
	}
	return up >= 4 && low*10 <= up
}
