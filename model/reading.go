package model

import "strings"

// Reading is an activity laid out for people to read: the one rendering
// that the TUI's detail pane, `unoct show` and the Markdown export draw,
// each in its own style, so that they show the same parts in the same
// order with the same words. Every string in it is inert (see Inert);
// surfaces that have more to escape (Markdown) escape it further.
type Reading struct {
	ID     uint32
	Byline []string // month, kind, branch: the line above the text
	Text   string   // the bullet as written
	Fields []Field  // in the order they are read
	// NotActivity: a person marked the bullet as not an activity.
	// Review, when not empty, is the bullet's text when it was corrected:
	// it has changed since (see AsRead.Review).
	NotActivity bool
	Review      string
}

// Field is one labelled part of an activity: its sessions, partners,
// countries, source.
type Field struct {
	Key   FieldKey
	Label string // "Partners"
	// List says that the lines read one under another, beneath the label
	// (sessions, partners, people, pillars); otherwise they follow the
	// label on one line.
	List bool
	// Sep joins the lines where a surface puts them on one line.
	Sep string
	// Lines are the field's entries. A field with none is one the
	// activity should have but the document did not give (no session
	// read, no country): surfaces show a placeholder such as "—".
	Lines []Line
	// Corrected says a person corrected the field; AsRead is then the
	// reader's value, for a surface to show on request.
	Corrected bool
	AsRead    []Line
}

// FieldKey names a field, for a surface that lays one out its own way
// (the TUI's table of sessions) or leaves one out.
type FieldKey string

// The fields, in the order Reading lists them.
const (
	FieldSessions     FieldKey = "sessions"
	FieldPartners     FieldKey = "partners"
	FieldPeople       FieldKey = "people"
	FieldParticipants FieldKey = "participants"
	FieldPillars      FieldKey = "pillars"
	FieldCountries    FieldKey = "countries"
	FieldRegions      FieldKey = "regions"
	FieldBranch       FieldKey = "branch"
	FieldKind         FieldKey = "kind"
	FieldSection      FieldKey = "section"
	FieldSource       FieldKey = "source"
)

// Line is one entry of a field (a session, a partner, a country) as
// spans that read as one line of plain text when put end to end.
type Line []Span

// Span is a run of a line's text with one role.
type Span struct {
	Text string
	Role Role
}

// Role says what a span is, so that each surface can set it apart its
// own way (bold, muted, coloured) while plain text writes it as it is.
type Role uint8

const (
	// Plain is running text.
	Plain Role = iota
	// Key is what a line is known by: a session's dates, a partner's
	// label, a pillar's numeral.
	Key
	// Aside is secondary and may be muted: a partner's kind, the words
	// that assigned a pillar. Its text carries its own punctuation
	// (" (UN entity)").
	Aside
)

// String is the line as plain text.
func (l Line) String() string {
	if len(l) == 1 {
		return l[0].Text
	}
	var b strings.Builder
	for _, s := range l {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Joined is the field's lines as plain text on one line, "" when it has
// none.
func (f Field) Joined() string {
	parts := make([]string, len(f.Lines))
	for i, l := range f.Lines {
		parts[i] = l.String()
	}
	return strings.Join(parts, f.Sep)
}

// listSep joins the entries of a list field on one line: their text may
// hold commas ("Vienna, AT").
const listSep = "; "

// Reading lays the activity out for reading.
func (a *Activity) Reading() Reading {
	r := Reading{
		ID:     a.ID,
		Byline: []string{Inert(a.Month), Inert(string(a.Kind)), Inert(string(a.Branch))},
		Text:   Inert(a.Text),
	}
	add := func(key FieldKey, label string, list bool, sep string, lines []Line, always bool) {
		if len(lines) > 0 || always || a.IsCorrected(string(key)) {
			r.Fields = append(r.Fields, Field{Key: key, Label: label, List: list, Sep: sep, Lines: lines})
		}
	}
	plain := func(s string) Line { return Line{{Text: Inert(s)}} }

	var lines []Line
	for _, s := range a.Sessions {
		l := Line{{Text: Inert(s.Dates()), Role: Key}}
		if w := s.Where(); w != "" {
			l = append(l, Span{Text: ", " + Inert(w)})
		}
		lines = append(lines, l)
	}
	add(FieldSessions, "Sessions", true, listSep, lines, true)

	lines = nil
	for _, e := range a.Partners {
		label, name := e.labelAndName()
		l := Line{{Text: Inert(label), Role: Key}}
		if name != "" {
			l = append(l, Span{Text: nameSep + Inert(name)})
		}
		l = append(l, Span{Text: " (" + Inert(e.Kind.Words()) + ")", Role: Aside})
		lines = append(lines, l)
	}
	add(FieldPartners, "Partners", true, listSep, lines, false)

	lines = nil
	for _, p := range a.People {
		lines = append(lines, plain(p))
	}
	add(FieldPeople, "People", true, listSep, lines, false)

	lines = nil
	for _, p := range a.Participants.Parts() {
		lines = append(lines, plain(p))
	}
	add(FieldParticipants, "Participants", false, participantSep, lines, false)

	lines = nil
	for _, p := range a.Pillars {
		l := Line{{Text: Inert(string(p.Pillar)), Role: Key}, {Text: " " + Inert(p.Pillar.Title())}}
		if why := p.Why(); why != "" {
			l = append(l, Span{Text: " — " + Inert(why), Role: Aside})
		}
		lines = append(lines, l)
	}
	add(FieldPillars, "Pillars", true, listSep, lines, false)

	lines = nil
	for _, c := range a.Countries {
		if c.Name == "" {
			lines = append(lines, plain(c.Code))
		} else {
			lines = append(lines, plain(c.Name+" ("+c.Code+")"))
		}
	}
	add(FieldCountries, "Countries", false, ", ", lines, true)

	lines = nil
	for _, g := range a.Regions {
		lines = append(lines, plain(g))
	}
	add(FieldRegions, "Regions", false, ", ", lines, true)

	one := func(s string) []Line {
		if s == "" {
			return nil
		}
		return []Line{plain(s)}
	}
	add(FieldBranch, "Branch", false, "", one(string(a.Branch)), true)
	add(FieldKind, "Kind", false, "", one(string(a.Kind)), true)
	add(FieldSection, "Section", false, "", one(a.Section), true)
	add(FieldSource, "Source", false, "", one(a.Source.String()), true)
	if len(a.Corrected) > 0 || a.NotActivity {
		markCorrected(&r, a)
	}
	return r
}

// CorrectedMark is how every surface marks what a person corrected: a
// field in the detail, `unoct show` and the Markdown export, an activity
// in lists and tables.
const CorrectedMark = "✎"

// markCorrected marks the fields a person corrected, with the reader's
// values beside them.
func markCorrected(r *Reading, a *Activity) {
	r.NotActivity = a.NotActivity
	if a.AsRead != nil {
		r.Review = Inert(a.AsRead.Review)
	}
	was := a.Uncorrected()
	wr := was.Reading()
	for i := range r.Fields {
		f := &r.Fields[i]
		if !a.IsCorrected(string(f.Key)) {
			continue
		}
		f.Corrected, f.AsRead = true, []Line{}
		for _, w := range wr.Fields {
			if w.Key == f.Key {
				f.AsRead = w.Lines
			}
		}
	}
}
