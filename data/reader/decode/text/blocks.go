package text

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/unoct/unoct/data/reader/decode"
)

type blockKind int

const (
	kPara blockKind = iota
	kBullet
	kHeading
	kFigure
)

// block is a heading, bullet, paragraph or KPI figure being rebuilt from
// its lines.
type block struct {
	kind   blockKind
	lines  []string
	page   int
	leaf   int // page*1000+leaf of its last line
	from   int // page*1000+leaf of its first line
	x0     float64
	x1     float64 // right edge of its first line (a KPI figure's)
	y0     float64 // top of its last line
	textX  float64 // where its continuation lines start
	y1     float64
	size   float64
	closed bool // ended by a blank or what follows it
}

var (
	figureRE  = regexp.MustCompile(`^[\d][\d,.]*\s?\+?%?$`)
	figureHdr = regexp.MustCompile(`^([\d][\d,.]*\+?)\s+(\S.*)$`)
	datePar   = regexp.MustCompile(`(?i)\((?:[^()]*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b[^()]*|[^()]*\d{1,2}[-–/]\d{1,2}[^()]*)\)\s*\.?\s*$`)
	urlRE     = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|\S+\.(?:org|com|int|net)(?:/\S*)?\b`)
	// webRE is a link within the text: a bare domain there may be a
	// name ("Amazon.com, Inc."), so only one with a scheme, "www." or a
	// path is taken for a link.
	webRE     = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|\S+\.(?:org|com|int|net)/\S*`)
	hashtagRE = regexp.MustCompile(`(?:^|\s)#\p{L}[\p{L}\p{N}_]*`)
	// runningHeadRE is a page's running head: the document's name or
	// month ("UNOCT Highlights | February 2020").
	runningHeadRE = regexp.MustCompile(`(?i)^(?:unoct\s+)?highlights\b|^(?:[a-z]+\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}$`)
	pageNumRE     = regexp.MustCompile(`(?i)^(?:page\s*)?\d{1,3}(?:\s*(?:/|\||of)\s*\d{1,3})?$`)
)

// FromPages rebuilds a document from the runs of text of its pages and
// decodes the rebuilt text: what the PDF decoder and the decoder of
// laid-out text share. It refuses pages with no text (a scan). Words
// are what a word broken at a line's end is checked against (nil: the
// document's own words only).
func FromPages(pages []Page, words decode.Words) (*decode.Doc, error) {
	chars := 0
	for _, p := range pages {
		for _, f := range p.Frags {
			chars += utf8.RuneCountInString(strings.TrimSpace(f.Text))
		}
	}
	if chars < 40 {
		return nil, &decode.Error{Msg: "the PDF has no text layer: its pages are images (a scan)",
			Hint: "give the PDF the office published, or run the scan through OCR (e.g. ocrmypdf) and import the result"}
	}
	keep := Rebuild(pages, words)
	return DecodeKeep([]byte(keep))
}

// Rebuild is the text of pages in reading order, as Markdown: headings
// as "## ", bullets as "- " on one line each, KPI figures as bold lines
// ("**234 individuals trained**"), paragraphs between blank lines, and a
// "<!-- page N -->" line where each page starts. Headers, footers, page
// numbers, links and hashtags are left out; words broken by the PDF
// are mended.
func Rebuild(pages []Page, words decode.Words) string {
	unit := bodySize(pages)
	var all []*piece
	for _, pg := range pages {
		ps := pieces(pg, unit)
		ps = dropFurniture(ps, pg, pages, unit)
		if !pg.Grid {
			ps = titleRow(ps, pg, unit)
		}
		gutter := 0.9 * unit
		if pg.Grid {
			gutter = 2
		}
		all = append(all, readingOrder(ps, gutter)...)
	}
	all = flowOrder(all, unit)
	blocks := rejoinSentences(rejoinParens(assemble(all, unit)))
	vocab := vocabulary(blocks)
	var b strings.Builder
	b.WriteString(keepHeader + "\n")
	page := 0
	prev := kHeading
	for _, bl := range blocks {
		t := mend(bl.lines, vocab, words)
		if t == "" {
			continue
		}
		if bl.page != page {
			page = bl.page
			fmt.Fprintf(&b, "\n<!-- page %d -->\n", page)
			prev = kHeading
		}
		switch bl.kind {
		case kHeading:
			b.WriteString("\n## " + t + "\n\n")
		case kFigure:
			b.WriteString("\n**" + t + "**\n\n")
		case kBullet:
			if prev != kBullet {
				b.WriteString("\n")
			}
			b.WriteString("- " + t + "\n")
		default:
			if datePar.MatchString(t) {
				// A paragraph that ends in a (date, place) is an
				// activity whose bullet is only its indentation.
				if prev != kBullet {
					b.WriteString("\n")
				}
				b.WriteString("- " + t + "\n")
				bl.kind = kBullet
			} else {
				b.WriteString("\n" + escapeLine(t) + "\n\n")
			}
		}
		prev = bl.kind
	}
	return b.String()
}

// escapeLine keeps a paragraph from reading as a heading or bullet.
func escapeLine(s string) string {
	if strings.HasPrefix(s, "#") || strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") || strings.HasPrefix(s, "+ ") {
		return `\` + s
	}
	return s
}

// bodySize is the size most characters are set in.
func bodySize(pages []Page) float64 {
	count := map[float64]int{}
	grid := false
	for _, p := range pages {
		grid = grid || p.Grid
		for _, f := range p.Frags {
			if f.Size > 0 {
				count[math.Round(f.Size*2)/2] += utf8.RuneCountInString(f.Text)
			}
		}
	}
	best, n := 10.0, 0
	if grid {
		best = 1
	}
	for s, c := range count {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

// dropFurniture leaves out what is not the document's text: page
// numbers, lines of links and hashtags (a footer), and a running header
// (a line at the top of a page that the first page has at its top too).
func dropFurniture(ps []*piece, pg Page, pages []Page, unit float64) []*piece {
	out := ps[:0]
	for _, p := range ps {
		t := p.text
		// A bare domain ("un.org/counterterrorism") is a link in the
		// footer; in the text it may be a name ("Amazon.com, Inc.").
		edge := pg.Height > 0 && (p.y1 < pg.Height*0.1 || p.y0 > pg.Height*0.9)
		if mayLink(t) && (edge || pg.Grid) {
			t = urlRE.ReplaceAllString(t, " ")
		} else if mayLink(t) {
			t = webRE.ReplaceAllString(t, " ")
		}
		if strings.Contains(t, "#") {
			t = hashtagRE.ReplaceAllString(t, " ")
		}
		t = strings.TrimSpace(t)
		t = strings.Trim(t, " |·•-–@")
		if t == "" {
			continue
		}
		// A page number is small type in the page's top or bottom
		// margin: a big figure is a KPI.
		first, last := p == ps[0], p == ps[len(ps)-1]
		if pageNumRE.MatchString(t) && (pg.Grid && (first || last) || !pg.Grid && edge && p.size < 1.3*unit) {
			continue
		}
		if pg.Num > 1 && pg.Height > 0 && p.y1 < pg.Height*0.08 && !pg.Grid && (onFirstPage(p.text, pages) || runningHeadRE.MatchString(t)) {
			continue
		}
		out = append(out, p)
	}
	return out
}

func onFirstPage(s string, pages []Page) bool {
	if len(pages) == 0 {
		return false
	}
	for _, f := range pages[0].Frags {
		if f.Y1 < pages[0].Height*0.08 && strings.TrimSpace(f.Text) == strings.TrimSpace(s) {
			return true
		}
	}
	return false
}

// assemble groups lines, in reading order, into blocks.
func assemble(ps []*piece, unit float64) []*block {
	var blocks []*block
	var cur *block
	var row []*block // the row of KPI figures being read
	pitch := pitches(ps, unit)
	var rowY0 float64
	open := func(kind blockKind, p *piece, text string) {
		cur = &block{kind: kind, lines: []string{text}, page: p.page, leaf: p.page*1000 + p.leaf, from: p.page*1000 + p.leaf,
			x0: p.x0, x1: p.x1, textX: p.x0, y0: p.y0, y1: p.y1, size: p.size}
		blocks = append(blocks, cur)
	}
	for _, p := range ps {
		t := clean(p.text)
		if t == "" {
			continue
		}
		if debugAssemble {
			println(p.page, p.leaf, int(p.x0), int(p.y0), t)
		}
		leaf := p.page*1000 + p.leaf
		sameLeaf := cur != nil && cur.leaf == leaf
		near := sameLeaf && p.y0-cur.y1 < lineGap(p, unit)
		if pt := pitch[leaf]; sameLeaf && pt > 0 && p.size <= 1.1*unit {
			// The column's own line spacing: in text laid out by
			// pdftotext, a column beside another may stand on every
			// other line.
			near = p.y0-cur.y0 <= 1.3*pt
		}
		if p.grid && sameLeaf && !near && p.y0-cur.y0 <= 2 && midSentence(cur, t) {
			// One blank line inside a sentence: pdftotext -layout
			// puts a column's lines on every other line where the
			// column beside it has its lines in between.
			near = true
		}
		if p.grid && sameLeaf && !near && cur.kind == kBullet && p.y0-cur.y0 <= 4 && abs(p.x0-cur.textX) < 0.5 &&
			!datePar.MatchString(cur.lines[len(cur.lines)-1]) {
			// A line at a bullet's hanging indent, a few lines down:
			// blank lines pdftotext -layout leaves where a column
			// beside has taller type.
			near = true
		}
		// Headings: larger type, or bold capitals, or capitals alone
		// where the text has no fonts.
		big := !p.grid && p.size >= 1.18*unit
		body := strings.TrimRight(t, " :")
		heading := !figureRE.MatchString(t) && !strings.HasSuffix(t, ")") && utf8.RuneCountInString(t) < 100 &&
			(big && !figureHdr.MatchString(t) || isCaps(body) && (p.bold || p.grid) && !strings.HasSuffix(t, ","))
		switch {
		case !p.grid && p.size >= 1.5*unit && (figureRE.MatchString(t) || figureHdr.MatchString(t)) || p.grid && figureRE.MatchString(t):
			// KPI boxes side by side: a row of figures, each then
			// taking the labels under it.
			// Text without layout lists the figures one under another,
			// then their labels.
			stacked := p.grid && cur != nil && cur.kind == kFigure && p.y0-cur.y1 < 3
			if len(row) == 0 || row[0].leaf != leaf || abs(p.y0-rowY0) > p.size/2 && !stacked {
				row, rowY0 = nil, p.y0
			}
			open(kFigure, p, t)
			row = append(row, cur)
		case len(row) > 0 && sameLeaf && (p.size < row[0].size || p.grid && isLabel(t)) && labelOf(row, p, unit) != nil:
			f := labelOf(row, p, unit)
			f.lines = append(f.lines, t)
			f.y1 = p.y1
			continue
		case heading:
			// In pdftotext -layout a heading's two lines may stand a
			// blank line apart, where a column beside is taller.
			gridNext := p.grid && sameLeaf && abs(p.x0-cur.x0) < 0.5 &&
				(p.y0-cur.y0 <= 2 || p.y0-cur.y0 <= 4 && unfinished(cur.lines[len(cur.lines)-1]))
			if cur != nil && cur.kind == kHeading && (near || gridNext) && !cur.closed {
				cur.lines = append(cur.lines, t)
			} else {
				open(kHeading, p, t)
			}
		default:
			if dashGoesOn(cur, p, t, near) {
				// A dash that starts a line inside an open parenthesis
				// ("(31 May" / "– 1 June, Manila)") or under a bold
				// caption ("CENTRE" / "- Since January 2018:") is the
				// text's, not a bullet.
				cur.lines = append(cur.lines, t)
				if cur.kind == kHeading && !isCaps(strings.Join(cur.lines, " ")) {
					// A caption in capitals that goes on in lower
					// case is a line of text, as it is when it fits
					// on one line.
					cur.kind = kPara
				}
				break
			}
			if bt, ok := bulletText(t); ok {
				open(kBullet, p, bt)
				cur.textX = p.x0 + 0.8*unit
				if p.grid {
					cur.textX = p.x0 + float64(utf8.RuneCountInString(t[:strings.Index(t, bt)]))
				}
				break
			}
			if cur != nil && (cur.kind == kBullet || cur.kind == kPara) && !cur.closed &&
				continues(cur, p, t, near, sameLeaf, unit) {
				cur.lines = append(cur.lines, t)
				if !sameLeaf {
					// Its mark is where it was: in the new column
					// its lines stand at the hanging indent.
					cur.x0, cur.textX = p.x0-unit, p.x0
				}
				break
			}
			open(kPara, p, t)
		}
		if cur.kind != kFigure {
			row = nil
		}
		cur.leaf, cur.y0, cur.y1 = leaf, p.y0, p.y1
	}
	return blocks
}

// pitches is each block's line spacing of body text: the commonest
// distance between the tops of lines that follow each other.
func pitches(ps []*piece, unit float64) map[int]float64 {
	counts := map[int]map[float64]int{}
	for i := 1; i < len(ps); i++ {
		a, b := ps[i-1], ps[i]
		if a.page != b.page || a.leaf != b.leaf || a.size > 1.1*unit || b.size > 1.1*unit {
			continue
		}
		d := math.Round((b.y0-a.y0)*2) / 2
		if d <= 0 {
			continue
		}
		k := b.page*1000 + b.leaf
		if counts[k] == nil {
			counts[k] = map[float64]int{}
		}
		counts[k][d]++
	}
	out := map[int]float64{}
	for k, c := range counts {
		best, n := 0.0, 0
		for d, m := range c {
			if m > n || m == n && d < best {
				best, n = d, m
			}
		}
		if n >= 2 {
			out[k] = best
		}
	}
	return out
}

// labelOf is the figure of a row that a line of smaller type right
// under it labels: the one it starts under, nil when none.
func labelOf(row []*block, p *piece, unit float64) *block {
	var best *block
	bottom := 0.0
	for _, f := range row {
		bottom = max(bottom, f.y1)
	}
	if !p.grid {
		// A label centred under its figure starts left of it: the
		// figure whose centre is nearest the label's, among those it
		// stands right under and overlaps.
		// A label's second line stands a line of the label's type
		// under its first, not a figure's.
		c := (p.x0 + p.x1) / 2
		for _, f := range row {
			gap := 0.8 * f.size
			if len(f.lines) > 1 {
				gap = 0.8 * p.size
			}
			if p.y0 > f.y1-f.size/2 && p.y0-f.y1 < gap && p.x0 < f.x1 && p.x1 > f.x0 &&
				(best == nil || abs((f.x0+f.x1)/2-c) < abs((best.x0+best.x1)/2-c)) {
				best = f
			}
		}
		if best != nil {
			return best
		}
	}
	for _, f := range row {
		under := f.x0 <= p.x0+unit && p.y0 > f.y1-f.size/2
		if p.grid {
			under = under && p.y0-bottom < 5 && utf8.RuneCountInString(p.text) < 60
		} else {
			under = under && p.y0-f.y1 < 0.8*f.size
		}
		if !under {
			continue
		}
		// The rightmost figure it starts under; in text without
		// layout, the first figure that has no label yet.
		if best == nil || len(best.lines) > 1 && len(f.lines) == 1 || f.x0 > best.x0 && (len(f.lines) == 1 || len(best.lines) > 1) {
			best = f
		}
	}
	return best
}

// lineGap is how far below a block's last line its next line may start:
// more is a blank line between paragraphs.
func lineGap(p *piece, unit float64) float64 {
	if p.grid {
		return 0.5 // the next line of the grid, not one after a blank
	}
	return 0.6 * max(p.size, unit)
}

// continues reports whether line t (piece p) goes on the block before:
// the next line of the same column, not back at the block's left edge
// after the block's closing (date, place); or, across a column or page
// break, a block left mid-sentence.
func continues(b *block, p *piece, t string, near, sameLeaf bool, unit float64) bool {
	last := b.lines[len(b.lines)-1]
	ended := strings.HasSuffix(strings.TrimRight(last, " ."), ")") && datePar.MatchString(strings.Join(b.lines, " "))
	if near {
		if ended {
			return false
		}
		if b.kind == kBullet && p.x0 < b.x0-0.3*unit {
			return false // left of the bullet's mark: text after the list
		}
		return true
	}
	if sameLeaf || ended {
		return false
	}
	// Another column or page: carry on a block that stopped mid-way.
	if strings.HasPrefix(t, "(") {
		return true
	}
	if b.kind == kBullet && !p.grid && !strings.ContainsAny(lastRune(last), ".;:!?)") && !dateParIn.MatchString(strings.Join(b.lines, " ")) {
		// A bullet stopped mid-sentence with no (date, place) yet goes
		// on over the break: a line without a bullet mark is not a
		// new bullet, whatever its first letter ("the UN Global" /
		// "Counter-Terrorism Strategy").
		return true
	}
	if strings.Count(strings.Join(b.lines, " "), "(") > strings.Count(strings.Join(b.lines, " "), ")") {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(last))
	f, _ := utf8.DecodeRuneInString(t)
	if strings.ContainsRune(".!?:;)", r) {
		return false
	}
	// A line ending in a comma, a hyphen or a word that cannot end a
	// sentence goes on whatever the next starts with ("Border
	// Security and" / "Management Good Practices").
	lw := strings.ToLower(lastWord(last))
	return unicode.IsLower(f) || unicode.IsDigit(f) || r == ',' || r == '-' || r == '\u0002' || joiners[lw]
}

// dashGoesOn reports whether line t, which starts with a dash, goes on
// block b: b is open and near, and either inside a parenthesis or a
// heading the bold line continues.
func dashGoesOn(b *block, p *piece, t string, near bool) bool {
	if b == nil || b.closed || !near || !(strings.HasPrefix(t, "– ") || strings.HasPrefix(t, "- ")) {
		return false
	}
	all := strings.Join(b.lines, " ")
	switch b.kind {
	case kBullet, kPara:
		return strings.Count(all, "(") > strings.Count(all, ")")
	case kHeading:
		return p.bold && !p.grid
	}
	return false
}

// lastRune is the last character of s but spaces.
func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return string(r)
}

// joiners are words a sentence does not end on.
var joiners = map[string]bool{"and": true, "or": true, "of": true, "the": true, "for": true, "with": true, "in": true,
	"on": true, "to": true, "by": true, "a": true, "an": true, "from": true, "at": true, "between": true, "its": true,
	"their": true, "as": true, "into": true, "through": true, "under": true, "against": true, "including": true}

// vocabulary is the words of the blocks, lower case, with how often
// each is written whole: what mending a broken word checks against. A
// word right after a hyphen that ends a line or a word ("rep-" /
// "resentatives", "capacity- building") is not counted: it may be the
// rest of a broken word, and counting it would make the fragment look
// like a word the document writes.
func vocabulary(blocks []*block) map[string]int {
	v := map[string]int{}
	for _, b := range blocks {
		afterHyphen := false
		for _, l := range b.lines {
			for _, w := range strings.Fields(l) {
				broken := afterHyphen
				afterHyphen = strings.HasSuffix(w, "-") || strings.HasSuffix(w, "\u0002")
				w = strings.ToLower(strings.TrimFunc(w, notWordRune))
				if w != "" && !broken && !strings.ContainsRune(w, '\u0002') {
					v[w]++
				}
			}
		}
	}
	return v
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '’' && r != '\''
}

// midSentence reports whether line t continues block b's last line
// mid-sentence: b stops on a hyphen or without closing punctuation and t
// starts in lower case or with a parenthesis.
func midSentence(b *block, t string) bool {
	last := strings.TrimSpace(b.lines[len(b.lines)-1])
	r, _ := utf8.DecodeLastRuneInString(last)
	f, _ := utf8.DecodeRuneInString(t)
	return (b.kind == kBullet || b.kind == kPara) && !strings.ContainsRune(".!?:;)", r) && (unicode.IsLower(f) || f == '(' || r == '-')
}

var debugAssemble = false

// isLabel reports whether a line of text without sizes can be a KPI
// figure's label: a few words, no bullet, no sentence.
func isLabel(t string) bool {
	if _, ok := bulletText(t); ok {
		return false
	}
	return len(strings.Fields(t)) <= 5 && !strings.ContainsAny(t[len(t)-1:], ".)")
}

// unfinished reports whether a heading's line stops where it cannot
// end: on "&", a comma, a hyphen or a word like "and".
func unfinished(l string) bool {
	l = strings.TrimSpace(l)
	return strings.HasSuffix(l, "&") || strings.HasSuffix(l, ",") || strings.HasSuffix(l, "-") || joiners[strings.ToLower(lastWord(l))]
}

// rejoinParens puts the rest of a date parenthesis that a page break cut
// off back on its bullet. A page's side boxes and footnotes are read
// after its columns, so the end of the last bullet ("… Member States.
// (5–6") and its rest at the top of the next page ("February, Muzaffarnagar)")
// have those between them: the first block of a page that closes a
// parenthesis goes on the last bullet before it that left one open, when
// the two make a (date, place), and no dated bullet came between.
func rejoinParens(blocks []*block) []*block {
	var open *block // the last bullet, when it left a parenthesis open
	out := blocks[:0]
	for i, b := range blocks {
		text := strings.Join(b.lines, " ")
		firstOnPage := i == 0 || blocks[i-1].page != b.page
		if open != nil && b.kind == kPara && firstOnPage && b.page > open.page &&
			strings.Count(text, ")") > strings.Count(text, "(") &&
			datePar.MatchString(strings.Join(open.lines, " ")+" "+text) {
			open.lines = append(open.lines, b.lines...)
			open = nil
			continue
		}
		switch {
		case b.kind == kBullet && strings.Count(text, "(") > strings.Count(text, ")"):
			open = b
		case b.kind == kBullet && datePar.MatchString(text) && (open == nil || b.page >= open.page):
			// A later activity: the flow has gone on. The bullets
			// of a side box (a list of donors) have no date and
			// leave the open one waiting.
			open = nil
		}
		out = append(out, b)
	}
	return out
}

// rejoinSentences puts back together a bullet that a column or page
// break cut where one of its sentences ended: "… with funding from
// Morocco." at the foot of a column and "317 representatives … took
// part. (3 March, Rabat)" at the top of the next read as a bullet and a
// paragraph. The paragraph that opens a column right after a bullet with
// no date of its own, and ends with the date parenthesis that bullet
// lacks, is the bullet's rest.
func rejoinSentences(blocks []*block) []*block {
	out := blocks[:0]
	for i, b := range blocks {
		if i > 0 && b.kind == kPara && len(out) > 0 && out[len(out)-1] == blocks[i-1] {
			prev := blocks[i-1]
			if prev.kind == kBullet && b.from != prev.leaf && !datePar.MatchString(strings.Join(prev.lines, " ")) &&
				datePar.MatchString(strings.Join(b.lines, " ")) {
				prev.lines = append(prev.lines, b.lines...)
				prev.leaf = b.leaf
				continue
			}
		}
		out = append(out, b)
	}
	return out
}
