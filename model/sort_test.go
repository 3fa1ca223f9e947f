package model

import (
	"strings"
	"testing"
)

// Ensure that a sort reads back from its text (what saved views keep)
// and that unknown keys are refused with the known ones.
func TestParseSort(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Sort
		text string
	}{
		{"", Sort{}, "date"},
		{"date", Sort{}, "date"},
		{"-date", Sort{Key: SortDate, Desc: true}, "-date"},
		{" Participants ", Sort{Key: SortParticipants}, "participants"},
		{"-partners", Sort{Key: SortPartners, Desc: true}, "-partners"},
		{"place", Sort{Key: SortPlace}, "place"},
		{"-kind", Sort{Key: SortKind, Desc: true}, "-kind"},
	} {
		got, err := ParseSort(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseSort(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
		if got.String() != tc.text {
			t.Errorf("ParseSort(%q).String() = %q, want %q", tc.in, got.String(), tc.text)
		}
		if back, err := ParseSort(got.String()); err != nil || back != got {
			t.Errorf("ParseSort(%q) = %+v, %v; want %+v", got.String(), back, err, got)
		}
	}
	for _, bad := range []string{"size", "--date", "-", "date-"} {
		_, err := ParseSort(bad)
		if err == nil || !strings.Contains(err.Error(), "date, place, kind, participants, partners") {
			t.Errorf("ParseSort(%q): %v, want an error listing the keys", bad, err)
		}
	}
}

// Ensure that the cycle visits every order once and comes back.
func TestSort_Next(t *testing.T) {
	seen := map[Sort]bool{}
	s := Sort{}
	for range 2 * len(SortKeys) {
		if seen[s.Normal()] {
			t.Fatalf("%v comes twice in the cycle", s)
		}
		seen[s.Normal()] = true
		s = s.Next()
	}
	if !s.IsDefault() {
		t.Errorf("after every order the cycle is at %v, not back at the date order", s)
	}
	if got := (Sort{Key: SortDate, Desc: true}).Next(); got != (Sort{Key: SortPlace}) {
		t.Errorf("after -date comes %v, want place", got)
	}
}

// Ensure that Describe names a sort other than the default, and only it.
func TestQuery_Describe_Sort(t *testing.T) {
	q := Query{Sort: Sort{Key: SortParticipants, Desc: true}}
	cs := q.Describe(nil, false)
	if len(cs) != 1 || !cs[0].Order || cs[0].Text != "sorted by participants ↓" {
		t.Errorf("Describe = %+v", cs)
	}
	if got := q.String(); got != "sort=-participants" {
		t.Errorf("String = %q", got)
	}
	if cs := (Query{Sort: Sort{Key: SortDate}}).Describe(nil, true); len(cs) != 0 {
		t.Errorf("the date order is described: %+v", cs)
	}
}
