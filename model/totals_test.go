package model

import "testing"

// Ensure that TotalsOf counts each activity once, sums the headcounts
// given (a lower bound makes the sum one), counts countries by code and
// partners by label once each, and never adds Member States.
func TestTotalsOf(t *testing.T) {
	n := func(v int) *int { return &v }
	unodc := Entity{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime"}
	acts := []Activity{
		{Participants: Participants{People: n(40), MemberStates: n(14)}, Countries: []CountryRef{{Code: "ML"}}, Partners: []Entity{unodc}},
		{Participants: Participants{People: n(30), Approximate: true, MemberStates: n(12)},
			Countries: []CountryRef{{Code: "ML"}, {Code: "CM"}}, Partners: []Entity{unodc, {Name: "European Union"}}},
		{Participants: Participants{MemberStates: n(5)}},
	}
	got := TotalsOf(acts)
	want := Totals{Activities: 3, Participants: 70, LowerBound: true, Headcounts: 2, Countries: 2, Partners: 2}
	if got != want {
		t.Errorf("TotalsOf = %+v, want %+v", got, want)
	}
	if got := TotalsOf(nil); got != (Totals{}) {
		t.Errorf("TotalsOf(nil) = %+v", got)
	}
}
