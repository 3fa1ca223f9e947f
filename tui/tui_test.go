package tui

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
)

// Ensure that the scenario of the issue works end to end: /Douala leaves
// 1 of 12, its detail names the partners and the three cities, space
// selects it, and e then enter writes a CSV with that one activity.
func TestModel_Douala(t *testing.T) {
	s := mustSeedStore(t)
	opts := testOptions(t)
	d := newDriver(t, s, opts, 80, 24)
	d.requireScreen("12 of 12 activities", "0 selected")
	if d.m.focus != paneList {
		t.Fatalf("focus at start is %v, want the list", d.m.focus)
	}

	d.key("/")
	d.typeText("Douala")
	d.requireScreen("1 of 12 activities", `search=“Douala”`)
	d.key("enter") // keep the search
	if d.m.searching || d.m.focus != paneList {
		t.Fatalf("enter in search: active=%v focus=%v", d.m.searching, d.m.focus)
	}
	d.key("enter") // read
	d.requireScreen("OHCHR", "MINUSMA", "Bamako", "Douala", "Kribi")
	id := d.m.cur.ID
	d.requireScreen("Activity " + strconv.FormatUint(uint64(id), 10))
	d.key("esc")
	if d.m.detailOpen || d.m.focus != paneList {
		t.Fatalf("esc in detail: open=%v focus=%v", d.m.detailOpen, d.m.focus)
	}
	d.key("space")
	d.requireScreen("1 of 12 activities", "1 selected")

	d.key("e")
	want := filepath.Join(opts.ExportDir, "unoct-export-20240305-140709.csv")
	d.requireScreen("Export", "1 selected activity", "unoct-export-20240305-140709.csv")
	d.key("enter")
	d.requireScreen("Wrote 1 activity to ", "unoct-export-20240305-140709.csv")
	if !strings.HasSuffix(want, strings.TrimPrefix(d.m.status, "Wrote 1 activity to …")) {
		t.Fatalf("status %q does not name %s", d.m.status, want)
	}

	f, err := os.Open(want)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("CSV has %d records, want a header and one row: %v", len(recs), recs)
	}
	if recs[1][0] != strconv.FormatUint(uint64(id), 10) || !strings.Contains(recs[1][slices.Index(recs[0], "places")], "Douala") {
		t.Fatalf("CSV row is not the Douala activity %d: %v", id, recs[1])
	}

	// A second export to the same path asks before replacing it.
	d.key("e")
	d.key("enter")
	d.requireScreen("exists", "Replace it? y / n")
	d.key("n")
	d.key("esc")
	if d.m.state != stateBrowse {
		t.Fatalf("state after cancel = %v", d.m.state)
	}
}

// Ensure that toggling a facet value filters the list and moves the
// counts of the other facets, while the facet's own counts stay those
// under the other filters.
func TestModel_FacetToggleMovesCounts(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 120, 40)
	sum := func(f model.Facet) int {
		n := 0
		for _, v := range d.m.res.Counts[f] {
			n += v.Count
		}
		return n
	}
	count := func(f model.Facet, value string) int {
		for _, v := range d.m.res.Counts[f] {
			if v.Value == value {
				return v.Count
			}
		}
		return -1
	}
	branches, pillarI, pillarIV := sum(model.FacetBranch), count(model.FacetPillar, "I"), count(model.FacetPillar, "IV")
	if branches != 12 || pillarIV < 1 {
		t.Fatalf("before: branch counts sum to %d, pillar IV has %d", branches, pillarIV)
	}

	d.key("shift+tab") // to the facets
	if d.m.focus != paneFacets {
		t.Fatalf("focus = %v, want facets", d.m.focus)
	}
	for range 4 { // Pillar, I, II, III, IV
		d.key("j")
	}
	d.key("enter")
	if !d.m.query.Has(model.FacetPillar, "IV") {
		t.Fatalf("enter on IV did not filter: %v", d.m.query)
	}
	d.requireScreen(strconv.Itoa(pillarIV)+" of 12 activities", "pillar=IV", "✓ IV")
	if got := sum(model.FacetBranch); got != pillarIV {
		t.Errorf("branch counts sum to %d under pillar IV, want %d", got, pillarIV)
	}
	if got := count(model.FacetPillar, "I"); got != pillarI {
		t.Errorf("pillar I shows %d, want %d (its count under the other filters)", got, pillarI)
	}

	d.key("space") // again: off
	if !d.m.query.Empty() || sum(model.FacetBranch) != 12 {
		t.Fatalf("toggling IV off left %v, branches %d", d.m.query, sum(model.FacetBranch))
	}
}

// Ensure that a long facet, once open, narrows as one types (accents
// and case aside), that its value filters, and that q typed there does
// not quit. (The facets package checks that enter on a title opens it.)
func TestModel_FacetNarrowing(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 80, 24)
	d.key("tab") // at 80 columns: list -> facets
	if d.m.focus != paneFacets {
		t.Fatalf("tab from the list focused %v", d.m.focus)
	}
	d.run(d.m.facets.Open(model.FacetCountry))
	d.requireScreen("Facets › Country", "12 of 12")
	d.typeText("CAMÉ")
	d.requireScreen("Facets › Country", "1 of 12", "Cameroon")
	d.key("enter")
	d.requireScreen("1 of 12 activities", "country=Cameroon")
	d.typeText("q")
	if d.quit {
		t.Fatal("q typed while narrowing quit")
	}
	d.key("esc") // clear the text
	d.key("esc") // back to the overview
	if strings.Contains(d.screen(), "Facets ›") {
		t.Fatalf("esc twice did not close the facet:\n%s", d.screen())
	}
}

// Ensure that an empty result says which filters leave nothing and what
// dropping each would give back.
func TestModel_EmptyResultNamesFilters(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 120, 40)
	d.send(common.ToggleFacetMsg{Facet: model.FacetPillar, Value: "I"})
	d.send(common.ToggleFacetMsg{Facet: model.FacetCountry, Value: "CM"})
	d.key("/")
	d.typeText("douala")
	d.key("enter")
	d.requireScreen("0 of 12 activities",
		"No activity matches all these filters:",
		"pillar = I", "country = Cameroon", "search “douala”",
		"To widen:", "without pillar = I: 1 activity",
		"c clears every filter (12 activities)")
	d.key("c")
	d.requireScreen("12 of 12 activities", "no filters")
}

// Ensure that q typed into the search line is text, and quits only once
// the line is closed.
func TestModel_SearchQDoesNotQuit(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 80, 24)
	d.key("/")
	d.typeText("q")
	if d.quit {
		t.Fatal("q typed in the search quit")
	}
	if d.m.query.Search != "q" {
		t.Fatalf("search = %q, want q", d.m.query.Search)
	}
	d.key("esc")
	if d.m.query.Search != "" || d.m.searching {
		t.Fatalf("esc left search %q active=%v", d.m.query.Search, d.m.searching)
	}
	d.requireScreen("12 of 12 activities")
	d.key("q")
	if !d.quit {
		t.Fatal("q in the list did not quit")
	}
}

// Ensure that a window below 60×15 shows one line and nothing else, and
// that the screen comes back when it grows; no size panics.
func TestModel_SmallWindow(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 120, 40)
	d.send(tea.WindowSizeMsg{Width: 50, Height: 10})
	if got, want := d.screen(), "unoct needs at least 60×15; the window is 50×10"; got != want {
		t.Fatalf("small screen = %q, want %q", got, want)
	}
	// Narrower, the message wraps rather than losing the sizes.
	d.send(tea.WindowSizeMsg{Width: 24, Height: 10})
	if got, want := d.screen(), "unoct needs at least\n60×15; the window is\n24×10"; got != want {
		t.Fatalf("small screen at 24 columns = %q, want %q", got, want)
	}
	d.key("j") // keys do nothing harmful meanwhile
	d.send(tea.WindowSizeMsg{Width: 160, Height: 40})
	d.requireScreen("12 of 12 activities", "Facets", "Activities", "Activity ")
	if n := strings.Count(d.screen(), "\n") + 1; n != 40 {
		t.Fatalf("screen has %d lines, want 40", n)
	}
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {59, 40}, {120, 14}, {60, 15}, {61, 16}, {80, 24}, {119, 30}, {300, 100}} {
		for _, st := range []string{"", "?", "s", "e"} {
			d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			if st != "" {
				d.key(st)
			}
			v := d.screen()
			if sz[0] >= minWidth && sz[1] >= minHeight {
				lines := strings.Split(v, "\n")
				if len(lines) != sz[1] {
					t.Errorf("%dx%d %q: %d lines", sz[0], sz[1], st, len(lines))
				}
				for i, l := range lines {
					if w := common.Width(l); w > sz[0] {
						t.Errorf("%dx%d %q: line %d is %d wide: %q", sz[0], sz[1], st, i, w, l)
					}
				}
			}
			d.key("esc")
		}
	}
}

// Ensure that text from documents reaches the screen inert: escape
// sequences and control characters in the text, partners, people and
// places never reach the View.
func TestModel_DocumentTextIsInert(t *testing.T) {
	s := mustOpenStore(t)
	evil := "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[31mred\x1b[0m\u009b31m\x90dcs\x9c\u202e"
	one := 1
	importActs(t, s, "evil.md", "2024-01", []model.Activity{{
		Text:         "Evil" + evil + " workshop. More" + evil,
		Kind:         model.KindWorkshop,
		Branch:       model.Branch("UNCCT" + evil),
		Section:      "Section" + evil,
		Sessions:     []model.Session{{Start: "2024-01-02", End: "2024-01-03", Place: "Town" + evil, City: "Town" + evil, Country: "ML"}},
		Partners:     []model.Entity{{Acronym: "EVIL" + evil, Name: "Evil Org" + evil, Kind: model.EntityOther}},
		People:       []string{"Mr Evil" + evil},
		Participants: model.Participants{People: &one},
		Countries:    []model.CountryRef{{Code: "ML", Name: "Mali" + evil}},
		Regions:      []string{"Western Africa" + evil},
		Pillars:      []model.PillarMatch{{Pillar: model.PillarI, Matched: []string{"word" + evil}}},
		Source:       model.Source{Line: 3},
	}})
	d := newDriver(t, s, testOptions(t), 160, 48)
	check := func(what string) {
		t.Helper()
		v := d.m.View().Content
		for _, bad := range []string{"pwned", "cHduZWQ", "\x07", "\x1b[2J", "\x1b[31m", "\u009b", "\x90", "\u202e", "\x1b]"} {
			if strings.Contains(v, bad) {
				t.Fatalf("%s: the view contains %q:\n%q", what, bad, v)
			}
		}
		plain := d.screen()
		for _, r := range plain {
			if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
				t.Fatalf("%s: control character %U on screen:\n%q", what, r, plain)
			}
		}
	}
	d.requireScreen("1 of 1 activities", "Evil", "EVIL", "Mr Evil", "Town")
	check("list and detail")
	d.key("shift+tab")
	d.run(d.m.facets.Open(model.FacetPartner))
	check("facet values")
	d.key("esc")
	d.key("s")
	check("stats")
	d.key("esc")
	d.key("/")
	d.send(tea.PasteMsg{Content: "x" + evil})
	check("search")
}

// Ensure that the selection survives filtering, a selects every shown
// activity and A clears them.
func TestModel_Selection(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 120, 40)
	d.key("space")
	d.key("space")
	d.requireScreen("2 selected", "3/12") // the cursor moved on, to the third
	d.key("/")
	d.typeText("Douala")
	d.key("enter")
	d.key("a")
	d.requireScreen("1 of 12 activities", "3 selected")
	d.key("e")
	d.requireScreen("3 selected activities")
	d.key("esc")
	d.key("A")
	d.requireScreen("0 selected")
}

// Ensure that a new import appears after the generation poll without
// any key press.
func TestModel_GenerationPoll(t *testing.T) {
	s := mustSeedStore(t)
	d := newDriver(t, s, testOptions(t), 120, 40)
	d.requireScreen("12 of 12 activities")
	importActs(t, s, "new.md", "2024-02", []model.Activity{{
		Text: "A new workshop.", Kind: model.KindWorkshop, Source: model.Source{Line: 1},
		Sessions: []model.Session{{Start: "2024-02-01", End: "2024-02-01"}},
	}})
	d.send(pollMsg{})
	d.requireScreen("13 of 13 activities", "the store has changed")
}

// Ensure that the mouse focuses the pane it clicks, toggles a facet value
// and moves the list's cursor, and that the wheel scrolls.
func TestModel_Mouse(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 160, 40)
	fr, lr := d.m.rects[paneFacets], d.m.rects[paneList]
	// The facet pane's second inner row is pillar I.
	d.send(tea.MouseClickMsg{X: fr.x + 3, Y: fr.y + 2, Button: tea.MouseLeft})
	if d.m.focus != paneFacets || !d.m.query.Has(model.FacetPillar, "I") {
		t.Fatalf("click on pillar I: focus %v, query %v", d.m.focus, d.m.query)
	}
	d.send(tea.MouseClickMsg{X: fr.x + 3, Y: fr.y + 2, Button: tea.MouseLeft})
	if !d.m.query.Empty() {
		t.Fatalf("second click left %v", d.m.query)
	}
	rh := 2   // at 160 columns the list is 84 cells wide inside: two lines a row
	head := 1 // and its columns have a header line
	d.send(tea.MouseClickMsg{X: lr.x + 10, Y: lr.y + 1 + head + 3*rh, Button: tea.MouseLeft})
	if d.m.focus != paneList || d.m.cur.ID != d.m.res.IDs[3] {
		t.Fatalf("click on row 3: focus %v, cursor on %d", d.m.focus, d.m.cur.ID)
	}
	d.requireScreen("4/12")
	d.send(tea.MouseWheelMsg{X: lr.x + 10, Y: lr.y + 5, Button: tea.MouseWheelDown})
	d.requireScreen("7/12")
	if want := "Activity " + strconv.FormatUint(uint64(d.m.res.IDs[6]), 10); !strings.Contains(d.screen(), want) {
		t.Fatalf("the wide detail does not follow the cursor to %q:\n%s", want, d.screen())
	}
}

// Ensure that stale query results are dropped.
func TestModel_StaleResultDropped(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 120, 40)
	old := d.m.seq
	d.send(common.ToggleFacetMsg{Facet: model.FacetPillar, Value: "IV"})
	d.send(resultMsg{seq: old, res: common.ResultMsg{Screen: store.Screen{IDs: []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9}, Total: 99}}})
	if d.m.res.Total == 99 || strings.Contains(d.screen(), "of 99") {
		t.Fatal("a stale result replaced the current one")
	}
}

func TestPane_String(t *testing.T) {
	for p, want := range map[pane]string{paneFacets: "Facets", paneList: "Activities", paneDetail: "Detail", pane(9): "pane(9)"} {
		if got := p.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", p, got, want)
		}
	}
}

// Ensure that a key typed right after enter in the search line goes
// where the closed line leaves the focus, even before the commands of
// the enter have run: the terminal delivers "/douala⏎⇧⇥" as fast as it
// is typed, and a loaded machine runs those commands late.
func TestModel_KeyAfterSearchEnterIsNotLost(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 160, 48)
	d.key("/")
	d.typeText("douala")
	// Enter and shift+tab back to back; enter's commands run after.
	_, cmd := d.m.Update(keyMsg("enter"))
	_, cmd2 := d.m.Update(keyMsg("shift+tab"))
	d.run(cmd)
	d.run(cmd2)
	if d.m.searching || d.m.focus != paneFacets {
		t.Fatalf("after enter, shift+tab: searching=%v focus=%v; want the facets", d.m.searching, d.m.focus)
	}
	if d.m.query.Search != "douala" {
		t.Errorf("search = %q, want it kept", d.m.query.Search)
	}
	// esc clears the line and closes it at once too.
	d.key("/")
	_, cmd = d.m.Update(keyMsg("esc"))
	_, cmd2 = d.m.Update(keyMsg("tab"))
	d.run(cmd)
	d.run(cmd2)
	if d.m.searching || d.m.focus == paneList {
		t.Fatalf("after esc, tab: searching=%v focus=%v; want the focus moved on from the list", d.m.searching, d.m.focus)
	}
}

// Ensure that a result whose activities give no headcount says so in the
// header, rather than "– participants".
func TestModel_HeaderWithoutHeadcount(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 120, 40)
	d.requireScreen("12 of 12 activities", "538 participants")
	d.key("/")
	d.typeText("Douala")
	d.requireScreen("1 of 12 activities", "no headcount")
}

// Ensure that a key typed right after esc in a view (stats, help) goes to
// the panes the view closed onto, before esc's commands have run.
func TestModel_KeyAfterViewEscIsNotLost(t *testing.T) {
	for _, open := range []string{"s", "?"} {
		d := newDriver(t, mustSeedStore(t), testOptions(t), 160, 48)
		d.key(open)
		if d.m.state != stateView {
			t.Fatalf("%s did not open a view", open)
		}
		_, cmd := d.m.Update(keyMsg("esc"))
		_, cmd2 := d.m.Update(keyMsg("shift+tab"))
		d.run(cmd)
		d.run(cmd2)
		if d.m.state != stateBrowse || d.m.focus != paneFacets {
			t.Errorf("%s, esc, shift+tab: state %v, focus %v; want the facets", open, d.m.state, d.m.focus)
		}
	}
}

// Ensure that from 120 columns the list shows all seven columns in full
// and takes every cell the facets leave, that the detail has a pane of
// its own only from 160 columns (narrower, enter opens it over the
// panes), and that from 200 columns each row holds its text on its line.
func TestModel_WideLayout(t *testing.T) {
	for _, tc := range []struct {
		w       int
		beside  bool
		oneLine bool
	}{{120, false, false}, {140, false, true}, {159, false, true}, {160, true, false}, {200, true, true}, {240, true, true}} {
		d := newDriver(t, mustSeedStore(t), testOptions(t), tc.w, 40)
		scr := d.screen()
		for _, col := range []string{"DATE", "PLACE", "KIND", "BRANCH", "PILLARS", "PARTNERS", "PARTICIPANTS"} {
			if !strings.Contains(scr, col) {
				t.Errorf("at %d columns the list lacks its %s column:\n%s", tc.w, col, scr)
			}
		}
		fr, lr, dr := d.m.rects[paneFacets], d.m.rects[paneList], d.m.rects[paneDetail]
		if fr.w > 30 || lr.w < tc.w/2 {
			t.Errorf("at %d columns: facets %d, list %d cells wide", tc.w, fr.w, lr.w)
		}
		if got := strings.Contains(scr, "╮╭─ Activity "); got != tc.beside {
			t.Errorf("at %d columns the detail beside the list: %v, want %v", tc.w, got, tc.beside)
		}
		if tc.beside && (dr.w > tc.w/3 || fr.w+lr.w+dr.w != tc.w) {
			t.Errorf("at %d columns: facets %d, list %d, detail %d", tc.w, fr.w, lr.w, dr.w)
		}
		if !tc.beside && fr.w+lr.w != tc.w {
			t.Errorf("at %d columns: facets %d and list %d do not fill the width", tc.w, fr.w, lr.w)
		}
		if got := strings.Contains(scr, " ACTIVITY "); got != tc.oneLine {
			t.Errorf("at %d columns one line a row: %v, want %v:\n%s", tc.w, got, tc.oneLine, scr)
		}
		if !tc.beside {
			d.key("enter")
			d.requireScreen("╭─ Activity ")
			if strings.Contains(d.screen(), "Facets") {
				t.Errorf("at %d columns enter did not open the detail over the panes:\n%s", tc.w, d.screen())
			}
		}
	}
}

// Ensure that p hides the detail's pane on a wide window, the list then
// taking its width (one line a row, longer texts) and enter opening the
// detail over the panes, that p shows it again, and that a window too
// narrow for the pane says so.
func TestModel_DetailPaneToggle(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 200, 40)
	d.requireScreen("╮╭─ Activity ")
	before := d.m.rects[paneList].w
	d.key("l")
	d.key("l")
	if d.m.focus != paneDetail {
		t.Fatalf("focus on %v, want the detail", d.m.focus)
	}
	d.key("p")
	d.requireScreen("detail pane hidden")
	if strings.Contains(d.screen(), "╮╭─ Activity ") || d.m.focus != paneList || d.m.rects[paneList].w != 200-d.m.rects[paneFacets].w || d.m.rects[paneList].w <= before {
		t.Fatalf("p left the pane, or the focus on %v, or the list %d wide:\n%s", d.m.focus, d.m.rects[paneList].w, d.screen())
	}
	d.key("enter")
	d.requireScreen("╭─ Activity ")
	if strings.Contains(d.screen(), "Facets") {
		t.Fatalf("enter did not open the detail over the panes:\n%s", d.screen())
	}
	d.key("esc")
	d.key("p")
	d.requireScreen("detail pane shown", "╮╭─ Activity ")
	if d.m.rects[paneList].w != before {
		t.Fatalf("the list is %d wide again, want %d", d.m.rects[paneList].w, before)
	}

	d = newDriver(t, mustSeedStore(t), testOptions(t), 120, 40)
	d.key("p")
	d.requireScreen("a pane of its own from 160 columns")
	// The help screen lists p (see the help golden at 160×48).
}
