package ref

import (
	_ "embed"
	"fmt"

	"github.com/unoct/unoct/model"
)

var (
	//go:embed pillars.tsv
	pillarsTSV []byte
	//go:embed kinds.tsv
	kindsTSV []byte
	//go:embed sections.tsv
	sectionsTSV []byte
	//go:embed subjects.tsv
	subjectsTSV []byte
	//go:embed counts.tsv
	countsTSV []byte
	//go:embed notnames.tsv
	notnamesTSV []byte
	//go:embed words.tsv
	wordsTSV []byte
)

// Term is one word or phrase of a rule table. Text is as written in the
// table; a trailing * in it matches any ending of the last word.
type Term struct {
	Text string
	Line int // line in its table, for "which rule said so"
}

// PillarTerm assigns a pillar.
type PillarTerm struct {
	Pillar model.Pillar
	Term
}

// KindTerm names a kind. A Kind of "-" marks a phrase that names no kind
// although it holds a kind's word ("Permanent Mission", "Member States").
type KindTerm struct {
	Kind model.Kind
	Term
	Role KindRole
}

// KindRole says how a row of kinds.tsv decides a kind: EXTRACTION.md
// lets near synonyms decide only where the bullet names no kind, and
// keeps kind words in a clause about another event from deciding at all.
type KindRole string

const (
	KindNames      KindRole = "names"                // names the kind: "briefed", "workshop"
	KindSynonym    KindRole = "synonym"              // decides when no kind is named: "held talks"
	KindBodyVerb   KindRole = "synonym-body"         // a synonym when a body's name follows: "addressed the Security Council"
	KindOtherEvent KindRole = "other-event"          // opens a clause about another event: "since", "after"
	KindRelative   KindRole = "other-event-relative" // the same for the kind only: "which was"
)

// Section is a known section heading.
type Section struct {
	Name     string       // canonical title
	Activity bool         // an activity section (else reference)
	Branch   model.Branch // "" when actor and subject decide
	Variants []string     // folded headings that mean this section
}

// BranchRule decides a branch from a bullet's lead actor or its subject.
type BranchRule struct {
	Branch model.Branch
	Actor  bool // test the lead actor, else the subject
	Term
}

// CountNoun is a noun a number in a bullet can count.
type CountNoun struct {
	Class string // people, member_states or organizations
	Term
}

// Rules are the reader's editable rule tables.
type Rules struct {
	Pillars   []PillarTerm
	Kinds     []KindTerm
	Sections  []Section
	Branches  []BranchRule
	Counts    []CountNoun
	NotNames  []string
	Titles    []string // words that introduce a named official
	OrgHeads  []string // words that make a capitalised name an organization
	Particles []string // lower-case parts of personal names
	Joiners   []string // small words inside names and titles
	Events    []string // words that end the name of an event not the office's: "Games", "Cup"
	Jobs      []string // words that continue a title, never a name: "General" in "Director General"
	Cues
}

// LoadRules parses the embedded rule tables.
func LoadRules() (*Rules, error) {
	r := &Rules{}
	err := eachRow("pillars.tsv", pillarsTSV, 2, func(n int, c []string) error {
		p := model.Pillar(c[0])
		switch p {
		case model.PillarI, model.PillarII, model.PillarIII, model.PillarIV:
		default:
			return fmt.Errorf("pillar %q is not I, II, III or IV", c[0])
		}
		r.Pillars = append(r.Pillars, PillarTerm{p, Term{c[1], n}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	kinds := map[model.Kind]bool{}
	for _, k := range []model.Kind{model.KindBriefing, model.KindConference, model.KindLaunch, model.KindTraining, model.KindWorkshop, model.KindMeeting, model.KindVisit, model.KindMission, model.KindMembership, model.KindOther} {
		kinds[k] = true
	}
	err = eachRow("kinds.tsv", kindsTSV, 3, func(n int, c []string) error {
		role := KindRole(c[2])
		switch role {
		case "":
			role = KindNames
		case KindNames, KindSynonym, KindBodyVerb, KindOtherEvent, KindRelative:
		default:
			return fmt.Errorf("role %q is not names, synonym, synonym-body, other-event or other-event-relative", c[2])
		}
		if c[0] != "-" && !kinds[model.Kind(c[0])] {
			return fmt.Errorf("unknown kind %q", c[0])
		}
		if (role == KindOtherEvent || role == KindRelative) && c[0] != "-" {
			return fmt.Errorf("an other-event row names no kind: write - as its kind")
		}
		r.Kinds = append(r.Kinds, KindTerm{model.Kind(c[0]), Term{c[1], n}, role})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("sections.tsv", sectionsTSV, 4, func(n int, c []string) error {
		s := Section{Name: c[0], Activity: c[1] == "activity"}
		if c[1] != "activity" && c[1] != "reference" {
			return fmt.Errorf("kind %q is not activity or reference", c[1])
		}
		if c[2] != "-" {
			s.Branch = model.Branch(c[2])
		}
		for _, v := range splitList(c[3]) {
			s.Variants = append(s.Variants, model.Fold(v))
		}
		r.Sections = append(r.Sections, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("subjects.tsv", subjectsTSV, 3, func(n int, c []string) error {
		if c[1] != "actor" && c[1] != "subject" {
			return fmt.Errorf("test %q is not actor or subject", c[1])
		}
		r.Branches = append(r.Branches, BranchRule{model.Branch(c[0]), c[1] == "actor", Term{c[2], n}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("counts.tsv", countsTSV, 2, func(n int, c []string) error {
		switch c[0] {
		case "people", "member_states", "organizations":
		default:
			return fmt.Errorf("class %q is not people, member_states or organizations", c[0])
		}
		r.Counts = append(r.Counts, CountNoun{c[0], Term{c[1], n}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("notnames.tsv", notnamesTSV, 1, func(n int, c []string) error {
		r.NotNames = append(r.NotNames, c[0])
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("words.tsv", wordsTSV, 2, func(n int, c []string) error {
		switch c[0] {
		case "title":
			r.Titles = append(r.Titles, c[1])
		case "orghead":
			r.OrgHeads = append(r.OrgHeads, c[1])
		case "particle":
			r.Particles = append(r.Particles, c[1])
		case "joiner":
			r.Joiners = append(r.Joiners, c[1])
		case "event":
			r.Events = append(r.Events, c[1])
		case "job":
			r.Jobs = append(r.Jobs, c[1])
		default:
			return fmt.Errorf("role %q is not title, orghead, particle, joiner, event or job", c[0])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := loadCues(&r.Cues); err != nil {
		return nil, err
	}
	return r, nil
}

// Section finds the known section a heading names.
func (r *Rules) Section(heading string) (Section, bool) {
	f := model.Fold(heading)
	for _, s := range r.Sections {
		for _, v := range s.Variants {
			if v == f {
				return s, true
			}
		}
	}
	return Section{}, false
}

// Load parses every embedded table: what a reader, or a tool that writes
// documents a reader must read back, starts from.
func Load() (*Geo, *Entities, *Rules, error) {
	geo, err := LoadGeo()
	if err != nil {
		return nil, nil, nil, err
	}
	ents, err := LoadEntities()
	if err != nil {
		return nil, nil, nil, err
	}
	rules, err := LoadRules()
	if err != nil {
		return nil, nil, nil, err
	}
	return geo, ents, rules, nil
}
