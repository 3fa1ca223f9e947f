package gen

// The layout a seed draws. Each choice is one a decoder must not rely
// on: how many columns, on which side the reference column stands (or
// whether the reference sections come after the activities in a shaded
// box), the fonts and sizes, the colours, the bullet glyph, whether KPI
// boxes stand in a row or stacked, where the footer puts what, and the
// order of the text in the page's content (real layout programs do not
// write it in reading order).

import "strings"

// rgb is a colour, 0-255 a channel.
type rgb [3]int

// Where the reference sections (strategy, mandate, contributors) go.
const (
	sideLeft  = iota // a shaded column on the left of every page
	sideRight        // a shaded column on the right
	sideEnd          // a shaded box after the activities, in the main columns
)

// pstyle is one document's layout.
type pstyle struct {
	columns  int     // text columns in all, the side column included: 2 or 3
	side     int     // sideLeft, sideRight or sideEnd
	sideFrac float64 // the side column's share of the text width
	margin   float64 // page margins, mm
	gutter   float64 // space between columns, mm

	serif     bool    // body text in Liberation Serif, else Liberation Sans
	body      float64 // body text size, pt
	small     float64 // KPI labels and captions, footer, pt
	head      float64 // heading band text, pt
	figure    float64 // KPI figures, pt
	titleSize float64 // "UNOCT HIGHLIGHTS", pt
	leading   float64 // line height over font size
	stretch   float64 // the most a justified space may grow, over its natural width

	bullet  string  // the bullet glyph
	bulletX float64 // where the glyph stands in the indent, mm
	hang    float64 // the hanging indent of a bullet's text, mm

	titleBand, band, sideBand, sideFill, kpiFill, figureColor rgb

	kpiRow     bool // KPI boxes side by side, else stacked
	kpiBeside  bool // each KPI's label beside its figure (stacked boxes), else under it
	kpiSide    bool // the KPI boxes in the side column (side layouts only)
	monthCaps  bool // "FEBRUARY 2020", else "February 2020"
	monthRight bool // the month on the title's line at the right, else under it
	pageLeft   bool // the page number at the left of the footer, the web address at the right
	pageForm   int  // "2", "Page 2", "2 | UNOCT"
	hashtags   string
	sideFirst  bool // the side column's text before the main columns' in the content
	headsFirst bool // each page's heading bands before its other text in the content
}

var (
	bandColors = []rgb{{0, 114, 188}, {0, 82, 147}, {0, 150, 170}, {24, 62, 112}, {0, 133, 202}, {72, 92, 150}}
	sideFills  = []rgb{{231, 240, 248}, {236, 242, 236}, {240, 240, 240}, {229, 244, 247}}
	bullets    = []string{"•", "▪", "–", "●", "•", "▪"}
	hashtagSet = []string{"#UNOCT", "#CounterTerrorism", "#UNiteAgainstTerrorism", "#PreventViolentExtremism", "#UNCCT", "#CTTravel"}
)

// drawStyle draws a layout.
func drawStyle(r rnd) pstyle {
	st := pstyle{
		columns:  2 + r.IntN(2),
		side:     r.IntN(3),
		sideFrac: 0.27 + float64(r.IntN(8))/100,
		margin:   10 + float64(r.IntN(5)),
		gutter:   4 + float64(r.IntN(3)),

		serif:     r.IntN(3) == 0,
		body:      8 + float64(r.IntN(4))/2,
		head:      9 + float64(r.IntN(3)),
		figure:    18 + float64(r.IntN(4))*2,
		titleSize: 24 + float64(r.IntN(4))*2,
		leading:   1.18 + float64(r.IntN(3))*0.06,
		stretch:   1.6 + float64(r.IntN(3))*0.3,

		bullet:  pick(r, bullets),
		bulletX: float64(r.IntN(3)) * 0.8,
		hang:    3.2 + float64(r.IntN(3))*0.6,

		kpiRow:     r.IntN(3) > 0,
		monthCaps:  r.IntN(2) == 0,
		monthRight: r.IntN(2) == 0,
		pageLeft:   r.IntN(3) == 0,
		pageForm:   r.IntN(3),
	}
	st.small = st.body - 1.5
	i := r.IntN(len(bandColors))
	st.band = bandColors[i]
	st.titleBand = bandColors[(i+1+r.IntN(len(bandColors)-1))%len(bandColors)]
	st.sideBand = pick(r, bandColors)
	st.sideFill = pick(r, sideFills)
	st.kpiFill = pick(r, sideFills)
	st.figureColor = st.band
	st.kpiSide = st.side != sideEnd && r.IntN(4) == 0
	tags := []string{hashtagSet[0]}
	for _, t := range hashtagSet[1:] {
		if len(tags) < 3 && r.IntN(2) == 0 { // more would run into the web address
			tags = append(tags, t)
		}
	}
	st.hashtags = strings.Join(tags, " ")
	st.sideFirst = r.IntN(2) == 0
	st.kpiBeside = r.IntN(4) == 0
	st.headsFirst = r.IntN(3) == 0
	return st
}
