package text

import (
	"regexp"
	"strings"
	"unicode/utf8"
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
		figure   bool // starts with a KPI figure
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
		l.figure = figure
		leaves = append(leaves, l)
		i = j
	}
	var order []*leaf
	for n, l := range leaves {
		at := len(order)
		if l.headless && l.acts {
			for at > 0 && !order[at-1].acts {
				at--
			}
			if at == 0 {
				at = len(order)
			}
		} else if l.headless && !l.figure && n > 0 && leaves[n-1].ps[0].page != l.ps[0].page &&
			at > 0 && order[at-1].acts {
			// The top of a page that holds no activities, after
			// activities: the rest of a side column (a mandate's list
			// item, a list of donors carried over), which goes on that
			// column when it stopped mid-list or mid-sentence, unless
			// it may as well be the rest of the activities' last
			// bullet (both stopped mid-sentence and it starts no item).
			k := at
			for k > 0 && order[k-1].acts {
				k--
			}
			_, item := bulletText(l.ps[0].text)
			if k > 0 && leafOpen(order[k-1].ps) && (item || !leafOpen(order[at-1].ps)) {
				at = k
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

// leafOpen reports whether a leaf of the reading order stops where its
// text cannot end: after a list item that ends in ";" or ",", or in
// the middle of a sentence, not after a full stop or a closing
// parenthesis.
func leafOpen(ps []*piece) bool {
	t := strings.TrimSpace(ps[len(ps)-1].text)
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".!?)”\"", r)
}

// titleRow joins to a page's title what stands on the title's line: a
// month set at the right of "UNOCT HIGHLIGHTS" stands over a column,
// and read with that column it would be a heading in the middle of its
// activities. The title is the largest type in the top tenth of the
// page.
func titleRow(ps []*piece, pg Page, unit float64) []*piece {
	var title *piece
	for _, p := range ps {
		if p.size >= 1.5*unit && (pg.Height == 0 || p.y1 < pg.Height*0.1) && (title == nil || p.size > title.size) {
			title = p
		}
	}
	if title == nil {
		return ps
	}
	out := ps[:0]
	for _, p := range ps {
		if p != title && p.cy() > title.y0 && p.cy() < title.y1 && p.size < title.size {
			title.text += " " + p.text
			title.x1 = max(title.x1, p.x1)
			continue
		}
		out = append(out, p)
	}
	return out
}
