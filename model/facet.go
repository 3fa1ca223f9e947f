package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Facet is a dimension activities can be filtered and counted by. Its
// string value is the facet's name: the CLI's flag, the store's bucket.
type Facet string

// The facets. Each is declared once, in facetDefs below.
const (
	FacetPillar  Facet = "pillar"
	FacetBranch  Facet = "branch"
	FacetRegion  Facet = "region"
	FacetCountry Facet = "country"
	FacetMonth   Facet = "month"
	FacetPartner Facet = "partner"
	FacetKind    Facet = "kind"
	FacetSection Facet = "section"
	FacetDoc     Facet = "document"
	// FacetHeadcount is hidden (see FacetDef.Hidden): the headcount each
	// activity gives, which the store sums into Totals.
	FacetHeadcount Facet = "headcount"
	// FacetDay is hidden too: every day an activity's sessions cover,
	// filtered by a range (--since, --until; see FacetDef.Range).
	FacetDay Facet = "day"
	// FacetChange is what the latest version or reading of its document
	// did to an activity (Activity.Change): new, changed.
	FacetChange Facet = "change"
	// FacetSeries is the series an activity continues (Activity.Series).
	FacetSeries Facet = "series"
	// FacetSeriesLinks is hidden: the terms that link an activity into
	// a series (SeriesLinks), which the store follows to re-link only
	// the series a change can reach.
	FacetSeriesLinks Facet = "series_links"
)

// FacetOrder says how a facet's values are listed.
type FacetOrder int

const (
	// ByCount lists the values with the most activities first, then by
	// label: what a reader scans for partners or countries.
	ByCount FacetOrder = iota
	// Natural lists the values in the facet's own order (FacetDef.Rank):
	// pillars I to IV.
	Natural
	// Chronological lists the values in the order of their text: months.
	Chronological
)

// FacetValue is one value of a facet with the number of activities that
// have it under the other active filters. Value is what is stored and
// filtered on ("ML", "UNODC"); Name is the value's full name where it has
// one ("Mali", "United Nations Office on Drugs and Crime"), kept apart so
// that every screen composes its own label through FacetDef.Label.
type FacetValue struct {
	Value string
	Name  string
	Count int
}

// FacetDef declares one facet: everything the store, the CLI, the TUI
// and the exports need to know about it. Adding a facet is adding one
// declaration here (and, when its values are new, the reader's
// extraction).
type FacetDef struct {
	Facet Facet
	Title string // how screens name it: "Pillar"
	Help  string // one line for the CLI's flag help

	// Version changes whenever Terms would index a stored activity
	// differently, so that stores re-index themselves (see Fingerprint).
	Version int

	// Terms calls yield with each value of a under this facet and the
	// value's full name ("" when the value is its own name). It must
	// depend only on fields an activity keeps through its JSON encoding.
	Terms func(a *Activity, yield func(value, name string))

	Order FacetOrder
	// Rank places a value in Natural order; values it does not know
	// sort last.
	Rank func(value string) int

	// Parse reads typed forms that name values whether or not the store
	// has them yet ("4" and "pillar iv" for IV, "2020-01..2020-03" for
	// three months). It returns false for input it does not read, which
	// the store then matches against its values and their names.
	Parse func(input string) ([]string, bool)
	// Forms, when set, says in what forms Parse reads values ("I, II,
	// III or IV (or 1 to 4)") and makes them the only ones: typed input
	// Parse does not read is refused with them (see FormError) rather
	// than matched against the store's values.
	Forms string
	// Split says that values never hold a comma, so "I,II" is two values.
	Split bool

	// Hidden marks a facet the store keeps for its own figures (the
	// headcounts it sums into Totals) rather than for filtering: it has
	// no flag, no pane, no chart, is not in Facets and ParseFacet does
	// not accept it; the store indexes it as every other facet.
	Hidden bool
	// Range says that a filter value "FROM..TO" (either end empty for no
	// bound) selects every stored value from FROM to TO, both included,
	// in byte order: days "YYYY-MM-DD".
	Range bool

	// Pane says whether the TUI's facet pane shows the facet; HideEmpty
	// leaves it out of the pane while no activity has a value of it.
	Pane, HideEmpty bool
	// Chart is how many values the stats view charts; 0 leaves the facet
	// out of it.
	Chart int

	// label and short compose a value's label; nil uses the name, or the
	// value when it has none.
	label, short func(v FacetValue) string
	// hint, when set and not "", describes a value where it is offered
	// to be typed (shell completion) instead of its label.
	hint func(v FacetValue) string
}

// Label is how a value reads in lists: "I Conditions conducive to
// terrorism", "Mali", "UNODC — United Nations Office on Drugs and
// Crime". The text is inert (see Inert).
func (d FacetDef) Label(v FacetValue) string {
	if d.label != nil {
		return Inert(d.label(v))
	}
	return Inert(nameOr(v))
}

// Short is a value's label where room is scarce (the bars of a chart):
// "UNODC" rather than its full name.
func (d FacetDef) Short(v FacetValue) string {
	if d.short != nil {
		return Inert(d.short(v))
	}
	return d.Label(v)
}

// Hint is how a value is described where it is offered to be typed
// (shell completion): its label, with what else it can be typed as
// ("Western Africa (M49 intermediate region 011)"). The text is inert.
func (d FacetDef) Hint(v FacetValue) string {
	if d.hint != nil {
		if h := d.hint(v); h != "" {
			return Inert(h)
		}
	}
	return d.Label(v)
}

// ParseInput splits input into the values it lists (on commas for a
// Split facet) and reads each through Parse where it can. Values Parse
// does not read come back as typed, with resolved false, for the store
// to match.
func (d FacetDef) ParseInput(input string) (values []string, resolved []bool) {
	parts := []string{strings.TrimSpace(input)}
	if d.Split {
		parts = parts[:0]
		for _, p := range strings.Split(input, ",") {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
	}
	for _, p := range parts {
		if d.Parse != nil {
			if vs, ok := d.Parse(p); ok {
				for _, v := range vs {
					values, resolved = append(values, v), append(resolved, true)
				}
				continue
			}
		}
		values, resolved = append(values, p), append(resolved, false)
	}
	return values, resolved
}

// FormError is the error for typed input that Parse does not read, in
// a facet whose values take only its Forms: `month "2020-13" is not
// YYYY-MM or YYYY-MM..YYYY-MM (...)`. It returns nil for a facet
// without Forms, whose input is matched against the store's values.
func (d FacetDef) FormError(input string) error {
	if d.Forms == "" {
		return nil
	}
	return fmt.Errorf("%s %q is not %s", d.Facet, input, d.Forms)
}

func nameOr(v FacetValue) string {
	if v.Name != "" {
		return v.Name
	}
	return v.Value
}

// facetDefs declares every facet in the order screens show them.
var facetDefs = [...]FacetDef{
	{
		Facet: FacetPillar, Title: "Pillar", Version: 1,
		Help: "pillar of the Strategy: I, II, III, IV (or 1-4)",
		Terms: func(a *Activity, y func(string, string)) {
			for _, p := range a.Pillars {
				y(string(p.Pillar), "")
			}
		},
		Order: Natural, Rank: pillarRank, Parse: parsePillar, Split: true,
		Forms: "I, II, III or IV (or 1 to 4)",
		Pane:  true, Chart: 4,
		label: func(v FacetValue) string { return v.Value + " " + Pillar(v.Value).Title() },
	},
	{
		Facet: FacetBranch, Title: "Branch", Version: 1,
		Help:  "branch: UNCCT, SPIB, PKMCB, UNOCT, or USG (the Office of the Under-Secretary-General)",
		Terms: func(a *Activity, y func(string, string)) { y(string(a.Branch), "") },
		Parse: parseBranch,
		Pane:  true,
	},
	{
		// Every grouping an activity is inside (Areas), so that "Africa"
		// selects the activities in Mali; an activity stored before areas
		// were read has its Regions only.
		Facet: FacetRegion, Title: "Region", Version: 2,
		Help: `region at any level: an M49 region, sub-region or intermediate region by name or M49 code ("Africa" or 002, ` +
			`"Sub-Saharan Africa" or 202, "Western Africa" or 011), a policy region by membership or mention ("Sahel", "West Africa") or Global`,
		Parse: parseRegion,
		Terms: func(a *Activity, y func(string, string)) {
			for _, r := range a.Regions {
				y(r, "")
			}
			for _, r := range a.Areas {
				y(r.Name, r.Kind)
			}
		},
		Pane: true, Chart: 12,
		// "West Africa (policy region)" beside "Western Africa (M49
		// intermediate region)": the difference shows.
		label: func(v FacetValue) string {
			if v.Name == "" || v.Name == v.Value {
				return v.Value
			}
			return v.Value + " (" + v.Name + ")"
		},
		short: func(v FacetValue) string { return v.Value },
		// Completion names the code a grouping can be typed as.
		hint: func(v FacetValue) string {
			if g, ok := M49ByName(v.Value); ok && strings.Contains(v.Name, g.Level) {
				return v.Value + " (" + strings.Replace(v.Name, g.Level, g.Level+" "+g.Code, 1) + ")"
			}
			return ""
		},
	},
	{
		Facet: FacetCountry, Title: "Country", Version: 1,
		Help: "country: ISO code (ML) or name (Mali)",
		Terms: func(a *Activity, y func(string, string)) {
			for _, c := range a.Countries {
				y(c.Code, c.Name)
			}
		},
		Split: true, Pane: true, Chart: 15,
	},
	{
		// The months the sessions overlap, not the document's month:
		// see ActivityMonths.
		Facet: FacetMonth, Title: "Month", Version: 2,
		Help: "month the sessions overlap (the document's month when undated): YYYY-MM, " +
			"a year YYYY, a quarter YYYY-Q1, or a range FROM..TO of those",
		Terms: func(a *Activity, y func(string, string)) {
			for _, m := range ActivityMonths(a) {
				y(m, "")
			}
		},
		Order: Chronological, Parse: parseMonthInput, Split: true,
		Forms: "YYYY-MM, a year YYYY, a quarter YYYY-Q1 to YYYY-Q4, or a range FROM..TO of those (its start not after its end)",
		Pane:  true, Chart: 24,
	},
	{
		Facet: FacetPartner, Title: "Partner", Version: 1,
		Help: "partner: acronym or name (UNODC, Council of Europe)",
		Terms: func(a *Activity, y func(string, string)) {
			for _, e := range a.Partners {
				y(e.Label(), e.Name)
			}
		},
		Pane: true, Chart: 15,
		// A partner's value is its entity's Label and its name the
		// entity's Name, so the entity they make up again, the value in
		// the acronym's place, reads as the entity reads everywhere else.
		label: func(v FacetValue) string { return Entity{Acronym: v.Value, Name: v.Name}.FullLabel() },
		short: func(v FacetValue) string { return v.Value },
	},
	{
		Facet: FacetKind, Title: "Kind", Version: 1,
		Help:  "kind: briefing, conference, launch, training, workshop, meeting, visit, mission, membership, other",
		Terms: func(a *Activity, y func(string, string)) { y(string(a.Kind), "") },
		Parse: parseKind,
		Split: true, Pane: true,
	},
	{
		Facet: FacetSection, Title: "Section", Version: 1,
		Help:  "section of the document (Capacity-Building)",
		Terms: func(a *Activity, y func(string, string)) { y(a.Section, "") },
	},
	{
		Facet: FacetDoc, Title: "Document", Version: 1,
		Help:  "source document (2020-02.md)",
		Terms: func(a *Activity, y func(string, string)) { y(a.Source.Document, "") },
	},
	{
		// What a new version of a document, or a new reader, added or
		// changed: the activities to look at again.
		Facet: FacetChange, Title: "Change", Version: 1,
		Help:  "what the latest version or reading of its document did: new, changed",
		Terms: func(a *Activity, y func(string, string)) { y(a.Change, "") },
		Parse: func(in string) ([]string, bool) {
			switch f := Fold(in); f {
			case ChangeNew, ChangeChanged:
				return []string{f}, true
			}
			return nil, false
		},
		Forms: "new or changed",
		Split: true, Pane: true, HideEmpty: true,
	},
	{
		// A series depends on other documents' activities, which Terms
		// cannot see: the store links them whenever documents change and
		// keeps each activity's series in its record (Activity.Series),
		// so that the facet is indexed, counted and re-indexed like any
		// other. Version is the rule's: a new SeriesRule bumps it, which
		// makes every store re-index, and re-link, on its next write.
		Facet: FacetSeries, Title: "Series", Version: 1,
		Help:  "series an activity continues (unoct series lists them)",
		Terms: func(a *Activity, y func(string, string)) { y(a.Series, "") },
		Pane:  true, HideEmpty: true,
	},
	{
		Facet: FacetSeriesLinks, Title: "Series links", Version: 1, Hidden: true,
		Help: "what links an activity into a series (the store's own)",
		Terms: func(a *Activity, y func(string, string)) {
			for _, t := range SeriesLinks(a) {
				y(t, "")
			}
		},
	},
	{
		Facet: FacetHeadcount, Title: "Headcount", Version: 1, Hidden: true,
		Help:  "participants the text gives (the store sums them)",
		Terms: func(a *Activity, y func(string, string)) { y(HeadcountValue(a.Participants), "") },
	},
	{
		Facet: FacetDay, Title: "Day", Version: 1, Hidden: true, Range: true,
		Help: "days the sessions cover (--since, --until)",
		Terms: func(a *Activity, y func(string, string)) {
			for _, d := range ActivityDays(a) {
				y(d, "")
			}
		},
	},
}

// Facets lists every facet people filter by, in the order screens show
// them: every facet but the hidden ones (FacetDef.Hidden).
var Facets = func() []Facet {
	var out []Facet
	for _, d := range facetDefs {
		if !d.Hidden {
			out = append(out, d.Facet)
		}
	}
	return out
}()

// FacetDefs returns every facet's declaration in the order screens show
// them, the hidden ones included (the store indexes them all). The
// slice is the caller's own.
func FacetDefs() []FacetDef { return facetDefs[:len(facetDefs):len(facetDefs)] }

// Def returns facet f's declaration, and false for a facet unoct does
// not know.
func Def(f Facet) (FacetDef, bool) {
	for _, d := range facetDefs {
		if d.Facet == f {
			return d, true
		}
	}
	return FacetDef{}, false
}

// ParseFacet accepts a facet name, case-insensitively.
func ParseFacet(s string) (Facet, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, f := range Facets {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Facets))
	for i, f := range Facets {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown facet %q (one of %s)", s, strings.Join(names, ", "))
}

// FacetsFingerprint identifies the facet set and how each facet takes
// its values: a store indexed under another fingerprint re-indexes.
func FacetsFingerprint() string { return facetsFingerprint }

var facetsFingerprint = func() string {
	h := sha256.New()
	for _, d := range facetDefs {
		fmt.Fprintf(h, "%s:%d\n", d.Facet, d.Version)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}()

// ---- the facets' own forms ----

func pillarRank(v string) int {
	if i := slices.Index(Pillars, Pillar(v)); i >= 0 {
		return i
	}
	return len(Pillars)
}

// parsePillar reads "IV", "iv", "4", "pillar IV" or the pillar's title.
func parsePillar(input string) ([]string, bool) {
	key := strings.TrimPrefix(Fold(input), "pillar ")
	for i, p := range Pillars {
		if key == Fold(string(p)) || key == strconv.Itoa(i+1) || key == Fold(p.Title()) {
			return []string{string(p)}, true
		}
	}
	return nil, false
}

// parseBranch reads a branch's acronym in any case, and the Office of
// the Under-Secretary-General by its name or as "USG", "OUSG" or "Office
// of the USG": every form help names is accepted before any stored
// activity has it.
func parseBranch(input string) ([]string, bool) {
	key := Fold(input)
	for _, b := range []Branch{BranchUNCCT, BranchSPIB, BranchPKMCB, BranchUNOCT, BranchOUSG} {
		if key == Fold(string(b)) {
			return []string{string(b)}, true
		}
	}
	switch strings.TrimPrefix(strings.TrimPrefix(key, "the "), "office of the ") {
	case "usg", "ousg", "under secretary general":
		return []string{string(BranchOUSG)}, true
	}
	return nil, false
}

// parseKind reads a kind in any case, whether or not an activity has it.
func parseKind(input string) ([]string, bool) {
	key := Fold(input)
	for _, k := range []Kind{KindBriefing, KindConference, KindLaunch, KindTraining, KindWorkshop,
		KindMeeting, KindVisit, KindMission, KindMembership, KindOther} {
		if key == string(k) {
			return []string{string(k)}, true
		}
	}
	return nil, false
}

// parseMonthInput reads one month (see ParseMonth), a year "2021", a
// quarter "2021-Q1", or a range of those "2020-11..2021-02",
// "2020..2021-Q1", both ends included, into the months they span.
func parseMonthInput(input string) ([]string, bool) {
	from, to, isRange := strings.Cut(input, "..")
	a, b, ok := monthSpan(from)
	if !ok {
		return nil, false
	}
	if isRange {
		if _, b, ok = monthSpan(to); !ok || b < a {
			return nil, false
		}
	}
	var out []string
	for m := a; m <= b && len(out) <= 1200; m = nextMonth(m) {
		out = append(out, m)
	}
	if len(out) > 1200 {
		return nil, false // more than a century: a typing slip
	}
	return out, true
}

var monthNames = [...]string{"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"}

// ParseMonth reads a month as people type it: "2020-02", "2020/2",
// "February 2020", "feb 2020", "02 2020". It returns "YYYY-MM".
func ParseMonth(s string) (string, bool) {
	w := strings.Fields(Fold(s))
	if len(w) != 2 {
		return "", false
	}
	year, other := w[0], w[1]
	if len(year) != 4 {
		year, other = other, year
	}
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 || y < 1000 {
		return "", false
	}
	m, err := strconv.Atoi(other)
	if err != nil {
		m = 0
		if len(other) >= 3 {
			for i, name := range monthNames {
				if strings.HasPrefix(name, other) {
					m = i + 1
					break
				}
			}
		}
	}
	if m < 1 || m > 12 || len(other) > len("september") {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d", y, m), true
}

// nextMonth returns the month after m ("YYYY-MM").
func nextMonth(m string) string {
	y, _ := strconv.Atoi(m[:4])
	mo, _ := strconv.Atoi(m[5:])
	if mo == 12 {
		y, mo = y+1, 0
	}
	return fmt.Sprintf("%04d-%02d", y, mo+1)
}
