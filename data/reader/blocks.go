package reader

import (
	"regexp"
	"strings"
)

// block is a bullet (or a paragraph) with the line it starts on.
type block struct {
	line   int
	text   string // lines joined with single spaces
	bullet bool
	indent int // columns before the bullet mark
}

// section is a heading and the blocks under it.
type section struct {
	heading string
	line    int
	blocks  []block
}

var (
	headingRE = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	bulletRE  = regexp.MustCompile(`^\s*(?:[-*+•·▪◦●]|–)\s+(.*)$`)
	// boldHeadingRE is a whole line in bold capitals with no digits: some
	// conversions render headings that way instead of with #.
	boldHeadingRE = regexp.MustCompile(`^\s*\*\*([A-Z][A-Z &,'’/-]{3,})\*\*\s*$`)
)

// splitSections turns lines into sections of blocks. Bullets that wrap
// continue on the following non-blank lines; a parenthesis alone on a
// line after blank lines still belongs to the bullet before it, since
// PDF conversion often pushes a bullet's (date, place) down.
func splitSections(lines []string) []section {
	secs := []section{{heading: "", line: 0}}
	cur := &secs[0]
	var open *block // the block being extended
	blank := false  // blank lines seen since the last text line
	for i, raw := range lines {
		n := i + 1
		l := strings.TrimRight(raw, " \t")
		trim := strings.TrimSpace(l)
		if trim == "" {
			blank = true
			continue
		}
		if m := matchIf(headingRE, l, strings.Contains(l, "#")); m != nil {
			secs = append(secs, section{heading: cleanInline(m[2]), line: n})
			cur = &secs[len(secs)-1]
			open, blank = nil, false
			continue
		}
		if m := matchIf(boldHeadingRE, l, strings.Contains(l, "**")); m != nil {
			secs = append(secs, section{heading: strings.TrimSpace(m[1]), line: n})
			cur = &secs[len(secs)-1]
			open, blank = nil, false
			continue
		}
		// A bullet mark followed only by Unicode spaces (which the
		// ASCII-only \s of bulletRE leaves in m[1]) is no bullet.
		if m := matchIf(bulletRE, l, bulletStart(l)); m != nil && strings.TrimSpace(m[1]) != "" {
			indent := len(l) - len(strings.TrimLeft(l, " \t"))
			if open != nil && open.bullet && indent >= open.indent+2 {
				// A sub-bullet belongs to the bullet above it, before
				// the bullet's (date, place) when it has one.
				open.text = insertBeforeParen(open.text, strings.TrimSpace(m[1]))
				blank = false
				continue
			}
			cur.blocks = append(cur.blocks, block{line: n, text: strings.TrimSpace(m[1]), bullet: true, indent: indent})
			open, blank = &cur.blocks[len(cur.blocks)-1], false
			continue
		}
		if open != nil && (!blank || continues(open.text, trim)) {
			open.text += " " + trim
			blank = false
			continue
		}
		cur.blocks = append(cur.blocks, block{line: n, text: trim})
		open, blank = &cur.blocks[len(cur.blocks)-1], false
	}
	return secs
}

// insertBeforeParen adds text to a bullet, before its final
// parenthesis when it ends in one.
func insertBeforeParen(bullet, text string) string {
	if head, inner, ok := finalParen(bullet); ok && strings.HasSuffix(strings.TrimRight(bullet, " ."), ")") {
		return head + " " + text + " (" + inner + ")"
	}
	return bullet + " " + text
}

// continues reports whether a line after blank lines still belongs to
// the bullet before: the bullet has no closing date parenthesis yet and
// the line opens one, or the bullet stops mid-sentence (in an open
// parenthesis, or with no final punctuation) and the line starts in lower
// case.
func continues(prev, next string) bool {
	prev = strings.TrimRight(prev, " ")
	if prev == "" {
		return false
	}
	if strings.HasSuffix(prev, ")") || strings.HasSuffix(prev, ").") {
		return false
	}
	if strings.HasPrefix(next, "(") {
		return true
	}
	if strings.Count(prev, "(") > strings.Count(prev, ")") {
		return true
	}
	last := prev[len(prev)-1]
	if strings.ContainsRune(".!?:;", rune(last)) {
		return false
	}
	return next[0] >= 'a' && next[0] <= 'z'
}

// matchIf is re.FindStringSubmatch(s) when may, which the caller makes a
// cheap test that every match passes, and nil otherwise: most lines are
// neither headings nor bullets, and a regexp costs more than the test.
func matchIf(re *regexp.Regexp, s string, may bool) []string {
	if !may {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// bulletStart reports whether s, after the blanks bulletRE's \s skips,
// starts with one of its bullet marks.
func bulletStart(s string) bool {
	t := strings.TrimLeft(s, "\t\n\f\r ")
	for _, mark := range bulletMarks {
		if strings.HasPrefix(t, mark) {
			return true
		}
	}
	return false
}

var bulletMarks = []string{"-", "*", "+", "•", "·", "▪", "◦", "●", "–"}

var (
	emphasisRE = regexp.MustCompile(`\*\*|__`)
	escapeRE   = regexp.MustCompile(`\\([\\$*_#\[\]()>+!.&-])`)
	spaceRE    = regexp.MustCompile(`\s+`)
)

// cleanInline removes Markdown emphasis and escapes and folds whitespace.
func cleanInline(s string) string {
	// Each replacement runs only when its pattern can match: most text
	// has no emphasis, no escape and no run of spaces, and a regexp pass
	// costs more than the check.
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = emphasisRE.ReplaceAllString(s, "")
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = escapeRE.ReplaceAllString(s, "$1")
	}
	if strings.ContainsAny(s, "\t\n\f\r") || strings.Contains(s, "  ") {
		s = spaceRE.ReplaceAllString(s, " ")
	}
	return strings.TrimSpace(s)
}
