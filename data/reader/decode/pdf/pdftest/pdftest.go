// Package pdftest writes small highlights PDFs for the PDF decoder's
// tests: a title band, two columns, headings in coloured bands, bullets
// as glyphs with hanging indents, KPI boxes side by side, justified-less
// text hyphenated at line ends, and a footer with the web address,
// hashtags and the page number. It is no renderer of the office's
// design, only enough of its features to test the decoder with PDFs it
// did not write itself. The font is Liberation Sans (SIL Open Font
// Licence 1.1), embedded so that curly quotes and dashes stay text.
package pdftest

import (
	"bytes"
	"regexp"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
)

// Kind is what an Item is.
type Kind int

const (
	Para Kind = iota
	Heading
	Bullet
	KPI  // Text is the figure, Label what it counts; KPIs in a row stand side by side
	Bold // a paragraph in bold
)

// Item is one block of the document.
type Item struct {
	Kind  Kind
	Text  string
	Label string
	Glyph string // a bullet's mark: "•" unless set
}

// Layout is how the page is laid out.
type Layout struct {
	Title     string // in the band at the top of the first page
	Columns   int    // 1 to 3
	Size      float64
	Hyphenate bool // break long words at line ends with a hyphen
	Footer    bool
	// Side is a shaded box down the right of the first page (the
	// pillars, the mandate), read after the columns.
	Side []Item
}

const sideW = 150.0

const (
	pageW, pageH = 595.0, 842.0
	margin       = 36.0
	gutter       = 18.0
)

// Render writes items as a PDF.
func Render(items []Item, l Layout) []byte {
	if l.Columns < 1 {
		l.Columns = 2
	}
	if l.Size == 0 {
		l.Size = 9
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pageW, Ht: pageH}})
	f.SetCompression(true)
	f.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	f.SetAutoPageBreak(false, 0)
	w := &writer{f: f, l: l}
	w.page()
	if len(l.Side) > 0 {
		w.side()
	}
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch it.Kind {
		case Heading:
			w.heading(it.Text)
		case Bullet:
			g := it.Glyph
			if g == "" {
				g = "•"
			}
			w.text(it.Text, g, false)
		case Bold:
			w.text(it.Text, "", true)
		case KPI:
			row := []Item{it}
			for i+1 < len(items) && items[i+1].Kind == KPI && len(row) < 2 {
				i++
				row = append(row, items[i])
			}
			w.kpis(row)
		default:
			w.text(it.Text, "", false)
		}
	}
	w.footer()
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		panic(err)
	}
	return b.Bytes()
}

type writer struct {
	f      *fpdf.Fpdf
	l      Layout
	pageNo int
	col    int
	y, top float64
	inSide bool
}

func (w *writer) colW() float64 {
	width := pageW - 2*margin
	if len(w.l.Side) > 0 && w.pageNo == 1 && !w.inSide {
		width -= sideW + gutter
	}
	if w.inSide {
		return sideW
	}
	return (width - float64(w.l.Columns-1)*gutter) / float64(w.l.Columns)
}

func (w *writer) colX() float64 {
	if w.inSide {
		return pageW - margin - sideW
	}
	return margin + float64(w.col)*(w.colW()+gutter)
}

// side writes the side box on the first page, then goes back to the
// columns.
func (w *writer) side() {
	y0, col := w.y, w.col
	w.inSide = true
	w.f.SetFillColor(235, 240, 245)
	w.f.Rect(pageW-margin-sideW-4, w.top-4, sideW+8, pageH-margin-w.top, "F")
	for _, it := range w.l.Side {
		if it.Kind == Heading {
			w.heading(it.Text)
		} else {
			w.text(it.Text, "", it.Kind == Bold)
		}
	}
	w.inSide = false
	w.y, w.col = y0, col
}

func (w *writer) page() {
	if w.pageNo > 0 {
		w.footer()
	}
	w.f.AddPage()
	w.pageNo++
	w.col = 0
	w.top = margin
	if w.pageNo == 1 && w.l.Title != "" {
		w.f.SetFillColor(0, 90, 160)
		w.f.Rect(0, 0, pageW, 70, "F")
		w.f.SetTextColor(255, 255, 255)
		w.f.SetFont("sans", "B", 22)
		w.f.Text(margin, 34, "UNOCT HIGHLIGHTS")
		w.f.SetFont("sans", "", 14)
		w.f.Text(margin, 56, w.l.Title)
		w.f.SetTextColor(0, 0, 0)
		w.top = 90
	} else if w.l.Title != "" {
		// A running head on the later pages.
		w.f.SetFont("sans", "", 7)
		w.f.SetTextColor(90, 90, 90)
		w.f.Text(margin, 22, "UNOCT Highlights | "+w.l.Title)
		w.f.SetTextColor(0, 0, 0)
	}
	w.y = w.top
}

func (w *writer) footer() {
	if !w.l.Footer {
		return
	}
	w.f.SetFont("sans", "", 7)
	w.f.SetTextColor(90, 90, 90)
	w.f.Text(margin, pageH-20, "www.un.org/counterterrorism   #UNOCT   #CounterTerrorism")
	w.f.Text(pageW-margin-10, pageH-20, itoa(w.pageNo))
	w.f.SetTextColor(0, 0, 0)
}

// need moves to the next column or page when h does not fit.
func (w *writer) need(h float64) {
	if w.y+h <= pageH-margin-10 {
		return
	}
	w.col++
	if w.col >= w.l.Columns {
		w.page()
		return
	}
	w.y = w.top
}

func (w *writer) heading(s string) {
	w.need(30)
	w.y += 4
	w.f.SetFillColor(0, 120, 190)
	w.f.Rect(w.colX(), w.y, w.colW(), 16, "F")
	w.f.SetTextColor(255, 255, 255)
	w.f.SetFont("sans", "B", w.l.Size+2)
	for i, line := range w.wrap(s, w.colW()-8) {
		if i > 0 {
			w.y += w.l.Size + 3
			w.f.Rect(w.colX(), w.y, w.colW(), 16, "F")
		}
		w.f.Text(w.colX()+4, w.y+12, line)
	}
	w.f.SetTextColor(0, 0, 0)
	w.y += 22
}

// text writes a paragraph, or a bullet with its glyph and a hanging
// indent.
func (w *writer) text(s, glyph string, bold bool) {
	style := ""
	if bold {
		style = "B"
	}
	w.f.SetFont("sans", style, w.l.Size)
	indent := 0.0
	if glyph != "" {
		indent = 10
	}
	lead := w.l.Size * 1.25
	for i, line := range w.wrap(s, w.colW()-indent) {
		w.need(lead)
		if i == 0 && glyph != "" {
			w.f.Text(w.colX(), w.y+w.l.Size, glyph)
		}
		w.f.Text(w.colX()+indent, w.y+w.l.Size, line)
		w.y += lead
	}
	w.y += w.l.Size * 0.6
}

func (w *writer) kpis(row []Item) {
	w.need(56)
	cw := (w.colW() - 6*float64(len(row)-1)) / float64(len(row))
	for i, k := range row {
		x := w.colX() + float64(i)*(cw+6)
		w.f.SetFillColor(225, 235, 245)
		w.f.Rect(x, w.y, cw, 50, "F")
		w.f.SetFont("sans", "B", 20)
		w.f.Text(x+6, w.y+24, k.Text)
		w.f.SetFont("sans", "", 7)
		for j, l := range w.wrap(k.Label, cw-12) {
			w.f.Text(x+6, w.y+36+float64(j)*8, l)
		}
	}
	w.y += 58
}

var vowelRE = regexp.MustCompile(`[aeiouy]`)

// wrap breaks s into lines that fit width in the current font, breaking
// a long word with a hyphen when the layout hyphenates.
func (w *writer) wrap(s string, width float64) []string {
	var lines []string
	cur := ""
	words := strings.Fields(s)
	for i := 0; i < len(words); i++ {
		word := words[i]
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if w.f.GetStringWidth(try) <= width {
			cur = try
			continue
		}
		if w.l.Hyphenate && len(word) >= 9 && !strings.ContainsAny(word, "-()") {
			// Break after a vowel, leaving at least 4 letters each side.
			for cutAt := len(word) - 4; cutAt >= 4; cutAt-- {
				head := word[:cutAt]
				if !vowelRE.MatchString(word[cutAt-1 : cutAt]) {
					continue
				}
				t := head + "-"
				if cur != "" {
					t = cur + " " + t
				}
				if w.f.GetStringWidth(t) <= width {
					lines = append(lines, t)
					cur = ""
					words[i] = word[cutAt:]
					i--
					word = ""
					break
				}
			}
			if word == "" {
				continue
			}
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

var unescape = strings.NewReplacer(`\$`, "$", `\*`, "*", `\_`, "_", `\#`, "#", `\-`, "-", `\.`, ".", `\(`, "(", `\)`, ")")

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// FromMarkdown is a highlights document written in Markdown as items:
// "## " headings, "- " bullets, bold figure lines ("**234 INDIVIDUALS
// TRAINED**") as KPIs, other bold lines as bold paragraphs.
func FromMarkdown(md string) []Item {
	var items []Item
	var para []string
	flush := func() {
		if len(para) == 0 {
			return
		}
		s := strings.Join(para, " ")
		para = nil
		if strings.HasPrefix(s, "**") && strings.HasSuffix(s, "**") {
			inner := strings.TrimSpace(strings.Trim(s, "*"))
			if f := strings.Fields(inner); len(f) > 1 && f[0][0] >= '0' && f[0][0] <= '9' {
				items = append(items, Item{Kind: KPI, Text: f[0], Label: strings.Join(f[1:], " ")})
				return
			}
			items = append(items, Item{Kind: Bold, Text: inner})
			return
		}
		// Inline bold is no figure: the PDF shows it as text.
		items = append(items, Item{Kind: Para, Text: strings.ReplaceAll(s, "**", "")})
	}
	for _, l := range strings.Split(md, "\n") {
		t := strings.TrimSpace(l)
		t = unescape.Replace(t)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "#"):
			flush()
			items = append(items, Item{Kind: Heading, Text: strings.TrimSpace(strings.TrimLeft(t, "#"))})
		case strings.HasPrefix(t, "- "):
			flush()
			items = append(items, Item{Kind: Bullet, Text: strings.ReplaceAll(t[2:], "**", "")})
		default:
			if strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**") && len(para) == 0 {
				// A bold line then a plain one: "**Pillar I**" and its
				// description are two paragraphs.
				para = append(para, t)
				flush()
				continue
			}
			para = append(para, t)
		}
	}
	flush()
	return items
}
