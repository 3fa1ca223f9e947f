package reader_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/unoct/unoct/data/reader"
)

// hangDeadline turns a hang into a failure. It is not a speed limit:
// every case takes well under a second except the 20 MB bullet (a few
// seconds), and -race or a loaded machine may multiply that.
const hangDeadline = 2 * time.Minute

// readWithDeadline runs Read in a goroutine so that a hang fails the
// test instead of stalling the run, and a panic fails it with the input's
// name instead of killing the binary.
func readWithDeadline(t *testing.T, r *reader.Reader, name string, raw []byte, opt reader.Options) (*reader.Result, error) {
	t.Helper()
	type out struct {
		res   *reader.Result
		err   error
		panic any
	}
	done := make(chan out, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- out{panic: p}
			}
		}()
		res, err := r.Read(name, raw, opt)
		done <- out{res: res, err: err}
	}()
	select {
	case o := <-done:
		if o.panic != nil {
			t.Fatalf("Read(%s) panicked: %v", name, o.panic)
		}
		return o.res, o.err
	case <-time.After(hangDeadline):
		t.Fatalf("Read(%s) still running after %v: a hang", name, hangDeadline)
	}
	return nil, nil
}

const (
	hdr    = "# Highlights – June 2020\n\n## HIGHLIGHTS\n\n"
	bullet = "- UNOCT organized a workshop with UNODC on border security for 25 officials. (3 June, Vienna)\n"
)

// badInputs are the documents people may point unoct at by mistake or
// by malice. want is "" for a document that must import (each with the
// activity count and the checks in check), else a piece of the error.
var badInputs = []struct {
	name    string // the file name given to Read (it may carry the month)
	raw     func() []byte
	wantErr string // the refusal's message, "" when the document imports
	line    int    // the refusal's line (0: the whole file)
	acts    int    // activities when it imports
	check   func(t *testing.T, res *reader.Result)
}{
	{name: "empty.md", raw: func() []byte { return nil }, wantErr: "the document is empty"},
	{name: "blank.md", raw: func() []byte { return []byte("\n \t\r\n\n") }, wantErr: "the document is empty"},
	{name: "binary.png", raw: func() []byte {
		return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
	}, wantErr: "the file is binary", line: 3},
	{name: "binary-late.md", raw: func() []byte {
		return []byte(hdr + bullet + "\n\x00\x01\x02")
	}, wantErr: "the file is binary", line: 7},
	{
		// Windows-1252: smart quotes 0x93/0x94, an en dash 0x96, é 0xE9.
		name: "2020-06-cp1252.md",
		raw: func() []byte {
			return []byte("## HIGHLIGHTS\n\n- UNOCT launched the \x93Caf\xe9 dialogues\x94 with UNODC on border security. (3 \x96 4 June, Vienna)\n")
		},
		acts: 1,
		check: func(t *testing.T, res *reader.Result) {
			a := res.Activities[0]
			if !strings.Contains(a.Text, "“Café dialogues”") {
				t.Errorf("text %q: the Windows-1252 quotes and é are not decoded", a.Text)
			}
			if len(a.Sessions) != 1 || a.Sessions[0].Start != "2020-06-03" || a.Sessions[0].End != "2020-06-04" {
				t.Errorf("sessions %+v, want 3–4 June 2020 (the en dash is 0x96)", a.Sessions)
			}
			if !hasProblem(res, 0, "Windows-1252") {
				t.Errorf("no note that the file was read as Windows-1252: %v", res.Problems)
			}
		},
	},
	{
		name:    "2020-06-oneline.md",
		raw:     func() []byte { return []byte(strings.Repeat("lorem ipsum ", 20<<20/12)) },
		wantErr: "no activity section",
	},
	{
		// 20 MB on one line that is a bullet with a date: one (very
		// long) activity.
		name: "2020-06-bigbullet.md",
		raw: func() []byte {
			return []byte(hdr + "- UNOCT " + strings.Repeat("trained officials on border security ", 20<<20/37) + "(3 June, Vienna)")
		},
		acts: 1,
		check: func(t *testing.T, res *reader.Result) {
			if n := len(res.Activities[0].Text); n < 20<<20-100 {
				t.Errorf("text of %d bytes, want the whole line", n)
			}
		},
	},
	{
		name: "2020-06-notes.md",
		raw: func() []byte {
			return []byte("# Meeting notes\n\nNothing here is an activity.\n\n- a bullet without a date\n")
		},
		wantErr: "no activity section",
	},
	{
		name:    "report.md",
		raw:     func() []byte { return []byte("## HIGHLIGHTS\n\n" + bullet) },
		wantErr: "cannot tell which month",
	},
	{
		// One typo must not lose a whole month: the session is dropped
		// with a note on its line, the activity and the others stay.
		name: "2021-02.md",
		raw: func() []byte {
			return []byte("## HIGHLIGHTS\n\n" +
				"- UNOCT organized a workshop with UNODC on border security. (31 February, Vienna)\n" +
				"- UNOCT briefed Member States on victims of terrorism. (29 February 2021, New York)\n" +
				"- UNOCT trained 20 officials on aviation security. (10 February, Nairobi)\n" +
				"- UNOCT held a meeting on youth engagement. (29 February 2020, Geneva)\n")
		},
		acts: 4,
		check: func(t *testing.T, res *reader.Result) {
			for i, want := range []int{0, 0, 1, 1} {
				if got := len(res.Activities[i].Sessions); got != want {
					t.Errorf("activity %d: %d sessions, want %d: %+v", i, got, want, res.Activities[i].Sessions)
				}
			}
			if s := res.Activities[3].Sessions; len(s) == 1 && s[0].Start != "2020-02-29" {
				t.Errorf("29 February 2020 (a leap year) read as %s", s[0].Start)
			}
			for _, l := range []int{3, 4} {
				if !hasProblem(res, l, "impossible date") {
					t.Errorf("no impossible-date note on line %d: %v", l, res.Problems)
				}
			}
		},
	},
	{
		name: "2020-06-100k.md",
		raw: func() []byte {
			return []byte(hdr + "- UNOCT " + strings.Repeat("trained officials on border security ", 100000/37) + "(3 June, Vienna)\n" + bullet)
		},
		acts: 2,
		check: func(t *testing.T, res *reader.Result) {
			if n := len(res.Activities[0].Text); n < 99000 {
				t.Errorf("text of %d bytes, want about 100,000", n)
			}
			if res.Activities[1].Source.Line != 6 {
				t.Errorf("the bullet after the long one is on line %d, want 6", res.Activities[1].Source.Line)
			}
		},
	},
	{
		name: "2020-06-100kword.md",
		raw: func() []byte {
			return []byte(hdr + "- UNOCT met " + strings.Repeat("x", 100000) + " in Vienna. (3 June, Vienna)\n")
		},
		acts: 1,
	},
	{
		name: "2020-06-nested.md",
		raw: func() []byte {
			return []byte(hdr +
				"- UNOCT met " + strings.Repeat("(", 10000) + "x" + strings.Repeat(")", 10000) + " (3 June, Vienna)\n" +
				"- UNOCT met (" + strings.Repeat("(", 10000) + "3 June, Vienna" + strings.Repeat(")", 10001) + "\n" +
				"- UNOCT met " + strings.Repeat("(", 10000) + "3 June, Vienna\n" +
				"- UNOCT met " + strings.Repeat(")", 10000) + " (4 June, Vienna)\n" +
				"- UNOCT met " + strings.Repeat("()", 10000) + " (5 June, Vienna)\n")
		},
		acts: 5,
	},
	{
		name: "2020-06-nestedonly.md",
		raw: func() []byte {
			return []byte(hdr + "- " + strings.Repeat("(", 10000) + strings.Repeat(")", 10000) + "\n")
		},
		acts: 1, // a bullet of a known activity section, with no date
	},
	{
		name: "2020-06-10k.md",
		raw: func() []byte {
			var b strings.Builder
			b.WriteString(hdr)
			for i := range 10000 {
				fmt.Fprintf(&b, "- UNOCT organized workshop %d with UNODC on border security. (%d June, Vienna)\n", i, i%30+1)
			}
			return []byte(b.String())
		},
		acts: 10000,
		check: func(t *testing.T, res *reader.Result) {
			for i, a := range res.Activities {
				if a.Source.Line != 5+i {
					t.Fatalf("activity %d on line %d, want %d", i, a.Source.Line, 5+i)
				}
				if want := fmt.Sprintf("2020-06-%02d", i%30+1); len(a.Sessions) != 1 || a.Sessions[0].Start != want {
					t.Fatalf("activity %d: sessions %+v, want %s", i, a.Sessions, want)
				}
			}
		},
	},
	{
		name:    "2020-06-toobig.md",
		raw:     func() []byte { return make([]byte, reader.MaxSize+1) },
		wantErr: "more than the 32 MB",
	},
}

func hasProblem(res *reader.Result, line int, msg string) bool {
	for _, p := range res.Problems {
		if p.Line == line && strings.Contains(p.Msg, msg) {
			return true
		}
	}
	return false
}

// TestRead_BadInput reads every bad input: each imports correctly or is
// refused with a *reader.Error naming the file (and line where there is
// one), what is wrong and what to do; none panics or hangs.
func TestRead_BadInput(t *testing.T) {
	r := mustReader(t)
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			raw := tc.raw()
			res, err := readWithDeadline(t, r, tc.name, raw, reader.Options{})
			if tc.wantErr != "" {
				var re *reader.Error
				if !errors.As(err, &re) {
					t.Fatalf("got %v (%T), want a *reader.Error containing %q", err, err, tc.wantErr)
				}
				if res != nil {
					t.Errorf("a refusal came with a result")
				}
				if !strings.Contains(re.Msg, tc.wantErr) {
					t.Errorf("message %q, want it to contain %q", re.Msg, tc.wantErr)
				}
				if re.File != tc.name || re.Line != tc.line {
					t.Errorf("refused at %s:%d, want %s:%d", re.File, re.Line, tc.name, tc.line)
				}
				if re.Hint == "" {
					t.Errorf("%q says what is wrong but not what to do", re.Error())
				}
				if !strings.HasPrefix(re.Error(), tc.name) {
					t.Errorf("%q does not start with the file name", re.Error())
				}
				if !reader.IsError(err) {
					t.Errorf("IsError(%v) = false", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if len(res.Activities) != tc.acts {
				t.Fatalf("%d activities, want %d", len(res.Activities), tc.acts)
			}
			if err := reader.CheckResult(raw, res); err != nil {
				t.Error(err)
			}
			if tc.check != nil {
				tc.check(t, res)
			}
		})
	}
}

// TestRead_MonthOption_RescuesNoMonth: the refusal's advice works.
func TestRead_MonthOption_RescuesNoMonth(t *testing.T) {
	r := mustReader(t)
	res, err := r.Read("report.md", []byte("## HIGHLIGHTS\n\n"+bullet), reader.Options{Month: "2021-05"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Document.Month != "2021-05" || len(res.Activities) != 1 || res.Activities[0].Sessions[0].Start != "2021-06-03" {
		t.Errorf("got %s, %+v", res.Document.Month, res.Activities)
	}
	if _, err := r.Read("report.md", []byte("## HIGHLIGHTS\n\n"+bullet), reader.Options{Month: "2021-13"}); !reader.IsError(err) || !strings.Contains(err.Error(), "--month") {
		t.Errorf("a bad --month: %v", err)
	}
}

// hostile is a document whose text tries to take over a terminal: SGR
// colours, cursor moves and screen clears (CSI), a window title and an
// OSC 52 clipboard write and an OSC 8 hyperlink (OSC, ended by BEL or
// ST), a DCS string, bidi overrides, zero-width characters, C1 controls
// and a 10,000-character word.
var hostile = "## HIGHLIGHTS\n\n" +
	"- \x1b[31mUNOCT\x1b[0m organized a workshop \x1b[2J\x1b[H\x1b[10;10Hwith UNODC on border security. (3 June, Vienna)\n" +
	"- UNOCT \x1b]0;pwned title\x07briefed \x1b]52;c;ZWNobyBwd25lZA==\x07Member States \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\. (4 June, New York)\n" +
	"- UNOCT \x1bP1$qm\x1b\\trained \u202eevil\u202c officials\u200b on\u200d aviation\ufeff security \u2066x\u2069. (5 June, Nairobi)\n" +
	"- UNOCT met \u009b31m C1 \u0085 controls\x7f and " + strings.Repeat("W", 10000) + ". (6 June, \x1b[1mVienna\x1b[0m)\n" +
	"- UNOCT \x1b[?1049h\x1b[?25lheld\x1b7\x1b8 a meeting\r with \x1b(0UNODC\x1bc. (7 June, Geneva)\n"

// TestRead_HostileText: escape sequences, bidi overrides and zero-width
// characters in a document never reach an activity's fields.
func TestRead_HostileText(t *testing.T) {
	r := mustReader(t)
	res, err := r.Read("2020-06.md", []byte(hostile), reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Activities) != 5 {
		t.Fatalf("%d activities, want 5", len(res.Activities))
	}
	if err := reader.CheckResult([]byte(hostile), res); err != nil {
		t.Error(err)
	}
	a := res.Activities
	if !strings.HasPrefix(a[0].Text, "UNOCT organized a workshop with UNODC") {
		t.Errorf("escape sequences left gaps or bytes: %q", a[0].Text)
	}
	if strings.Contains(a[1].Text, "ZWNob") || strings.Contains(a[1].Text, "pwned") || strings.Contains(a[1].Text, "evil.example") {
		t.Errorf("OSC payloads reached the text: %q", a[1].Text)
	}
	if s := a[3].Sessions; len(s) != 1 || s[0].City != "Vienna" {
		t.Errorf("a styled place: sessions %+v, want Vienna", s)
	}
	for i := range a {
		for _, s := range strings.Fields(a[i].Text) {
			if strings.ContainsAny(s, "\u200b\u200d\u202e\u2066\ufeff") {
				t.Errorf("activity %d keeps an invisible character in %q", i, s)
			}
		}
	}
}
