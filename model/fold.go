package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces text to the form every comparison in unoct uses: lower case,
// accents removed, "&" read as "and", and every rune that is not a letter or
// a digit turned into a space, with spaces collapsed. "Côte d’Ivoire" folds
// to "cote d ivoire" and "Counter-Terrorism" to "counter terrorism", so
// names match however a document happens to spell them.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining accent
		case r == '&':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
		case r == '\'' || r == '’' || r == 'ʼ':
			// Apostrophes join: "Cote d'Ivoire" and "Cote d Ivoire" both
			// fold to "cote d ivoire", but "Member States'" loses its mark.
			if !space {
				b.WriteByte(' ')
				space = true
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Words splits folded text into its words.
func Words(s string) []string {
	return strings.Fields(Fold(s))
}
