package model

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Inert makes text from a document safe to put on a terminal or in a
// cell: escape sequences (CSI, OSC, DCS...) are removed whole, and every
// remaining control character, bidi override and zero-width character is
// dropped, except that tabs and newlines become spaces. Text read from
// documents is data; it must never move the cursor, set a title or write
// the clipboard.
func Inert(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = ansi.Strip(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r == unicode.ReplacementChar:
			return r
		case unicode.IsControl(r):
			return -1
		case unicode.Is(unicode.Cf, r): // format: bidi overrides, zero-width joiners, BOM
			return -1
		}
		return r
	}, s)
}
