package reader

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestParseParen covers every date form EXTRACTION.md names.
func TestParseParen(t *testing.T) {
	feb2020 := time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC)
	jan2021 := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in    string
		month time.Time
		want  string // start..end@place; ...
	}{
		{"7 February, New York", feb2020, "2020-02-07..2020-02-07@New York"},
		{"23-24 February, The Hague", feb2020, "2020-02-23..2020-02-24@The Hague"}, // a filler word ("the") only before a date
		{"from 7 to 9 February, Vienna", feb2020, "2020-02-07..2020-02-09@Vienna"},
		{"Tuesday, 11 February, Vienna", feb2020, "2020-02-11..2020-02-11@Vienna"},
		{"7 February, Sun City", feb2020, "2020-02-07..2020-02-07@Sun City"},
		{"11-12 February, Vienna", feb2020, "2020-02-11..2020-02-12@Vienna"},
		{"11–12 February, Vienna", feb2020, "2020-02-11..2020-02-12@Vienna"},
		{"11 – 12 February, Vienna", feb2020, "2020-02-11..2020-02-12@Vienna"},
		{"10-14 February, Bamako; 17-21 February, Douala; 24-28 February, Kribi", feb2020,
			"2020-02-10..2020-02-14@Bamako; 2020-02-17..2020-02-21@Douala; 2020-02-24..2020-02-28@Kribi"},
		{"30 January - 2 February, Doha", feb2020, "2020-01-30..2020-02-02@Doha"},
		{"30 January – 2 February, Doha", feb2020, "2020-01-30..2020-02-02@Doha"},
		{"27-29 February, Jakarta", feb2020, "2020-02-27..2020-02-29@Jakarta"},
		{"15 December 2020, virtual", jan2021, "2020-12-15..2020-12-15@virtual"},
		{"30 December 2020 - 4 January 2021, online", jan2021, "2020-12-30..2021-01-04@online"},
		{"31 December - 3 January 2021, online", jan2021, "2020-12-31..2021-01-03@online"},
		{"28 December - 3 January, Tashkent", jan2021, "2020-12-28..2021-01-03@Tashkent"},
		{"1 and 3 February, Geneva", feb2020, "2020-02-01..2020-02-01@Geneva; 2020-02-03..2020-02-03@Geneva"},
		{"8, 10 and 12 February, Vienna and online", feb2020,
			"2020-02-08..2020-02-08@Vienna and online; 2020-02-10..2020-02-10@Vienna and online; 2020-02-12..2020-02-12@Vienna and online"},
		{"3-4 and 6 February, Tunisia", feb2020, "2020-02-03..2020-02-04@Tunisia; 2020-02-06..2020-02-06@Tunisia"},
		{"February 7, New York", feb2020, "2020-02-07..2020-02-07@New York"},
		{"February 7, 2020, New York", feb2020, "2020-02-07..2020-02-07@New York"},
		{"February 15-16, Dushanbe; February 17-18, Tashkent", feb2020, "2020-02-15..2020-02-16@Dushanbe; 2020-02-17..2020-02-18@Tashkent"},
		{"Feb. 8-10, Tunis", feb2020, "2020-02-08..2020-02-10@Tunis"},
		{"January 31–February 2, Doha", feb2020, "2020-01-31..2020-02-02@Doha"},
		{"7th February, Nairobi", feb2020, "2020-02-07..2020-02-07@Nairobi"},
		{"7 Feb., Nairobi", feb2020, "2020-02-07..2020-02-07@Nairobi"},
		{"New York, 7 February", feb2020, "2020-02-07..2020-02-07@New York"},
		{"from 3 to 5 February, Rabat", feb2020, "2020-02-03..2020-02-05@Rabat"},
		{"throughout February, virtual", feb2020, "2020-02-01..2020-02-29@virtual"},
		{"7 February", feb2020, "2020-02-07..2020-02-07@"},
	} {
		raws, err := fuzzReader(t).parseParen(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		var got []string
		for _, r := range raws {
			s, err1 := dateString(resolvePair(r, tc.month))
			e, err2 := dateString(resolveEnd(r, tc.month))
			if err1 != nil || err2 != nil {
				t.Errorf("%q: %v %v", tc.in, err1, err2)
			}
			got = append(got, fmt.Sprintf("%s..%s@%s", s, e, r.place))
		}
		if g := strings.Join(got, "; "); g != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.in, g, tc.want)
		}
	}
}

// resolvePair and resolveEnd resolve years the way Reader.sessions does.
func resolvePair(r rawSession, m time.Time) (rawDate, bool) {
	s, _ := resolveSession(r, m)
	return s, false
}

func resolveEnd(r rawSession, m time.Time) (rawDate, bool) {
	_, e := resolveSession(r, m)
	return e, true
}

func TestParseParen_Refused(t *testing.T) {
	for _, in := range []string{"UNCTED", "see annex", "", "2395 (2017)", "12-14, Vienna"} {
		if _, err := fuzzReader(t).parseParen(in); err == nil {
			t.Errorf("%q: read as a date", in)
		}
	}
}

func TestDateString_Impossible(t *testing.T) {
	for _, d := range []rawDate{{31, 2, 2020}, {29, 2, 2021}, {31, 4, 2020}, {0, 13, 2020}} {
		if s, err := dateString(d, false); err == nil {
			t.Errorf("%v gave %s, want an error", d, s)
		}
	}
	if s, err := dateString(rawDate{29, 2, 2020}, false); err != nil || s != "2020-02-29" {
		t.Errorf("29 February 2020: %s %v", s, err)
	}
}

func TestMonthFromName(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"highlights-2020-02.md", "2020-02"},
		{"2021-03.md", "2021-03"},
		{"reports/UNOCT_Highlights_2020_11.md", "2020-11"},
		{"202107-highlights.md", "2021-07"},
		{"highlights.md", ""},
		{"UNOCT_Highlights_Feb_2021.md", "2021-02"},
		{"highlights-september-2020.md", "2020-09"},
		{"2021_March_highlights.md", "2021-03"},
		{"2020-13.md", ""},
	} {
		m, ok := monthFromName(tc.name)
		got := ""
		if ok {
			got = m.Format("2006-01")
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
