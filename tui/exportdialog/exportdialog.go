// Package exportdialog is the export dialog: a format, a path, and a
// confirmation before replacing a file. It asks the root to write
// (WriteMsg) and shows how that went (DoneMsg).
//
// The formats are those the export registry marks for the dialog, and
// the path has the last word: a file is written in the format its
// extension names, so that report.md is Markdown whichever option is
// lit, and an extension no format claims is refused with the
// registry's error rather than written as something else.
package exportdialog

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
	"github.com/unoct/unoct/tui/common"
)

// KeyMap holds the dialog's keys.
type KeyMap struct {
	Field      key.Binding // switch between format and path
	Format     key.Binding // choose the format (on the format field)
	PrevFormat key.Binding // of Format's keys, those that go back
	Write      key.Binding // write the file
	Cancel     key.Binding // close the dialog
	Yes        key.Binding // overwrite an existing file
	No         key.Binding // keep it
}

// DefaultKeyMap returns the dialog's keys.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Field:      b(k("tab", "shift+tab", "up", "down"), h("tab", "format/path")),
		Format:     b(k("left", "right", "h", "l", "space"), h("←/→", "format")),
		PrevFormat: b(k("left", "h")),
		Write:      b(k("enter"), h("enter", "write file")),
		Cancel:     b(k("esc"), h("esc", "cancel")),
		Yes:        b(k("y"), h("y", "overwrite")),
		No:         b(k("n", "esc"), h("n", "keep file")),
	}
}

// formats are the formats the dialog offers, in the registry's order:
// those it marks for the dialog.
func formats() []export.Spec {
	var out []export.Spec
	for _, s := range export.Formats() {
		if s.Dialog {
			out = append(out, s)
		}
	}
	return out
}

// WriteMsg asks the root to write the activities to export to Path in
// Spec's format; without Force an existing file is left alone.
type WriteMsg struct {
	Path  string
	Spec  export.Spec
	Force bool
}

// DoneMsg reports a write: how many activities went to which file, or
// that the file exists and needs confirmation, or an error.
type DoneMsg struct {
	Path   string
	N      int
	Exists bool
	Err    error
}

// Model is the dialog.
type Model struct {
	common.Common
	keys       KeyMap
	formats    []export.Spec // the options, from the registry
	formatKeys []key.Binding // a format's first letter picks it

	format  int // the option chosen, in formats
	field   int // 0: format, 1: path
	path    textinput.Model
	confirm bool // the file exists: ask before replacing it
	empty   bool // nothing to export: ask before writing a file without activities
	busy    bool // writing
	err     string

	n        int  // activities to write
	selected bool // they are the selection (else all shown)

	dir string           // where the default path points
	now func() time.Time // the clock of the default name
}

// New returns the dialog, closed. The default path is a timestamped
// name (by now, or the clock when nil) in dir (the working directory
// when empty).
func New(c common.Common, dir string, now func() time.Time) *Model {
	in := textinput.New()
	in.Prompt = ""
	in.SetStyles(c.Styles.Input)
	if now == nil {
		now = time.Now
	}
	fs := formats()
	var fk []key.Binding
	for _, f := range fs {
		fk = append(fk, key.NewBinding(key.WithKeys(string(f.Format)[:1])))
	}
	return &Model{Common: c, keys: DefaultKeyMap(), formats: fs, formatKeys: fk, path: in, dir: dir, now: now}
}

// SetSize implements common.Component: w is the dialog's widest.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.path.SetWidth(max(10, w-16))
}

// Open starts the dialog for n activities, the selection or else all
// shown.
func (m *Model) Open(n int, selected bool) {
	m.n, m.selected = n, selected
	m.format, m.field = 0, 0
	m.confirm, m.empty, m.busy, m.err = false, false, false, ""
	m.path.SetValue(m.defaultPath(m.formats[0]))
	m.path.CursorEnd()
	m.path.Blur()
}

// defaultPath is ./unoct-export-YYYYMMDD-HHMMSS.<ext> in the export
// directory, with the extension a new file in format f gets.
func (m *Model) defaultPath(f export.Spec) string {
	name := "unoct-export-" + m.now().Format("20060102-150405") + f.Ext()
	if m.dir == "" || m.dir == "." {
		return "." + string(filepath.Separator) + name
	}
	return filepath.Join(m.dir, name)
}

// setFormat chooses a format, and gives the path the format's extension
// when it has one that names a format: the extension decides what is
// written, so it must follow the choice. A path without an extension,
// or with one no format claims, is left as typed.
func (m *Model) setFormat(i int) {
	i = (i + len(m.formats)) % len(m.formats)
	p := m.path.Value()
	if ext := filepath.Ext(p); ext != "" {
		if _, err := export.FromPath(p, ""); err == nil {
			m.path.SetValue(export.TrimExt(p) + m.formats[i].Ext()) // "x.report.md" too
			m.path.CursorEnd()
		}
	}
	m.format = i
}

// spec is the format the file will be written in: the one its
// extension names, or the option chosen when it has none.
func (m *Model) spec() (export.Spec, error) {
	return export.FromPath(m.target(), m.formats[m.format].Format)
}

// followPath lights the option the typed path's extension names, so
// that the options say what will be written.
func (m *Model) followPath() {
	s, err := m.spec()
	if err != nil {
		return
	}
	for i, f := range m.formats {
		if f.Format == s.Format {
			m.format = i
		}
	}
}

// target is the file to write, with ~ expanded.
func (m *Model) target() string {
	p := strings.TrimSpace(m.path.Value())
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}

// write asks the root to write, in the format the path names; a path
// whose extension names no format is refused here with the registry's
// error.
func (m *Model) write(force bool) tea.Cmd {
	s, err := m.spec()
	if err != nil {
		m.err = err.Error()
		return nil
	}
	m.busy = true
	return common.Cmd(WriteMsg{Path: m.target(), Spec: s, Force: force})
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.StylesMsg:
		m.Styles = msg.Styles
		m.path.SetStyles(msg.Styles.Input)
		return nil
	case DoneMsg:
		m.busy = false
		switch {
		case msg.Exists:
			m.confirm = true
		case msg.Err != nil:
			m.err = msg.Err.Error()
		}
		return nil
	case tea.KeyPressMsg:
		return m.updateKey(msg)
	case tea.PasteMsg:
		if !m.busy && !m.confirm && m.field == 1 {
			return m.updatePath(msg)
		}
	}
	return nil
}

func (m *Model) updateKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case m.busy:
		return nil
	case m.confirm:
		switch {
		case key.Matches(k, m.keys.Yes):
			m.confirm = false
			return m.write(true)
		case key.Matches(k, m.keys.No):
			m.confirm = false
		}
		return nil
	case m.empty:
		switch {
		case key.Matches(k, m.keys.Yes):
			m.empty = false
			return m.write(false)
		case key.Matches(k, m.keys.No):
			m.empty = false
		}
		return nil
	case key.Matches(k, m.keys.Cancel):
		return common.Cmd(common.CloseMsg{})
	case key.Matches(k, m.keys.Write):
		if m.target() == "" {
			m.err = "type a path"
			return nil
		}
		m.err = ""
		if _, err := m.spec(); err == nil && m.n == 0 {
			// A file with no activity is seldom what was meant: the
			// filters may leave nothing. Ask first.
			m.empty = true
			return nil
		}
		return m.write(false)
	case key.Matches(k, m.keys.Field):
		m.field = 1 - m.field
		if m.field == 1 {
			return m.path.Focus()
		}
		m.path.Blur()
		return nil
	case m.field == 1:
		return m.updatePath(k)
	case key.Matches(k, m.keys.PrevFormat):
		m.setFormat(m.format - 1)
	case key.Matches(k, m.keys.Format):
		m.setFormat(m.format + 1)
	default:
		for i, b := range m.formatKeys {
			if key.Matches(k, b) {
				m.setFormat(i)
			}
		}
	}
	return nil
}

// updatePath passes a key or a paste to the path.
func (m *Model) updatePath(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.path, cmd = m.path.Update(msg)
	m.err = ""
	m.followPath()
	return cmd
}

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.confirm || m.empty {
		return []key.Binding{k.Yes, k.No}
	}
	return []key.Binding{k.Write, k.Format, k.Field, k.Cancel}
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	k := m.keys
	return []common.KeyGroup{{Title: "Export (e)", Keys: []key.Binding{k.Format, k.Field, k.Write, k.Cancel}}}
}

// View implements common.Component: the dialog box, as wide as its size
// at most; the root sets it over the panes.
func (m *Model) View(bool) string {
	st := m.Styles
	inner := max(20, m.Width-st.Dialog.GetHorizontalFrameSize())
	var b strings.Builder
	b.WriteString(st.Heading.Render("Export") + "\n")
	what := strconv.Itoa(m.n) + " selected activit" + common.Plural(m.n, "y", "ies")
	if !m.selected {
		what = "all " + strconv.Itoa(m.n) + " shown activit" + common.Plural(m.n, "y", "ies") + " (none selected)"
	}
	b.WriteString(common.Fit(what, inner) + "\n\n")

	label := func(s string, on bool) string {
		s = common.PadRight(s, 8)
		if on {
			return st.FieldFocused.Render(s)
		}
		return st.Muted.Render(s)
	}
	arrow := func(on bool) string {
		if on {
			return "▸ "
		}
		return "  "
	}
	// A path may name a format the dialog does not offer (.jsonl): it
	// is what will be written, so it is shown, lit, after the options.
	lit := m.formats[m.format].Format
	if s, err := m.spec(); err == nil {
		lit = s.Format
	}
	var opts []string
	shown := false
	on := func(f export.Format) string {
		if st.Plain { // reversed video may not show: brackets do
			return st.OptionOn.Render("[" + string(f) + "]")
		}
		return st.OptionOn.Render(" " + string(f) + " ")
	}
	for _, f := range m.formats {
		if f.Format == lit {
			opts, shown = append(opts, on(f.Format)), true
		} else {
			opts = append(opts, st.OptionOff.Render(" "+string(f.Format)+" "))
		}
	}
	if !shown {
		opts = append(opts, on(lit))
	}
	b.WriteString(arrow(m.field == 0) + label("Format", m.field == 0) + strings.Join(opts, " ") + "\n")
	b.WriteString(arrow(m.field == 1) + label("Path", m.field == 1) + " " + common.Fit(m.path.View(), inner-11) + "\n\n")

	switch {
	case m.confirm:
		b.WriteString(st.Warn.Render(common.FitLeft(model.Inert(m.target()), inner-8)+" exists.") + "\n")
		b.WriteString(st.Bold.Render("Replace it? y / n"))
	case m.empty:
		b.WriteString(st.Warn.Render(common.Fit("No activity to export: the file would hold none.", inner)) + "\n")
		b.WriteString(st.Bold.Render("Write it anyway? y / n"))
	case m.busy:
		b.WriteString(st.Muted.Render("Writing…"))
	case m.err != "":
		b.WriteString(st.Error.Render(lipgloss.NewStyle().Width(inner).Render(model.Inert(m.err))))
	case m.target() != "" && specErr(m) != nil:
		// Said as the path is typed, not only on enter.
		b.WriteString(st.Warn.Render(lipgloss.NewStyle().Width(inner).Render(model.Inert(specErr(m).Error()))))
	default:
		b.WriteString(st.Muted.Render(common.Fit("enter write · tab switch field · ←/→ format · esc cancel", inner)))
	}
	return st.Dialog.Width(inner + st.Dialog.GetHorizontalFrameSize()).Render(b.String())
}

func specErr(m *Model) error {
	_, err := m.spec()
	return err
}
