package detail

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

func testActivity() *model.Activity {
	n, m := 300, 15
	return &model.Activity{
		ID: 7, Month: "2020-02", Kind: model.KindTraining, Branch: "UNCCT",
		Text: "UNCCT trained officials in Vienna.",
		Sessions: []model.Session{
			{Start: "2020-02-10", End: "2020-02-14", City: "Vienna", Country: "AT", Region: "Western Europe"},
		},
		Partners:     []model.Entity{{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime", Kind: model.EntityUN}},
		Participants: model.Participants{People: &n, Approximate: true, MemberStates: &m},
		Pillars: []model.PillarMatch{
			{Pillar: model.PillarII, Matched: []string{"law enforcement"}},
			{Pillar: model.PillarIII},
		},
		Countries: []model.CountryRef{{Code: "AT", Name: "Austria"}},
		Regions:   []string{"Western Europe"},
		Section:   "Capacity-Building",
		Source:    model.Source{Document: "2020-02.md", Line: 41},
	}
}

// render is the pane's text without styling or the spaces that pad
// its lines.
func render(a *model.Activity, w int) string {
	lines := strings.Split(ansi.Strip(renderActivity(common.NewStyles(true, false), a, w)), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// Ensure that the pane shows the activity's Reading: its fields in its
// order, with its words.
func TestRender_FollowsTheReading(t *testing.T) {
	a := testActivity()
	got := render(a, 100)
	at := 0
	for _, f := range a.Reading().Fields {
		i := strings.Index(got[at:], f.Label)
		if i < 0 {
			t.Fatalf("%s missing or out of the Reading's order:\n%s", f.Label, got)
		}
		at += i
	}
	for _, want := range []string{
		"2020-02 · training · UNCCT",
		"2020-02-10–14  Vienna  Austria  Western Europe", // the table, with the short dates
		"UNODC — United Nations Office on Drugs and Crime (UN entity)",
		"Participants over 300 people · 15 Member States",
		"II  Preventing and combating terrorism\n    assigned by “law enforcement”",
		"III Building States' capacity and the UN's role\n    no term matched; counted under III by default",
		"Countries    Austria (AT)",
		"Source       2020-02.md, line 41",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
}

// Ensure that a pane too narrow for the sessions' table lists them as
// the Reading words them, and that a field the document did not give
// shows a dash.
func TestRender_NarrowAndMissing(t *testing.T) {
	a := testActivity()
	if got := render(a, 30); !strings.Contains(got, "2020-02-10 – 2020-02-14,") || strings.Contains(got, "Virtual") {
		t.Errorf("narrow pane:\n%s", got)
	}
	a.Sessions, a.Countries = nil, nil
	got := render(a, 100)
	for _, want := range []string{"Sessions     —", "Countries    —"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
}
