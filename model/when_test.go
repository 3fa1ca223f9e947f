package model

import (
	"slices"
	"testing"
)

func months(from, to string) []string {
	var out []string
	for m := from; m <= to; m = nextMonth(m) {
		out = append(out, m)
	}
	return out
}

// A year, a quarter and ranges of them read as the months they span.
func TestParseMonthInput_YearsQuartersRanges(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"2021", months("2021-01", "2021-12")},
		{"2021-Q1", months("2021-01", "2021-03")},
		{"2022-q4", months("2022-10", "2022-12")},
		{"Q2 2021", months("2021-04", "2021-06")},
		{"2020-11..2021-02", months("2020-11", "2021-02")},
		{"2020..2021", months("2020-01", "2021-12")},
		{"2020-Q4..2021-03", months("2020-10", "2021-03")},
		{"2021-03..2021", months("2021-03", "2021-12")},
		{"2021-Q5", nil},
		{"202", nil},
		{"2021..2020", nil},
		{"2021-13", nil},
	} {
		got, ok := parseMonthInput(tc.in)
		if !slices.Equal(got, tc.want) || ok != (tc.want != nil) {
			t.Errorf("parseMonthInput(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

// An activity is in every month and on every day its sessions overlap;
// undated, in its document's month and on no day.
func TestActivityMonthsDays(t *testing.T) {
	a := &Activity{Month: "2020-07", Sessions: []Session{
		{Start: "2020-06-29", End: "2020-07-02"},
		{Start: "2020-07-01", End: "2020-07-01"},
		{Start: "2020-12-31", End: "bad"},
		{Start: "", End: "2020-01-01"},
	}}
	if got := ActivityMonths(a); !slices.Equal(got, []string{"2020-06", "2020-07", "2020-12"}) {
		t.Errorf("months %q", got)
	}
	if got := ActivityDays(a); !slices.Equal(got, []string{"2020-06-29", "2020-06-30", "2020-07-01", "2020-07-02", "2020-12-31"}) {
		t.Errorf("days %q", got)
	}
	undated := &Activity{Month: "2021-03"}
	if got := ActivityMonths(undated); !slices.Equal(got, []string{"2021-03"}) || len(ActivityDays(undated)) != 0 {
		t.Errorf("undated: %q %q", got, ActivityDays(undated))
	}
	long := &Activity{Sessions: []Session{{Start: "2020-01-01", End: "2029-01-01"}}}
	if n := len(ActivityDays(long)); n != maxSessionDays {
		t.Errorf("a session of nine years is indexed under %d days", n)
	}
}
