package markdown

import (
	"regexp"
	"testing"
)

// bulletRE is what bulletItem reads, as the regexp it replaced.
var bulletRE = regexp.MustCompile(`^\s*(?:[-*+•·▪◦●]|–|\d{1,2}[.)])\s+(.*)$`)

// TestBulletItem compares bulletItem with the regexp on lines made of
// every piece a list item has, and some it must refuse.
func TestBulletItem(t *testing.T) {
	lead := []string{"", " ", "   ", "\t", " \f\r", "\u00a0"}
	marks := []string{"-", "*", "+", "•", "·", "▪", "◦", "●", "–", "—", "1.", "1)", "12.", "12)", "123.", "1", "12", "x.", "0.", "99)", "1.5", "#", "**", "--", ""}
	gaps := []string{"", " ", "  ", "\t", " \t ", "\u00a0", "\u2003 "}
	texts := []string{"", "Text", "x", " trailing ", "UNOCT held a workshop (3 March, Vienna)", "a\nb", "– dash", "1. nested"}
	n := 0
	for _, l := range lead {
		for _, m := range marks {
			for _, g := range gaps {
				for _, x := range texts {
					line := l + m + g + x
					want := bulletRE.FindStringSubmatch(line)
					got, ok := bulletItem(line)
					n++
					switch {
					case want == nil && ok:
						t.Errorf("bulletItem(%q) = %q, true; the regexp does not match", line, got)
					case want != nil && !ok:
						t.Errorf("bulletItem(%q) refused it; the regexp reads %q", line, want[1])
					case want != nil && got != want[1]:
						t.Errorf("bulletItem(%q) = %q, want %q", line, got, want[1])
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d lines tried", n)
	}
}
