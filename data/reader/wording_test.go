package reader_test

import (
	"slices"
	"testing"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
)

// TestWordingOfOtherYears reads the forms EXTRACTION.md gives for the
// office's documents of 2019 and 2020, one rule each, in a document
// whose file name names no month.
func TestWordingOfOtherYears(t *testing.T) {
	doc := `# AUGUST 2019 IN REVIEW

## Counter-Terrorism Leadership

- USG Voronkov addressed the Fifth Committee on the Office's budget (5 August).
- USG Voronkov held talks with the Director General, Mr. John Roe, of the Agency (7 August, Geneva).

**Capacity-Building**

- 120 individuals trained in 9 workshops
- Following the visit to Rome in July, UNCCT organized a workshop for 20 officials on the border with Libya (12-13 August, Tunis).
- UNCCT delivered a handbook, in line with resolution 2482 (2019).
- UNOCT held a tabletop exercise on the security of the 2022 FIFA World Cup in Qatar with 30 Omani officials (20 August).
`
	res, err := mustReader(t).Read("review.md", []byte(doc), reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Document.Month != "2019-08" {
		t.Errorf("month %s (from %s), want 2019-08 from the title", res.Document.Month, res.MonthFrom)
	}
	if f := res.Document.Facts; f.IndividualsTrained == nil || *f.IndividualsTrained != 120 || f.WorkshopsOrganized == nil || *f.WorkshopsOrganized != 9 {
		t.Errorf("facts %+v: want 120 trained in 9 workshops", f)
	}
	if len(res.Activities) != 5 {
		t.Fatalf("%d activities, want 5 (the figure bullet is no activity)", len(res.Activities))
	}
	a := res.Activities
	want := []struct {
		section string
		kind    model.Kind
	}{
		{"Political Leadership", model.KindBriefing}, // "addressed" a body
		{"Political Leadership", model.KindMeeting},  // "held talks"
		{"Capacity-Building", model.KindWorkshop},    // not the other event's visit
		{"Capacity-Building", model.KindOther},
		{"Capacity-Building", model.KindOther},
	}
	for i, w := range want {
		if a[i].Section != w.section || a[i].Kind != w.kind {
			t.Errorf("line %d: %s/%s, want %s/%s", a[i].Source.Line, a[i].Section, a[i].Kind, w.section, w.kind)
		}
	}
	if !slices.Contains(a[1].People, "John Roe") || slices.Contains(a[1].People, "General") {
		t.Errorf("people %v: want John Roe and no job title", a[1].People)
	}
	for _, c := range a[2].Countries {
		if c.Code == "LY" {
			t.Errorf("Libya, only the place of a border, is among the countries %v", a[2].Countries)
		}
	}
	if len(a[3].Sessions) != 0 || a[3].Text != "UNCCT delivered a handbook, in line with resolution 2482 (2019)." {
		t.Errorf("a final parenthesis that is no date: sessions %v, text %q", a[3].Sessions, a[3].Text)
	}
	if len(a[4].Partners) != 0 || len(a[4].Countries) != 1 || a[4].Countries[0].Code != "OM" {
		t.Errorf("an event's name and venue: partners %v, countries %v; want none and Oman", a[4].Partners, a[4].Countries)
	}
	if s := a[0].Sessions; len(s) != 1 || s[0].Start != "2019-08-05" || s[0].Country != "" {
		t.Errorf("a date parenthesis with no place: %+v", s)
	}
}
