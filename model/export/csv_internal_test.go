package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unoct/unoct/model"
)

// inertAlready says a string is inert exactly when model.Inert gives it
// back unchanged: every rune between two letters, and escape sequences,
// invalid UTF-8 and the cells of a listing.
func TestInertAlready(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if inertAlready(s) && model.Inert(s) != s {
			t.Errorf("%q: taken as inert, but Inert makes it %q", s, model.Inert(s))
		}
		// The scan of a cell being written says the same, and finds
		// the commas and quotes encoding/csv quotes for.
		inert, special := scanCell(s)
		if bi, bs := scanCellBytes([]byte(s)); bi != inert || bs != special {
			t.Errorf("%q: scanCellBytes says %v, %v; scanCell %v, %v", s, bi, bs, inert, special)
		}
		if inert && special != strings.ContainsAny(s, ",\"") {
			t.Errorf("%q: scanCell says special %v", s, special)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		check("a" + string(r) + "b")
		check(string(r))
	}
	// Commas and quotes in every place of the eight bytes read at once.
	for n := range 20 {
		for _, c := range []string{",", `"`, "\x00", "é"} {
			for at := 0; at <= n; at++ {
				s := strings.Repeat("x", at) + c + strings.Repeat("y", n-at)
				check(s)
				check(s + `"` + s)
			}
		}
	}
	for _, s := range []string{
		"", "Côte d'Ivoire", "UNOCT – UNCCT", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\u009b31m",
		"bad \xff utf8", "\xe2\x82", "\xc3", "tab\there", "line\nbreak", "\u202eevil", "zero\u200bwidth",
		"\ufeffbom", "\u00adsoft", "a\u2028b", "\U000e0041tag", "\ufffd", "=SUM(A1)", "-12.5", "Ελλάδα", "中国",
	} {
		check(s)
	}
	// And it is not too cautious: plain text and the names of a listing
	// take the fast path.
	for _, s := range []string{"Côte d'Ivoire", "UNOCT – UNCCT", "Ελλάδα", "São Tomé and Príncipe", "Türkiye", "“quoted”"} {
		if !inertAlready(s) {
			t.Errorf("%q: not taken as inert", s)
		}
	}
}

// printableASCII8 agrees with a byte at a time on every byte value in
// every position, next to printable and unprintable neighbours.
func TestPrintableASCII8(t *testing.T) {
	for pos := range 8 {
		for _, fill := range []byte{'a', ' ', '~', 0x00, 0x7f, 0x80, 0xff, 0x1f} {
			for c := range 256 {
				var b [8]byte
				for i := range b {
					b[i] = fill
				}
				b[pos] = byte(c)
				want := true
				var x uint64
				for i, v := range b {
					want = want && v >= 0x20 && v < 0x7f
					x |= uint64(v) << (8 * i)
				}
				if got := printableASCII8(x); got != want {
					t.Fatalf("% x: %v, want %v", b, got, want)
				}
			}
		}
	}
}

// oddCells are cells encoding/csv and SafeCell each treat in their own
// way: quotes, separators, line breaks, leading blanks, formulas,
// numbers, control and format characters, invalid UTF-8, non-ASCII.
var oddCells = []string{
	"", "plain", "a,b", `say "hi"`, `"`, `""`, "line\nbreak", "cr\rlf", "crlf\r\n", " leading", "  ", "\tTab",
	"\u00a0nbsp", "\u3000ideographic", "\u2028sep", `\.`, `\`, ".", "=SUM(A1)", "+1", "-1", "-12.5", "-1e3", "-x",
	"@user", " =1", "  -2", "-", "'", "\x1b[31mred\x1b[0m", "\x07bell", "\x7f", "\u0085next", "\u202eevil",
	"zero\u200bwidth", "\ufeffbom", "bad \xff utf8", "\xc3", "Côte d'Ivoire", "中国, 日本", "Ελλάδα \"q\"",
	"a,\"b\"\nc", "\r", "\n", ",", "tab\there", "NaN", "-Inf", "-0x1p3", "emoji 🙂", "\U000e0041tag",
}

// oddActivity is an activity whose every cell is drawn from oddCells,
// with lists of none, one and several values.
func oddActivity(r *rand.Rand) model.Activity {
	s := func() string { return oddCells[r.IntN(len(oddCells))] }
	list := func() []string {
		out := make([]string, r.IntN(4))
		for i := range out {
			out[i] = s()
		}
		return out
	}
	n := func() *int {
		if r.IntN(3) == 0 {
			return nil
		}
		v := r.IntN(200) - 50
		return &v
	}
	a := model.Activity{ID: r.Uint32(), Month: s(), Section: s(), Branch: model.Branch(s()), Kind: model.Kind(s()), Text: s(),
		People: list(), Regions: list(), Corrected: list()}
	for range r.IntN(4) {
		a.Sessions = append(a.Sessions, model.Session{Start: s(), End: s(), Place: s(), City: s(), Country: s(), Virtual: r.IntN(2) == 0})
	}
	for range r.IntN(4) {
		a.Partners = append(a.Partners, model.Entity{Acronym: s(), Short: s(), Name: s()})
	}
	for range r.IntN(4) {
		a.Countries = append(a.Countries, model.CountryRef{Code: s(), Name: s()})
	}
	for range r.IntN(4) {
		p := model.Pillar(s())
		if r.IntN(2) == 0 {
			p = []model.Pillar{model.PillarI, model.PillarII, model.PillarIII, model.PillarIV}[r.IntN(4)]
		}
		a.Pillars = append(a.Pillars, model.PillarMatch{Pillar: p})
	}
	a.Participants = model.Participants{People: n(), Approximate: r.IntN(2) == 0, MemberStates: n(), Organizations: n()}
	a.Source = model.Source{Document: s(), Page: r.IntN(3) - 1, Line: r.IntN(100) - 10}
	return a
}

// referenceCSV is what the CSV formats wrote before csvWriter:
// encoding/csv's Writer, of Row's cells, each through SafeCell.
func referenceCSV(t *testing.T, r Records, crlf bool) string {
	t.Helper()
	var b strings.Builder
	cw := csv.NewWriter(&b)
	cw.UseCRLF = crlf
	if err := cw.Write(r.Header()); err != nil {
		t.Fatal(err)
	}
	for i := range r.Len() {
		row := r.Row(i)
		for j := range row {
			row[j] = SafeCell(row[j])
		}
		if err := cw.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The CSV writer writes what encoding/csv wrote of Row's cells through
// SafeCell, byte for byte, in both line ends, for activities with odd
// cells in every column and for another kind of records; and for each
// odd cell alone, first and last in its row.
func TestCSVWriter_SameAsEncodingCSV(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var acts []model.Activity
	for range 3000 {
		acts = append(acts, oddActivity(r))
	}
	var vals []model.FacetValue
	for i, s := range oddCells {
		vals = append(vals, model.FacetValue{Value: s, Count: i - 3})
	}
	cnt := counts{vals: vals, labels: slices.Clone(oddCells)}
	for _, crlf := range []bool{false, true} {
		for _, recs := range []Records{activities(acts), cnt} {
			var got bytes.Buffer
			if err := writeCSV(&got, One(recs), crlf); err != nil {
				t.Fatal(err)
			}
			if want := referenceCSV(t, recs, crlf); got.String() != want {
				g, w := strings.Split(got.String(), "\n"), strings.Split(want, "\n")
				for i := range min(len(g), len(w)) {
					if g[i] != w[i] {
						t.Fatalf("crlf %v, %T: line %d is\n%q\nwant\n%q", crlf, recs, i+1, g[i], w[i])
					}
				}
				t.Fatalf("crlf %v, %T: %d lines, want %d", crlf, recs, len(g), len(w))
			}
		}
		// Each odd cell alone in a row's every place, and as a pair.
		for _, a := range oddCells {
			for _, b := range oddCells {
				row := counts{vals: []model.FacetValue{{Value: a}, {Value: b}}, labels: []string{b, a}}
				var got bytes.Buffer
				if err := writeCSV(&got, One(row), crlf); err != nil {
					t.Fatal(err)
				}
				if want := referenceCSV(t, row, crlf); got.String() != want {
					t.Fatalf("crlf %v, cells %q and %q: got\n%q\nwant\n%q", crlf, a, b, got.String(), want)
				}
			}
		}
	}
}

// A plain activity's row, its text quoted and non-ASCII, is written
// with no allocation.
func TestCSVWriter_Allocations(t *testing.T) {
	c := &csvWriter{w: io.Discard, buf: make([]byte, 0, csvFlushAt+4<<10)}
	plain := model.Activity{ID: 7, Month: "2020-01", Text: "Plain, \"quoted\" — Côte d'Ivoire", People: []string{"A", "B"},
		Sessions:  []model.Session{{Start: "2020-01-02", City: "Vienna", Country: "AT", Virtual: true}},
		Partners:  []model.Entity{{Acronym: "UNODC", Name: "UN Office on Drugs and Crime"}, {Name: "Türkiye"}},
		Countries: []model.CountryRef{{Code: "AT", Name: "Austria"}}, Pillars: []model.PillarMatch{{Pillar: model.PillarII}}}
	if n := testing.AllocsPerRun(100, func() { c.activity(&plain) }); n != 0 {
		t.Errorf("a plain activity's row: %v allocations, want 0", n)
	}
}

// BenchmarkCSVWriter writes the sample activities' rows (a listing's
// writer, without the store), for profiling the cells' checks.
func BenchmarkCSVWriter(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "sample.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	var acts []model.Activity
	for line := range bytes.Lines(raw) {
		var a model.Activity
		if err := json.Unmarshal(line, &a); err != nil {
			b.Fatal(err)
		}
		acts = append(acts, a)
	}
	c := &csvWriter{w: io.Discard, buf: make([]byte, 0, csvFlushAt+4<<10)}
	b.ReportAllocs()
	for b.Loop() {
		for i := range acts {
			c.activity(&acts[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(acts)), "ns/row")
}
