package exportdialog

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/tui/common"
)

func newDialog() *Model {
	c := common.Common{Styles: common.NewStyles(true, false), Keys: common.DefaultKeyMap()}
	m := New(c, "out", func() time.Time { return time.Date(2024, 3, 5, 14, 7, 9, 0, time.UTC) })
	m.SetSize(72, 20)
	m.Open(3, false)
	return m
}

// Ensure that the dialog offers the formats the registry marks for it,
// in its order, and names the default file with the first one's
// extension.
func TestDialog_FormatsFromTheRegistry(t *testing.T) {
	m := newDialog()
	var want []export.Format
	for _, s := range export.Formats() {
		if s.Dialog {
			want = append(want, s.Format)
		}
	}
	if len(m.formats) != len(want) {
		t.Fatalf("the dialog offers %d formats, the registry %d", len(m.formats), len(want))
	}
	for i, f := range m.formats {
		if f.Format != want[i] {
			t.Errorf("option %d is %s, want %s", i, f.Format, want[i])
		}
	}
	if got, want := m.path.Value(), "out/unoct-export-20240305-140709"+m.formats[0].Ext(); got != want {
		t.Errorf("default path %q, want %q", got, want)
	}
}

// Ensure that choosing a format gives the path its extension when the
// path has a format's extension, and leaves a path it would not read
// alone; and that the options follow a typed extension.
func TestDialog_PathAndFormatFollowEachOther(t *testing.T) {
	m := newDialog()
	for _, c := range []struct{ typed, chosen, want string }{
		{"r.csv", "md", "r.md"},
		{"r.jsonl", "json", "r.json"},
		{"r.xyz", "md", "r.xyz"},
		{"r", "json", "r"},
		{"r.md", "report", "r.report.md"},
		{"r.report.md", "csv", "r.csv"},
		{"r.report.md", "ics", "r.ics"},
	} {
		m.path.SetValue(c.typed)
		for i, f := range m.formats {
			if string(f.Format) == c.chosen {
				m.setFormat(i)
			}
		}
		if got := m.path.Value(); got != c.want {
			t.Errorf("%s after choosing %s: path %q, want %q", c.typed, c.chosen, got, c.want)
		}
	}

	m.path.SetValue("report.JSON")
	m.followPath()
	if s, err := m.spec(); err != nil || s.Format != export.JSON || m.formats[m.format].Format != export.JSON {
		t.Errorf("report.JSON: writes %s (%v), option %s lit", s.Format, err, m.formats[m.format].Format)
	}
	m.path.SetValue("report")
	if s, _ := m.spec(); s.Format != export.JSON {
		t.Errorf("a path without an extension is written as %s, not as the option chosen", s.Format)
	}
}

// Ensure that exporting no activity asks first: n goes back to the
// dialog, y writes.
func TestDialog_NothingToExportAsks(t *testing.T) {
	m := newDialog()
	m.Open(0, false)
	if cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter}); cmd != nil {
		t.Fatalf("enter with nothing to export asked for %#v", cmd())
	}
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, "No activity to export") || !strings.Contains(v, "y / n") {
		t.Fatalf("no question:\n%s", v)
	}
	m.Update(tea.KeyPressMsg{Code: 'n', Text: "n"})
	if v := ansi.Strip(m.View(true)); strings.Contains(v, "y / n") {
		t.Fatalf("n did not go back:\n%s", v)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	cmd := m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	if cmd == nil {
		t.Fatal("y wrote nothing")
	}
	if w, ok := cmd().(WriteMsg); !ok || w.Force {
		t.Fatalf("y asked for %#v", cmd())
	}
}

// Ensure that the typed extension decides the format whatever option
// is lit (a .md path is written as Markdown, never as CSV), and that an
// extension no format claims is refused in the dialog, with the known
// ones, as it is typed and on enter.
func TestDialog_ExtensionDecides(t *testing.T) {
	m := newDialog()
	m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	m.path.SetValue("report.md")
	m.format = 0 // csv lit, as if chosen before the path was typed
	cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if w, ok := cmd().(WriteMsg); !ok || w.Spec.Format != export.MD {
		t.Fatalf("report.md with csv lit is written as %#v", cmd())
	}
	m.Open(3, false)
	m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	m.path.SetValue("report.xls")
	m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, `no format is written to ".xlsx" files (known: `) || !strings.Contains(v, ".csv, .json") {
		t.Fatalf("an unknown extension is not refused as typed:\n%s", v)
	}
	if cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter}); cmd != nil {
		t.Fatalf("enter on report.xlsx asked for %#v", cmd())
	}
}

// Ensure that without styling the format chosen shows in brackets.
func TestDialog_PlainShowsTheFormat(t *testing.T) {
	m := newDialog()
	m.Update(common.StylesMsg{Styles: common.NewStyles(true, true)})
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, "[csv]  json   md") {
		t.Fatalf("the chosen format does not show without styling:\n%s", v)
	}
}
