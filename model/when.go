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
func sessionDays(a *Activity, yield func(from, to time.Time)) {
	for _, s := range a.Sessions {
		from, err := time.Parse(time.DateOnly, s.Start)
		if err != nil {
			continue
		}
		to, err := time.Parse(time.DateOnly, s.End)
		if err != nil || to.Before(from) {
			to = from
		}
		if last := from.AddDate(0, 0, maxSessionDays-1); to.After(last) {
			to = last
		}
		yield(from, to)
	}
}

// ActivityMonths are the months ("YYYY-MM") an activity's sessions
// overlap, in order, or its document's month when no session is dated.
func ActivityMonths(a *Activity) []string {
	var out []string
	sessionDays(a, func(from, to time.Time) {
		for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
			out = appendNew(out, m.Format("2006-01"))
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
	sessionDays(a, func(from, to time.Time) {
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			out = appendNew(out, d.Format(time.DateOnly))
		}
	})
	return out
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
