// Package model holds unoct's domain types: activities read from the UN
// Office of Counter-Terrorism's monthly highlights documents, the reference
// entities they name, and the query that filters them.
//
// It imports nothing of unoct's own and does no I/O, so that the reader
// (package data/reader), the store and the TUI can all share it without
// depending on one another.
package model

import "encoding/json"

// Pillar is one of the four pillars of the UN Global Counter-Terrorism
// Strategy, written as its Roman numeral.
type Pillar string

// The four pillars, in the Strategy's order.
const (
	PillarI   Pillar = "I"
	PillarII  Pillar = "II"
	PillarIII Pillar = "III"
	PillarIV  Pillar = "IV"
)

// Pillars lists the pillars in order.
var Pillars = []Pillar{PillarI, PillarII, PillarIII, PillarIV}

// Title is the pillar's short name as the Strategy gives it.
func (p Pillar) Title() string {
	switch p {
	case PillarI:
		return "Conditions conducive to terrorism"
	case PillarII:
		return "Preventing and combating terrorism"
	case PillarIII:
		return "Building States' capacity and the UN's role"
	case PillarIV:
		return "Human rights and the rule of law"
	}
	return string(p)
}

// Branch names the part of the office that ran an activity. The values are
// the branch acronyms the office uses, with the Office of the
// Under-Secretary-General spelled out because it has no common acronym.
type Branch string

// The office's branches.
const (
	BranchOUSG  Branch = "Office of the Under-Secretary-General"
	BranchUNCCT Branch = "UNCCT"
	BranchSPIB  Branch = "SPIB"
	BranchPKMCB Branch = "PKMCB"
	BranchUNOCT Branch = "UNOCT"
)

// Kind says what sort of activity a bullet reports.
type Kind string

// The kinds, in the order a bullet's words are tested against them.
const (
	KindBriefing   Kind = "briefing"
	KindConference Kind = "conference"
	KindLaunch     Kind = "launch"
	KindTraining   Kind = "training"
	KindWorkshop   Kind = "workshop"
	KindMeeting    Kind = "meeting"
	KindVisit      Kind = "visit"
	KindMission    Kind = "mission"
	KindMembership Kind = "membership"
	KindOther      Kind = "other"
)

// EntityKind classifies a partner.
type EntityKind string

// Entity kinds, as the reference table spells them.
const (
	EntityUN            EntityKind = "un-entity"
	EntityUNBody        EntityKind = "un-body"
	EntityRegional      EntityKind = "regional-org"
	EntityInternational EntityKind = "international-org"
	EntityCivilSociety  EntityKind = "civil-society"
	EntityMemberState   EntityKind = "member-state"
	EntityStateBody     EntityKind = "member-state-body"
	EntityOther         EntityKind = "other"
	EntityUnknown       EntityKind = "unknown"
)

// Entity is a canonical organization, body or Member State.
type Entity struct {
	ID      string     `json:"-"`
	Acronym string     `json:"acronym"`
	Short   string     `json:"short,omitempty"` // a short name for bodies with no acronym and a long name
	Name    string     `json:"name"`
	Kind    EntityKind `json:"kind"`
	Aliases []string   `json:"-"`
}

// Label is how an entity is named in short: its acronym where it has
// one, else its short name, else its name.
func (e Entity) Label() string {
	switch {
	case e.Acronym != "":
		return e.Acronym
	case e.Short != "":
		return e.Short
	}
	return e.Name
}

// Country is an ISO 3166-1 entry with its UN M49 grouping.
type Country struct {
	Code         string   `json:"code"` // ISO 3166-1 alpha-2
	Alpha3       string   `json:"-"`
	M49          string   `json:"-"`
	Name         string   `json:"name"`
	Official     string   `json:"-"`
	Region       string   `json:"-"` // M49 region (Africa, Americas, ...)
	SubRegion    string   `json:"-"` // M49 sub-region (Sub-Saharan Africa, Western Europe, ...)
	Intermediate string   `json:"-"` // M49 intermediate region, where M49 has one
	Adjectives   []string `json:"-"`
	Aliases      []string `json:"-"`
}

// M49Group is the most specific M49 grouping of the country: the
// intermediate region where M49 has one, else the sub-region.
func (c Country) M49Group() string {
	if c.Intermediate != "" {
		return c.Intermediate
	}
	if c.SubRegion != "" {
		return c.SubRegion
	}
	return c.Region
}

// CountryRef is how an activity names a country.
type CountryRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// City is a gazetteer entry.
type City struct {
	Name       string
	Country    string // alpha-2
	Population int
}

// PolicyRegion is a region named in policy texts (the Sahel, Central Asia)
// rather than by M49, with the countries it covers.
type PolicyRegion struct {
	Name      string
	Aliases   []string
	Countries []string // alpha-2
}

// Area is a grouping an activity is inside: every UN M49 level of the
// countries it takes place in (region "Africa", sub-region "Sub-Saharan
// Africa", intermediate region "Western Africa"), every policy region
// whose members include one of them ("West Africa": the ECOWAS
// members), and the policy regions its text names with the M49 levels
// they stand for. Kind says which: see the Area constants.
type Area struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// What an Area is; a name that is both an M49 grouping and a policy
// region (Central Asia) has both kinds, joined by ", ".
const (
	AreaM49Region       = "M49 region"
	AreaM49SubRegion    = "M49 sub-region"
	AreaM49Intermediate = "M49 intermediate region"
	AreaPolicy          = "policy region"
)

// RegionGlobal is the region of activities not tied to any country but the
// headquarters venue.
const RegionGlobal = "Global"

// Session is one meeting of an activity: a date range and a place.
type Session struct {
	Start   string `json:"start"` // YYYY-MM-DD
	End     string `json:"end"`   // YYYY-MM-DD, equal to Start for one day
	Place   string `json:"place"` // as written
	City    string `json:"city"`
	Country string `json:"country"` // alpha-2, empty when virtual only
	// Region is the country's most specific M49 grouping (Country.M49Group),
	// set by the reader so that screens need no gazetteer.
	Region  string `json:"region,omitempty"`
	Virtual bool   `json:"virtual"`
}

// Participants holds the counts a bullet gives. A nil count means the text
// gives none.
type Participants struct {
	People      *int `json:"people"`
	Approximate bool `json:"approximate"` // "over", "some", "more than": not an exact count
	// Estimate says that an approximate count is an estimate that may be
	// over or under ("some 30", "about 40"), not a lower bound ("over
	// 300"): it reads "about 30", and a total it is part of is no "≥".
	Estimate      bool `json:"estimate,omitempty"`
	MemberStates  *int `json:"member_states"`
	Organizations *int `json:"organizations"`
}

// PillarMatch is a pillar assigned to an activity and the words that
// assigned it.
type PillarMatch struct {
	Pillar  Pillar   `json:"pillar"`
	Matched []string `json:"matched"`
}

// Source points back at the bullet an activity was read from.
type Source struct {
	Document string `json:"document"`
	// Page is the page of a PDF the bullet stands on, 0 for formats
	// without pages; Line is then the line of the text rebuilt from the
	// PDF, which the store keeps.
	Page int `json:"page,omitempty"`
	Line int `json:"line"`
}

// sourceJSON is Source as JSON. A PDF has no lines of its own: the line
// of the text unoct rebuilt from it is "text_line", beside the page, so
// that nothing takes it for a line of the document as published (a line
// of the same document's text or Markdown, which an answer key counts).
type sourceJSON struct {
	Document string `json:"document"`
	Page     int    `json:"page,omitempty"`
	Line     *int   `json:"line,omitempty"`
	TextLine *int   `json:"text_line,omitempty"`
}

// MarshalJSON writes "line" for a document with lines, and "page" and
// "text_line" for a PDF.
func (s Source) MarshalJSON() ([]byte, error) {
	j := sourceJSON{Document: s.Document, Page: s.Page}
	line := s.Line
	if s.Page > 0 {
		j.TextLine = &line
	} else {
		j.Line = &line
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Source) UnmarshalJSON(b []byte) error {
	var j sourceJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Source{Document: j.Document, Page: j.Page}
	switch {
	case j.Line != nil:
		s.Line = *j.Line
	case j.TextLine != nil:
		s.Line = *j.TextLine
	}
	return nil
}

// Activity is one bullet of an activity section of a highlights document.
type Activity struct {
	ID           uint32       `json:"id"`
	Month        string       `json:"month"` // YYYY-MM, the document's reporting month
	Section      string       `json:"section"`
	Branch       Branch       `json:"branch"`
	Kind         Kind         `json:"kind"`
	Text         string       `json:"text"`
	Sessions     []Session    `json:"sessions"`
	Partners     []Entity     `json:"partners"`
	People       []string     `json:"people"`
	Participants Participants `json:"participants"`
	Countries    []CountryRef `json:"countries"`
	Regions      []string     `json:"regions"`
	// Areas are every grouping the activity is inside, for filtering
	// by region at any level (see Area); Regions keeps the most specific
	// ones for reading.
	Areas   []Area        `json:"areas,omitempty"`
	Pillars []PillarMatch `json:"pillars"`
	Source  Source        `json:"source"`
	// Unknown lists names the reader took for partners but could not find
	// in the reference tables; import reports them.
	Unknown []string `json:"unknown,omitempty"`

	// Corrected lists the fields a person corrected (see Correction), by
	// their JSON names; AsRead keeps the reader's values of them, and
	// NotActivity says a person marked the bullet as not an activity.
	Corrected   []string `json:"corrected,omitempty"`
	AsRead      *AsRead  `json:"as_read,omitempty"`
	NotActivity bool     `json:"not_activity,omitempty"`
	// Change is what the latest version or reading of the activity's
	// document did to it, against the one before: ChangeNew (added) or
	// ChangeChanged (some field changed); "" for the rest, and for every
	// activity of a document's first version.
	Change string `json:"change,omitempty"`
	// Series names the series the activity is in (see FindSeries), ""
	// for none. Series link activities of several documents, so the
	// store sets it, for every activity at once, whenever documents
	// change; the reader never does.
	Series string `json:"series,omitempty"`
}

// The values of Activity.Change.
const (
	ChangeNew     = "new"
	ChangeChanged = "changed"
)

// Start is the first session's start date, or "" when there is none.
func (a *Activity) Start() string {
	if len(a.Sessions) == 0 {
		return ""
	}
	return a.Sessions[0].Start
}

// Facts are the figures of a document's reference sections: KPI boxes,
// the Compact's size, contributions and donors. Numbers absent from the
// document stay nil.
type Facts struct {
	IndividualsTrained *int     `json:"individuals_trained,omitempty"`
	WorkshopsOrganized *int     `json:"workshops_organized,omitempty"`
	KPISince           string   `json:"kpi_since,omitempty"` // "January 2020"
	CompactEntities    *int     `json:"compact_entities,omitempty"`
	CompactMembers     *int     `json:"compact_members,omitempty"`
	CompactObservers   *int     `json:"compact_observers,omitempty"`
	ContributionsUSD   *float64 `json:"contributions_usd,omitempty"`
	Donors             *int     `json:"donors,omitempty"`
	TopDonors          []string `json:"top_donors,omitempty"`
	// Other keeps every other bold KPI figure by its label.
	Other map[string]float64 `json:"other,omitempty"`
}

// Document is one imported highlights document.
type Document struct {
	Name  string `json:"name"`  // file name, e.g. highlights-2020-02.md
	Month string `json:"month"` // YYYY-MM
	Hash  string `json:"hash"`  // hex SHA-256 of Raw
	Facts Facts  `json:"facts"`
	Raw   []byte `json:"-"`
	// Activities is how many activities the document yielded.
	Activities int `json:"activities"`
}
