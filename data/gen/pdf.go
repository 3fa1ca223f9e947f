package gen

// The PDF renderer lays a highlights document out the way the office
// lays out its own: an A4 page with a title band, two or three columns,
// headings in coloured bands, KPI boxes, a shaded side column or box
// with the reference sections, and a footer. It exists so that the PDF
// decoder can be tested without the office's files: every generated
// document can also be had as a PDF that says what its Markdown says.
//
// The PDF is drawn from the Markdown itself, decoded by the reader's own
// Markdown decoder: the generator has no other structure, and rendering
// the decoded sections and blocks means the PDF holds exactly the blocks
// the reader reads from the Markdown, whatever Markdown it is given
// (the seed, the test documents, a generated one).

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/reader/decode/markdown"
	"github.com/unoct/unoct/data/ref"
)

// PDFOptions say how MarkdownPDF lays a document out.
type PDFOptions struct {
	// Month is the reporting month, "YYYY-MM", printed in the title
	// band; "" prints the title alone.
	Month string
	// Seed chooses the layout (columns, where the reference box goes,
	// fonts and sizes, colours, the bullet glyph): the same Markdown,
	// month and seed give the same bytes.
	Seed uint64
}

// layoutSalt keeps the layout's random stream apart from the streams
// Plan and Render draw from the same seed.
const layoutSalt = 0x5eed1a70

// RenderPDF writes document d of the corpus of seed as an office-style
// PDF: the Markdown Render gives, laid out with a layout drawn from the
// seed and the document's index, so a corpus varies its geometry from
// document to document.
func (g *Generator) RenderPDF(seed uint64, d Doc) ([]byte, error) {
	md := g.Render(seed, d)
	return renderPDF(g.rules, md, PDFOptions{Month: d.Month, Seed: docLayoutSeed(seed, d)})
}

// docLayoutSeed is the layout seed of document d of the corpus of seed:
// each document its own.
func docLayoutSeed(seed uint64, d Doc) uint64 {
	return seed ^ uint64(d.Index+1)*0x9e3779b97f4a7c15
}

// PDFName is the name of d's PDF: its Markdown name with .pdf.
func (d Doc) PDFName() string { return strings.TrimSuffix(d.Name, ".md") + ".pdf" }

func (d Doc) markdownName() string { return d.Name }

// MarkdownPDF renders any highlights Markdown the reader accepts as an
// office-style PDF: headings become coloured bands, bullets bullet
// paragraphs, lines of one bold figure and label KPI boxes, and the
// reference sections (strategy, mandate, contributors) go into the side
// column or box. It lets a hand-written document, the seed included, be
// read and scored as a PDF.
func MarkdownPDF(md []byte, opt PDFOptions) ([]byte, error) {
	rules, err := ref.LoadRules()
	if err != nil {
		return nil, err
	}
	return renderPDF(rules, md, opt)
}

// renderPDF is MarkdownPDF with the rule tables already loaded: the
// generator loads them once for a whole corpus.
func renderPDF(rules *ref.Rules, md []byte, opt PDFOptions) ([]byte, error) {
	pd, st, err := planPDF(rules, md, opt)
	if err != nil {
		return nil, err
	}
	return pd.render(st)
}

// planPDF decodes the Markdown and draws the layout.
func planPDF(rules *ref.Rules, md []byte, opt PDFOptions) (*pdoc, pstyle, error) {
	dec, err := markdown.Decoder{}.Decode(md)
	if err != nil {
		return nil, pstyle{}, fmt.Errorf("gen: %w", err)
	}
	title := "UNOCT HIGHLIGHTS"
	st := drawStyle(rand.New(rand.NewPCG(opt.Seed, layoutSalt)))
	month := ""
	if opt.Month != "" {
		y, m, err := parseMonth(opt.Month)
		if err != nil {
			return nil, pstyle{}, err
		}
		month = fmt.Sprintf("%s %d", monthName(m), y)
		if st.monthCaps {
			month = strings.ToUpper(month)
		}
	}
	pd := buildDoc(rules, dec)
	pd.title, pd.month = title, month
	if len(pd.side) == 0 {
		// No reference sections: no empty shaded column either.
		st.side, st.kpiSide = sideEnd, false
	}
	return pd, st, nil
}

// parseMonth reads "YYYY-MM", refusing anything else, so that a wrong
// month is an error rather than a title that names no month.
func parseMonth(s string) (int, int, error) {
	var y, m int
	if n, _ := fmt.Sscanf(s, "%d-%d", &y, &m); n != 2 || m < 1 || m > 12 || len(s) != 7 {
		return 0, 0, fmt.Errorf("gen: month %q is not YYYY-MM", s)
	}
	return y, m, nil
}

// ---- the document as the PDF draws it ----

// pdoc is a document split into the flow of the main columns and the
// flow of the side column or box.
type pdoc struct {
	title, month string
	main, side   []psec
}

// psec is a section: its heading ("" for the text before any heading)
// and its blocks.
type psec struct {
	heading string
	blocks  []pblock
}

type blockKind int

const (
	bkPara   blockKind = iota
	bkBullet           // a bullet paragraph
	bkKPIs             // a row of KPI boxes, with a caption
	bkLead             // a paragraph whose bold lead stands on its own line (the pillars)
)

// pblock is a block as drawn.
type pblock struct {
	kind    blockKind
	words   []word // the text (bkPara, bkBullet, bkLead: the text after the lead)
	lead    []word // bkLead: the bold lead
	caption string // bkKPIs: the line above the boxes, "" when none
	kpis    []kpi  // bkKPIs
}

// kpi is one box: a big figure over a small label.
type kpi struct{ figure, label string }

// piece is a run of text in one weight; word is a word as drawn, made
// of the pieces between two spaces ("**5 functions**:" ends in a word
// of a bold and a plain piece).
type piece struct {
	text string
	bold bool
}

type word []piece

func (w word) String() string {
	var b strings.Builder
	for _, p := range w {
		b.WriteString(p.text)
	}
	return b.String()
}

// kpiLineRE is a block that is one bold figure and its label, as the
// reader's KPI rule reads them.
var kpiLineRE = regexp.MustCompile(`^\*\*\s*([\d,.]+\+?)\s+([^*]+?)\s*\*\*$`)

// escRE is a Markdown backslash escape, as decode.CleanInline reads it.
var escRE = regexp.MustCompile(`\\([\\$*_#\[\]()>+!.&-])`)

// buildDoc sorts the decoded sections into the main flow and the side
// flow (the reference sections the rule tables name), and each block
// into what it is drawn as.
func buildDoc(rules *ref.Rules, dec *decode.Doc) *pdoc {
	pd := &pdoc{}
	for _, s := range dec.Sections {
		if s.Heading == "" && len(s.Blocks) == 0 {
			continue
		}
		ps := psec{heading: s.Heading}
		for i := 0; i < len(s.Blocks); i++ {
			b := s.Blocks[i]
			if !b.Bullet {
				if k := kpiOf(b.Text); k != nil {
					blk := pblock{kind: bkKPIs}
					// A caption ending in ":" just before the figures
					// ("UN COUNTER-TERRORISM CENTRE - Since January
					// 2020:") heads their box.
					if n := len(ps.blocks); n > 0 && ps.blocks[n-1].kind == bkPara && strings.HasSuffix(plain(ps.blocks[n-1].words), ":") {
						blk.caption = plain(ps.blocks[n-1].words)
						ps.blocks = ps.blocks[:n-1]
					}
					for ; i < len(s.Blocks) && !s.Blocks[i].Bullet; i++ {
						k := kpiOf(s.Blocks[i].Text)
						if k == nil {
							break
						}
						blk.kpis = append(blk.kpis, *k)
					}
					i--
					ps.blocks = append(ps.blocks, blk)
					continue
				}
			}
			ws := words(b.Text)
			switch {
			case b.Bullet:
				ps.blocks = append(ps.blocks, pblock{kind: bkBullet, words: ws})
			case leadLen(ws) > 0:
				n := leadLen(ws)
				ps.blocks = append(ps.blocks, pblock{kind: bkLead, lead: ws[:n], words: ws[n:]})
			default:
				ps.blocks = append(ps.blocks, pblock{kind: bkPara, words: ws})
			}
		}
		if sec, ok := rules.Section(s.Heading); ok && !sec.Activity {
			pd.side = append(pd.side, ps)
		} else {
			pd.main = append(pd.main, ps)
		}
	}
	return pd
}

// kpiOf is the KPI a block states when it is one bold figure and
// label, else nil.
func kpiOf(text string) *kpi {
	m := kpiLineRE.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return nil
	}
	return &kpi{figure: m[1], label: strings.Join(strings.Fields(unescape(m[2])), " ")}
}

// leadLen is how many words of a paragraph make its bold lead ("Pillar
// I"): a run of one to four bold words followed by plain text; 0 when
// it has none.
func leadLen(ws []word) int {
	n := 0
	for n < len(ws) && len(ws[n]) == 1 && ws[n][0].bold {
		n++
	}
	if n == 0 || n > 4 || n == len(ws) || ws[n][0].bold {
		return 0
	}
	return n
}

// unescape drops Markdown's backslash escapes ("\\$246.2" is "$246.2"),
// which the reader drops too.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	return escRE.ReplaceAllString(s, "$1")
}

// words splits a block's text, with its "**" bold marks and escapes,
// into words of bold and plain pieces.
func words(text string) []word {
	var out []word
	var cur word
	bold := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	add := func(s string) {
		if s == "" {
			return
		}
		if n := len(cur); n > 0 && cur[n-1].bold == bold {
			cur[n-1].text += s
			return
		}
		cur = append(cur, piece{s, bold})
	}
	for i, run := range strings.Split(text, "**") {
		bold = i%2 == 1
		run = unescape(run)
		for j, f := range strings.Split(run, " ") {
			if j > 0 {
				flush()
			}
			add(strings.TrimSpace(f))
		}
	}
	flush()
	return out
}

// plain is words as plain text, one space between words.
func plain(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.String()
	}
	return strings.Join(parts, " ")
}
