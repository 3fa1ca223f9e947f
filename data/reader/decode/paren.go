package decode

import "strings"

// FinalParen splits a block's text into its text and the content of its
// final parenthesis, where an activity's (date, place) stands. ok is
// false when the text does not end in a parenthesis. A parenthesis left
// open at the very end ("(7 February, New York") is accepted too: PDF
// conversion sometimes loses the closing mark.
func FinalParen(s string) (text, inner string, ok bool) {
	t := strings.TrimRight(s, " .;")
	if strings.HasSuffix(t, ")") {
		depth := 0
		for i := len(t) - 1; i >= 0; i-- {
			switch t[i] {
			case ')':
				depth++
			case '(':
				depth--
				if depth == 0 {
					return strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1 : len(t)-1]), true
				}
			}
		}
		return s, "", false
	}
	// An unclosed last parenthesis.
	if i := strings.LastIndexByte(t, '('); i >= 0 && !strings.ContainsRune(t[i:], ')') {
		return strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:]), true
	}
	return s, "", false
}
