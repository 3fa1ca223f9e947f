package decode

import (
	"regexp"
	"testing"
)

// TestCleanInline_AsRegexps: the emphasis and blank folding written out
// give what the regexps they replaced gave.
func TestCleanInline_AsRegexps(t *testing.T) {
	emphasisRE := regexp.MustCompile(`\*\*|__`)
	spaceRE := regexp.MustCompile(`\s+`)
	pieces := []string{"", "a", "**", "*", "***", "__", "_", "___", " ", "  ", "\t", "\n\r", "\f", "\u00a0", "\u2003", "é", "x y", "**b**", "__i__"}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				s := a + b + c
				if got, want := emphasis.Replace(s), emphasisRE.ReplaceAllString(s, ""); got != want {
					t.Errorf("emphasis(%q) = %q, the regexp gives %q", s, got, want)
				}
				if got, want := foldBlanks(s), spaceRE.ReplaceAllString(s, " "); got != want {
					t.Errorf("foldBlanks(%q) = %q, the regexp gives %q", s, got, want)
				}
			}
		}
	}
}
