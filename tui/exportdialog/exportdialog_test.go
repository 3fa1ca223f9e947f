package exportdialog

import (
	"testing"
	"time"

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
