package tui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// ExportKeyMap holds the export dialog's keys.
type ExportKeyMap struct {
	Field  key.Binding // switch between format and path
	Format key.Binding // choose the format
	Write  key.Binding // write the file
	Cancel key.Binding // close the dialog
	Yes    key.Binding // overwrite an existing file
	No     key.Binding // keep it
}

// ShortHelp implements help.KeyMap.
func (k ExportKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Write, k.Format, k.Field, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k ExportKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Write, k.Format, k.Field, k.Cancel}, {k.Yes, k.No}}
}

// confirmHelp is the key map while the dialog asks to overwrite.
type confirmHelp struct{ k ExportKeyMap }

func (c confirmHelp) ShortHelp() []key.Binding  { return []key.Binding{c.k.Yes, c.k.No} }
func (c confirmHelp) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }

// exportFormats are the formats the dialog offers.
func exportFormats() []export.Format { return []export.Format{export.CSV, export.JSON, export.MD} }

// exportModel is the export dialog: a format, a path, and a confirmation
// before replacing a file.
type exportModel struct {
	keys ExportKeyMap

	format  int // index in exportFormats
	field   int // 0: format, 1: path
	path    textinput.Model
	confirm bool // the file exists: ask before replacing it
	busy    bool // writing
	err     string

	n        int  // activities to write
	selected bool // they are the selection (else all shown)

	dir string           // where the default path points
	now func() time.Time // the clock of the default name
}

func newExportModel(keys ExportKeyMap, st Styles, dir string, now func() time.Time) exportModel {
	in := textinput.New()
	in.Prompt = ""
	in.SetStyles(st.Input)
	if now == nil {
		now = time.Now
	}
	return exportModel{keys: keys, path: in, dir: dir, now: now}
}

func (m *exportModel) setStyles(st Styles) { m.path.SetStyles(st.Input) }

// defaultPath is ./unoct-export-YYYYMMDD-HHMMSS.<ext> in the export
// directory.
func (m exportModel) defaultPath(f export.Format) string {
	name := "unoct-export-" + m.now().Format("20060102-150405") + "." + string(f)
	dir := m.dir
	if dir == "" || dir == "." {
		return "." + string(filepath.Separator) + name
	}
	return filepath.Join(dir, name)
}

// open starts the dialog for n activities.
func (m *exportModel) open(n int, selected bool, width int) tea.Cmd {
	m.n, m.selected = n, selected
	m.format, m.field = 0, 0
	m.confirm, m.busy, m.err = false, false, ""
	m.path.SetWidth(max(10, width))
	m.path.SetValue(m.defaultPath(exportFormats()[0]))
	m.path.CursorEnd()
	m.path.Blur()
	return nil
}

// setFormat chooses a format, and changes the path's extension when it
// still has the old format's.
func (m *exportModel) setFormat(i int) {
	fs := exportFormats()
	i = (i + len(fs)) % len(fs)
	old := "." + string(fs[m.format])
	if p := m.path.Value(); strings.HasSuffix(p, old) {
		m.path.SetValue(strings.TrimSuffix(p, old) + "." + string(fs[i]))
		m.path.CursorEnd()
	}
	m.format = i
}

// exportAction is what a key did in the dialog.
type exportAction int

const (
	exportNone   exportAction = iota
	exportCancel              // close the dialog
	exportWrite               // write, refusing to replace a file
	exportForce               // write, replacing the file
)

// target is the file to write, with ~ expanded.
func (m exportModel) target() string {
	p := strings.TrimSpace(m.path.Value())
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}

func (m exportModel) update(msg tea.Msg) (exportModel, tea.Cmd, exportAction) {
	k, isKey := msg.(tea.KeyPressMsg)
	if m.busy {
		return m, nil, exportNone
	}
	if m.confirm {
		if !isKey {
			return m, nil, exportNone
		}
		switch {
		case key.Matches(k, m.keys.Yes):
			m.confirm = false
			return m, nil, exportForce
		case key.Matches(k, m.keys.No):
			m.confirm = false
		}
		return m, nil, exportNone
	}
	if isKey {
		switch {
		case key.Matches(k, m.keys.Cancel):
			return m, nil, exportCancel
		case key.Matches(k, m.keys.Write):
			if m.target() == "" {
				m.err = "type a path"
				return m, nil, exportNone
			}
			m.err = ""
			return m, nil, exportWrite
		case key.Matches(k, m.keys.Field), k.String() == "up" || k.String() == "down":
			m.field = 1 - m.field
			if m.field == 1 {
				return m, m.path.Focus(), exportNone
			}
			m.path.Blur()
			return m, nil, exportNone
		}
		if m.field == 0 {
			switch k.String() {
			case "left", "h":
				m.setFormat(m.format - 1)
			case "right", "l", "space":
				m.setFormat(m.format + 1)
			default:
				for i, f := range exportFormats() {
					if k.Text == string(f)[:1] {
						m.setFormat(i)
					}
				}
			}
			return m, nil, exportNone
		}
	}
	if m.field == 1 {
		var cmd tea.Cmd
		m.path, cmd = m.path.Update(msg)
		m.err = ""
		return m, cmd, exportNone
	}
	return m, nil, exportNone
}

// view renders the dialog box, w cells wide at most.
func (m exportModel) view(st Styles, w int) string {
	inner := max(20, w-st.Dialog.GetHorizontalFrameSize())
	var b strings.Builder
	b.WriteString(st.Heading.Render("Export") + "\n")
	what := strconv.Itoa(m.n) + " selected activit" + plural(m.n, "y", "ies")
	if !m.selected {
		what = "all " + strconv.Itoa(m.n) + " shown activit" + plural(m.n, "y", "ies") + " (none selected)"
	}
	b.WriteString(fit(what, inner) + "\n\n")

	label := func(s string, on bool) string {
		s = padRight(s, 8)
		if on {
			return st.FieldFocused.Render(s)
		}
		return st.Muted.Render(s)
	}
	var opts []string
	for i, f := range exportFormats() {
		if i == m.format {
			opts = append(opts, st.OptionOn.Render(" "+string(f)+" "))
		} else {
			opts = append(opts, st.OptionOff.Render(" "+string(f)+" "))
		}
	}
	arrow := "  "
	if m.field == 0 {
		arrow = "▸ "
	}
	b.WriteString(arrow + label("Format", m.field == 0) + strings.Join(opts, " ") + "\n")
	arrow = "  "
	if m.field == 1 {
		arrow = "▸ "
	}
	b.WriteString(arrow + label("Path", m.field == 1) + " " + fit(m.path.View(), inner-11) + "\n\n")

	switch {
	case m.confirm:
		b.WriteString(st.Warn.Render(fitLeft(model.Inert(m.target()), inner-8)+" exists.") + "\n")
		b.WriteString(st.Bold.Render("Replace it? y / n"))
	case m.busy:
		b.WriteString(st.Muted.Render("Writing…"))
	case m.err != "":
		b.WriteString(st.Error.Render(lipgloss.NewStyle().Width(inner).Render(model.Inert(m.err))))
	default:
		b.WriteString(st.Muted.Render(fit("enter write · tab switch field · ←/→ format · esc cancel", inner)))
	}
	return st.Dialog.Width(inner + st.Dialog.GetHorizontalFrameSize()).Render(b.String())
}
