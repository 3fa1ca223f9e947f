package model

import (
	"reflect"
	"testing"
)

// TestFindSeries links activities of several months by a programme they
// name or by the same work within three months, and nothing else.
func TestFindSeries(t *testing.T) {
	unodc := Entity{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime"}
	undp := Entity{Acronym: "UNDP", Name: "United Nations Development Programme"}
	mali := []CountryRef{{Code: "ML", Name: "Mali"}}
	act := func(id uint32, month, text string, kind Kind, partners []Entity, countries []CountryRef) Activity {
		return Activity{ID: id, Month: month, Text: text, Branch: BranchUNCCT, Kind: kind, Partners: partners, Countries: countries,
			Sessions: []Session{{Start: month + "-10", End: month + "-10"}}}
	}
	acts := []Activity{
		act(1, "2020-01", "UNOCT launched the UN Global Programme on Countering Terrorist Travel in Togo.", KindLaunch, nil, nil),
		act(2, "2020-05", "The Countering Terrorist Travel Programme trained officials.", KindTraining, nil, nil),
		act(3, "2020-09", "The CT Travel Programme delivered software.", KindOther, nil, nil),
		// A partner's own name is not a programme.
		act(4, "2020-01", "UNOCT and the United Nations Development Programme met.", KindMeeting, []Entity{undp}, nil),
		act(5, "2020-06", "UNOCT and the United Nations Development Programme wrote.", KindOther, []Entity{undp}, nil),
		// The same work within three months, then once more five months on.
		act(6, "2020-02", "UNCCT and UNODC trained judges in Mali.", KindTraining, []Entity{unodc}, mali),
		act(7, "2020-04", "UNCCT and UNODC trained prosecutors in Mali.", KindTraining, []Entity{unodc}, mali),
		act(8, "2020-09", "UNCCT and UNODC trained police in Mali.", KindTraining, []Entity{unodc}, mali),
		// One month only: not a series.
		act(9, "2020-03", "The Sport Initiative met.", KindMeeting, nil, nil),
		act(10, "2020-03", "The Sport Initiative met again.", KindMeeting, nil, nil),
	}
	got := FindSeries(acts)
	want := []Series{
		{Label: "UN Global Programme on Countering Terrorist Travel", Rule: "programme", IDs: []uint32{1, 2, 3}},
		{Label: "UNCCT training with UNODC in Mali", Rule: "same work", IDs: []uint32{6, 7}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FindSeries =\n%+v\nwant\n%+v", got, want)
	}
}

// TestProgrammeKeys: one programme written several ways has one key; a
// possessive, an article or a preposition before it changes nothing.
func TestProgrammeKeys(t *testing.T) {
	keyOf := func(text string) []string {
		var out []string
		for k := range ProgrammeKeys(&Activity{Text: text}) {
			out = append(out, k)
		}
		return out
	}
	want := keyOf("UNCCT, under its Global Programme on Cybersecurity and New Technologies, met.")
	for _, text := range []string{
		"UNCCT’s Global Programme on Cybersecurity and New Technologies trained officers.",
		"UNCCT's Global Programme on Cybersecurity and New Technologies trained officers.",
		"The Global Programme on Cybersecurity and New Technologies met.",
		"Under UNOCT’s Global Programme on Cybersecurity and New Technologies, experts met.",
	} {
		if got := keyOf(text); len(want) != 1 || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: keys %q, want %q", text, got, want)
		}
	}
	if got := keyOf("The UNOCT Programme Office in Doha opened."); len(got) != 0 {
		t.Errorf("a name of stop words only is no programme: %q", got)
	}
}

// TestSeriesWindow: three months either side, across a year's end.
func TestSeriesWindow(t *testing.T) {
	a := Activity{Month: "2020-02", Sessions: []Session{{Start: "2021-01-05", End: "2021-01-05"}}}
	want := []string{"2020-10", "2020-11", "2020-12", "2021-01", "2021-02", "2021-03", "2021-04"}
	if got := SeriesWindow(&a); !reflect.DeepEqual(got, want) {
		t.Errorf("SeriesWindow = %v, want %v", got, want)
	}
	if got := SeriesWindow(&Activity{}); got != nil {
		t.Errorf("no month: %v", got)
	}
}
