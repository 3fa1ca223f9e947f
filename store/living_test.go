package store_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// lineReader reads a document of bullets, one a line: "- TEXT" is an
// activity on that line, of kind meeting and pillar III, unless the
// text says "training" (kind training) or "rights" (pillar IV).
type lineReader struct{ version string }

func (r lineReader) Version() string {
	if r.version == "" {
		return "test-1"
	}
	return r.version
}

func (r lineReader) Derive(name string, raw []byte, month string) (model.Derived, error) {
	if month == "" {
		month = "2020-02"
	}
	var acts []model.Activity
	for i, l := range strings.Split(string(raw), "\n") {
		text, ok := strings.CutPrefix(l, "- ")
		if !ok {
			continue
		}
		a := model.Activity{Text: text, Kind: model.KindMeeting, Branch: model.BranchUNCCT, Source: model.Source{Line: i + 1},
			Pillars: []model.PillarMatch{{Pillar: model.PillarIII, Matched: []string{}}}}
		if strings.Contains(text, "training") {
			a.Kind = model.KindTraining
		}
		if strings.Contains(text, "rights") {
			a.Pillars = []model.PillarMatch{{Pillar: model.PillarIV, Matched: []string{"rights"}}}
		}
		if r.version == "test-2" {
			// A new reader that reads sections and counts lines
			// otherwise: ids must follow the texts.
			a.Section = "Read again"
			a.Source.Line += 100
		}
		acts = append(acts, a)
	}
	return model.Derived{Doc: model.Document{Name: name, Month: month, Raw: raw}, Activities: acts}, nil
}

const livingV1 = `# February
- Workshop on border security in Bamako
- Briefing on victims of terrorism
- Launch of the aviation security programme
- Training on human rights for prison staff`

// livingV2 is livingV1 with two lines inserted above, a bullet reworded
// and one gone and one new.
const livingV2 = `# February
Two lines inserted
above everything.
- Workshop on border security in Bamako
- Briefing on victims of terrorism
- Launch of the new aviation security programme in Nairobi
- A new meeting on youth engagement`

func importRaw(t *testing.T, s *store.Store, r store.Reader, name, raw string) store.Outcome {
	t.Helper()
	var out store.Outcome
	err := s.ImportInputs(r, []store.Input{{Name: name, Raw: []byte(raw)}}, store.ImportOptions{Report: func(o store.Outcome) { out = o }})
	if err != nil || out.Err != nil {
		t.Fatalf("import %s: %v %v", name, err, out.Err)
	}
	return out
}

// byText maps each stored activity's text to it.
func byText(t *testing.T, s *store.Store) map[string]model.Activity {
	t.Helper()
	res, err := s.Query(model.Query{})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Get(res.IDs...)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Activity{}
	for _, a := range all {
		out[a.Text] = a
	}
	return out
}

// TestIDs_FollowText: lines inserted above keep every id; a reworded
// bullet keeps its id; a new one takes a new id; a removed one's id is
// gone. The change is recorded and told.
func TestIDs_FollowText(t *testing.T) {
	s := MustCreate(t)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV1)
	v1 := byText(t, s)
	o := importRaw(t, s, lineReader{}, "2020-02.md", livingV2)
	v2 := byText(t, s)
	for _, text := range []string{"Workshop on border security in Bamako", "Briefing on victims of terrorism"} {
		if v2[text].ID != v1[text].ID || v2[text].Source.Line != v1[text].Source.Line+2 {
			t.Errorf("%q: id %d line %d, was %d line %d", text, v2[text].ID, v2[text].Source.Line, v1[text].ID, v1[text].Source.Line)
		}
	}
	if got, want := v2["Launch of the new aviation security programme in Nairobi"].ID, v1["Launch of the aviation security programme"].ID; got != want {
		t.Errorf("reworded bullet: id %d, want %d", got, want)
	}
	id := v2["A new meeting on youth engagement"].ID
	for _, a := range v1 {
		if a.ID == id {
			t.Errorf("new bullet took the id of %q", a.Text)
		}
	}
	if _, err := s.Activity(v1["Training on human rights for prison staff"].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed bullet: %v", err)
	}
	if got, want := o.Result.Changes.Summary(), "1 added, 1 removed, 1 changed (text)"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if got := lines(t, s, q("", "change", "new")); len(got) != 1 {
		t.Errorf("change=new finds %v", got)
	}
	if got := lines(t, s, q("", "change", "changed")); len(got) != 1 {
		t.Errorf("change=changed finds %v", got)
	}
	ch, err := s.Changes("2020-02.md")
	if err != nil || len(ch) != 1 || ch[0].Cause != "import" || ch[0].Changed[0].ID != v1["Launch of the aviation security programme"].ID {
		t.Errorf("changes %+v, %v", ch, err)
	}
	mustCheck(t, s)
}

// TestFix_Survives: a correction is applied at once, survives a new
// version of its document with lines inserted above, a re-derivation by
// a new reader and a rebuild; the indexes see the corrected values.
func TestFix_Survives(t *testing.T) {
	s := MustCreate(t)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV1)
	id := byText(t, s)["Briefing on victims of terrorism"].ID
	a, err := s.Fix(id, func(c *model.Correction) error {
		model.SetList(&c.Pillars, '+', model.PillarIV, model.PillarKey)
		c.Kind = model.KindBriefing
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := func(when string) {
		t.Helper()
		a, err := s.Activity(id)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if a.Kind != model.KindBriefing || len(a.Pillars) != 2 || a.Pillars[1].Pillar != model.PillarIV ||
			!slices.Equal(a.Corrected, []string{"kind", "pillars"}) || a.AsRead == nil || a.AsRead.Kind != model.KindMeeting || a.AsRead.Review != "" {
			t.Errorf("%s: %+v %+v", when, a, a.AsRead)
		}
		if got := lines(t, s, q("", "kind", "briefing")); len(got) != 1 {
			t.Errorf("%s: kind briefing finds %v", when, got)
		}
		if got := lines(t, s, q("", "pillar", "IV", "kind", "briefing")); len(got) != 1 {
			t.Errorf("%s: pillar IV finds %v", when, got)
		}
		mustCheck(t, s)
	}
	_ = a
	want("fixed")
	importRaw(t, s, lineReader{}, "2020-02.md", livingV2)
	want("re-imported with lines above")
	if err := s.Rederive(lineReader{version: "test-2"}, nil); err != nil {
		t.Fatal(err)
	}
	want("re-derived")
	if _, err := store.Rebuild(s.Path(), store.RebuildOptions{Reader: lineReader{version: "test-2"}}); err != nil {
		t.Fatal(err)
	}
	s = MustOpen(t, s.Path())
	want("rebuilt")
	fixes, err := s.Fixes()
	if err != nil || len(fixes) != 1 || fixes[0].State != store.FixApplied || fixes[0].ID != id {
		t.Errorf("fixes %+v, %v", fixes, err)
	}

	// Undo, field by field.
	if _, err := s.Fix(id, func(c *model.Correction) error { return c.Undo("kind") }); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Activity(id); a.Kind != model.KindMeeting || !slices.Equal(a.Corrected, []string{"pillars"}) {
		t.Errorf("after undo: %+v", a)
	}
	if _, err := s.Fix(id, func(c *model.Correction) error { return c.Undo("pillars") }); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Activity(id); a.Corrected != nil || a.AsRead != nil || len(a.Pillars) != 1 {
		t.Errorf("after undoing all: %+v", a)
	}
	if f, _ := s.Fixes(); len(f) != 0 {
		t.Errorf("fixes left: %+v", f)
	}
	mustCheck(t, s)
}

// TestFix_Review: a correction of a bullet whose text then changes
// follows the activity, applied and flagged for review; fixing it again
// confirms it.
func TestFix_Review(t *testing.T) {
	s := MustCreate(t)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV1)
	id := byText(t, s)["Launch of the aviation security programme"].ID
	if _, err := s.Fix(id, func(c *model.Correction) error {
		c.Participants = &model.Participants{People: ptr(120)}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	importRaw(t, s, lineReader{}, "2020-02.md", livingV2)
	a, _ := s.Activity(id)
	if a.Participants.People == nil || *a.Participants.People != 120 || a.AsRead.Review != "Launch of the aviation security programme" {
		t.Errorf("after the text changed: %+v %+v", a, a.AsRead)
	}
	f, _ := s.Fixes()
	if len(f) != 1 || f[0].State != store.FixReview || f[0].Now != a.Text {
		t.Errorf("fixes: %+v", f)
	}
	if _, err := s.Fix(id, func(*model.Correction) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if f, _ := s.Fixes(); len(f) != 1 || f[0].State != store.FixApplied || f[0].Text != a.Text {
		t.Errorf("confirmed: %+v", f)
	}
	mustCheck(t, s)
}

// TestFix_NotActivity: an activity marked as not one leaves lists,
// counts and search, and comes back on undo.
func TestFix_NotActivity(t *testing.T) {
	s := MustCreate(t)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV1)
	id := byText(t, s)["Briefing on victims of terrorism"].ID
	if _, err := s.Fix(id, func(c *model.Correction) error { c.NotActivity = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if got := lines(t, s, q("")); len(got) != 3 {
		t.Errorf("listed %v", got)
	}
	if got := lines(t, s, q("victims")); len(got) != 0 {
		t.Errorf("search finds %v", got)
	}
	if a, err := s.Activity(id); err != nil || !a.NotActivity {
		t.Errorf("show: %+v %v", a, err)
	}
	mustCheck(t, s)
	if _, err := s.Fix(id, func(c *model.Correction) error { return c.Undo("not_activity") }); err != nil {
		t.Fatal(err)
	}
	if got := lines(t, s, q("victims")); len(got) != 1 {
		t.Errorf("after undo, search finds %v", got)
	}
	mustCheck(t, s)
}

// TestFix_ApplyElsewhere: corrections exported from one store apply to
// another by document and text (its ids differ); one whose document is
// not there yet waits for it.
func TestFix_ApplyElsewhere(t *testing.T) {
	a := MustCreate(t)
	importRaw(t, a, lineReader{}, "2020-02.md", livingV1)
	importRaw(t, a, lineReader{}, "2020-03.md", "- March meeting")
	for text, id := range map[string]uint32{"Briefing on victims of terrorism": byText(t, a)["Briefing on victims of terrorism"].ID, "March meeting": byText(t, a)["March meeting"].ID} {
		if _, err := a.Fix(id, func(c *model.Correction) error {
			model.SetList(&c.Partners, '+', unodc, model.PartnerKey)
			return nil
		}); err != nil {
			t.Fatal(text, err)
		}
	}
	fixes, _ := a.Fixes()
	var cs []model.Correction
	for _, f := range fixes {
		cs = append(cs, f.Correction)
	}

	b := MustCreate(t)
	importRaw(t, b, lineReader{}, "other.md", "- something else\n- and more")
	importRaw(t, b, lineReader{}, "2020-02.md", livingV2)
	res, err := b.ApplyFixes(cs)
	if err != nil || res.Applied != 1 || res.Waiting != 1 {
		t.Fatalf("ApplyFixes = %+v, %v", res, err)
	}
	if got := lines(t, b, q("", "partner", "UNODC")); len(got) != 1 {
		t.Errorf("partner UNODC finds %v", got)
	}
	importRaw(t, b, lineReader{}, "2020-03.md", "- March meeting")
	if got := lines(t, b, q("", "partner", "UNODC")); len(got) != 2 {
		t.Errorf("after the waiting one's document came: %v", got)
	}
	if _, err := b.ApplyFixes([]model.Correction{{Document: "x.md"}}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("empty correction: %v", err)
	}
	mustCheck(t, b)
}

// TestRederive_ReportsChanges: a new reader's changes are told and kept.
func TestRederive_ReportsChanges(t *testing.T) {
	s := MustCreate(t)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV1)
	before := byText(t, s)
	var told []string
	if err := s.RederiveReport(lineReader{version: "test-2"}, nil, func(c store.Change) {
		told = append(told, fmt.Sprintf("%s: %s", c.Document, c.Summary()))
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2020-02.md: 4 changed (section)"}; !slices.Equal(told, want) {
		t.Errorf("told %q, want %q", told, want)
	}
	for text, a := range byText(t, s) {
		if a.ID != before[text].ID {
			t.Errorf("%q changed id", text)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestMigrate_KeepsIDs: a store of schema 1 (no texts, fixes or changes
// buckets) migrated by Rederive keeps every id, its texts read from the
// old activities.
func TestMigrate_KeepsIDs(t *testing.T) {
	s := MustCreate(t)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV1)
	before := byText(t, s)
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range []string{"texts", "fixes", "changes"} {
			if err := tx.DeleteBucket([]byte(b)); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, 1))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Rederive(lineReader{version: "test-2"}, nil); err != nil {
		t.Fatal(err)
	}
	for text, a := range byText(t, s) {
		if a.ID != before[text].ID {
			t.Errorf("%q: id %d, was %d", text, a.ID, before[text].ID)
		}
	}
	mustCheck(t, s)
}

// TestFix_KeptThroughRemoval: removing a document keeps its corrections
// (waiting); importing it again applies them.
func TestFix_KeptThroughRemoval(t *testing.T) {
	s := MustCreate(t)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV1)
	id := byText(t, s)["Briefing on victims of terrorism"].ID
	if _, err := s.Fix(id, func(c *model.Correction) error { c.Kind = model.KindBriefing; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove("2020-02.md"); err != nil {
		t.Fatal(err)
	}
	if f, _ := s.Fixes(); len(f) != 1 || f[0].State != store.FixWaiting {
		t.Errorf("after the removal: %+v", f)
	}
	mustCheck(t, s)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV2)
	a := byText(t, s)["Briefing on victims of terrorism"]
	if a.Kind != model.KindBriefing || !a.IsCorrected("kind") {
		t.Errorf("imported again: %+v", a)
	}
	if f, _ := s.Fixes(); len(f) != 1 || f[0].State != store.FixApplied || f[0].ID != a.ID {
		t.Errorf("fixes: %+v", f)
	}
	mustCheck(t, s)

	// Asked to, the store forgets them, and the reader's values return.
	if n, err := s.DropFixes("2020-02.md"); n != 1 || err != nil {
		t.Fatalf("DropFixes = %d, %v", n, err)
	}
	if a, _ := s.Activity(a.ID); a.Kind != model.KindMeeting || a.Corrected != nil {
		t.Errorf("after DropFixes: %+v", a)
	}
	if f, _ := s.Fixes(); len(f) != 0 {
		t.Errorf("fixes left: %+v", f)
	}
	mustCheck(t, s)
}
