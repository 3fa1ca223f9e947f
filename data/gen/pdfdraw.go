package gen

// Drawing: the page's geometry from the style, the boxes of each
// section, and the PDF itself, written with fpdf. The font is Liberation
// Sans and Liberation Serif (github.com/go-fonts/liberation), under the
// SIL Open Font License 1.1, which allows embedding them in documents;
// they are embedded as TrueType subsets so that accents, curly quotes,
// dashes and bullet glyphs stay text a decoder can read.

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifregular"
)

const (
	pageW, pageH = 210.0, 297.0 // A4, mm
	webAddress   = "www.un.org/counterterrorism"
)

var (
	white = rgb{255, 255, 255}
	ink   = rgb{35, 35, 35}
	grey  = rgb{110, 110, 110}
)

// render lays the document out and writes the PDF.
func (pd *pdoc) render(st pstyle) ([]byte, error) {
	pdf, m, err := pd.newPDF(st)
	if err != nil {
		return nil, err
	}
	for _, ops := range (&layouter{st: &st, m: m}).lay(pd) {
		pdf.AddPage()
		for _, o := range ops {
			switch o.kind {
			case opRect:
				pdf.SetFillColor(o.color[0], o.color[1], o.color[2])
				pdf.Rect(o.x, o.y, o.w, o.h, "F")
			case opLine:
				pdf.SetDrawColor(o.color[0], o.color[1], o.color[2])
				pdf.SetLineWidth(0.3)
				pdf.Line(o.x, o.y, o.x+o.w, o.y+o.h)
			case opText:
				setFont(pdf, o.font)
				pdf.SetTextColor(o.color[0], o.color[1], o.color[2])
				pdf.Text(o.x, o.y, o.text)
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("gen: pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// newPDF starts the PDF, with its fonts, and the measurer the layout
// takes text widths from: the fonts' own metrics, so that what is laid
// out is what is drawn.
func (pd *pdoc) newPDF(st pstyle) (*fpdf.Fpdf, *measurer, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // a fixed date: the same input gives the same bytes
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetTitle(strings.TrimSpace(pd.title+" "+pd.month), true)
	pdf.SetProducer("unoct-gen", true)
	pdf.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	if st.serif { // loading a font costs: only the ones drawn
		pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
		pdf.AddUTF8FontFromBytes("serif", "B", liberationserifbold.TTF)
	}
	if err := pdf.Error(); err != nil {
		return nil, nil, fmt.Errorf("gen: pdf fonts: %w", err)
	}
	m := &measurer{cache: map[fontSpec]map[string]float64{}, width: func(f fontSpec, s string) float64 {
		setFont(pdf, f)
		return pdf.GetStringWidth(s)
	}}
	return pdf, m, nil
}

func setFont(pdf *fpdf.Fpdf, f fontSpec) {
	style := ""
	if f.bold {
		style = "B"
	}
	pdf.SetFont(f.family, style, f.size)
}

// layouter turns a document into the ops of its pages.
type layouter struct {
	st *pstyle
	m  *measurer
}

// bodyFont is the font of the text, as the style chose it.
func (l *layouter) bodyFont() fontSpec {
	if l.st.serif {
		return fontSpec{family: "serif", size: l.st.body}
	}
	return fontSpec{family: "sans", size: l.st.body}
}

// lay places both flows and returns each page's ops, backgrounds
// first.
func (l *layouter) lay(pd *pdoc) [][]op {
	st := l.st
	text := pageW - 2*st.margin
	top1 := st.margin + st.titleSize*ptMM*2.6 + 6 // under the title band
	topN := st.margin + 9                         // under the running header
	bottom := pageH - st.margin - 9               // above the footer
	colFrame := func(page int, x, w float64) frame {
		top := top1
		if page > 0 {
			top = topN
		}
		return frame{page: page, x: x, y: top, w: w, h: bottom - top}
	}
	fg := map[int][]op{}
	shades := map[frame][2]float64{}
	main, side := pd.main, pd.side
	if st.kpiSide {
		main, side = moveKPIs(main, side)
	}
	var sideFrames map[int]frame
	if st.side == sideEnd {
		n := st.columns
		cw := (text - float64(n-1)*st.gutter) / float64(n)
		boxes := l.flow(main, cw, false)
		boxes = append(boxes, l.flow(side, cw, true)...)
		pour(boxes, func(i int) frame {
			return colFrame(i/n, st.margin+float64(i%n)*(cw+st.gutter), cw)
		}, fg, shades)
	} else {
		sw := text * st.sideFrac
		mw := text - sw - st.gutter
		n := st.columns - 1
		cw := (mw - float64(n-1)*st.gutter) / float64(n)
		mx, sx := st.margin, st.margin+mw+st.gutter
		if st.side == sideLeft {
			mx, sx = st.margin+sw+st.gutter, st.margin
		}
		mainOps := map[int][]op{}
		pour(l.flow(main, cw, false), func(i int) frame {
			return colFrame(i/n, mx+float64(i%n)*(cw+st.gutter), cw)
		}, mainOps, shades)
		sideFrames = map[int]frame{}
		inner := sw - 6
		pour(l.flow(side, inner, false), func(i int) frame {
			f := colFrame(i, sx+3, inner)
			f.y += 3
			f.h -= 6
			sideFrames[i] = frame{page: i, x: sx, y: f.y - 3, w: sw, h: f.h + 6}
			return f
		}, fg, shades)
		// The side column's text comes after the main columns' in the
		// page's content, or before: a decoder must read positions.
		for p, ops := range mainOps {
			if st.sideFirst {
				fg[p] = append(fg[p], ops...)
			} else {
				fg[p] = append(ops, fg[p]...)
			}
		}
	}
	npages := 0
	for p := range fg {
		npages = max(npages, p+1)
	}
	out := make([][]op, npages)
	for p := range out {
		var bg []op
		if p == 0 {
			bg = append(bg, l.titleBand(pd)...)
		} else {
			bg = append(bg, l.header(pd)...)
		}
		if f, ok := sideFrames[p]; ok {
			bg = append(bg, op{kind: opRect, x: f.x, y: f.y, w: f.w, h: f.h, color: st.sideFill})
		}
		var boxes []op
		for f, s := range shades {
			if f.page == p {
				boxes = append(boxes, op{kind: opRect, x: f.x - 1.5, y: s[0] - 1.5, w: f.w + 3, h: s[1] - s[0] + 3, color: st.sideFill})
			}
		}
		sortRects(boxes)
		bg = append(bg, boxes...)
		if st.headsFirst {
			// Heading bands first, as some layout programs write them.
			slices.SortStableFunc(fg[p], func(a, b op) int { return cmp.Compare(b.order, a.order) })
		}
		out[p] = append(append(bg, fg[p]...), l.footer(p, npages)...)
	}
	return out
}

// sortRects orders the shaded boxes' rectangles by position, so that
// the map they come from does not change the bytes.
func sortRects(ops []op) {
	for i := 1; i < len(ops); i++ {
		for j := i; j > 0 && (ops[j].y < ops[j-1].y || ops[j].y == ops[j-1].y && ops[j].x < ops[j-1].x); j-- {
			ops[j], ops[j-1] = ops[j-1], ops[j]
		}
	}
}

// moveKPIs moves the KPI boxes from the main flow to the top of the side
// column, as some documents print them.
func moveKPIs(main, side []psec) ([]psec, []psec) {
	var kp []pblock
	out := make([]psec, len(main))
	for i, s := range main {
		out[i] = psec{heading: s.heading}
		for _, b := range s.blocks {
			if b.kind == bkKPIs {
				kp = append(kp, b)
			} else {
				out[i].blocks = append(out[i].blocks, b)
			}
		}
	}
	if len(kp) == 0 {
		return main, side
	}
	return out, append([]psec{{blocks: kp}}, side...)
}

// flow turns sections into boxes for a column wd wide.
func (l *layouter) flow(secs []psec, wd float64, shade bool) []box {
	st, m := l.st, l.m
	bf := l.bodyFont()
	lh := st.lineHeight(bf)
	var out []box
	add := func(b box) {
		b.shade = shade
		out = append(out, b)
	}
	for _, s := range secs {
		if s.heading != "" {
			add(l.band(s.heading, wd, shade))
		}
		if s.heading != "" && len(s.blocks) == 0 {
			add(l.chart(wd))
		}
		for _, b := range s.blocks {
			switch b.kind {
			case bkKPIs:
				for _, bx := range l.kpis(b, wd) {
					add(bx)
				}
			case bkLead:
				lf := fontSpec{family: "sans", bold: true, size: st.body}
				for i, ln := range breakLines(m, lf, b.lead, wd, hyNone) {
					add(box{h: lh, gap: gapIf(i == 0, 2), keep: true, draw: func(x, y float64) []op {
						return st.drawLine(m, lf, st.band, ln, x, y, lh, wd)
					}})
				}
				for _, ln := range breakLines(m, bf, b.words, wd, hyAll) {
					add(box{h: lh, draw: func(x, y float64) []op { return st.drawLine(m, bf, ink, ln, x, y, lh, wd) }})
				}
			case bkBullet:
				tw := wd - st.hang
				// The glyph ends a space before the text at the hanging
				// indent: a wide glyph (●) drawn into the text's box
				// reads back fused with its first letters ("●U●USG").
				bx := max(0, min(st.bulletX, st.hang-m.w(bf, st.bullet)-m.w(bf, " ")))
				for i, ln := range breakLines(m, bf, b.words, tw, hyAll) {
					first := i == 0
					add(box{h: lh, gap: gapIf(first, 1.4), draw: func(x, y float64) []op {
						ops := st.drawLine(m, bf, ink, ln, x+st.hang, y, lh, tw)
						if first {
							ops = append(ops, op{kind: opText, x: x + bx, y: baseline(bf, y, lh), color: st.band, font: bf, text: st.bullet})
						}
						return ops
					}})
				}
			default:
				for i, ln := range breakLines(m, bf, b.words, wd, hyAll) {
					add(box{h: lh, gap: gapIf(i == 0, 1.8), draw: func(x, y float64) []op { return st.drawLine(m, bf, ink, ln, x, y, lh, wd) }})
				}
			}
		}
	}
	return out
}

// gapIf is the space above a block's first line: g, and none above the
// lines after it.
func gapIf(ok bool, g float64) float64 {
	if ok {
		return g
	}
	return 0
}

// band is a heading in a coloured band, its words wrapped.
func (l *layouter) band(heading string, wd float64, side bool) box {
	st, m := l.st, l.m
	hf := fontSpec{family: "sans", bold: true, size: st.head}
	lines := breakLines(m, hf, words(heading), wd-4, hyHyphens)
	for i := range lines {
		lines[i].last = true // a heading is never justified
	}
	lh := st.lineHeight(hf)
	color := st.band
	if side {
		color = st.sideBand
	}
	return box{h: float64(len(lines))*lh + 2.4, gap: 3.5, keep: true, draw: func(x, y float64) []op {
		ops := []op{{kind: opRect, x: x, y: y, w: wd, h: float64(len(lines))*lh + 1.6, color: color, order: 1}}
		for i, ln := range lines {
			for _, o := range st.drawLine(m, hf, white, ln, x+2, y+0.8+float64(i)*lh, lh, wd-4) {
				o.order = 1
				ops = append(ops, o)
			}
		}
		return ops
	}}
}

// chart stands for the office-structure chart under a heading with no
// text: boxes and lines, no words.
func (l *layouter) chart(wd float64) box {
	c := l.st.band
	return box{h: 16, gap: 2, draw: func(x, y float64) []op {
		bw := wd / 4
		ops := []op{{kind: opRect, x: x + wd/2 - bw/2, y: y, w: bw, h: 5, color: c},
			{kind: opLine, x: x + wd/2, y: y + 5, w: 0, h: 3, color: c},
			{kind: opLine, x: x + bw/2, y: y + 8, w: wd - bw, h: 0, color: c}}
		for i := range 3 {
			bx := x + float64(i)*(wd-bw)/2
			ops = append(ops, op{kind: opLine, x: bx + bw/2, y: y + 8, w: 0, h: 3, color: c},
				op{kind: opRect, x: bx, y: y + 11, w: bw, h: 5, color: c})
		}
		return ops
	}}
}

// kpis draws a caption and KPI boxes: each a big figure over a small
// label, in a row when the column is wide enough, else stacked.
func (l *layouter) kpis(b pblock, wd float64) []box {
	st, m := l.st, l.m
	sf := fontSpec{family: "sans", bold: true, size: st.small}
	ff := fontSpec{family: "sans", bold: true, size: st.figure}
	slh := st.lineHeight(sf)
	var out []box
	if b.caption != "" {
		for i, ln := range breakLines(m, sf, words(b.caption), wd, hyHyphens) {
			ln.last = true
			out = append(out, box{h: slh, gap: gapIf(i == 0, 2.5), keep: true, draw: func(x, y float64) []op {
				return st.drawLine(m, sf, grey, ln, x, y, slh, wd)
			}})
		}
	}
	flh := ff.size * ptMM * 1.15
	if st.kpiBeside {
		return append(out, l.kpisBeside(b, wd, sf, ff, slh, flh)...)
	}
	per := len(b.kpis)
	if !st.kpiRow || (wd-float64(per-1)*2)/float64(per) < 24 {
		per = 1
	}
	bw := (wd - float64(per-1)*2) / float64(per)
	for i := 0; i < len(b.kpis); i += per {
		row := b.kpis[i:min(i+per, len(b.kpis))]
		labels := make([][]tline, len(row))
		nl := 1
		for j, k := range row {
			labels[j] = breakLines(m, sf, words(k.label), bw-4, hyNone)
			nl = max(nl, len(labels[j]))
		}
		h := 2 + flh + float64(nl)*slh + 2
		out = append(out, box{h: h, gap: 2, draw: func(x, y float64) []op {
			var ops []op
			for j, k := range row {
				bx := x + float64(j)*(bw+2)
				ops = append(ops, op{kind: opRect, x: bx, y: y, w: bw, h: h, color: st.kpiFill})
				fw := m.w(ff, k.figure)
				ops = append(ops, op{kind: opText, x: bx + (bw-fw)/2, y: baseline(ff, y+2, flh), color: st.figureColor, font: ff, text: k.figure})
				for n, ln := range labels[j] {
					ln.last = true // centred, not justified
					ops = append(ops, st.drawLine(m, sf, ink, ln, bx+(bw-lineWidth(m, sf, ln))/2, y+2+flh+float64(n)*slh, slh, bw)...)
				}
			}
			return ops
		}})
	}
	return out
}

// kpisBeside draws KPI boxes stacked, each a big figure with its small
// label beside it, the labels aligned past the widest figure.
func (l *layouter) kpisBeside(b pblock, wd float64, sf, ff fontSpec, slh, flh float64) []box {
	st, m := l.st, l.m
	fw := 0.0
	for _, k := range b.kpis {
		fw = max(fw, m.w(ff, k.figure))
	}
	lx := 3 + fw + 3 // the labels' left edge in the box
	var out []box
	for _, k := range b.kpis {
		label := breakLines(m, sf, words(k.label), wd-lx-2, hyNone)
		inner := max(flh, float64(len(label))*slh)
		h := inner + 4
		out = append(out, box{h: h, gap: 2, draw: func(x, y float64) []op {
			ops := []op{{kind: opRect, x: x, y: y, w: wd, h: h, color: st.kpiFill},
				{kind: opText, x: x + 3, y: baseline(ff, y+2+(inner-flh)/2, flh), color: st.figureColor, font: ff, text: k.figure}}
			top := y + 2 + (inner-float64(len(label))*slh)/2
			for n, ln := range label {
				ln.last = true
				ops = append(ops, st.drawLine(m, sf, ink, ln, x+lx, top+float64(n)*slh, slh, wd-lx-2)...)
			}
			return ops
		}})
	}
	return out
}

// lineWidth is the natural width of a line, one space between words.
func lineWidth(m *measurer, f fontSpec, l tline) float64 {
	w := 0.0
	for i, x := range l.words {
		w += m.word(f, x) + gapIf(i > 0, m.w(f, " "))
	}
	return w
}

// titleBand is the first page's band: "UNOCT HIGHLIGHTS" and the month.
func (l *layouter) titleBand(pd *pdoc) []op {
	st, m := l.st, l.m
	h := st.margin + st.titleSize*ptMM*2.6
	tf := fontSpec{family: "sans", bold: true, size: st.titleSize}
	mf := fontSpec{family: "sans", bold: true, size: st.titleSize * 0.5}
	ops := []op{{kind: opRect, x: 0, y: 0, w: pageW, h: h, color: st.titleBand},
		{kind: opRect, x: 0, y: h, w: pageW, h: 1.2, color: st.band}}
	ty := st.margin + st.titleSize*ptMM*1.1
	ops = append(ops, op{kind: opText, x: st.margin, y: ty, color: white, font: tf, text: pd.title})
	if pd.month != "" {
		if st.monthRight {
			ops = append(ops, op{kind: opText, x: pageW - st.margin - m.w(mf, pd.month), y: ty, color: white, font: mf, text: pd.month})
		} else {
			ops = append(ops, op{kind: opText, x: st.margin, y: ty + st.titleSize*ptMM*0.95, color: white, font: mf, text: pd.month})
		}
	}
	return ops
}

// header is the running header of the pages after the first.
func (l *layouter) header(pd *pdoc) []op {
	st := l.st
	hf := fontSpec{family: "sans", bold: true, size: st.small}
	t := strings.TrimSpace(pd.title + " | " + pd.month)
	if pd.month == "" {
		t = pd.title
	}
	return []op{{kind: opText, x: st.margin, y: st.margin + 3, color: st.titleBand, font: hf, text: t},
		{kind: opLine, x: st.margin, y: st.margin + 5, w: pageW - 2*st.margin, h: 0, color: st.titleBand}}
}

// footer is the web address, the hashtags and the page number.
func (l *layouter) footer(page, pages int) []op {
	st, m := l.st, l.m
	ff := fontSpec{family: "sans", size: st.small}
	y := pageH - st.margin
	num := fmt.Sprint(page + 1)
	switch st.pageForm {
	case 1:
		num = "Page " + num
	case 2:
		num = fmt.Sprintf("%d | %d", page+1, pages)
	}
	left, right := webAddress, num
	if st.pageLeft {
		left, right = num, webAddress
	}
	return []op{{kind: opLine, x: st.margin, y: y - 4.5, w: pageW - 2*st.margin, h: 0, color: st.band},
		{kind: opText, x: st.margin, y: y, color: grey, font: ff, text: left},
		{kind: opText, x: (pageW - m.w(ff, st.hashtags)) / 2, y: y, color: st.band, font: ff, text: st.hashtags},
		{kind: opText, x: pageW - st.margin - m.w(ff, right), y: y, color: grey, font: ff, text: right}}
}
