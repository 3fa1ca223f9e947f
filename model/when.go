package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ---- time: the months and days an activity's sessions cover ----
//
// The month facet holds every month an activity's sessions overlap (a
// workshop from 29 June to 2 July is in June and in July), and the hidden
// day facet every day they cover, for --since and --until. An activity
// whose text gives no date is in its document's reporting month (the
// JSON "month" field) and on no day.

// maxSessionDays bounds the days one session is indexed under: a
// "session" of years is a programme, not a meeting, and indexing each of
// its days would be a slip's cost. Longer sessions are indexed under
// their first maxSessionDays days (and every month of those).
const maxSessionDays = 366

// sessionDays calls yield with each session's first and last day,
// skipping sessions without a readable start; an end before the start
// or unreadable is the start.
//
// Days are civil dates, not time.Time: the month and day facets are
// computed for every activity an import indexes, and time.Parse and
// Format were a quarter of that indexing (TestCivil checks them against
// the time package).
func sessionDays(a *Activity, yield func(from, to civil)) {
	for _, s := range a.Sessions {
		from, ok := parseCivil(s.Start)
		if !ok {
			continue
		}
		to, ok := parseCivil(s.End)
		if !ok || to.before(from) {
			to = from
		}
		// Within one year no session is longer than the bound.
		if to.y > from.y {
			if last := from.addDays(maxSessionDays - 1); last.before(to) {
				to = last
			}
		}
		yield(from, to)
	}
}

// ActivityMonths are the months ("YYYY-MM") an activity's sessions
// overlap, in order, or its document's month when no session is dated.
func ActivityMonths(a *Activity) []string {
	var out []string
	sessionDays(a, func(from, to civil) {
		for m := (civil{from.y, from.m, 1}); !to.before(m); m = m.nextMonth() {
			out = appendNew(out, m.month())
		}
	})
	if len(out) == 0 && a.Month != "" {
		out = append(out, a.Month)
	}
	return out
}

// ActivityDays are the days ("YYYY-MM-DD") an activity's sessions
// cover, in no particular order and without repeats.
func ActivityDays(a *Activity) []string {
	var out []string
	sessionDays(a, func(from, to civil) {
		for d := from; !to.before(d); d = d.next() {
			out = appendNew(out, d.String())
		}
	})
	return out
}

// civil is a day of the proleptic Gregorian calendar.
type civil struct{ y, m, d int }

// parseCivil reads "YYYY-MM-DD" as time.Parse(time.DateOnly, s) does:
// four digits, two, two, and a day that month has.
func parseCivil(s string) (civil, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return civil{}, false
	}
	num := func(t string) int {
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return -1
			}
			n = n*10 + int(t[i]-'0')
		}
		return n
	}
	c := civil{num(s[:4]), num(s[5:7]), num(s[8:])}
	if c.y < 0 || c.m < 1 || c.m > 12 || c.d < 1 || c.d > daysIn(c.y, c.m) {
		return civil{}, false
	}
	return c, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func (c civil) before(o civil) bool {
	if c.y != o.y {
		return c.y < o.y
	}
	if c.m != o.m {
		return c.m < o.m
	}
	return c.d < o.d
}

func (c civil) next() civil {
	if c.d < daysIn(c.y, c.m) {
		return civil{c.y, c.m, c.d + 1}
	}
	if c.m < 12 {
		return civil{c.y, c.m + 1, 1}
	}
	return civil{c.y + 1, 1, 1}
}

func (c civil) addDays(n int) civil {
	for ; n > 0; n-- {
		c = c.next()
	}
	return c
}

// nextMonth is the first day of the next month.
func (c civil) nextMonth() civil {
	if c.m < 12 {
		return civil{c.y, c.m + 1, 1}
	}
	return civil{c.y + 1, 1, 1}
}

// month is "YYYY-MM".
func (c civil) month() string {
	var b [7]byte
	return string(c.appendMonth(b[:0]))
}

// String is "YYYY-MM-DD".
func (c civil) String() string {
	var b [10]byte
	out := append(c.appendMonth(b[:0]), '-', byte('0'+c.d/10), byte('0'+c.d%10))
	return string(out)
}

func (c civil) appendMonth(b []byte) []byte {
	y := c.y % 10000
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-', byte('0'+c.m/10), byte('0'+c.m%10))
}

func appendNew(out []string, v string) []string {
	for _, o := range out {
		if o == v {
			return out
		}
	}
	return append(out, v)
}

// ---- typed forms ----

// periodSeparators are read as spaces in "2021-Q1" and "Q1/2021".
var periodSeparators = strings.NewReplacer("-", " ", "/", " ")

// monthSpan reads one end of a month filter as the months it spans:
// a month (see ParseMonth), a year "2021", or a quarter "2021-Q1" (also
// "Q1 2021").
func monthSpan(s string) (first, last string, ok bool) {
	s = strings.TrimSpace(s)
	if m, ok := ParseMonth(s); ok {
		return m, m, true
	}
	if len(s) == 4 {
		if y, err := strconv.Atoi(s); err == nil && y >= 1000 {
			return fmt.Sprintf("%04d-01", y), fmt.Sprintf("%04d-12", y), true
		}
	}
	f := strings.Fields(periodSeparators.Replace(Fold(s)))
	if len(f) == 2 {
		year, q := f[0], f[1]
		if strings.HasPrefix(year, "q") {
			year, q = q, year
		}
		y, err := strconv.Atoi(year)
		if len(year) == 4 && err == nil && y >= 1000 && len(q) == 2 && q[0] == 'q' && q[1] >= '1' && q[1] <= '4' {
			n := int(q[1] - '0')
			return fmt.Sprintf("%04d-%02d", y, 3*n-2), fmt.Sprintf("%04d-%02d", y, 3*n), true
		}
	}
	return "", "", false
}

// ParseDay reads a day as YYYY-MM-DD.
func ParseDay(s string) (string, bool) {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	return d.Format(time.DateOnly), true
}

// DayRange is the filter value of the hidden day facet for --since and
// --until: "FROM..TO", either end empty for no bound.
func DayRange(since, until string) string { return since + ".." + until }

// CutRange splits a range value "FROM..TO" of a Range facet; ok is
// false for a plain value.
func CutRange(v string) (from, to string, ok bool) { return strings.Cut(v, "..") }
