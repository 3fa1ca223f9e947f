package gen_test

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/unoct/unoct/data/gen"
	"github.com/unoct/unoct/data/keyscore"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
)

// roundTrip reads document d of the corpus of seed from its Markdown and
// from its PDF and scores the PDF's activities against a key made of the
// Markdown's: the PDF path must find what the Markdown path finds, as
// the office's PDFs cannot be fetched to test it on. It returns the
// failed checks and the number of checks.
func roundTrip(t testing.TB, g *gen.Generator, rd *reader.Reader, seed uint64, d gen.Doc) ([]string, int) {
	t.Helper()
	md, err := rd.Read(d.Name, g.Render(seed, d), reader.Options{})
	if err != nil {
		t.Fatalf("%s: %v", d.Name, err)
	}
	raw, err := g.RenderPDF(seed, d)
	if err != nil {
		t.Fatalf("%s: %v", d.PDFName(), err)
	}
	res, err := rd.Read(d.PDFName(), raw, reader.Options{})
	if err != nil {
		return []string{err.Error()}, len(md.Activities)
	}
	key := keyscore.FromActivities(d.Name, md.Document.Month, md.Activities)
	// The PDF's lines are those of its rebuilt text: give each activity
	// the Markdown line of the activity with the same words, so that one
	// whose words the PDF changed falls back to the scorer's match by
	// first session, and is scored as missing if that fails too.
	lineOf := map[string]int{}
	for _, a := range md.Activities {
		lineOf[squeeze(a.Text)] = a.Source.Line
	}
	acts := make([]model.Activity, len(res.Activities))
	for i, a := range res.Activities {
		a.Source.Line = lineOf[squeeze(a.Text)]
		acts[i] = a
	}
	return keyscore.Score(key, acts)
}

// squeeze keeps the letters and digits of s, in lower case: hyphens and
// spaces a PDF's line ends may add or take away do not count.
func squeeze(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// roundTripDocs picks n documents over several corpus seeds, so their
// layouts (drawn from the seed and the document) vary.
func roundTripDocs(n int) []struct {
	seed uint64
	doc  gen.Doc
} {
	var out []struct {
		seed uint64
		doc  gen.Doc
	}
	for seed := uint64(1); len(out) < n; seed++ {
		plan := gen.Plan(300, seed)
		for _, d := range plan[:min(len(plan), 3)] {
			if len(out) < n {
				out = append(out, struct {
					seed uint64
					doc  gen.Doc
				}{seed, d})
			}
		}
	}
	return out
}

// TestPDFRoundTrip: for generated documents of varied layouts, the
// activities read from the PDF score at least 99% of the checks of a key
// made from those read from the Markdown. UNOCT_ROUNDTRIP=N runs N
// documents and reports each one's score and the overall one (the
// figure in BENCHMARKS.md).
func TestPDFRoundTrip(t *testing.T) {
	n, report := 8, false
	if v, err := strconv.Atoi(os.Getenv("UNOCT_ROUNDTRIP")); err == nil && v > 0 {
		n, report = v, true
	}
	g, err := gen.New()
	if err != nil {
		t.Fatal(err)
	}
	rd, err := reader.Default()
	if err != nil {
		t.Fatal(err)
	}
	var passed, total, perfect int
	var worst []string
	lowest := 1.0
	for _, c := range roundTripDocs(n) {
		name := fmt.Sprintf("seed %d %s", c.seed, c.doc.PDFName())
		fails, checks := roundTrip(t, g, rd, c.seed, c.doc)
		passed += checks - len(fails)
		total += checks
		score := 1 - float64(len(fails))/float64(max(checks, 1))
		if len(fails) == 0 {
			perfect++
		}
		lowest = min(lowest, score)
		if report && len(fails) > 0 {
			worst = append(worst, fmt.Sprintf("%6.2f%% %s: %s", score*100, name, strings.Join(fails[:min(len(fails), 3)], "; ")))
		}
		if !report && score < 0.99 {
			t.Errorf("%s: %.1f%% of %d checks, below 99%%", name, score*100, checks)
			for _, f := range fails {
				t.Log(f)
			}
		}
	}
	sort.Strings(worst)
	for _, w := range worst {
		t.Log(w)
	}
	t.Logf("%d documents, %d with every check passed, the lowest %.2f%%; %d/%d checks (%.2f%%)",
		n, perfect, lowest*100, passed, total, 100*float64(passed)/float64(max(total, 1)))
	if report && float64(passed) < 0.99*float64(total) {
		t.Errorf("overall below 99%%")
	}
}
