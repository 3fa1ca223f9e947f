package text

import (
	"regexp"
	"strings"
)

// dateParIn is a (date, place) parenthesis anywhere in a text: what
// tells a column of activities from a column of reference text.
var dateParIn = regexp.MustCompile(`(?i)\((?:[^()]*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b[^()]*|[^()]*\d{1,2}[-–/]\d{1,2}[^()]*)\)`)

// flowOrder keeps the activities' flow together across a side column.
// Read page by page, a side column (the strategy's pillars, the mandate,
// the contributors) stands between the last column of one page and the
// first of the next, so the activities that go on over the page would
// fall under the side column's last heading. A block of the reading
// order that starts with body text or a KPI figure rather than a
// heading, and holds
// activities, goes on the flow of the last block before it that holds
// activities: it is moved right after that one.
func flowOrder(ps []*piece, unit float64) []*piece {
	type leaf struct {
		ps       []*piece
		acts     bool // holds a (date, place) parenthesis
		headless bool // starts with body text
	}
	var leaves []*leaf
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && ps[j].page == ps[i].page && ps[j].leaf == ps[i].leaf {
			j++
		}
		l := &leaf{ps: ps[i:j]}
		var b strings.Builder
		for _, p := range l.ps {
			b.WriteString(p.text + " ")
		}
		l.acts = dateParIn.MatchString(b.String())
		f := l.ps[0]
		// A KPI figure is no heading: the boxes of a section may
		// stand at the top of the next page.
		figure := figureRE.MatchString(f.text) || figureHdr.MatchString(f.text)
		l.headless = figure || f.size < 1.18*unit && !(f.bold && isCaps(f.text))
		leaves = append(leaves, l)
		i = j
	}
	var order []*leaf
	for _, l := range leaves {
		at := len(order)
		if l.headless && l.acts {
			for at > 0 && !order[at-1].acts {
				at--
			}
			if at == 0 {
				at = len(order)
			}
		}
		order = append(order, nil)
		copy(order[at+1:], order[at:])
		order[at] = l
	}
	out := make([]*piece, 0, len(ps))
	for _, l := range order {
		out = append(out, l.ps...)
	}
	return out
}
