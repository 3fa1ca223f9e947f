package tui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/store"
)

// monthsStore is the seed store with four more test documents, from
// June 2020 to July 2021: months enough for a timeline and an order.
func monthsStore(t *testing.T) *store.Store {
	t.Helper()
	s := mustSeedStore(t)
	rd, err := testReader()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"2020-06.md", "2020-11.md", "2021-03.md", "highlights-q.md"} {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "highlights", name))
		if err != nil {
			t.Fatal(err)
		}
		opts := reader.Options{}
		if name == "highlights-q.md" {
			opts.Month = "2021-07"
		}
		res, err := rd.Read(name, raw, opts)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		if _, err := s.Import(res.Document, res.Activities); err != nil {
			t.Fatalf("import %s: %v", name, err)
		}
	}
	return s
}

// Ensure that the list in another order (o: participants, most first),
// the timeline (t, and enter on a month) and a chart in full (s, a
// chart, enter) look as recorded at 80×24 and 160×48 (the list also at 200×50). Regenerate with
// go test ./tui -run TestGoldenAnswers -update.
func TestGoldenAnswers(t *testing.T) {
	type step struct {
		keys []string
		want []string // what the frame must show before the next step
	}
	screens := []struct {
		name  string
		steps []step
		wide  bool // also at 200×50
	}{
		{"sorted", []step{{[]string{"o", "o", "o", "o", "o", "o"}, []string{"sorted by participants ↓", "1/75"}}}, true},
		{"timeline", []step{{[]string{"t"}, []string{"Timeline", "2021-07", "≥ 2,371"}}}, false},
		{"timeline_month", []step{
			{[]string{"t"}, []string{"≥ 2,371"}},
			{[]string{"k", "k", "k", "k", "enter"}, []string{"✓ 2021-03", "16 of 75"}},
		}, false},
		{"chart_full", []step{
			{[]string{"s"}, []string{"By pillar"}},
			{[]string{"j", "j", "j"}, []string{"› By country"}},
			{[]string{"enter"}, []string{"by country (every value)", "Country United States: 17 activities, 45 participants"}},
		}, false},
	}
	// At 200 columns the sorted list shows every column on one line a
	// row, beside the detail.
	for _, size := range [][2]int{{80, 24}, {160, 48}, {200, 50}} {
		for _, sc := range screens {
			if size[0] > 160 && !sc.wide {
				continue
			}
			name := sc.name + "_" + strconv.Itoa(size[0]) + "x" + strconv.Itoa(size[1])
			t.Run(name, func(t *testing.T) {
				opts := testOptions(t)
				opts.ExportDir = ""
				tm := teatest.NewTestModel(t, probed{New(monthsStore(t), opts)},
					teatest.WithInitialTermSize(size[0], size[1]),
					teatest.WithProgramOptions(
						tea.WithColorProfile(colorprofile.ASCII),
						tea.WithEnvironment([]string{"TERM=xterm-256color", "LANG=C.UTF-8"}),
					))
				waitScreen(t, tm, "75 of 75 activities", "╰")
				for _, st := range sc.steps {
					for _, k := range st.keys {
						tm.Send(keyMsg(k))
					}
					waitScreen(t, tm, st.want...)
				}
				if sc.name == "sorted" && size[0] >= 160 {
					// The detail beside the list follows the cursor's
					// row once it is read: wait for it, not only for
					// the list's new order.
					waitScreen(t, tm, "Activity 59 ")
				}
				frame := finalFrame(t, tm)
				if lines := strings.Count(frame, "\n") + 1; lines != size[1] {
					t.Errorf("the frame has %d lines, want %d", lines, size[1])
				}
				golden.RequireEqual(t, frame)
			})
		}
	}
}
