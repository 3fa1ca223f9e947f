package gen

// Layout: the document's sections become a list of boxes (a heading
// band, one line of a paragraph, a row of KPI boxes), measured for a
// column's width; the boxes are then poured into frames (the columns of
// each page) in order. Lines are justified with a capped stretch of the
// spaces and hyphenated at their ends, as the office's documents are:
// loosely justified lines make some text extractors split words apart,
// and the decoder must meet line-end hyphens.

import (
	"slices"
	"strings"
	"unicode"
)

const ptMM = 0.352778 // one point in millimetres

// fontSpec is a font as drawn: family "sans" or "serif", weight, size
// in points.
type fontSpec struct {
	family string
	bold   bool
	size   float64
}

// op is one thing drawn on a page: a filled rectangle, a line, or a
// text at its baseline.
type op struct {
	kind       opKind
	x, y, w, h float64 // a line goes from (x, y) to (x+w, y+h)
	color      rgb
	font       fontSpec
	text       string
	order      int // 1 for a heading's text, which some layouts draw first
}

type opKind int

const (
	opRect opKind = iota
	opLine
	opText
)

// box is an unbreakable piece of a flow.
type box struct {
	h     float64 // height, mm
	gap   float64 // space above it, dropped at the top of a frame
	keep  bool    // keep with the next box (a heading with its first line)
	shade bool    // part of the shaded reference box (sideEnd)
	draw  func(x, y float64) []op
}

// frame is a column of a page that boxes are poured into.
type frame struct {
	page       int
	x, y, w, h float64
}

// measurer gives text widths in mm, from the fonts of the PDF being
// written; it caches them, since the same words come back.
type measurer struct {
	width func(f fontSpec, s string) float64
	cache map[fontSpec]map[string]float64
}

// w is the width of s in f.
func (m *measurer) w(f fontSpec, s string) float64 {
	c := m.cache[f]
	if c == nil {
		c = map[string]float64{}
		m.cache[f] = c
	}
	if v, ok := c[s]; ok {
		return v
	}
	v := m.width(f, s)
	c[s] = v
	return v
}

// word is the width of a word, each piece in its weight.
func (m *measurer) word(f fontSpec, w word) float64 {
	t := 0.0
	for _, p := range w {
		t += m.w(f.weight(f.bold || p.bold), p.text)
	}
	return t
}

// weight is f in bold or not: a bold piece of a plain line, or any
// piece of a bold line (a heading), is drawn bold.
func (f fontSpec) weight(bold bool) fontSpec { f.bold = bold; return f }

// lineHeight is the height of a line of f, mm.
func (st *pstyle) lineHeight(f fontSpec) float64 { return f.size * ptMM * st.leading }

// baseline is where text of f sits in a line of height lh starting at y.
func baseline(f fontSpec, y, lh float64) float64 {
	return y + (lh-f.size*ptMM)/2 + f.size*ptMM*0.8
}

// tline is a line of text: its words, and whether it ends its
// paragraph (not justified).
type tline struct {
	words []word
	last  bool
}

// How breakLines may break a word at a line's end.
type hyphenation int

const (
	hyNone    hyphenation = iota // never: a word too wide stands alone
	hyHyphens                    // after a hyphen the word holds (headings)
	hyAll                        // there, and between syllables (text)
)

// breakLines fills lines of width wd with words, greedily, hyphenating
// the word that does not fit when part of it does.
func breakLines(m *measurer, f fontSpec, ws []word, wd float64, hy hyphenation) []tline {
	ws = slices.Clone(ws) // a split word's rest replaces it
	space := m.w(f, " ")
	var out []tline
	var cur []word
	used := 0.0
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		ww := m.word(f, w)
		need := ww
		if len(cur) > 0 {
			need += space
		}
		if used+need <= wd {
			cur = append(cur, w)
			used += need
			continue
		}
		room := wd - used
		if len(cur) > 0 {
			room -= space
		}
		if hy != hyNone {
			if head, tail, ok := splitWord(m, f, w, room, hy == hyAll); ok {
				cur = append(cur, head)
				out = append(out, tline{words: cur})
				cur, used = nil, 0
				ws[i] = tail // the rest starts the next line
				i--
				continue
			}
		}
		if len(cur) == 0 { // a word wider than the column stands alone
			cur = append(cur, w)
			used = ww
			continue
		}
		out = append(out, tline{words: cur})
		cur, used = []word{w}, ww
	}
	if len(cur) > 0 {
		out = append(out, tline{words: cur, last: true})
	}
	return out
}

// splitWord cuts a one-piece word at the last break that leaves a head
// (with its hyphen) no wider than room.
func splitWord(m *measurer, f fontSpec, w word, room float64, syllables bool) (word, word, bool) {
	if len(w) != 1 || room <= 0 {
		return nil, nil, false
	}
	s := w[0].text
	pts := breakPoints(s, syllables)
	for i := len(pts) - 1; i >= 0; i-- {
		at := pts[i]
		head := s[:at]
		if !strings.HasSuffix(head, "-") {
			head += "-"
		}
		if m.w(f.weight(f.bold || w[0].bold), head) <= room {
			return word{{head, w[0].bold}}, word{{s[at:], w[0].bold}}, true
		}
	}
	return nil, nil, false
}

// breakPoints are the byte offsets where a word may break at a line's
// end: after a hyphen it holds between two letters ("capacity-|building"),
// and, with syllables, in a word of lower-case letters, between
// syllables as a simple rule sees them (two consonants between vowels, before a common suffix).
// Each side keeps three letters at least.
func breakPoints(s string, syllables bool) []int {
	var pts []int
	for i := 1; i < len(s)-1; i++ {
		if s[i] == '-' && isLetter(s[i-1]) && isLetter(s[i+1]) && i >= 2 && len(s)-i > 3 {
			pts = append(pts, i+1)
		}
	}
	core := strings.TrimRight(s, ",.;:)")
	if !syllables || len(core) < 7 || strings.IndexFunc(core, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return pts
	}
	for i := 3; i <= len(core)-3; i++ {
		if syllableBreak(core, i) {
			pts = append(pts, i)
		}
	}
	return pts
}

var (
	suffixes = []string{"tion", "sion", "ment", "ing", "ity", "ance", "ence", "ness"}
	digraphs = []string{"th", "ch", "sh", "ph", "gh", "wh", "ck", "qu"}
	onsets   = []string{"pr", "tr", "br", "cr", "dr", "gr", "fr", "pl", "bl", "cl", "fl", "gl"}
)

// syllableBreak reports whether a lower-case word may break before
// byte i.
func syllableBreak(w string, i int) bool {
	for _, suf := range suffixes {
		if i >= 4 && (w[i:] == suf || strings.HasPrefix(w[i:], suf) && len(w)-i-len(suf) <= 1) {
			return !isVowel(w[i-1]) || suf[0] != w[i-1]
		}
	}
	if i+1 >= len(w) {
		return false
	}
	if slices.Contains(digraphs, w[i-1:i+1]) {
		return false
	}
	if !isVowel(w[i-2]) || isVowel(w[i-1]) || isVowel(w[i]) {
		return false
	}
	// V C|C V ("con|sul"), or V C|CC V before a consonant and r or l
	// ("con|tract").
	return isVowel(w[i+1]) || i+2 < len(w) && isVowel(w[i+2]) && slices.Contains(onsets, w[i:i+2])
}

// isVowel and isLetter read ASCII bytes: hyphenation only cuts plain
// English words.
func isVowel(c byte) bool  { return strings.IndexByte("aeiouy", c) >= 0 }
func isLetter(c byte) bool { return c < 0x80 && unicode.IsLetter(rune(c)) }

// drawLine draws a line of words from x at the top y of a line of
// height lh in a column wd wide: justified unless it ends its
// paragraph, its spaces stretched no more than the style allows.
func (st *pstyle) drawLine(m *measurer, f fontSpec, color rgb, l tline, x, y, lh, wd float64) []op {
	space := m.w(f, " ")
	natural := 0.0
	for _, w := range l.words {
		natural += m.word(f, w)
	}
	gap := space
	if n := len(l.words) - 1; !l.last && n > 0 {
		gap = min(max(space, (wd-natural)/float64(n)), space*st.stretch)
	}
	var ops []op
	by := baseline(f, y, lh)
	for _, w := range l.words {
		for _, p := range w {
			pf := f.weight(f.bold || p.bold)
			ops = append(ops, op{kind: opText, x: x, y: by, color: color, font: pf, text: p.text})
			x += m.w(pf, p.text)
		}
		x += gap
	}
	return ops
}

// pour places boxes into the frames next gives, in order, and returns
// the ops of each page (by page index) and the spans of shaded boxes
// per frame, so that their background can be drawn under them.
func pour(boxes []box, next func(i int) frame, pages map[int][]op, shades map[frame][2]float64) {
	fi := 0
	fr := next(fi)
	y := fr.y
	for i := 0; i < len(boxes); i++ {
		need := boxes[i].h
		if y > fr.y {
			need += boxes[i].gap
		}
		for j := i; boxes[j].keep && j+1 < len(boxes); j++ {
			need += boxes[j+1].gap + boxes[j+1].h
		}
		if y+need > fr.y+fr.h && y > fr.y {
			fi++
			fr = next(fi)
			y = fr.y
		}
		b := boxes[i]
		if y > fr.y {
			y += b.gap
		}
		pages[fr.page] = append(pages[fr.page], b.draw(fr.x, y)...)
		if b.shade {
			s, ok := shades[fr]
			if !ok {
				s[0] = y
			}
			s[1] = y + b.h
			shades[fr] = s
		}
		y += b.h
	}
}
