package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// timeDays and timeMonths are ActivityDays and ActivityMonths as they
// were written with the time package: the oracle of TestCivil.
func timeDays(a *Activity) (days, months []string) {
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
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			days = appendNew(days, d.Format(time.DateOnly))
		}
		for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
			months = appendNew(months, m.Format("2006-01"))
		}
	}
	if len(months) == 0 && a.Month != "" {
		months = append(months, a.Month)
	}
	return days, months
}

// TestCivil compares the civil-date days and months of sessions with
// the time package's, over random spans (leap years, year ends, spans
// past the bound) and malformed dates.
func TestCivil(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func() string { return base.AddDate(0, 0, r.IntN(40*365)).Format(time.DateOnly) }
	odd := []string{"", "2021-02-29", "2020-02-29", "2021-13-01", "2021-00-10", "2021-04-31", "2021-4-01", "21-04-01", "2021-04-01x", "2021/04/01", "abcd-ef-gh", "2000-02-29", "1900-02-29", "2021-12-31", "0000-01-01", "9999-12-31"}
	for i := range 5000 {
		var a Activity
		a.Month = "2020-05"
		for range r.IntN(3) {
			start := day()
			var end string
			switch r.IntN(6) {
			case 0:
				end = odd[r.IntN(len(odd))]
			case 1:
				start = odd[r.IntN(len(odd))]
				end = day()
			case 2:
				s, _ := time.Parse(time.DateOnly, start)
				end = s.AddDate(0, 0, r.IntN(900)).Format(time.DateOnly)
			default:
				s, _ := time.Parse(time.DateOnly, start)
				end = s.AddDate(0, 0, r.IntN(5)-1).Format(time.DateOnly)
			}
			a.Sessions = append(a.Sessions, Session{Start: start, End: end})
		}
		wantDays, wantMonths := timeDays(&a)
		if got := ActivityDays(&a); !slices.Equal(got, wantDays) {
			t.Fatalf("case %d %v: ActivityDays = %d days %v…, want %d %v…", i, a.Sessions, len(got), head(got), len(wantDays), head(wantDays))
		}
		if got := ActivityMonths(&a); !slices.Equal(got, wantMonths) {
			t.Fatalf("case %d %v: ActivityMonths = %v, want %v", i, a.Sessions, got, wantMonths)
		}
	}
	for _, s := range odd {
		_, err := time.Parse(time.DateOnly, s)
		if _, ok := parseCivil(s); ok != (err == nil) {
			t.Errorf("parseCivil(%q) ok = %v, time.Parse error %v", s, ok, err)
		}
	}
}

func head(s []string) string { return fmt.Sprint(s[:min(3, len(s))]) }
