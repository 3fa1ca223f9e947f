package model

import (
	"slices"
	"testing"
)

func TestCorrection_EditApplyUndo(t *testing.T) {
	n := 40
	a := Activity{Text: "x", Kind: KindMeeting, Branch: BranchUNCCT,
		Pillars:      []PillarMatch{{Pillar: PillarIII, Matched: []string{}}, {Pillar: PillarIV, Matched: []string{"rights"}}},
		Partners:     []Entity{{Acronym: "EGM", Kind: EntityUnknown}, {Acronym: "UNODC", Kind: EntityUN}},
		Participants: Participants{People: &n}}
	var c Correction
	for _, e := range []struct{ field, input string }{
		{"pillar", "+2"}, {"pillar", "-III"}, {"partner", "-egm"}, {"participants", "~120"}, {"kind", "Training"},
	} {
		op, v := SplitOp(e.input)
		if err := c.Edit(e.field, op, v, nil); err != nil {
			t.Fatalf("%v: %v", e, err)
		}
	}
	for _, bad := range []struct{ field, input string }{
		{"pillar", "V"}, {"kind", "party"}, {"participants", "many"}, {"session", "2020-02-30"}, {"colour", "red"},
	} {
		op, v := SplitOp(bad.input)
		if err := c.Edit(bad.field, op, v, nil); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	got := a
	c.Apply(&got, false)
	if !slices.Equal(got.Corrected, []string{"kind", "pillars", "partners", "participants"}) {
		t.Errorf("corrected %v", got.Corrected)
	}
	if got.Kind != KindTraining || len(got.Pillars) != 2 || got.Pillars[0].Pillar != PillarII || got.Pillars[1].Matched[0] != "rights" ||
		len(got.Partners) != 1 || got.Partners[0].Acronym != "UNODC" || *got.Participants.People != 120 || !got.Participants.Approximate {
		t.Errorf("applied: %+v", got)
	}
	back := got.Uncorrected()
	if back.Kind != KindMeeting || len(back.Pillars) != 2 || back.Pillars[0].Pillar != PillarIII || len(back.Partners) != 2 ||
		*back.Participants.People != 40 || back.Corrected != nil || back.AsRead != nil {
		t.Errorf("uncorrected: %+v", back)
	}
	// Adding back what was removed cancels the removal.
	SetList(&c.Partners, '+', Entity{Acronym: "EGM"}, PartnerKey)
	if len(c.Partners.Remove) != 0 || len(c.Partners.Add) != 1 {
		t.Errorf("partners edit %+v", c.Partners)
	}
	if err := c.Undo("partners"); err != nil || c.Has(FixPartners) {
		t.Errorf("undo: %v %+v", err, c)
	}
	if c.Undo("colour") == nil {
		t.Error("undo of an unknown field")
	}
}
