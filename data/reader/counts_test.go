package reader_test

import (
	"testing"

	"github.com/unoct/unoct/data/reader"
)

// TestParticipants_Qualifiers reads the words before a headcount: a
// lower bound ("over") is not an estimate ("some"), and each reads as
// the text meant it.
func TestParticipants_Qualifiers(t *testing.T) {
	for _, tc := range []struct {
		text     string
		people   int
		approx   bool
		estimate bool
		reads    string
	}{
		{"trained 40 officials", 40, false, false, "40 people"},
		{"trained over 300 officials", 300, true, false, "over 300 people"},
		{"trained more than 25 officials", 25, true, false, "over 25 people"},
		{"trained at least 12 officials", 12, true, false, "over 12 people"},
		{"brought together some thirty officials", 30, true, true, "about 30 people"},
		{"brought together some 120 young leaders", 120, true, true, "about 120 people"},
		{"gathered about 45 participants", 45, true, true, "about 45 people"},
		{"gathered nearly 60 participants", 60, true, true, "about 60 people"},
		{"gathered an estimated 200 participants", 200, true, true, "about 200 people"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			doc := "# Highlights of February 2020\n\n## Highlights\n\n- UNOCT " + tc.text + " (3 February 2020, Vienna).\n"
			res, err := mustReader(t).Read("2020-02.md", []byte(doc), reader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Activities) != 1 {
				t.Fatalf("%d activities, want 1", len(res.Activities))
			}
			p := res.Activities[0].Participants
			if p.People == nil || *p.People != tc.people || p.Approximate != tc.approx || p.Estimate != tc.estimate {
				t.Fatalf("participants %+v (people %v), want %d approximate=%v estimate=%v", p, p.People, tc.people, tc.approx, tc.estimate)
			}
			if got := p.Summary(); got != tc.reads {
				t.Errorf("reads %q, want %q", got, tc.reads)
			}
		})
	}
}
