package reader

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/model"
)

// The fuzz targets check the reader's invariants on any input: it never
// panics; it either refuses the document with an *Error or returns
// activities that each have a source line inside the document, valid
// dates and non-negative counts, and no text that could drive a terminal.
//
//	go test ./data/reader -run '^$' -fuzz '^FuzzRead$' -fuzztime 5m -fuzzminimizetime 10s
//
// (-fuzzminimizetime: the default minimizes each new input for up to a
// minute, during which nothing else runs.)
// Crashers land in testdata/fuzz/<FuzzName>/ and are replayed by every
// `go test` from then on: commit them with the fix.

var (
	fuzzOnce sync.Once
	fuzzRd   *Reader
	fuzzErr  error
)

func fuzzReader(t testing.TB) *Reader {
	fuzzOnce.Do(func() { fuzzRd, fuzzErr = Default() })
	if fuzzErr != nil {
		t.Fatal(fuzzErr)
	}
	return fuzzRd
}

// seedDocs are the real documents: the embedded one and the test ones.
func seedDocs(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, pat := range []string{"../highlights/*.md", "../../testdata/highlights/*.md"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			if filepath.Base(f) == "README.md" {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(f)] = b
		}
	}
	if len(out) == 0 {
		t.Fatal("no seed documents")
	}
	return out
}

// handDocs are small documents that reach the reader's corners.
var handDocs = []string{
	"",
	"\x00",
	"## HIGHLIGHTS\n\n- UNOCT organized a workshop. (3 June 2020, Vienna)\n",
	"# June 2020\n\n## HIGHLIGHTS\n\n- UNOCT met UNODC (UNCTED) on border security (3-4 June; 5 June, Vienna/virtual)\n",
	"## HIGHLIGHTS\n\n- UNOCT trained over 1,200 officials from 15 Member States and 38 organizations. (30 December 2020 - 4 January 2021, online)\n",
	"## HIGHLIGHTS\n\n- UNOCT met. (31 February 2021, Vienna)\n- UNOCT met. (29 February 2021, Vienna)\n",
	"## HIGHLIGHTS\n\n- UNOCT met ((((((3 June 2020, Vienna))))))\n- x (\n- y )\n",
	"## HIGHLIGHTS\n\n- \u2003\n\nfoo\n- UNOCT met. (3 June 2020, Vienna)\n",
	"**HIGHLIGHTS**\n\n* UNOCT\r\n  met USG Voronkov. (February 7, 2021, New York)\r- a (7 Feb)\n",
	"## HIGHLIGHTS\n\n- \x1b[31mUNOCT\x1b[0m \x1b]52;c;ZWNobw==\x07met \u202eUNODC\u202c. (3 June 2020, \x1b]8;;http://x\x1b\\Vienna\x1b]8;;\x1b\\)\n",
	"## HIGHLIGHTS\n\n- UNOCT met \x93them\x94 \x96 twice. (3 \x96 4 June 2020, Vienna)\n",
	"## HIGHLIGHTS\n\n- UNOCT met ninety hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred participants. (3 June 2020, Vienna)\n",
	"## X\n\n- a (1 January 1900)\n- b (31 December 2199)\n- c (0 June 2020)\n- d (32 June 2020)\n",
}

// handParens are date/place parentheses.
var handParens = []string{
	"7 February, New York",
	"11-12 February, Vienna",
	"30 January – 2 February, Doha",
	"28 December - 3 January, Tashkent",
	"8, 10 and 12 June, New York/virtual",
	"New York, 7 February",
	"February 7, 2021, virtual",
	"1-3 and 5 June; 9 June, Geneva",
	"31 February",
	"29 February 2021",
	"1 - 2 - 3 June",
	"June-July",
	"from 1 to 3 June 2020 and 5 June 2021, online",
	"2020 June 2021 7 7",
	"–—‑ , & / June",
	";;;",
	"",
}

// handCounts are bullet texts with participant counts.
var handCounts = []string{
	"UNOCT trained over 1,200 officials from 15 Member States and 38 organizations.",
	"some 120 young leaders and officials from 18 Arab States",
	"two hundred and fifty participants, twenty-five countries",
	"1 200 participants",
	"99999999999999999999999 participants",
	"ninety hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred participants",
	"thousand thousand thousand participants",
	"-5 participants and - 3 Member States",
	"one-day workshop for the two countries",
	"1,2,3,4 participants",
}

// CheckResult checks a Read result's invariants against the raw bytes it
// came from (and the text kept of them). It is exported (from a test file) for the other tests of
// this directory.
func CheckResult(raw []byte, res *Result) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	// Lines count in the text the store keeps: the input itself, or the
	// text a decoder rebuilt from it (a PDF, pdftotext output).
	if len(res.Document.Raw) > 0 {
		raw = res.Document.Raw
	}
	s := strings.ReplaceAll(string(raw), "\r\n", "\n")
	nlines := strings.Count(strings.ReplaceAll(s, "\r", "\n"), "\n") + 1
	if _, err := time.Parse("2006-01", res.Document.Month); err != nil || len(res.Document.Month) != 7 {
		bad("document month %q is not YYYY-MM", res.Document.Month)
	}
	if res.Document.Activities != len(res.Activities) {
		bad("document says %d activities, has %d", res.Document.Activities, len(res.Activities))
	}
	if len(res.Activities) == 0 {
		bad("a document without activities was not refused")
	}
	prev := 0
	for i, a := range res.Activities {
		where := fmt.Sprintf("activity %d (line %d)", i, a.Source.Line)
		if a.Source.Line < 1 || a.Source.Line > nlines {
			bad("%s: line outside the document's %d lines", where, nlines)
		}
		if a.Source.Line <= prev {
			bad("%s: not after the previous activity's line %d", where, prev)
		}
		prev = a.Source.Line
		if a.Source.Document != res.Document.Name || a.Month != res.Document.Month {
			bad("%s: from %s %s, not the document's %s %s", where, a.Source.Document, a.Month, res.Document.Name, res.Document.Month)
		}
		for _, se := range a.Sessions {
			st, err1 := time.Parse("2006-01-02", se.Start)
			en, err2 := time.Parse("2006-01-02", se.End)
			if err1 != nil || err2 != nil {
				bad("%s: session %s..%s is not a valid date", where, se.Start, se.End)
			} else if en.Before(st) {
				bad("%s: session ends %s before it starts %s", where, se.End, se.Start)
			}
		}
		p := a.Participants
		for _, n := range []*int{p.People, p.MemberStates, p.Organizations} {
			if n != nil && *n < 0 {
				bad("%s: negative count %d", where, *n)
			}
		}
		if len(a.Pillars) == 0 || a.Kind == "" || a.Branch == "" || len(a.Regions) == 0 {
			bad("%s: a pillar, kind, branch and region are always given: %v %q %q %v", where, a.Pillars, a.Kind, a.Branch, a.Regions)
		}
		// What the store indexes must be storable (it refuses facet
		// values over 1 KiB), so a document the reader takes is one the
		// store takes.
		for _, v := range append([]string{a.Section}, partnerLabels(a.Partners)...) {
			if len(v) > 1024 {
				bad("%s: facet value of %d bytes (%.40q…): the store would refuse the document", where, len(v), v)
			}
		}
		if err := inertStrings(a); err != nil {
			bad("%s: %v", where, err)
		}
	}
	for _, pr := range append(append([]Problem{}, res.Problems...), res.Unknown...) {
		if pr.Line < 0 || pr.Line > nlines {
			bad("problem on line %d, outside the document: %s", pr.Line, pr.Msg)
		}
	}
	return errors.Join(errs...)
}

func partnerLabels(es []model.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Label())
	}
	return out
}

// inertStrings walks every string of an activity (through its JSON form)
// and reports one that holds an escape, a control character, a bidi or
// zero-width format character, or invalid UTF-8.
func inertStrings(a model.Activity) error {
	b, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("does not encode: %v", err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	var walk func(v any) error
	walk = func(v any) error {
		switch x := v.(type) {
		case string:
			if !utf8.ValidString(x) {
				return fmt.Errorf("invalid UTF-8 in %.60q", x)
			}
			for _, r := range x {
				if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
					return fmt.Errorf("character %U in %.60q", r, x)
				}
			}
		case []any:
			for _, e := range x {
				if err := walk(e); err != nil {
					return err
				}
			}
		case map[string]any:
			for _, e := range x {
				if err := walk(e); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(v)
}

// FuzzRead reads whole documents, under a name with a month and under
// one without.
func FuzzRead(f *testing.F) {
	for _, b := range seedDocs(f) {
		f.Add(b, true)
	}
	for _, d := range handDocs {
		f.Add([]byte(d), true)
		f.Add([]byte(d), false)
	}
	r := fuzzReader(f)
	f.Fuzz(func(t *testing.T, raw []byte, named bool) {
		name := "report.md"
		if named {
			name = "2020-06.md"
		}
		defer watchdog()()
		res, err := r.Read(name, raw, Options{})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *reader.Error", err)
			}
			if e.File != name || e.Line < 0 || e.Msg == "" || e.Hint == "" {
				t.Fatalf("refusal %#v lacks where, what or what to do", e)
			}
			return
		}
		if err := CheckResult(raw, res); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzParen reads the final (date, place) parenthesis and resolves its
// sessions against a reporting month, as Read does.
func FuzzParen(f *testing.F) {
	for _, p := range handParens {
		f.Add(p, uint8(6))
	}
	// Every parenthesis of the real documents.
	for _, b := range seedDocs(f) {
		for _, l := range strings.Split(string(b), "\n") {
			if _, inner, ok := decode.FinalParen(strings.TrimSpace(l)); ok && inner != "" {
				f.Add(inner, uint8(len(l)%12+1))
			}
		}
	}
	r := fuzzReader(f)
	f.Fuzz(func(t *testing.T, inner string, m uint8) {
		defer watchdog()()
		month := time.Date(2020, time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC)
		raws, err := r.parseParen(inner)
		if err != nil {
			if len(raws) != 0 {
				t.Fatalf("an error with sessions")
			}
			return
		}
		if len(raws) == 0 {
			t.Fatalf("no error and no sessions")
		}
		for _, rs := range raws {
			for _, d := range []rawDate{rs.start, rs.end} {
				if d.month < 1 || d.month > 12 || d.day < 0 || d.day > 31 || d.year != 0 && (d.year < 1900 || d.year > 2199) {
					t.Fatalf("raw date %+v out of range", d)
				}
			}
		}
		r.looksLikeSessions(inner) // must not panic either
		var warned []string
		ss := r.sessions(raws, month, func(format string, args ...any) { warned = append(warned, fmt.Sprintf(format, args...)) })
		if len(ss)+countPrefix(warned, "impossible date", "the session ends") != len(raws) {
			t.Fatalf("%d raw sessions became %d sessions and %d warnings: %v", len(raws), len(ss), len(warned), warned)
		}
		for _, s := range ss {
			st, err1 := time.Parse("2006-01-02", s.Start)
			en, err2 := time.Parse("2006-01-02", s.End)
			if err1 != nil || err2 != nil || en.Before(st) {
				t.Fatalf("session %s..%s is not a valid span", s.Start, s.End)
			}
			// A date with no year written lands within a year of the
			// month.
			if d := st.Sub(month); d < -400*24*time.Hour && !strings.ContainsAny(inner, "0123456789") {
				t.Fatalf("session %s far from %s", s.Start, month.Format("2006-01"))
			}
		}
	})
}

// watchdog turns a hang into a crash that the fuzzer records with its
// input: Go's fuzzing engine has no per-input time limit of its own. Call
// the returned stop when the input is done. The limit is not a speed
// bound (the largest inputs take milliseconds), only a hang detector.
func watchdog() (stop func() bool) {
	return time.AfterFunc(30*time.Second, func() {
		panic("the reader has been reading one fuzz input for 30 s: a hang")
	}).Stop
}

func countPrefix(ss []string, prefixes ...string) int {
	n := 0
	for _, s := range ss {
		for _, p := range prefixes {
			if strings.HasPrefix(s, p) {
				n++
				break
			}
		}
	}
	return n
}

// FuzzParticipants reads participant counts from a bullet's text.
func FuzzParticipants(f *testing.F) {
	for _, c := range handCounts {
		f.Add(c)
	}
	for _, b := range seedDocs(f) {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "- ") {
				f.Add(strings.TrimSpace(l)[2:])
			}
		}
	}
	r := fuzzReader(f)
	f.Fuzz(func(t *testing.T, text string) {
		defer watchdog()()
		p := r.participants(text)
		for name, n := range map[string]*int{"people": p.People, "member states": p.MemberStates, "organizations": p.Organizations} {
			if n != nil && *n < 0 {
				t.Fatalf("%s: %d", name, *n)
			}
		}
		if p.Approximate && p.People == nil {
			t.Fatalf("approximate without a count of people")
		}
	})
}
