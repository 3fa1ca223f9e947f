package detail

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

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

// Ensure that a wrapped source keeps "line 41" together, and that a
// pillar title that wraps goes on under the title, not the numeral.
func TestRender_KeepsNumbersAndIndents(t *testing.T) {
	// At 30 cells "2020-02.md, line" fits beside the label, "41" not.
	got := render(testActivity(), 30)
	if !strings.Contains(got, "line 41") {
		t.Errorf("the line number left its word:\n%s", got)
	}
	got = render(testActivity(), 36)
	if !strings.Contains(got, "III Building States' capacity\n    and the UN's role") {
		t.Errorf("a pillar's second line is not under its title:\n%s", got)
	}
}

// Ensure that n and N scroll to the lines holding a searched word, round
// from the last to the first, and that the border counts them.
func TestDetail_SearchMatches(t *testing.T) {
	m := New(common.Common{Styles: common.NewStyles(true, false), Keys: common.DefaultKeyMap()}, nil)
	m.SetSize(40, 8)
	a := testActivity()
	a.Text = "UNCCT trained officials in Vienna, " + strings.Repeat("and more words ", 20) + "then Vienna again."
	m.Update(common.CursorMsg{ID: a.ID, OK: true, Row: a})
	m.Update(common.ResultMsg{Query: model.Query{Search: "vienna"}.Clone()})
	if len(m.matches) < 3 {
		t.Fatalf("matches at %v, want the text's two lines and the table's", m.matches)
	}
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, strconv.Itoa(len(m.matches))+" matches: n") {
		t.Fatalf("the border does not count the matches:\n%s", v)
	}
	var offsets []int
	for range len(m.matches) + 1 {
		m.Update(tea.KeyPressMsg{Code: 'n', Text: "n"})
		offsets = append(offsets, m.vp.YOffset())
	}
	want := []int{}
	for _, l := range m.matches {
		want = append(want, l-1) // a line of context above
	}
	if !slices.Equal(offsets, append(want, want[0])) {
		t.Fatalf("n scrolled to %v (matches at %v)", offsets, m.matches)
	}
	m.Update(tea.KeyPressMsg{Code: 'N', Text: "N"})
	if got, want := m.vp.YOffset(), offsets[len(offsets)-2]; got != want {
		t.Fatalf("N from the first match went to %d, want the last's %d", got, want)
	}
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, "match "+strconv.Itoa(len(m.matches))+"/") {
		t.Fatalf("the border does not say which match:\n%s", v)
	}
}
