package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/unoct/unoct/data"
	"github.com/unoct/unoct/data/reader"
)

// frame is the driver's screen, unstyled.
func (d *driver) frame() string { return ansi.Strip(d.m.View().Content) }

// retype edits the field under the form's cursor: enter, the typed
// value cleared (ctrl+u), s typed, enter.
func (d *driver) retype(s string) {
	d.t.Helper()
	d.key("enter")
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	d.typeText(s)
	d.key("enter")
}

func mustShow(t *testing.T, frame string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(frame, w) {
			t.Fatalf("the screen does not show %q:\n%s", w, frame)
		}
	}
}

// TestEditForm_CorrectionSurvivesReimport: a correction made in the
// form (f on the detail) is stored at once, shows as corrected in the
// detail, can be undone field by field, and survives a re-import of a
// new version of its document with two lines inserted above.
// Regenerate the goldens with go test ./tui -update.
func TestEditForm_CorrectionSurvivesReimport(t *testing.T) {
	s := mustSeedStore(t)
	d := newDriver(t, s, testOptions(t), 160, 48)
	for range 5 {
		d.key("j")
	}
	d.key("enter")
	mustShow(t, d.frame(), "Activity 10", "Kribi")
	d.key("f")
	mustShow(t, d.frame(), "Correct activity 10", "Kind             training")

	d.retype("workshop") // Kind
	mustShow(t, d.frame(), "Kind corrected", "Kind             workshop ✎", "read as: training")
	d.key("j")
	d.key("j")
	d.retype("II, IV") // Pillars
	d.key("j")
	d.key("j")
	d.key("j")
	d.key("j")
	d.retype("~150") // Participants
	mustShow(t, d.frame(), "Participants     ~150 ✎")
	d.key("u") // undone
	mustShow(t, d.frame(), "Participants as the reader read it", "Participants     none")
	d.key("k")
	d.key("k")
	d.key("k")
	d.key("k")
	d.retype("I, II, III, IV, V") // refused, nothing stored
	mustShow(t, d.frame(), `pillar "V" is not I, II, III or IV`)
	d.retype("II, IV")
	golden.RequireEqual(t, d.frame())
	t.Run("detail", func(t *testing.T) {
		d.key("esc")
		golden.RequireEqual(t, d.frame())
	})

	// A new version of the document: two lines inserted above.
	var doc data.Document
	for _, dd := range data.Documents() {
		doc = dd
	}
	raw := strings.Replace(string(doc.Raw), "## POLITICAL LEADERSHIP", "A line added above,\nand another.\n\n## POLITICAL LEADERSHIP", 1)
	rd, err := testReader()
	if err != nil {
		t.Fatal(err)
	}
	res, err := rd.Read(doc.Name, []byte(raw), reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(res.Document, res.Activities); err != nil {
		t.Fatal(err)
	}
	t.Run("reimported", func(t *testing.T) {
		d := newDriver(t, s, testOptions(t), 160, 48)
		for range 5 {
			d.key("j")
		}
		d.key("enter")
		frame := d.frame()
		mustShow(t, frame, "Activity 10", "Kribi", "workshop ✎", "line 44")
		golden.RequireEqual(t, frame)
	})
}

// TestFacets_ShowWhatTheLastVersionChanged: the change facet is not in
// the facet pane until a new version of a document changes an activity;
// then it is, with the activity counted under "changed".
func TestFacets_ShowWhatTheLastVersionChanged(t *testing.T) {
	s := mustSeedStore(t)
	d := newDriver(t, s, testOptions(t), 160, 48)
	if strings.Contains(d.frame(), "│ Change ") {
		t.Fatalf("the change facet shows before any change:\n%s", d.frame())
	}
	doc := data.Documents()[0]
	raw := strings.Replace(string(doc.Raw), "delivered 3 training-of-trainers workshops", "delivered three training-of-trainers workshops", 1)
	rd, err := testReader()
	if err != nil {
		t.Fatal(err)
	}
	res, err := rd.Read(doc.Name, []byte(raw), reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(res.Document, res.Activities); err != nil {
		t.Fatal(err)
	}
	d = newDriver(t, s, testOptions(t), 160, 48)
	mustShow(t, d.frame(), "│ Change ", "changed ")
}
