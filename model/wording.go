package model

import (
	"slices"
	"strconv"
	"strings"
)

// This file holds the words screens and files use for the domain types:
// a session's place and dates, participant counts, an entity's label and
// kind. They live beside the types so that the TUI, `unoct show` and the
// exports say the same thing the same way, and a change of wording is
// made once. The strings are as the reader stored them; callers that put
// them on a terminal or in a file make them inert (see Inert), as
// Activity.Reading does.

// Where is how a session's place reads in short: "Vienna, AT",
// "virtual", "Vienna, AT + online", or the place as written when the
// reader placed it nowhere.
func (s Session) Where() string {
	var where string
	switch {
	case s.City != "" && s.Country != "":
		where = s.City + ", " + s.Country
	case s.City != "":
		where = s.City
	case s.Country != "":
		where = s.Country
	}
	switch {
	case where == "" && s.Virtual:
		return "virtual"
	case s.Virtual:
		return where + " + online"
	case where == "":
		return s.Place
	}
	return where
}

// Dates is the session's date range written in full, for text that is
// read rather than scanned: "2020-02-10" or "2020-02-10 – 2020-02-14".
func (s Session) Dates() string {
	if s.End == "" || s.End == s.Start {
		return s.Start
	}
	return s.Start + " – " + s.End
}

// ShortDates is the date range as a column shows it, without repeating
// what the end shares with the start: "2020-02-10", "2020-02-10–14",
// "2020-02-24–03-02" or "2020-12-28–2021-01-02".
func (s Session) ShortDates() string {
	start, end := s.Start, s.End
	switch {
	case end == "" || end == start:
		return start
	case len(start) == 10 && len(end) == 10 && start[:7] == end[:7]:
		return start + "–" + end[8:]
	case len(start) == 10 && len(end) == 10 && start[:4] == end[:4]:
		return start + "–" + end[5:]
	}
	return start + "–" + end
}

// Any reports whether the text gave any count at all.
func (p Participants) Any() bool {
	return p.People != nil || p.MemberStates != nil || p.Organizations != nil
}

// Parts are the counts in words, each on its own: "over 300 people",
// "15 Member States", "38 organizations". "over" marks a count the text
// gives as a lower bound ("more than", "at least"), "about" one it gives
// as an estimate ("some", "nearly").
func (p Participants) Parts() []string {
	var parts []string
	if p.People != nil {
		s := strconv.Itoa(*p.People) + " people"
		switch {
		case p.Estimate:
			s = "about " + s
		case p.Approximate:
			s = "over " + s
		}
		parts = append(parts, s)
	}
	if p.MemberStates != nil {
		parts = append(parts, strconv.Itoa(*p.MemberStates)+" Member States")
	}
	if p.Organizations != nil {
		parts = append(parts, strconv.Itoa(*p.Organizations)+" organizations")
	}
	return parts
}

// Summary is the counts on one line: "over 300 people · 15 Member States
// · 38 organizations"; "" when the text gives none.
func (p Participants) Summary() string { return strings.Join(p.Parts(), participantSep) }

// participantSep joins participant counts on one line.
const participantSep = " · "

// nameSep sets an entity's full name after its short label.
const nameSep = " — "

// FullLabel is how an entity is named where there is room: its label
// and then its name when that says more, "UNODC — United Nations Office
// on Drugs and Crime", or the label alone ("Mali").
func (e Entity) FullLabel() string {
	label, name := e.labelAndName()
	if name == "" {
		return label
	}
	return label + nameSep + name
}

// labelAndName splits FullLabel in two, so that a screen can set the
// label apart; name is "" when it would repeat the label.
func (e Entity) labelAndName() (label, name string) {
	label = e.Label()
	if e.Name != "" && e.Name != label {
		name = e.Name
	}
	return label, name
}

// Words is the kind as a reader says it: "UN entity", "regional
// organization", "Member State"; "other" for a kind not known.
func (k EntityKind) Words() string {
	switch k {
	case EntityUN:
		return "UN entity"
	case EntityUNBody:
		return "UN body"
	case EntityRegional:
		return "regional organization"
	case EntityInternational:
		return "international organization"
	case EntityCivilSociety:
		return "civil society"
	case EntityMemberState:
		return "Member State"
	case EntityStateBody:
		return "national body"
	case EntityOther, EntityUnknown, "":
		return "other"
	}
	return string(k)
}

// Why says what assigned the pillar: `assigned by “law enforcement”,
// “training”`, or for Pillar III without a term, that it is the
// default. It is "" when there is nothing to say.
func (p PillarMatch) Why() string {
	switch {
	case len(p.Matched) > 0:
		return "assigned by “" + strings.Join(p.Matched, "”, “") + "”"
	case p.Pillar == PillarIII:
		return "no term matched; counted under III by default"
	}
	return ""
}

// String points at the bullet: "2020-02.md, line 41", or for a PDF
// "2020-02.pdf, page 2, line 14" (the line of the rebuilt text).
func (s Source) String() string {
	if s.Page > 0 {
		return s.Document + ", page " + strconv.Itoa(s.Page) + ", line " + strconv.Itoa(s.Line)
	}
	return s.Document + ", line " + strconv.Itoa(s.Line)
}

// Headline is the first sentence of the activity's text, cut to at most
// n runes, inert: what a list row or a report's heading shows. It does
// not end at the full stop of "Mr." or "e.g.".
func (a *Activity) Headline(n int) string {
	t := Inert(firstSentence(a.Text))
	r := []rune(t)
	if len(r) > n {
		return strings.TrimSpace(string(r[:max(1, n-1)])) + "…"
	}
	return t
}

// abbreviations end in a full stop without ending a sentence.
var abbreviations = []string{"Mr", "Ms", "Mrs", "Dr", "Prof", "Amb", "H.E", "St", "No", "Gen", "Col", "Lt", "Jr", "Sr", "e.g", "i.e", "U.S", "U.N", "Ph.D"}

// firstSentence is text up to its first full stop that ends a sentence:
// "Mr. Edmund Fitton-Brown" does not end one.
func firstSentence(text string) string {
	from := 0
	for {
		i := strings.Index(text[from:], ". ")
		if i < 0 {
			return text
		}
		end := from + i
		word := text[strings.LastIndexAny(text[:end], " (")+1 : end]
		if !slices.Contains(abbreviations, word) {
			return text[:end]
		}
		from = end + 2
	}
}
