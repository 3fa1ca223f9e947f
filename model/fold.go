package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces s to the form in which names are compared: it lowercases,
// decomposes (NFKD) and drops the combining marks, so that accents and
// other diacritics go ("Côte" -> "cote"), spells out the few Latin letters
// that carry a stroke or are ligatures rather than a combining mark (đ ð ø
// ł ħ ŧ ı ß æ œ þ), maps "&" to "and", turns every rune that is not a
// letter or digit into a space (modifier letters such as ʻ and ʼ count as
// punctuation) and collapses runs of spaces, trimming both ends.
//
//	Fold("Côte d’Ivoire")     == "cote d ivoire"
//	Fold("Counter-Terrorism") == "counter terrorism"
//	Fold("Bosnia & Herzegovina") == "bosnia and herzegovina"
//
// Fold is idempotent: Fold(Fold(s)) == Fold(s).
func Fold(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // at start, or after a space: suppress further spaces
	emit := func(r rune) {
		if r == ' ' {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			return
		}
		b.WriteRune(r)
		space = false
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r == '&':
			emit(' ')
			b.WriteString("and")
			space = false
			emit(' ')
		case unicode.Is(unicode.M, r):
			// A combining mark left by the decomposition: drop it.
		case r >= 0x02B0 && r <= 0x02FF:
			// Spacing modifier letters (ʻ ʼ ˈ ...) stand for apostrophes
			// and stress marks in romanized names.
			emit(' ')
		case unicode.IsLetter(r):
			r = unicode.ToLower(r)
			if sp, ok := foldSpecial[r]; ok {
				for _, c := range sp {
					emit(c)
				}
				continue
			}
			emit(r)
		case unicode.IsDigit(r):
			emit(r)
		default:
			emit(' ')
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// foldSpecial spells Latin letters that NFKD does not decompose.
var foldSpecial = map[rune]string{
	'đ': "d", 'ð': "d", 'ø': "o", 'ł': "l", 'ħ': "h", 'ŧ': "t", 'ı': "i",
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ŀ': "l", 'ĸ': "k",
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII is Fold for ASCII input, without the normalization pass.
func foldASCII(s string) string {
	// Fast path: already folded (lowercase letters, digits, single inner
	// spaces) needs no allocation.
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ':
		default:
			clean = false
		}
		if !clean {
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s)+4)
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
			space = false
		case c >= 'A' && c <= 'Z':
			b = append(b, c+('a'-'A'))
			space = false
		case c == '&':
			if !space {
				b = append(b, ' ')
			}
			b = append(b, "and "...)
			space = true
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
	}
	if len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// Words splits folded text into its words.
func Words(s string) []string {
	return strings.Fields(Fold(s))
}
