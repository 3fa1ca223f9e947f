package reader_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/unoct/unoct/data/gen"
	"github.com/unoct/unoct/data/keyscore"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/data/reader/decode/pdf/pdftest"
	"github.com/unoct/unoct/model"
)

// seedPDF is the seed document rendered as a two-column PDF with a title
// band, heading bands, glyph bullets, KPI boxes, hyphenated line ends
// and a footer.
func seedPDF(t testing.TB) []byte {
	t.Helper()
	md := mustRead(t, "../highlights/2020-02.md")
	return pdftest.Render(pdftest.FromMarkdown(string(md)),
		pdftest.Layout{Title: "February 2020", Columns: 2, Hyphenate: true, Footer: true})
}

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRead_SeedAsPDF: the seed as a PDF reads to the activities of its
// Markdown (the seed's answer key), says on which page each stands, and
// the text the store keeps in place of the PDF reads the same again.
func TestRead_SeedAsPDF(t *testing.T) {
	r := mustReader(t)
	k, err := keyscore.Load("../../testdata/highlights/2020-02.expected.json")
	if err != nil {
		t.Fatal(err)
	}
	raw := seedPDF(t)
	res, err := readWithDeadline(t, r, "highlights.pdf", raw, reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Document.Month != k.Month {
		t.Errorf("month %s (from %s), want %s", res.Document.Month, res.MonthFrom, k.Month)
	}
	scoreAsSeed(t, r, k, res.Activities, "seed as PDF")
	pages := map[int]bool{}
	for _, a := range res.Activities {
		if a.Source.Page < 1 {
			t.Errorf("%s: no page", a.Source)
		}
		pages[a.Source.Page] = true
	}
	if !strings.Contains(res.Activities[0].Source.String(), "page 1, line ") {
		t.Errorf("provenance %q, want page and line", res.Activities[0].Source)
	}
	if f := res.Document.Facts; f.IndividualsTrained == nil || *f.IndividualsTrained != 234 || f.WorkshopsOrganized == nil || *f.WorkshopsOrganized != 11 {
		t.Errorf("KPI boxes not read as facts: %+v", f)
	}
	if bytes.HasPrefix(res.Document.Raw, []byte("%PDF")) {
		t.Fatal("the store would keep the PDF, not its text")
	}
	again, err := r.Read("highlights.pdf", res.Document.Raw, reader.Options{})
	if err != nil {
		t.Fatalf("the kept text does not read again: %v", err)
	}
	if len(again.Activities) != len(res.Activities) {
		t.Fatalf("kept text: %d activities, the PDF %d", len(again.Activities), len(res.Activities))
	}
	for i := range again.Activities {
		if a, b := again.Activities[i], res.Activities[i]; a.Text != b.Text || a.Source != b.Source {
			t.Errorf("activity %d: kept text gives %q at %s, the PDF %q at %s", i, a.Text, a.Source, b.Text, b.Source)
		}
	}
}

// TestRead_PDFRefusals: a PDF that is a scan, encrypted, damaged or not
// a highlights document is refused with a message that says what is
// wrong and what to do, and no panic.
func TestRead_PDFRefusals(t *testing.T) {
	r := mustReader(t)
	newDoc := func() *fpdf.Fpdf {
		f := fpdf.New("P", "pt", "A4", "")
		f.SetFont("Helvetica", "", 11)
		return f
	}
	out := func(f *fpdf.Fpdf) []byte {
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	scan := newDoc()
	scan.AddPage()
	scan.SetFillColor(40, 40, 40)
	for y := 50.0; y < 700; y += 14 {
		scan.Rect(50, y, 480, 8, "F") // lines of "text" drawn as shapes
	}
	locked := newDoc()
	locked.SetProtection(fpdf.CnProtectPrint, "secret", "owner")
	locked.AddPage()
	locked.Text(50, 50, "UNOCT HIGHLIGHTS February 2020")
	prose := newDoc()
	prose.AddPage()
	for i, l := range []string{"Minutes of the meeting of the staff association.", "The committee met on Tuesday and agreed the budget.", "Any other business was deferred to the next meeting."} {
		prose.Text(50, 60+float64(i)*16, l)
	}
	seed := seedPDF(t)
	for _, tc := range []struct {
		name, want string
		raw        []byte
	}{
		{"scan.pdf", "no text layer", out(scan)},
		{"locked.pdf", "encrypted", out(locked)},
		{"truncated.pdf", "damaged", seed[:len(seed)/3]},
		{"garbage.pdf", "damaged", append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0x8f, 0x00, 0x17}, 500)...)},
		{"minutes.pdf", "no activity section", out(prose)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := readWithDeadline(t, r, tc.name, tc.raw, reader.Options{Month: "2020-02"})
			var re *reader.Error
			if !errors.As(err, &re) || res != nil {
				t.Fatalf("got %v, %v; want a refusal", res, err)
			}
			if !strings.Contains(re.Msg, tc.want) || re.Hint == "" || re.File != tc.name {
				t.Errorf("refusal %q, want one of %s that says %q and what to do", re.Error(), tc.name, tc.want)
			}
			t.Logf("%s", re.Error())
		})
	}
}

// scoreAsSeed scores activities read from the seed in another format
// against the seed's key, at least 99%.
func scoreAsSeed(t *testing.T, r *reader.Reader, k *keyscore.Key, acts0 []model.Activity, what string) {
	t.Helper()
	// The key holds the Markdown's line numbers: give each activity read
	// from the PDF the line of the Markdown activity with the same text,
	// so that one whose text the PDF changed is scored as missing.
	md, err := r.Read("2020-02.md", mustRead(t, "../highlights/2020-02.md"), reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lineOf := map[string]int{}
	for _, a := range md.Activities {
		lineOf[a.Text] = a.Source.Line
	}
	acts := slices.Clone(acts0)
	for i := range acts {
		acts[i].Source.Line = lineOf[acts[i].Text]
		if acts[i].Source.Line == 0 {
			t.Errorf("activity not in the Markdown: %q", acts[i].Text)
		}
	}
	fails, total := keyscore.Score(k, acts)
	for _, f := range fails {
		t.Log(f)
	}
	got := 1 - float64(len(fails))/float64(total)
	t.Logf("%s: %d/%d checks (%.1f%%)", what, total-len(fails), total, got*100)
	if got < 0.99 {
		t.Errorf("score %.1f%% below 99%%", got*100)
	}
}

// TestRead_SeedAsText: the seed's PDF as pdftotext writes it, with and
// without -layout (columns side by side), reads to the seed's
// activities.
func TestRead_SeedAsText(t *testing.T) {
	r := mustReader(t)
	k, err := keyscore.Load("../../testdata/highlights/2020-02.expected.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"2020-02.txt", "2020-02.layout.txt", "2020-02.3col.layout.txt"} {
		t.Run(name, func(t *testing.T) {
			res, err := r.Read(name, mustRead(t, "decode/text/testdata/"+name), reader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			scoreAsSeed(t, r, k, res.Activities, name)
			if f := res.Document.Facts; f.IndividualsTrained == nil || *f.IndividualsTrained != 234 || f.WorkshopsOrganized == nil || *f.WorkshopsOrganized != 11 {
				t.Errorf("KPI boxes not read as facts: %+v", f)
			}
		})
	}
}

// TestRead_SeedAsPDFLayouts: the seed laid out in one, two or three
// columns, in several type sizes, hyphenated or not, reads the same.
func TestRead_SeedAsPDFLayouts(t *testing.T) {
	r := mustReader(t)
	k, err := keyscore.Load("../../testdata/highlights/2020-02.expected.json")
	if err != nil {
		t.Fatal(err)
	}
	items := pdftest.FromMarkdown(string(mustRead(t, "../highlights/2020-02.md")))
	for _, l := range []pdftest.Layout{
		{Title: "February 2020", Columns: 1, Size: 10, Footer: true},
		{Title: "February 2020", Columns: 2, Size: 8, Hyphenate: true},
		{Title: "February 2020", Columns: 3, Size: 8, Hyphenate: true, Footer: true},
		{Title: "February 2020", Columns: 3, Size: 10, Footer: true},
		{Columns: 2, Size: 9, Hyphenate: true, Footer: true},
		{Title: "February 2020", Columns: 2, Size: 8, Hyphenate: true, Footer: true, Side: []pdftest.Item{
			{Kind: pdftest.Heading, Text: "UN GLOBAL COUNTER-TERRORISM STRATEGY"},
			{Kind: pdftest.Bold, Text: "Pillar I"}, {Text: "Addressing the conditions conducive to the spread of terrorism"},
			{Kind: pdftest.Heading, Text: "UNOCT MANDATE"},
			{Text: "Established through GA resolution 71/291 on 15 June 2017, the Office has 5 functions."},
		}},
	} {
		name := fmt.Sprintf("%dcol-%gpt-hyph%v-side%v", l.Columns, l.Size, l.Hyphenate, len(l.Side) > 0)
		t.Run(name, func(t *testing.T) {
			res, err := r.Read("2020-02.pdf", pdftest.Render(items, l), reader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			scoreAsSeed(t, r, k, res.Activities, name)
		})
	}
}

// TestRead_PDFSideColumnCarriedOver: in generated documents the
// mandate's side column stands before the first page's activities and
// goes on at the top of the next page: its last list item (corpus seed
// 33, March 2018), or its rest with the top donors, whose list goes on
// over a third page beside the end of the activities (seed 47, January
// 2018). That text is reference text, not more activities of the last
// section: each PDF reads to the activities of its Markdown.
func TestRead_PDFSideColumnCarriedOver(t *testing.T) {
	g, err := gen.New()
	if err != nil {
		t.Fatal(err)
	}
	r := mustReader(t)
	for _, tc := range []struct {
		seed uint64
		name string
	}{{33, "highlights-2018-03.md"}, {47, "highlights-2018-01.md"}} {
		t.Run(tc.name, func(t *testing.T) {
			for _, d := range gen.Plan(300, tc.seed)[:3] {
				if d.Name != tc.name {
					continue
				}
				md, err := r.Read(d.Name, g.Render(tc.seed, d), reader.Options{})
				if err != nil {
					t.Fatal(err)
				}
				raw, err := g.RenderPDF(tc.seed, d)
				if err != nil {
					t.Fatal(err)
				}
				res, err := r.Read(d.PDFName(), raw, reader.Options{})
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]bool{}
				for _, a := range md.Activities {
					want[strings.Join(strings.Fields(a.Text), " ")] = true
				}
				for _, a := range res.Activities {
					if !want[strings.Join(strings.Fields(a.Text), " ")] {
						t.Errorf("line %d (%s) is no activity of the Markdown: %q", a.Source.Line, a.Section, a.Text)
					}
				}
				if len(res.Activities) != len(md.Activities) {
					t.Errorf("%d activities from the PDF, %d from the Markdown", len(res.Activities), len(md.Activities))
				}
				return
			}
			t.Fatalf("the corpus of seed %d no longer has %s among its first documents", tc.seed, tc.name)
		})
	}
}
