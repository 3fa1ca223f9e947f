package model

import "testing"

func TestQueryWith(t *testing.T) {
	q := Query{}.With(FacetPillar, "IV").With(FacetCountry, "ML")
	if !q.Has(FacetPillar, "IV") || !q.Has(FacetCountry, "ML") {
		t.Fatalf("With did not add: %v", q)
	}
	q2 := q.With(FacetPillar, "IV")
	if q2.Has(FacetPillar, "IV") || !q.Has(FacetPillar, "IV") {
		t.Fatalf("With did not toggle off on a copy: %v / %v", q, q2)
	}
	if _, ok := q2.Filters[FacetPillar]; ok {
		t.Fatalf("empty facet left behind: %v", q2.Filters)
	}
}

func TestInert(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[31mred\x1b[0m text", "red text"},
		{"title\x1b]0;pwned\x07 here", "title here"},
		{"clip\x1b]52;c;ZXZpbA==\x1b\\ board", "clip board"},
		{"link \x1b]8;;http://x\x1b\\here\x1b]8;;\x1b\\", "link here"},
		{"bidi \u202eevil\u202c zero\u200bwidth", "bidi evil zerowidth"},
		{"bell\a and\x00 nul", "bell and nul"},
		{"tab\there", "tab here"},
		{"Côte d’Ivoire", "Côte d’Ivoire"},
	} {
		if got := Inert(tc.in); got != tc.want {
			t.Errorf("Inert(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
