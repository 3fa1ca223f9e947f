package pdf_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/reader/decode/pdf"
	"github.com/unoct/unoct/data/reader/decode/pdf/pdftest"
	"github.com/unoct/unoct/data/reader/decode/text"
)

// shared is one decoder for the tests: its runtime starts once.
var shared = sync.OnceValue(func() *pdf.Decoder { return &pdf.Decoder{CacheDir: cacheDir()} })

// cacheDir keeps PDFium compiled between test runs, in the test cache's
// neighbourhood rather than the user's cache.
func cacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return d + "/unoct-test/wazero"
}

func decodeOK(t testing.TB, raw []byte) *decode.Doc {
	t.Helper()
	doc, err := shared().Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestDecode_Layout: three columns, heading bands, bullets of every
// mark, a row of KPI boxes, hyphenated line ends and a footer with the
// web address, hashtags and page number.
func TestDecode_Layout(t *testing.T) {
	long := "UNOCT organized a comprehensive capacity-building workshop on countering terrorist travel for representatives of national authorities, with the participation of international organizations and civil society"
	items := []pdftest.Item{
		{Kind: pdftest.Heading, Text: "POLITICAL LEADERSHIP"},
		{Kind: pdftest.Bullet, Text: "USG Voronkov briefed the Security Council. (7 February, New York)"},
		{Kind: pdftest.Bullet, Glyph: "▪", Text: long + ". (11-12 February, Vienna)"},
		{Kind: pdftest.Heading, Text: "CAPACITY-BUILDING"},
		{Kind: pdftest.KPI, Text: "1,234", Label: "INDIVIDUALS TRAINED"},
		{Kind: pdftest.KPI, Text: "44", Label: "WORKSHOPS ORGANIZED"},
		{Kind: pdftest.Bullet, Glyph: "–", Text: "UNCCT delivered a training on border security. (3 February, Baku)"},
		{Kind: pdftest.Bullet, Glyph: "1.", Text: "UNCCT launched a project with UNODC. (21 February, New York)"},
		{Kind: pdftest.Para, Text: "The Office provides capacity-building support to Member States."},
	}
	for range 30 {
		items = append(items, pdftest.Item{Kind: pdftest.Bullet, Text: long + ". (18 February, Nairobi)"})
	}
	raw := pdftest.Render(items, pdftest.Layout{Title: "February 2020", Columns: 3, Size: 8, Hyphenate: true, Footer: true})
	doc := decodeOK(t, raw)
	text := string(doc.Keep)
	for _, bad := range []string{"#UNOCT", "www.", "#CounterTerrorism", "\u0002", "Highlights |"} {
		if strings.Contains(text, bad) {
			t.Errorf("the rebuilt text holds %q", bad)
		}
	}
	var heads []string
	bullets := 0
	for _, s := range doc.Sections {
		heads = append(heads, s.Heading)
		for _, b := range s.Blocks {
			if b.Bullet {
				bullets++
				if !strings.HasSuffix(b.Text, ")") {
					t.Errorf("bullet without its (date, place): %q", b.Text)
				}
			}
			if strings.Contains(b.Text, "UNOCT organized") && !strings.Contains(b.Text, long) {
				t.Errorf("bullet not mended back: %q in\n%s", b.Text, text)
			}
		}
	}
	if got := strings.Join(heads, "|"); !strings.Contains(got, "POLITICAL LEADERSHIP|CAPACITY-BUILDING") {
		t.Errorf("headings %q", got)
	}
	if bullets != 34 {
		t.Errorf("%d bullets, want 34, in\n%s", bullets, text)
	}
	for _, want := range []string{"**1,234 INDIVIDUALS TRAINED**", "**44 WORKSHOPS ORGANIZED**", "- UNCCT launched a project with UNODC. (21 February, New York)"} {
		if !strings.Contains(text, want) {
			t.Errorf("no line %q in\n%s", want, text)
		}
	}
	if doc.Page(len(doc.Lines)-1) != 2 {
		t.Errorf("the last line is on page %d, want 2", doc.Page(len(doc.Lines)-1))
	}
}

// TestDecode_ParenAcrossColumns: a bullet's (date, place) pushed to the
// top of the next column stays with the bullet.
func TestDecode_ParenAcrossColumns(t *testing.T) {
	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	f.AddPage()
	f.SetFont("sans", "B", 12)
	f.Text(40, 60, "HIGHLIGHTS")
	f.SetFont("sans", "", 9)
	y := 80.0
	const n = 31 // fills the left column to its foot
	for i := range n {
		f.Text(40, y, "•")
		f.Text(50, y, "UNOCT held a meeting with partners on the")
		if i < n-1 {
			f.Text(50, y+11, "prevention of violent extremism. (5 March, Rome)")
		} else {
			f.Text(50, y+11, "prevention of violent extremism")
		}
		y += 22
	}
	f.Text(310, 80, "(6 March, Geneva)")
	f.Text(300, 91, "•")
	f.Text(310, 91, "UNOCT met the Permanent Mission of Japan. (9 March, New York)")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	doc := decodeOK(t, b.Bytes())
	blocks := doc.Sections[len(doc.Sections)-1].Blocks
	if n := len(blocks); n < 3 {
		t.Fatalf("%d blocks", n)
	}
	if got := blocks[len(blocks)-2].Text; !strings.HasSuffix(got, "violent extremism (6 March, Geneva)") {
		t.Errorf("the bullet before the column break reads %q", got)
	}
	if got := blocks[len(blocks)-1].Text; got != "UNOCT met the Permanent Mission of Japan. (9 March, New York)" {
		t.Errorf("the last bullet reads %q", got)
	}
}

// TestDecode_Concurrent: the import reads PDFs on several goroutines;
// they share the runtime and each gets the same text.
func TestDecode_Concurrent(t *testing.T) {
	md, err := os.ReadFile("../../../highlights/2020-02.md")
	if err != nil {
		t.Fatal(err)
	}
	raw := pdftest.Render(pdftest.FromMarkdown(string(md)), pdftest.Layout{Title: "February 2020", Columns: 2, Hyphenate: true, Footer: true})
	want := decodeOK(t, raw).Keep
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			doc, err := shared().Decode(raw)
			if err != nil {
				t.Error(err)
				return
			}
			if !bytes.Equal(doc.Keep, want) {
				t.Error("a concurrent read gave other text")
			}
		})
	}
	wg.Wait()
}

// TestStart: with PDFium compiled in the cache, a start takes a
// fraction of the first one; a closed decoder refuses PDFs.
func TestStart(t *testing.T) {
	if err := shared().Start(); err != nil { // fills the cache
		t.Fatal(err)
	}
	warm := &pdf.Decoder{CacheDir: cacheDir()}
	t0 := time.Now()
	if err := warm.Start(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(t0)
	t.Logf("start with the compilation cache: %v", took)
	if took > 10*time.Second {
		t.Errorf("a start with the cache took %v", took)
	}
	warm.Close()
	if _, err := warm.Decode([]byte("%PDF-1.7")); err == nil {
		t.Error("a closed decoder read a PDF")
	}
}

// BenchmarkStartCold is the first start of all, compiling PDFium
// without a cache.
func BenchmarkStartCold(b *testing.B) {
	for b.Loop() {
		d := &pdf.Decoder{CacheDir: b.TempDir()}
		if err := d.Start(); err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}

// BenchmarkStartWarm is a start with PDFium in the compilation cache:
// what each import that reads a PDF pays.
func BenchmarkStartWarm(b *testing.B) {
	if err := shared().Start(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		d := &pdf.Decoder{CacheDir: cacheDir()}
		if err := d.Start(); err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}

// BenchmarkDecode is pages per second after the first start: PDFium's
// text and the layout analysis, one PDF at a time (so about one core).
func BenchmarkDecode(b *testing.B) {
	md, err := os.ReadFile("../../../highlights/2020-02.md")
	if err != nil {
		b.Fatal(err)
	}
	raw := pdftest.Render(pdftest.FromMarkdown(string(md)), pdftest.Layout{Title: "February 2020", Columns: 2, Hyphenate: true, Footer: true})
	d := shared()
	if err := d.Start(); err != nil {
		b.Fatal(err)
	}
	doc := decodeOK(b, raw)
	pages := doc.Page(len(doc.Lines))
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := d.Decode(raw); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(pages*b.N)/cpu.Seconds(), "pages/cpu-s")
	}
}

// TestVersion: the PDF decoder's version covers the layout code it
// shares with the text decoder, so a change there re-derives stores.
func TestVersion(t *testing.T) {
	v := shared().Version()
	if v == "" || !strings.HasSuffix(v, "+"+text.Version()) {
		t.Errorf("version %q does not hold the layout code's %q", v, text.Version())
	}
	if shared().Name() != "pdf" || !shared().Sniff([]byte("%PDF-1.7\n")) || shared().Sniff([]byte("# POLITICAL LEADERSHIP\n")) {
		t.Error("name or sniffing wrong")
	}
}

// TestDecode_Damaged: PDFs damaged anywhere are read or refused with a
// *decode.Error, never a panic, and the decoder reads good PDFs after.
func TestDecode_Damaged(t *testing.T) {
	md, err := os.ReadFile("../../../highlights/2020-02.md")
	if err != nil {
		t.Fatal(err)
	}
	good := pdftest.Render(pdftest.FromMarkdown(string(md)), pdftest.Layout{Title: "February 2020", Columns: 2})
	for i := range 40 {
		bad := bytes.Clone(good)
		at := (i*7919 + 13) % len(bad)
		switch i % 3 {
		case 0:
			bad = bad[:at]
		case 1:
			for j := at; j < min(len(bad), at+64); j++ {
				bad[j] ^= 0x5a
			}
		default:
			bad = append(bad[:at:at], bad[min(len(bad), at+512):]...)
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("damage %d: panic %v", i, p)
				}
			}()
			if _, err := shared().Decode(bad); err != nil {
				var de *decode.Error
				if !errors.As(err, &de) {
					t.Errorf("damage %d: %v is no refusal", i, err)
				}
			}
		}()
	}
	decodeOK(t, good)
}

// TestDecode_SideBox: a shaded box down the side of the first page is
// read after the columns beside it, before the next page.
func TestDecode_SideBox(t *testing.T) {
	md, err := os.ReadFile("../../../highlights/2020-02.md")
	if err != nil {
		t.Fatal(err)
	}
	raw := pdftest.Render(pdftest.FromMarkdown(string(md)), pdftest.Layout{Title: "February 2020", Columns: 2, Size: 8, Hyphenate: true, Footer: true,
		Side: []pdftest.Item{
			{Kind: pdftest.Heading, Text: "SIDE STRATEGY"},
			{Kind: pdftest.Bold, Text: "Pillar I"}, {Text: "Addressing the conditions conducive to the spread of terrorism"},
			{Kind: pdftest.Heading, Text: "SIDE MANDATE"},
			{Text: "Established through GA resolution 71/291 on 15 June 2017, the Office has 5 functions."},
		}})
	doc := decodeOK(t, raw)
	at := map[string]int{}
	for i, s := range doc.Sections {
		at[s.Heading] = i
	}
	if !(at["SPECIAL PROJECTS & INNOVATION BRANCH"] < at["SIDE STRATEGY"] && at["SIDE STRATEGY"] < at["SIDE MANDATE"] && at["SIDE MANDATE"] < at["UNOCT MANDATE"]) {
		t.Errorf("sections out of order: %v", at)
	}
	if s := doc.Sections[at["SIDE MANDATE"]]; doc.Page(s.Line) != 1 || len(s.Blocks) == 0 || !strings.HasSuffix(s.Blocks[0].Text, "5 functions.") {
		t.Errorf("side box section %+v on page %d", s, doc.Page(s.Line))
	}
}
