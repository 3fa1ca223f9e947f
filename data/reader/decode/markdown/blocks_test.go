package markdown

import (
	"strconv"
	"strings"
	"testing"
)

// TestSplitSections covers the shapes PDF conversion gives a document.
func TestSplitSections(t *testing.T) {
	doc := strings.Join([]string{
		"## HIGHLIGHTS",                          // 1
		"",                                       // 2
		"- UNOCT organized a workshop  ",         // 3 wraps with two trailing spaces
		"on border security in Mali.",            // 4
		"",                                       // 5
		"(3 June, Bamako)",                       // 6 the parenthesis pushed down
		"- UNCCT trained officials (10-",         // 7 a parenthesis broken across lines
		"12 June, Niamey)",                       // 8
		"  - sub-point of the bullet above",      // 9 a sub-bullet
		"**CAPACITY-BUILDING**",                  // 10 a bold heading
		"* UNCCT held a meeting (4 June, Rabat)", // 11
		"## SPECIAL PROJECTS",                    // 12
		"1. UNOCT trained officers (7 June, Vienna)", // 13 an ordered list
		"2) UNOCT held a workshop (9 June, Doha)",    // 14
	}, "\n")
	secs := splitSections(strings.Split(doc, "\n"))
	var got []string
	for _, s := range secs {
		for _, b := range s.Blocks {
			got = append(got, s.Heading+"|"+strconv.Itoa(b.Line)+"|"+b.Text)
		}
	}
	want := []string{
		"HIGHLIGHTS|3|UNOCT organized a workshop on border security in Mali. (3 June, Bamako)",
		"HIGHLIGHTS|7|UNCCT trained officials sub-point of the bullet above (10- 12 June, Niamey)",
		"CAPACITY-BUILDING|11|UNCCT held a meeting (4 June, Rabat)",
		"SPECIAL PROJECTS|13|UNOCT trained officers (7 June, Vienna)",
		"SPECIAL PROJECTS|14|UNOCT held a workshop (9 June, Doha)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
