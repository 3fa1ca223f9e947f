package tui

import (
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	ics "github.com/arran4/golang-ical"

	"github.com/unoct/unoct/model/export"
)

// exportTo opens the export dialog, types path over the default one and
// writes.
func (d *driver) exportTo(path string) {
	d.t.Helper()
	d.key("e")
	d.key("tab")                                         // to the path
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear it
	d.typeText(path)
	d.key("enter")
}

// Ensure that the path's extension picks the format: a .md path gets
// Markdown though CSV is the option lit when the dialog opens, and a
// .xyz path is refused with the registry's error, writing nothing.
func TestModel_ExportFormatFromPath(t *testing.T) {
	opts := testOptions(t)
	d := newDriver(t, mustSeedStore(t), opts, 120, 40)

	md := filepath.Join(opts.ExportDir, "report.md")
	d.exportTo(md)
	d.requireScreen("Wrote 12 activities to ")
	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); !strings.HasPrefix(s, "# UNOCT activities (12)\n") || !strings.Contains(s, "- **Sessions:**") {
		t.Fatalf("report.md is not the Markdown report:\n%.300s", s)
	}

	xyz := filepath.Join(opts.ExportDir, "report.xyz")
	d.exportTo(xyz)
	d.requireScreen(`no format is written to ".xyz" files`, ".csv", ".md")
	if d.m.state != stateExport {
		t.Fatalf("the dialog closed on a refused path: state %v", d.m.state)
	}
	if _, err := os.Stat(xyz); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("report.xyz was written (stat: %v)", err)
	}
}

// Ensure that an explorer given no file writer says so rather than
// writing some other way.
func TestModel_ExportWithoutWriter(t *testing.T) {
	opts := testOptions(t)
	opts.WriteFile = nil
	d := newDriver(t, mustSeedStore(t), opts, 120, 40)
	d.key("e")
	d.key("enter")
	d.requireScreen("cannot write files")
	if files, _ := filepath.Glob(filepath.Join(opts.ExportDir, "*")); len(files) != 0 {
		t.Fatalf("files written without a writer: %v", files)
	}
}

// Ensure that the selected activities are written in the list's order:
// sorted by participants, most first, the export starts with the most
// attended one selected, not with the earliest.
func TestModel_ExportSelectionFollowsSort(t *testing.T) {
	opts := testOptions(t)
	d := newDriver(t, mustSeedStore(t), opts, 120, 40)
	for range 6 {
		d.key("o")
	}
	d.requireScreen("sorted by participants ↓")
	want := slices.Clone(d.m.res.IDs[:3])
	for range 3 {
		d.key("space") // selects and moves down
	}
	path := filepath.Join(opts.ExportDir, "sel.json")
	d.exportTo(path)
	d.requireScreen("Wrote 3 activities to ")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		ID uint32 `json:"id"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("sel.json: %v", err)
	}
	var ids []uint32
	for _, a := range got {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("exported %v, want the list's order %v", ids, want)
	}
	if slices.IsSorted(want) {
		t.Fatalf("the test proves nothing: the sorted order %v is the store's", want)
	}
}

// Ensure that the sessions of the selected activities, exported from the
// dialog as an .ics file, parse back with the library that wrote them:
// one all-day event per dated session of those activities, and none of
// the others'.
func TestModel_ExportSelectionICS(t *testing.T) {
	opts := testOptions(t)
	s := monthsStore(t)
	d := newDriver(t, s, opts, 120, 40)
	d.requireScreen("75 of 75 activities")
	d.key("/")
	d.typeText("Central Asia") // an activity of two sessions is among them
	d.key("enter")
	d.requireScreen("search “Central Asia”")
	n := len(d.m.res.IDs)
	for range n {
		d.key("space")
	}
	acts, err := s.Get(d.m.res.IDs...)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, a := range acts {
		for j, ss := range a.Sessions {
			if ss.Start != "" {
				want[export.EventUID(a.Source, j)] = true
			}
		}
	}
	path := filepath.Join(opts.ExportDir, "sessions.ics")
	d.exportTo(path)
	d.requireScreen("Wrote " + strconv.Itoa(n) + " activities to ")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ics.ParseCalendar(f)
	if err != nil {
		t.Fatalf("sessions.ics does not parse back: %v", err)
	}
	got := map[string]bool{}
	for _, ev := range cal.Events() {
		got[ev.Id()] = true
		if p := ev.GetProperty(ics.ComponentPropertyDtStart); p == nil || p.ICalParameters["VALUE"][0] != "DATE" {
			t.Errorf("event %s is not all-day: %v", ev.Id(), p)
		}
	}
	if len(want) <= n || !maps.Equal(got, want) {
		t.Fatalf("events %v, want one per dated session of the %d selected: %v", slices.Sorted(maps.Keys(got)), n, slices.Sorted(maps.Keys(want)))
	}
}
