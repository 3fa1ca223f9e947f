package tui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// probeMsg asks the running model for its current frame; the reply is
// empty while the model still waits for the store.
type probeMsg struct{ reply chan string }

// probed wraps the Model so a test can read the frame a running program
// would draw, without racing the program's goroutine.
type probed struct{ *Model }

func (p probed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if pr, ok := msg.(probeMsg); ok {
		pr.reply <- p.settledFrame()
		return p, nil
	}
	_, cmd := p.Model.Update(msg)
	return p, cmd
}

// settledFrame is the frame, or "" while an answer from the store is
// outstanding: the query, or a row on screen still drawn as a
// placeholder.
func (p probed) settledFrame() string {
	frame := ansi.Strip(p.Model.View().Content)
	if p.loading || strings.Contains(frame, "…  activity ") {
		return ""
	}
	return frame
}

// waitScreen polls the running model's frame until it holds every want.
func waitScreen(t *testing.T, tm *teatest.TestModel, want ...string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		reply := make(chan string, 1)
		tm.Send(probeMsg{reply})
		select {
		case last = <-reply:
		case <-time.After(2 * time.Second):
			continue
		}
		ok := true
		for _, w := range want {
			if !strings.Contains(last, w) {
				ok = false
				break
			}
		}
		if ok {
			return last
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q; last frame:\n%s", want, last)
	return ""
}

// startProgram runs the TUI on the seed store in a teatest program at
// w×h, with the colour profile, environment, clock and palette pinned,
// and waits for the first full frame.
func startProgram(t *testing.T, w, h int) *teatest.TestModel {
	t.Helper()
	opts := testOptions(t)
	opts.ExportDir = "" // the golden shows ./unoct-export-….csv
	opts.Regions = testRegions(t)
	m := probed{New(mustSeedStore(t), opts)}
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.ASCII),
			tea.WithEnvironment([]string{"TERM=xterm-256color", "LANG=C.UTF-8"}),
		))
	waitScreen(t, tm, "12 of 12 activities", "╰")
	return tm
}

// finalFrame quits the program and returns its last frame, unstyled.
func finalFrame(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	return ansi.Strip(fm.(probed).View().Content)
}

// Ensure that the list, detail, help, stats and export screens, and the
// region facet's tree with a value ticked, look as recorded, at 80×24
// and 160×48, on a terminal without colours (the ASCII profile): the
// cursor rows start with > and the focused pane's title with *.
// Regenerate with go test ./tui -update.
func TestGolden(t *testing.T) {
	screens := []struct {
		name string
		keys []string
		want []string // what the frame must show before it is recorded
	}{
		{"list", nil, []string{"Activities"}},
		{"detail", []string{"j", "j", "j", "j", "j", "enter"}, []string{"Activity 10", "Kribi", "esc back to list"}},
		{"help", []string{"?"}, []string{"Move (every pane)"}},
		{"stats", []string{"s"}, []string{"By pillar"}},
		{"export", []string{"e"}, []string{"(none selected)", "unoct-export-20240305-140709.csv"}},
		{"regions", []string{"h", "3", "enter", "right", "down", "right", "space"}, []string{"Facets › Region", "▾ Sub-Saharan", "1 ticked"}},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, sc := range screens {
			name := sc.name + "_" + strconv.Itoa(size[0]) + "x" + strconv.Itoa(size[1])
			t.Run(name, func(t *testing.T) {
				tm := startProgram(t, size[0], size[1])
				for _, k := range sc.keys {
					tm.Send(keyMsg(k))
				}
				waitScreen(t, tm, sc.want...)
				frame := finalFrame(t, tm)
				if lines := strings.Count(frame, "\n") + 1; lines != size[1] {
					t.Errorf("the frame has %d lines, want %d", lines, size[1])
				}
				golden.RequireEqual(t, frame)
			})
		}
	}
}
