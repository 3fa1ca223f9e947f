package common

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// palette holds the semantic colours every style is built from. Each is
// chosen for the terminal's background (light or dark).
type palette struct {
	accent  color.Color // focus, cursor, the app's name
	text    color.Color // ordinary text
	muted   color.Color // secondary text: counts, dates, hints
	subtle  color.Color // borders of panes without focus, empty bars
	cursorB color.Color // background of the row under the cursor
	cursorD color.Color // the same in a pane without the focus
	mark    color.Color // selection marks
	ok      color.Color // success messages
	warn    color.Color // empty results
	err     color.Color // failures
	pillars [4]color.Color
}

func newPalette(isDark bool) palette {
	ld := lipgloss.LightDark(isDark)
	c := lipgloss.Color
	return palette{
		accent:  ld(c("#5A4FCF"), c("#9D8CFF")),
		text:    ld(c("#1F1F24"), c("#E4E4EA")),
		muted:   ld(c("#6B6B78"), c("#9A9AA8")),
		subtle:  ld(c("#C4C4CE"), c("#4A4A58")),
		cursorB: ld(c("#E4E0FF"), c("#352F63")),
		cursorD: ld(c("#F1F0F5"), c("#26242E")),
		mark:    ld(c("#B8267A"), c("#FF79C6")),
		ok:      ld(c("#1D7A3A"), c("#6EDC8C")),
		warn:    ld(c("#9A5B00"), c("#F5C26B")),
		err:     ld(c("#B3261E"), c("#FF6B6B")),
		pillars: [4]color.Color{
			ld(c("#0B6E99"), c("#5FC3E4")), // I
			ld(c("#A0451F"), c("#F0975F")), // II
			ld(c("#2E7D32"), c("#8BD48E")), // III
			ld(c("#7B3FA0"), c("#D59BFF")), // IV
		},
	}
}

// Styles is every style the TUI draws with, built in one place from the
// terminal's background and colour support. Components share one by
// pointer, in their Common, and a new one in a StylesMsg when the
// background is known; none builds a style of its own, and none changes
// one once built.
type Styles struct {
	App     lipgloss.Style // the app's name in the header
	Header  lipgloss.Style // the header line
	Count   lipgloss.Style // "N of M" in the header
	Filters lipgloss.Style // active filters in the header
	Muted   lipgloss.Style // secondary text
	Bold    lipgloss.Style

	BorderFocused lipgloss.Style // border of the pane with the focus
	BorderBlurred lipgloss.Style // border of the others
	TitleFocused  lipgloss.Style // pane title with the focus
	TitleBlurred  lipgloss.Style // pane title without it

	Cursor      lipgloss.Style // the row under the cursor in a focused pane
	CursorDim   lipgloss.Style // the row under the cursor in a pane without focus
	Mark        lipgloss.Style // selection marks (●, ✓)
	Section     lipgloss.Style // a facet's title
	Date        lipgloss.Style
	Place       lipgloss.Style
	Placeholder lipgloss.Style // a row whose activity is still loading

	Heading lipgloss.Style // headings in the detail and stats
	Label   lipgloss.Style // labels in the detail
	Matched lipgloss.Style // words that assigned a pillar

	Bar      lipgloss.Style // stats bars
	BarEmpty lipgloss.Style // the rest of a stats bar's track

	Dialog       lipgloss.Style // the export dialog's box
	OptionOn     lipgloss.Style // the chosen format
	OptionOff    lipgloss.Style // the other formats
	FieldFocused lipgloss.Style // the label of the dialog field with the focus

	Info  lipgloss.Style // status line: neutral
	OK    lipgloss.Style // status line: success
	Warn  lipgloss.Style // empty results
	Error lipgloss.Style // status line: failure

	pillar [4]lipgloss.Style // pillar badges I to IV

	Help  help.Styles      // the key hint line and the help screen
	Input textinput.Styles // search, facet narrowing, export path

	// Plain says that the terminal may show no styling at all (TERM=dumb,
	// no colours, output not a terminal): what styling alone would tell
	// is also told by characters, "> " on the cursor row and "* " before
	// the focused pane's title (see CursorLine and Box).
	Plain bool
}

// NewStyles builds the styles for a dark or light background. With
// noColor (NO_COLOR, or a terminal without colours) nothing relies on
// colour: the cursor row is reversed and marks are characters.
func NewStyles(isDark, noColor bool) *Styles {
	p := newPalette(isDark)
	n := lipgloss.NewStyle
	s := Styles{Plain: noColor}
	s.App = n().Bold(true).Foreground(p.accent)
	s.Header = n().Foreground(p.text)
	s.Count = n().Bold(true).Foreground(p.text)
	s.Filters = n().Foreground(p.accent)
	s.Muted = n().Foreground(p.muted)
	s.Bold = n().Bold(true)

	s.BorderFocused = n().Foreground(p.accent)
	s.BorderBlurred = n().Foreground(p.subtle)
	s.TitleFocused = n().Bold(true).Foreground(p.accent)
	s.TitleBlurred = n().Foreground(p.muted)

	s.Cursor = n().Background(p.cursorB).Foreground(p.text).Bold(true)
	s.CursorDim = n().Background(p.cursorD).Foreground(p.text)
	if noColor {
		s.TitleFocused = n().Bold(true).Reverse(true)
		s.Cursor = n().Reverse(true)
		s.CursorDim = n().Underline(true)
	}
	s.Mark = n().Bold(true).Foreground(p.mark)
	s.Section = n().Bold(true).Foreground(p.text)
	s.Date = n().Foreground(p.muted)
	s.Place = n().Foreground(p.text)
	s.Placeholder = n().Foreground(p.subtle)

	s.Heading = n().Bold(true).Foreground(p.accent)
	s.Label = n().Bold(true).Foreground(p.muted)
	s.Matched = n().Italic(true).Foreground(p.muted)

	s.Bar = n().Foreground(p.accent)
	s.BarEmpty = n().Foreground(p.subtle)

	s.Dialog = n().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1)
	s.OptionOn = n().Bold(true).Reverse(true)
	s.OptionOff = n().Foreground(p.muted)
	s.FieldFocused = n().Bold(true).Foreground(p.accent)

	s.Info = n().Foreground(p.muted)
	s.OK = n().Foreground(p.ok)
	s.Warn = n().Foreground(p.warn)
	s.Error = n().Bold(true).Foreground(p.err)

	for i := range s.pillar {
		s.pillar[i] = n().Bold(true).Foreground(p.pillars[i])
	}

	s.Help = help.DefaultStyles(isDark)
	s.Input = textinput.DefaultStyles(isDark)
	s.Input.Focused.Prompt = n().Bold(true).Foreground(p.accent)
	s.Input.Blurred.Prompt = n().Foreground(p.muted)
	s.Input.Cursor.Blink = false
	return &s
}

// Pillar styles a pillar badge ("I" to "IV").
func (s *Styles) Pillar(p string) lipgloss.Style {
	switch p {
	case "I":
		return s.pillar[0]
	case "II":
		return s.pillar[1]
	case "III":
		return s.pillar[2]
	case "IV":
		return s.pillar[3]
	}
	return s.Muted
}
