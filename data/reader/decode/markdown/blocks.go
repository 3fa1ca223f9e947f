package markdown

import (
	"regexp"
	"strings"

	"github.com/unoct/unoct/data/reader/decode"
)

var (
	headingRE = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	// boldHeadingRE is a whole line in bold capitals with no digits: some
	// conversions render headings that way instead of with #.
	boldHeadingRE = regexp.MustCompile(`^\s*\*\*([A-Z][A-Z &,'’/-]{3,})\*\*\s*$`)
)

// splitSections turns lines into sections of blocks. Bullets that wrap
// continue on the following non-blank lines; a parenthesis alone on a
// line after blank lines still belongs to the bullet before it, since
// PDF conversion often pushes a bullet's (date, place) down.
func splitSections(lines []string) []decode.Section {
	secs := []decode.Section{{Heading: "", Line: 0}}
	cur := &secs[0]
	var open *decode.Block // the block being extended
	blank := false         // blank lines seen since the last text line
	for i, raw := range lines {
		n := i + 1
		l := strings.TrimRight(raw, " \t")
		trim := strings.TrimSpace(l)
		if trim == "" {
			blank = true
			continue
		}
		if m := matchIf(headingRE, l, strings.Contains(l, "#")); m != nil {
			secs = append(secs, decode.Section{Heading: decode.CleanInline(m[2]), Line: n})
			cur = &secs[len(secs)-1]
			open, blank = nil, false
			continue
		}
		if m := matchIf(boldHeadingRE, l, strings.Contains(l, "**")); m != nil {
			secs = append(secs, decode.Section{Heading: strings.TrimSpace(m[1]), Line: n})
			cur = &secs[len(secs)-1]
			open, blank = nil, false
			continue
		}
		// A bullet mark followed only by Unicode spaces (which the
		// ASCII-only blanks of bulletItem leave in its text) is no
		// bullet.
		if item, ok := bulletItem(l); ok && strings.TrimSpace(item) != "" {
			indent := len(l) - len(strings.TrimLeft(l, " \t"))
			if open != nil && open.Bullet && indent >= open.Indent+2 {
				// A sub-bullet belongs to the bullet above it, before
				// the bullet's (date, place) when it has one.
				open.Text = insertBeforeParen(open.Text, strings.TrimSpace(item))
				blank = false
				continue
			}
			cur.Blocks = append(cur.Blocks, decode.Block{Line: n, Text: strings.TrimSpace(item), Bullet: true, Indent: indent})
			open, blank = &cur.Blocks[len(cur.Blocks)-1], false
			continue
		}
		if open != nil && (!blank || continues(open.Text, trim)) {
			open.Text += " " + trim
			blank = false
			continue
		}
		cur.Blocks = append(cur.Blocks, decode.Block{Line: n, Text: trim})
		open, blank = &cur.Blocks[len(cur.Blocks)-1], false
	}
	return secs
}

// insertBeforeParen adds text to a bullet, before its final
// parenthesis when it ends in one.
func insertBeforeParen(bullet, text string) string {
	if head, inner, ok := decode.FinalParen(bullet); ok && strings.HasSuffix(strings.TrimRight(bullet, " ."), ")") {
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

// blanks are the characters a regexp's \s matches.
const blanks = "\t\n\f\r "

// bulletItem reads a list item: blanks, a bullet mark or the number of
// an ordered list ("1." or "1)", which some conversions give a PDF's
// numbered activities), at least one blank, and the item's text, which
// it returns. It is the regexp ^\s*(?:[-*+•·▪◦●]|–|\d{1,2}[.)])\s+(.*)$
// written out (TestBulletItem compares them): most lines of a document
// are bullets, and the regexp was a tenth of the reader's time.
func bulletItem(l string) (string, bool) {
	t := strings.TrimLeft(l, blanks)
	mark := 0
	if d := digitsAtMost2(t); d > 0 {
		if d < len(t) && (t[d] == '.' || t[d] == ')') {
			mark = d + 1
		}
	} else {
		for _, m := range bulletMarks {
			if strings.HasPrefix(t, m) {
				mark = len(m)
				break
			}
		}
	}
	if mark == 0 {
		return "", false
	}
	after := t[mark:]
	item := strings.TrimLeft(after, blanks)
	if len(item) == len(after) || strings.IndexByte(item, '\n') >= 0 {
		return "", false
	}
	return item, true
}

// digitsAtMost2 is how many ASCII digits start s, when that is one or
// two; 0 otherwise (three digits are no list number).
func digitsAtMost2(s string) int {
	n := 0
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 3 {
		return 0
	}
	return n
}

var bulletMarks = []string{"-", "*", "+", "•", "·", "▪", "◦", "●", "–"}
