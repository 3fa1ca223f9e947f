package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/reader/decode/markdown"
)

// markdownDocs are the hand-written documents the reader is tested on,
// the seed first, with their months.
func markdownDocs(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{"../highlights/2020-02.md": "2020-02"}
	files, _ := filepath.Glob("../../testdata/highlights/*.md")
	for _, f := range files {
		month := strings.TrimSuffix(filepath.Base(f), ".md")
		if _, _, err := parseMonth(month); err != nil {
			month = "" // highlights-q.md names no month
		}
		out[f] = month
	}
	if len(out) < 5 {
		t.Fatalf("only %d test documents", len(out))
	}
	return out
}

// pdfText is the text drawn on each page, one string per text operation
// (fpdf draws a word, or a word's bold or plain part, per operation), as
// a PDF reader decodes it through the embedded fonts' ToUnicode maps.
func pdfText(t *testing.T, raw []byte) [][]string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatalf("not a PDF a reader opens: %v", err)
	}
	var pages [][]string
	for i := 1; i <= r.NumPage(); i++ {
		var ops []string
		var cur strings.Builder
		var last pdf.Text
		for j, c := range r.Page(i).Content().Text {
			if j > 0 && (c.X != last.X || c.Y != last.Y || c.Font != last.Font) {
				ops = append(ops, cur.String())
				cur.Reset()
			}
			cur.WriteString(c.S)
			last = c
		}
		if cur.Len() > 0 {
			ops = append(ops, cur.String())
		}
		pages = append(pages, ops)
	}
	return pages
}

// letters counts the letters and digits of s, in capitals (the month
// may be printed in capitals). The extractor reads a character beyond
// Latin-1 by its low byte (● as Ï, Ḩ as ©), so such characters are
// counted as it reads them.
func letters(counts map[rune]int, s string, sign int) {
	for _, r := range s {
		if r > 0xff {
			r &= 0xff
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			counts[unicode.ToUpper(r)] += sign
		}
	}
}

// checkText checks that a PDF draws exactly the letters and digits of
// the Markdown's headings and blocks, besides its title band, running
// headers and footers: no word lost, none drawn twice, every character
// decodable.
func checkText(t *testing.T, name string, md, raw []byte, month string, seed uint64) {
	t.Helper()
	dec, err := markdown.Decoder{}.Decode(md)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[rune]int{}
	for _, s := range dec.Sections {
		letters(counts, s.Heading, 1)
		for _, b := range s.Blocks {
			letters(counts, decode.CleanInline(b.Text), 1)
		}
	}
	st := drawStyle(rand.New(rand.NewPCG(seed, layoutSalt)))
	pages := pdfText(t, raw)
	title := "UNOCT HIGHLIGHTS"
	if month != "" {
		y, m, _ := parseMonth(month)
		title += fmt.Sprintf(" %s %d", monthName(m), y)
	}
	for p := range pages {
		letters(counts, title, 1) // the title band, or the running header
		letters(counts, webAddress+st.hashtags+fmt.Sprint(p+1), 1)
		switch st.pageForm {
		case 1:
			letters(counts, "Page", 1)
		case 2:
			letters(counts, fmt.Sprint(len(pages)), 1)
		}
	}
	// The bullet glyphs, drawn apart, are left out.
	b, _ := utf8.DecodeRuneInString(st.bullet)
	for _, ops := range pages {
		for _, o := range ops {
			if o != string(rune(b&0xff)) {
				letters(counts, o, -1)
			}
		}
	}
	for r, n := range counts {
		if n != 0 {
			t.Errorf("%s (seed %d): %q drawn %d times more than written", name, seed, r, -n)
		}
	}
}

// TestPDFText: the seed, the test documents and generated documents,
// each in several layouts, draw the text of their Markdown.
func TestPDFText(t *testing.T) {
	for f, month := range markdownDocs(t) {
		md, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for seed := range uint64(2) {
			raw, err := MarkdownPDF(md, PDFOptions{Month: month, Seed: seed})
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			checkText(t, f, md, raw, month, seed)
		}
	}
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Plan(100, 11) {
		raw, err := g.RenderPDF(11, d)
		if err != nil {
			t.Fatal(err)
		}
		checkText(t, d.Name, g.Render(11, d), raw, d.Month, docLayoutSeed(11, d))
	}
}

// TestPDFDeterministic: the same document and seed give the same bytes;
// the PDF is one a reader opens, of one to three A4 pages.
func TestPDFDeterministic(t *testing.T) {
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Plan(300, 5)[:6] {
		a, err := g.RenderPDF(5, d)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := g.RenderPDF(5, d)
		if !bytes.Equal(a, b) {
			t.Fatalf("%s: two renders differ", d.PDFName())
		}
		if c, _ := g.RenderPDF(6, d); bytes.Equal(a, c) {
			t.Fatalf("%s: seeds 5 and 6 give the same PDF", d.PDFName())
		}
		if !bytes.HasPrefix(a, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(a), []byte("%%EOF")) {
			t.Fatalf("%s: not a PDF: %q...", d.PDFName(), a[:min(len(a), 16)])
		}
		r, err := pdf.NewReader(bytes.NewReader(a), int64(len(a)))
		if err != nil {
			t.Fatalf("%s: %v", d.PDFName(), err)
		}
		if n := r.NumPage(); n < 1 || n > 3 {
			t.Errorf("%s: %d pages", d.PDFName(), n)
		}
		box := r.Page(1).V.Key("Parent").Key("MediaBox") // fpdf sets it on the page tree
		if w, h := box.Index(2).Float64(), box.Index(3).Float64(); w < 595 || w > 596 || h < 841 || h > 842 {
			t.Errorf("%s: page of %.1f x %.1f pt, not A4", d.PDFName(), w, h)
		}
	}
	if d := (Doc{Name: "highlights-2020-02-b.md"}); d.PDFName() != "highlights-2020-02-b.pdf" {
		t.Errorf("PDFName %q", d.PDFName())
	}
	if _, err := MarkdownPDF([]byte("x"), PDFOptions{Month: "2020-13"}); err == nil {
		t.Error("month 2020-13 accepted")
	}
}

// TestPDFLayoutsVary: across seeds, every choice of the layout takes
// each of its values, and the first heading band stands in different
// places.
func TestPDFLayoutsVary(t *testing.T) {
	seen := map[string]map[string]bool{}
	note := func(k string, v any) {
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][fmt.Sprint(v)] = true
	}
	for seed := range uint64(60) {
		st := drawStyle(rand.New(rand.NewPCG(seed, layoutSalt)))
		note("columns", st.columns)
		note("side", st.side)
		note("serif", st.serif)
		note("bullet", st.bullet)
		note("kpiRow", st.kpiRow)
		note("kpiSide", st.kpiSide)
		note("kpiBeside", st.kpiBeside)
		note("body", st.body)
		note("monthRight", st.monthRight)
		note("band", st.band)
	}
	for k, want := range map[string]int{"columns": 2, "side": 3, "serif": 2, "bullet": 4, "kpiRow": 2, "kpiSide": 2, "kpiBeside": 2,
		"body": 3, "monthRight": 2, "band": 4} {
		if len(seen[k]) < want {
			t.Errorf("%s takes %d values in 60 seeds, want %d: %v", k, len(seen[k]), want, seen[k])
		}
	}
	md, err := os.ReadFile("../highlights/2020-02.md")
	if err != nil {
		t.Fatal(err)
	}
	places := map[string]bool{}
	pageCounts := map[int]bool{}
	for seed := range uint64(12) {
		raw, err := MarkdownPDF(md, PDFOptions{Month: "2020-02", Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		r, err := pdf.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			t.Fatal(err)
		}
		pageCounts[r.NumPage()] = true
		for _, c := range r.Page(1).Content().Text {
			if c.S == "P" { // POLITICAL LEADERSHIP, the first heading
				places[fmt.Sprintf("%.0f,%.0f", c.X, c.Y)] = true
				break
			}
		}
	}
	if len(places) < 4 {
		t.Errorf("the first heading stands in %d places in 12 layouts: %v", len(places), places)
	}
	t.Logf("page counts %v", pageCounts)
}

// TestBreakLines: lines never run past their column but for a word
// wider than it, hyphens break words only where the rules allow, and
// the text's words come back in order once line-end hyphens are
// joined.
func TestBreakLines(t *testing.T) {
	for w, want := range map[string]string{
		"organization": "organiza|tion", "capacity-building": "capacity-|building", "workshops": "workshops", "contracts": "con|tracts",
		"consultative": "con|sul|tative", "passenger": "pas|sen|ger",
		"UNOCT": "UNOCT", "10-14": "10-14", "Counter-Terrorism": "Counter-|Terrorism", "training,": "train|ing,",
	} {
		pts := breakPoints(w, true)
		var parts []string
		last := 0
		for _, p := range pts {
			parts = append(parts, w[last:p])
			last = p
		}
		parts = append(parts, w[last:])
		if got := strings.Join(parts, "|"); got != want {
			t.Errorf("breakPoints(%q): %s, want %s", w, got, want)
		}
	}
	m := &measurer{cache: map[fontSpec]map[string]float64{}, width: func(_ fontSpec, s string) float64 {
		return float64(utf8.RuneCountInString(s)) // one unit a character
	}}
	text := "UNCCT, in partnership with the International Organization for Migration, organized a sub-regional workshop on cybersecurity and the protection of critical infrastructure for nearly seventy civil society representatives from Mauritania."
	for wd := 12.0; wd < 60; wd += 7 {
		lines := breakLines(m, fontSpec{}, words(text), wd, hyAll)
		var got []string
		for _, l := range lines {
			n := 0.0
			for i, w := range l.words {
				n += m.word(fontSpec{}, w) + gapIf(i > 0, 1)
				got = append(got, w.String())
			}
			if n > wd && len(l.words) > 1 {
				t.Errorf("width %.0f: line %q is %.0f wide", wd, plain(l.words), n)
			}
		}
		squeeze := strings.NewReplacer(" ", "", "-", "")
		if squeeze.Replace(strings.Join(got, "")) != squeeze.Replace(text) {
			t.Errorf("width %.0f: %q", wd, strings.Join(got, " "))
		}
	}
}

// TestWriteFormats: both formats are written side by side, each what
// Render and RenderPDF give.
func TestWriteFormats(t *testing.T) {
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	docs, err := g.WriteFormats(dir, 60, 3, Formats{Markdown: true, PDF: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		md, err1 := os.ReadFile(filepath.Join(dir, d.Name))
		raw, err2 := os.ReadFile(filepath.Join(dir, d.PDFName()))
		want, _ := g.RenderPDF(3, d)
		if err1 != nil || err2 != nil || !bytes.Equal(md, g.Render(3, d)) || !bytes.Equal(raw, want) {
			t.Errorf("%s: %v, %v, or not what Render and RenderPDF give", d.Name, err1, err2)
		}
	}
	if in := PDFInputs(dir, 60, 3); len(in) != len(docs) || in[0].Name != docs[0].PDFName() {
		t.Errorf("PDFInputs: %d inputs, first %q", len(in), in[0].Name)
	}
}

// TestPDFGeometry: in every layout, no text runs off the page's margins
// or over another text (a word too wide for its column, a column too
// long for its page), and every page holds text of the document.
func TestPDFGeometry(t *testing.T) {
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	seedMD, err := os.ReadFile("../highlights/2020-02.md")
	if err != nil {
		t.Fatal(err)
	}
	type input struct {
		name string
		md   []byte
		opt  PDFOptions
	}
	var ins []input
	for seed := range uint64(16) {
		ins = append(ins, input{fmt.Sprint("seed document, layout ", seed), seedMD, PDFOptions{Month: "2020-02", Seed: seed}})
	}
	for _, d := range Plan(300, 21) {
		ins = append(ins, input{d.Name, g.Render(21, d), PDFOptions{Month: d.Month, Seed: docLayoutSeed(21, d)}})
	}
	type rect struct {
		x0, y0, x1, y1 float64
		text           string
	}
	for _, in := range ins {
		pd, st, err := planPDF(g.rules, in.md, in.opt)
		if err != nil {
			t.Fatal(err)
		}
		_, m, err := pd.newPDF(st)
		if err != nil {
			t.Fatal(err)
		}
		pages := (&layouter{st: &st, m: m}).lay(pd)
		for p, ops := range pages {
			var rs []rect
			for _, o := range ops {
				if o.kind != opText {
					continue
				}
				h := o.font.size * ptMM
				r := rect{o.x, o.y - 0.8*h, o.x + m.w(o.font, o.text), o.y + 0.2*h, o.text}
				if r.x0 < st.margin-0.01 || r.x1 > pageW-st.margin+0.01 || r.y0 < 0 || r.y1 > pageH-st.margin+1 {
					t.Errorf("%s page %d: %q off the page (%.1f-%.1f, %.1f-%.1f)", in.name, p+1, o.text, r.x0, r.x1, r.y0, r.y1)
				}
				rs = append(rs, r)
			}
			for i, a := range rs {
				for _, b := range rs[i+1:] {
					if a.x0 < b.x1-0.05 && b.x0 < a.x1-0.05 && a.y0 < b.y1-0.05 && b.y0 < a.y1-0.05 {
						t.Errorf("%s page %d: %q and %q overlap", in.name, p+1, a.text, b.text)
					}
				}
			}
			if p > 0 && len(rs) < 5 { // more than the running header and the footer
				t.Errorf("%s: page %d holds only %d texts", in.name, p+1, len(rs))
			}
		}
	}
}
