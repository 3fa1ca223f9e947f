package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Correction is what a person changed in one activity the reader got
// wrong. It is kept apart from what the reader derives and applied on
// top of it (Apply), so that a re-import, a reader upgrade or a rebuild
// of the store, which all derive the activity again, keep it.
//
// A correction names its activity by its document and the bullet's
// text, not by a line: lines move when a new version of a document
// inserts lines above. ID is the activity's id in the store that holds
// the correction (0 in a file made to be applied to another store).
//
// Each field is a correction of the activity field of the same JSON
// name: a scalar replaces the reader's value when set; a list edit
// (ListEdit) adds and removes values, or replaces the list.
type Correction struct {
	Document string `json:"document"`
	Text     string `json:"text"`
	ID       uint32 `json:"id,omitempty"`

	// NotActivity says that the bullet is not an activity at all (a
	// heading read as a bullet, a note): it leaves every list, count
	// and filter, and stays in the store for `unoct show` and undo.
	NotActivity  bool                  `json:"not_activity,omitempty"`
	Kind         Kind                  `json:"kind,omitempty"`
	Branch       Branch                `json:"branch,omitempty"`
	Pillars      *ListEdit[Pillar]     `json:"pillars,omitempty"`
	Partners     *ListEdit[Entity]     `json:"partners,omitempty"`
	People       *ListEdit[string]     `json:"people,omitempty"`
	Countries    *ListEdit[CountryRef] `json:"countries,omitempty"`
	Sessions     *[]Session            `json:"sessions,omitempty"`
	Participants *Participants         `json:"participants,omitempty"`
}

// ListEdit corrects a list field: Set replaces the reader's list with
// Add; otherwise Remove takes values out of it (by the keys of
// CorrectionKey: a partner's label, a country's code) and Add puts
// values in.
type ListEdit[T any] struct {
	Set    bool     `json:"set,omitempty"`
	Add    []T      `json:"add,omitempty"`
	Remove []string `json:"remove,omitempty"`
}

// The fields a correction can change, by their JSON names, in the order
// screens list them.
const (
	FixNotActivity  = "not_activity"
	FixKind         = "kind"
	FixBranch       = "branch"
	FixPillars      = "pillars"
	FixPartners     = "partners"
	FixPeople       = "people"
	FixCountries    = "countries"
	FixSessions     = "sessions"
	FixParticipants = "participants"
)

// CorrectableFields lists the fields a correction can change.
var CorrectableFields = []string{FixNotActivity, FixKind, FixBranch, FixPillars, FixPartners,
	FixPeople, FixCountries, FixSessions, FixParticipants}

// AsRead keeps the reader's values of the fields a person corrected, so
// that a surface can show them on request and the reader's activity can
// be had back (Activity.Uncorrected). A field not corrected is empty.
type AsRead struct {
	Kind         Kind          `json:"kind,omitempty"`
	Branch       Branch        `json:"branch,omitempty"`
	Pillars      []PillarMatch `json:"pillars,omitempty"`
	Partners     []Entity      `json:"partners,omitempty"`
	People       []string      `json:"people,omitempty"`
	Countries    []CountryRef  `json:"countries,omitempty"`
	Sessions     []Session     `json:"sessions,omitempty"`
	Participants *Participants `json:"participants,omitempty"`
	// Review, when not empty, is the bullet's text as it was when the
	// correction was made: the text has changed since (a new version of
	// the document), so the correction may no longer be right and waits
	// for a person to look at it.
	Review string `json:"review,omitempty"`
}

// Fields lists the fields c changes, in CorrectableFields order.
func (c *Correction) Fields() []string {
	var out []string
	for _, f := range CorrectableFields {
		if c.Has(f) {
			out = append(out, f)
		}
	}
	return out
}

// Has reports whether c changes field f.
func (c *Correction) Has(f string) bool {
	switch f {
	case FixNotActivity:
		return c.NotActivity
	case FixKind:
		return c.Kind != ""
	case FixBranch:
		return c.Branch != ""
	case FixPillars:
		return c.Pillars != nil
	case FixPartners:
		return c.Partners != nil
	case FixPeople:
		return c.People != nil
	case FixCountries:
		return c.Countries != nil
	case FixSessions:
		return c.Sessions != nil
	case FixParticipants:
		return c.Participants != nil
	}
	return false
}

// Empty reports whether c changes nothing (every field undone).
func (c *Correction) Empty() bool { return len(c.Fields()) == 0 }

// Undo drops the correction of field f, so that the reader's value
// shows again. An unknown field is an error that lists the known ones.
func (c *Correction) Undo(f string) error {
	switch f = strings.ToLower(strings.TrimSpace(f)); f {
	case FixNotActivity, "not-activity":
		c.NotActivity = false
	case FixKind:
		c.Kind = ""
	case FixBranch:
		c.Branch = ""
	case FixPillars, "pillar":
		c.Pillars = nil
	case FixPartners, "partner":
		c.Partners = nil
	case FixPeople, "person":
		c.People = nil
	case FixCountries, "country":
		c.Countries = nil
	case FixSessions, "session":
		c.Sessions = nil
	case FixParticipants:
		c.Participants = nil
	default:
		return fmt.Errorf("%q is not a field a correction changes (one of %s)", f, strings.Join(CorrectableFields, ", "))
	}
	return nil
}

// SetList records an edit of a list: op '+' adds v, '-' removes it (by
// key), '=' starts the list over with v. It is how the CLI and the TUI
// build a correction one value at a time; adding a value undoes its
// removal and the other way round.
func SetList[T any](e **ListEdit[T], op byte, v T, key func(T) string) {
	if *e == nil {
		*e = &ListEdit[T]{}
	}
	l := *e
	k := Fold(key(v))
	drop := func(xs []T) []T {
		return slices.DeleteFunc(xs, func(x T) bool { return Fold(key(x)) == k })
	}
	switch op {
	case '=':
		l.Set, l.Add, l.Remove = true, []T{v}, nil
	case '+':
		l.Add = append(drop(l.Add), v)
		l.Remove = slices.DeleteFunc(l.Remove, func(x string) bool { return Fold(x) == k })
	case '-':
		l.Add = drop(l.Add)
		if !l.Set && !slices.ContainsFunc(l.Remove, func(x string) bool { return Fold(x) == k }) {
			l.Remove = append(l.Remove, key(v))
		}
	}
}

// The keys list values are known by in a correction: what Remove holds.
func PillarKey(p Pillar) string      { return string(p) }
func PartnerKey(e Entity) string     { return e.Label() }
func PersonKey(p string) string      { return p }
func CountryKey(c CountryRef) string { return c.Code }

// apply edits list xs as e says.
func apply[T any](xs []T, e *ListEdit[T], key func(T) string) []T {
	if e.Set {
		return slices.Clone(e.Add)
	}
	out := slices.Clone(xs)
	for _, r := range e.Remove {
		k := Fold(r)
		out = slices.DeleteFunc(out, func(x T) bool { return Fold(key(x)) == k })
	}
	for _, a := range e.Add {
		k := Fold(key(a))
		if !slices.ContainsFunc(out, func(x T) bool { return Fold(key(x)) == k }) {
			out = append(out, a)
		}
	}
	return out
}

// Apply puts c on top of the reader's activity a: the corrected fields
// take their new values, Corrected lists them and AsRead keeps what the
// reader had. a must be as the reader read it (see Uncorrected); review
// says the bullet's text changed since c was made (AsRead.Review).
func (c *Correction) Apply(a *Activity, review bool) {
	fields := c.Fields()
	if len(fields) == 0 {
		return
	}
	was := &AsRead{}
	if review {
		was.Review = c.Text
	}
	if c.NotActivity {
		a.NotActivity = true
	}
	if c.Kind != "" {
		was.Kind, a.Kind = a.Kind, c.Kind
	}
	if c.Branch != "" {
		was.Branch, a.Branch = a.Branch, c.Branch
	}
	if c.Pillars != nil {
		was.Pillars = a.Pillars
		var ps []Pillar
		for _, p := range a.Pillars {
			ps = append(ps, p.Pillar)
		}
		ps = apply(ps, c.Pillars, PillarKey)
		slices.SortFunc(ps, func(x, y Pillar) int { return pillarRank(string(x)) - pillarRank(string(y)) })
		out := []PillarMatch{}
		for _, p := range ps {
			m := PillarMatch{Pillar: p, Matched: []string{}}
			for _, old := range a.Pillars {
				if old.Pillar == p {
					m = old
				}
			}
			out = append(out, m)
		}
		a.Pillars = out
	}
	if c.Partners != nil {
		was.Partners = a.Partners
		a.Partners = nonNil(apply(a.Partners, c.Partners, PartnerKey))
	}
	if c.People != nil {
		was.People = a.People
		a.People = nonNil(apply(a.People, c.People, PersonKey))
	}
	if c.Countries != nil {
		was.Countries = a.Countries
		a.Countries = nonNil(apply(a.Countries, c.Countries, CountryKey))
	}
	if c.Sessions != nil {
		was.Sessions = a.Sessions
		a.Sessions = nonNil(slices.Clone(*c.Sessions))
	}
	if c.Participants != nil {
		// The headcount is corrected; the counts of Member States and
		// organizations the reader read stay unless given too.
		p := a.Participants
		was.Participants = &p
		q := p
		q.People, q.Approximate, q.Estimate = c.Participants.People, c.Participants.Approximate, c.Participants.Estimate
		if c.Participants.MemberStates != nil {
			q.MemberStates = c.Participants.MemberStates
		}
		if c.Participants.Organizations != nil {
			q.Organizations = c.Participants.Organizations
		}
		a.Participants = q
	}
	a.Corrected = fields
	a.AsRead = was
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// Uncorrected is the activity as the reader read it: every corrected
// field back to the reader's value (AsRead), with no trace of a
// correction.
func (a Activity) Uncorrected() Activity {
	if len(a.Corrected) == 0 && a.AsRead == nil && !a.NotActivity {
		return a
	}
	was := a.AsRead
	if was == nil {
		was = &AsRead{}
	}
	for _, f := range a.Corrected {
		switch f {
		case FixKind:
			a.Kind = was.Kind
		case FixBranch:
			a.Branch = was.Branch
		case FixPillars:
			a.Pillars = nonNil(was.Pillars)
		case FixPartners:
			a.Partners = nonNil(was.Partners)
		case FixPeople:
			a.People = nonNil(was.People)
		case FixCountries:
			a.Countries = nonNil(was.Countries)
		case FixSessions:
			a.Sessions = nonNil(was.Sessions)
		case FixParticipants:
			if was.Participants != nil {
				a.Participants = *was.Participants
			} else {
				a.Participants = Participants{}
			}
		}
	}
	a.Corrected, a.AsRead, a.NotActivity = nil, nil, false
	return a
}

// IsCorrected reports whether a person corrected field f of a (a JSON
// name: "pillars", "kind"...).
func (a *Activity) IsCorrected(f string) bool { return slices.Contains(a.Corrected, f) }

// TextKey is the bullet's text as corrections and ids match it: folded,
// words only, so that a re-wrapped line, another dash or a changed
// accent is the same bullet.
func TextKey(text string) string { return strings.Join(Words(text), " ") }

// TextHash is a short hash of TextKey, for keys and files.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(TextKey(text)))
	return hex.EncodeToString(sum[:8])
}

// Kinds lists every kind, in the order the reader tests them.
var Kinds = []Kind{KindBriefing, KindConference, KindLaunch, KindTraining, KindWorkshop,
	KindMeeting, KindVisit, KindMission, KindMembership, KindOther}

// Branches lists the office's branches.
var Branches = []Branch{BranchOUSG, BranchUNCCT, BranchSPIB, BranchPKMCB, BranchUNOCT}

// FixResolver finds what a typed name stands for, where a correction
// needs more than the name: a partner's entity, a country's code. The
// CLI looks in the store and the reference tables; a nil resolver takes
// names as they are typed.
type FixResolver interface {
	Partner(name string) (Entity, bool)
	Country(name string) (CountryRef, bool)
}

// SplitOp splits a typed edit of a list into its operation and value:
// "+II" adds II, "-EGM" removes EGM, and a bare value ("II") is '=', a
// list started over.
func SplitOp(input string) (op byte, value string) {
	input = strings.TrimSpace(input)
	if len(input) > 1 && (input[0] == '+' || input[0] == '-') {
		return input[0], strings.TrimSpace(input[1:])
	}
	return '=', input
}

// Edit applies one typed edit to c: op and value as SplitOp returns
// them, field one of CorrectableFields (or its singular: "pillar",
// "partner", "country", "session", "person"). Values are read as the
// CLI reads them: a pillar as the pillar facet parses it ("II", "2"),
// a kind or branch by name, participants as a number ("120"), a lower
// bound ("over 120"), an estimate ("~120") or "none", a session as
// "YYYY-MM-DD[..YYYY-MM-DD][@PLACE]" (sessions are given whole: '+'
// adds to the ones given before). The error says what was expected.
func (c *Correction) Edit(field string, op byte, value string, r FixResolver) error {
	field = strings.ToLower(strings.TrimSpace(field))
	switch field {
	case FixKind:
		for _, k := range Kinds {
			if Fold(value) == string(k) {
				c.Kind = k
				return nil
			}
		}
		return fmt.Errorf("kind %q is not one of %s", value, joinAny(Kinds))
	case FixBranch:
		for _, b := range Branches {
			if Fold(value) == Fold(string(b)) || (b == BranchOUSG && (Fold(value) == "ousg" || Fold(value) == "usg")) {
				c.Branch = b
				return nil
			}
		}
		return fmt.Errorf("branch %q is not one of %s", value, joinAny(Branches))
	case FixPillars, "pillar":
		d, _ := Def(FacetPillar)
		vs, ok := d.Parse(value)
		if !ok || len(vs) != 1 {
			return d.FormError(value)
		}
		SetList(&c.Pillars, op, Pillar(vs[0]), PillarKey)
	case FixPartners, "partner":
		e := Entity{Acronym: value, Kind: EntityUnknown}
		if r != nil {
			if got, ok := r.Partner(value); ok {
				e = got
			} else if op != '-' {
				return fmt.Errorf("partner %q is in no reference table and no activity (try its acronym or its full name)", value)
			}
		}
		SetList(&c.Partners, op, e, PartnerKey)
	case FixPeople, "person":
		if value == "" {
			return fmt.Errorf("a person needs a name")
		}
		SetList(&c.People, op, value, PersonKey)
	case FixCountries, "country":
		cr := CountryRef{Code: strings.ToUpper(value)}
		if r != nil {
			got, ok := r.Country(value)
			if !ok {
				return fmt.Errorf("country %q is not an ISO code or a country name unoct knows", value)
			}
			cr = got
		}
		SetList(&c.Countries, op, cr, CountryKey)
	case FixSessions, "session":
		s, err := parseSession(value)
		if err != nil {
			return err
		}
		switch {
		case op == '=' || c.Sessions == nil && op == '+':
			c.Sessions = &[]Session{s}
		case op == '+':
			*c.Sessions = append(*c.Sessions, s)
		default:
			return fmt.Errorf("sessions are given whole (--session A --session B), not removed one by one")
		}
	case FixParticipants:
		p, err := parseParticipants(value)
		if err != nil {
			return err
		}
		c.Participants = &p
	case FixNotActivity, "not-activity":
		c.NotActivity = value == "" || Fold(value) == "true" || Fold(value) == "yes"
	default:
		return fmt.Errorf("%q is not a field a correction changes (one of %s)", field, strings.Join(CorrectableFields, ", "))
	}
	return nil
}

func joinAny[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// parseSession reads "YYYY-MM-DD[..YYYY-MM-DD][@PLACE]".
func parseSession(v string) (Session, error) {
	dates, place, _ := strings.Cut(v, "@")
	from, to, isRange := strings.Cut(strings.TrimSpace(dates), "..")
	if !isRange {
		to = from
	}
	start, ok1 := ParseDay(strings.TrimSpace(from))
	end, ok2 := ParseDay(strings.TrimSpace(to))
	if !ok1 || !ok2 || end < start {
		return Session{}, fmt.Errorf("session %q is not YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD or either @PLACE", v)
	}
	place = strings.TrimSpace(place)
	return Session{Start: start, End: end, Place: place, City: place, Virtual: Fold(place) == "virtual" || Fold(place) == "online"}, nil
}

// parseParticipants reads "120", a lower bound ("over 120", "more than
// 120", "at least 120"), an estimate ("~120", "about 120", "some 120")
// or "none".
func parseParticipants(v string) (Participants, error) {
	f := strings.ToLower(strings.Join(strings.Fields(v), " "))
	if f == "none" || f == "" {
		return Participants{}, nil
	}
	var p Participants
	for _, pre := range []struct {
		text     string
		estimate bool
	}{{"over ", false}, {"more than ", false}, {"at least ", false}, {"~", true}, {"about ", true}, {"some ", true}} {
		if rest, ok := strings.CutPrefix(f, pre.text); ok {
			f, p.Approximate, p.Estimate = strings.TrimSpace(rest), true, pre.estimate
		}
	}
	var n int
	if _, err := fmt.Sscanf(f, "%d", &n); err != nil || n < 0 || fmt.Sprint(n) != f {
		return p, fmt.Errorf("participants %q is not a number (120), a lower bound (over 120), an estimate (~120, about 120) or none", v)
	}
	p.People = &n
	return p, nil
}

// Check reports what is wrong with a correction read from a file, which
// a person may have edited by hand: no document or text, nothing
// corrected, a kind, branch or pillar unoct does not know, a negative
// count, a session whose dates are not days in order.
func (c *Correction) Check() error {
	switch {
	case c.Document == "" || c.Text == "":
		return fmt.Errorf("it names no document or no text")
	case c.Empty():
		return fmt.Errorf("it changes nothing")
	case c.Kind != "" && !slices.Contains(Kinds, c.Kind):
		return fmt.Errorf("kind %q is not one of %s", c.Kind, joinAny(Kinds))
	case c.Branch != "" && !slices.Contains(Branches, c.Branch):
		return fmt.Errorf("branch %q is not one of %s", c.Branch, joinAny(Branches))
	}
	if c.Pillars != nil {
		for _, p := range c.Pillars.Add {
			if !slices.Contains(Pillars, p) {
				return fmt.Errorf("pillar %q is not I, II, III or IV", p)
			}
		}
	}
	if p := c.Participants; p != nil {
		for _, n := range []*int{p.People, p.MemberStates, p.Organizations} {
			if n != nil && *n < 0 {
				return fmt.Errorf("a count of participants is negative (%d)", *n)
			}
		}
	}
	if c.Sessions != nil {
		for _, s := range *c.Sessions {
			a, ok1 := ParseDay(s.Start)
			b, ok2 := ParseDay(s.End)
			if !ok1 || !ok2 || a != s.Start || b != s.End || b < a {
				return fmt.Errorf("session %q..%q is not two days YYYY-MM-DD in order", s.Start, s.End)
			}
		}
	}
	return nil
}
