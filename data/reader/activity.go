package reader

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
)

// activity reads one planned bullet.
func (r *Reader) activity(p planned, raws []rawSession, perr error, month time.Time, defs definitions, res *Result) model.Activity {
	a := model.Activity{Section: p.section, Text: p.text, People: []string{}}
	warn := func(format string, args ...any) {
		res.Problems = append(res.Problems, Problem{p.line, fmt.Sprintf(format, args...)})
	}
	if p.inner == "" {
		warn("no (date, place) parenthesis at the end of the bullet")
	} else if perr != nil {
		warn("cannot read the dates: %v", perr)
	}
	a.Sessions = r.sessions(raws, month, warn)

	toks := tokenize(a.Text)
	ms := r.mentions(a.Text, toks, defs)
	clause, elsewhere := r.otherEventClauses(toks, month.Year())

	// Partners, countries, regions.
	var countries []string
	hqOnly := map[string]bool{}
	for _, s := range a.Sessions {
		if s.Country != "" {
			countries = appendNew(countries, s.Country)
			if s.Country == hqCountry && r.isHQ(s.City) {
				if _, seen := hqOnly["US"]; !seen {
					hqOnly["US"] = true
				}
			} else {
				hqOnly[s.Country] = false
			}
		}
	}
	if len(countries) == 0 {
		// No session names a place ("(14-15 July)"): the city the text
		// names as the venue does ("a workshop in Nairobi").
		if c, ok := r.textVenue(toks, ms, elsewhere); ok {
			countries = append(countries, c.Country)
			hqOnly[c.Country] = c.Country == hqCountry && r.isHQ(c.Name)
		}
	}
	var regions []string
	// located: the activity happened in or for a place (a session away
	// from Headquarters, a beneficiary country, a named region), not only
	// at Headquarters or online with States as partners.
	located := false
	for _, code := range countries {
		located = located || !hqOnly[code]
	}
	seenPartner := map[string]bool{}
	for k, m := range ms {
		switch m.kind {
		case pkEntity, pkUnknown:
			if m.partner && !seenPartner[m.entity.Label()] {
				seenPartner[m.entity.Label()] = true
				a.Partners = append(a.Partners, m.entity)
			}
			if m.kind == pkUnknown {
				a.Unknown = appendNew(a.Unknown, m.entity.Label())
			}
		case pkCountry, pkAdjective:
			if m.elsewhere || !m.partner && elsewhere != nil && elsewhere[m.i] {
				// "the border with Libya", "after the attacks in New
				// Zealand": not where the activity was.
				continue
			}
			countries = appendNew(countries, m.id)
			hqOnly[m.id] = false
			located = located || !m.partner
			if ms[k].partner {
				c, _ := r.geo.Country(m.id)
				e := model.Entity{ID: "state:" + c.Code, Name: c.Name, Kind: model.EntityMemberState}
				if !seenPartner[e.Label()] {
					seenPartner[e.Label()] = true
					a.Partners = append(a.Partners, e)
				}
			}
		case pkRegion:
			located = true
			regions = appendNew(regions, m.id)
			if g, ok := r.m49Equiv[m.id]; ok {
				regions = appendNew(regions, g)
			}
		}
	}
	for _, code := range countries {
		c, ok := r.geo.Country(code)
		if !ok {
			continue
		}
		a.Countries = append(a.Countries, model.CountryRef{Code: c.Code, Name: c.Name})
		if !hqOnly[code] {
			if g := c.M49Group(); g != "" {
				regions = appendNew(regions, g)
			}
		}
	}
	if !located {
		// The headquarters venue or a virtual room places nothing; the
		// partner States' own regions stay beside Global.
		regions = append([]string{model.RegionGlobal}, regions...)
	}
	a.Regions = regions
	var in, named []string
	for _, code := range countries {
		if !hqOnly[code] {
			in = append(in, code)
		}
	}
	for _, m := range ms {
		if m.kind == pkRegion {
			named = append(named, m.id)
		}
	}
	a.Areas = r.areas.areas(r.geo, in, named)
	for _, u := range a.Unknown {
		res.Unknown = append(res.Unknown, Problem{p.line, u})
	}

	a.People = r.people(a.Text)
	a.Participants = r.participants(a.Text)
	a.Pillars = r.pillarsOf(a.Text, toks)
	a.Kind = r.kindOf(toks, ms, clause)
	a.Branch = p.branch
	if a.Branch == "" {
		a.Branch = r.branchOf(toks)
		if a.Branch == model.BranchUNOCT && p.subject != "" {
			// "The Programme launched …" under a programme's heading:
			// the heading's subject.
			a.Branch = p.subject
		}
	}
	if a.Partners == nil {
		a.Partners = []model.Entity{}
	}
	if a.Countries == nil {
		a.Countries = []model.CountryRef{}
	}
	return a
}

// resolveSession gives a session's dates their years: written ones are
// kept, a range's year carries to its other end, and the rest take the
// year that puts them nearest the reporting month, with ranges across
// New Year ("28 December - 3 January") split between two years.
func resolveSession(rs rawSession, month time.Time) (rawDate, rawDate) {
	start, end := resolveYear(rs.start, month), resolveYear(rs.end, month)
	if rs.start.year == 0 && rs.end.year != 0 {
		start.year = rs.end.year
	}
	if rs.end.year == 0 && rs.start.year != 0 {
		end.year = rs.start.year
	}
	if start.year == end.year && start.month > end.month {
		if rs.start.year == 0 {
			start.year--
		} else if rs.end.year == 0 {
			end.year++
		}
	}
	return start, end
}

// The UN Headquarters venue, where placewords.tsv's headquarters names
// put a session.
const hqCity, hqCountry = "New York", "US"

// isHQ reports whether a session city is the UN Headquarters venue.
func (r *Reader) isHQ(city string) bool { return r.cues.headquarters[model.Fold(city)] }

// namesHQ reports whether a place is, or holds a word that makes it, the
// UN Headquarters venue. The word may be run together with another
// ("UNHeadquarters"), as converted text sometimes has it.
func (r *Reader) namesHQ(place string) bool {
	if r.isHQ(place) {
		return true
	}
	f := model.Fold(place)
	for _, w := range r.cues.hqWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// sessions resolves raw sessions to dates and places.
func (r *Reader) sessions(raws []rawSession, month time.Time, warn func(string, ...any)) []model.Session {
	out := []model.Session{}
	for _, rs := range raws {
		start, end := resolveSession(rs, month)
		s, err := dateString(start, false)
		if err != nil {
			warn("impossible date: %v; the session is left out", err)
			continue
		}
		e, err := dateString(end, true)
		if err != nil {
			warn("impossible date: %v; the session is left out", err)
			continue
		}
		if e < s {
			warn("the session ends (%s) before it starts (%s); the session is left out", e, s)
			continue
		}
		sess := model.Session{Start: s, End: e, Place: rs.place}
		r.place(&sess, warn)
		if c, ok := r.geo.Country(sess.Country); ok {
			sess.Region = c.M49Group()
		}
		out = append(out, sess)
	}
	return out
}

// plainApostrophes turns typographic apostrophes into plain ones.
var plainApostrophes = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'")

// place resolves a session's place to a city and a country. A virtual
// word of placewords.tsv makes it virtual; the rest of the place, if
// any, is the physical venue of a hybrid session.
func (r *Reader) place(s *model.Session, warn func(string, ...any)) {
	words := model.Words(s.Place)
	phys := []string{}
	virtual := false
	for _, w := range words {
		if r.cues.virtual[w] {
			virtual = true
		}
	}
	if virtual {
		// Keep the physical part: the words that are not about the
		// virtual format, in their written form.
		parts := strings.FieldsFunc(s.Place, func(r rune) bool { return r == '/' || r == '(' || r == ')' || r == '&' || r == '+' })
		for _, part := range parts {
			keep := []string{}
			for _, w := range strings.Fields(part) {
				if f := model.Fold(w); !r.cues.virtual[f] && !r.cues.format[f] {
					keep = append(keep, w)
				}
			}
			if t := strings.Trim(strings.Join(keep, " "), " ,;-–"); t != "" {
				phys = append(phys, t)
			}
		}
		s.Virtual = true
		if len(phys) == 0 {
			return
		}
	} else {
		phys = []string{s.Place}
	}
	// Typographic apostrophes read as plain ones: "N’Djamena" is
	// "N'Djamena", as tables and keys write it.
	name := strings.Trim(plainApostrophes.Replace(phys[0]), " ,.;")
	// A leading "the" goes ("the UN Headquarters"), unless it is part of
	// a city's name ("The Hague", "The Hague, Netherlands").
	if bare := strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The "); bare != name {
		head, _, _ := strings.Cut(name, ",")
		if _, ok := r.geo.City(strings.TrimSpace(head)); !ok {
			name = bare
		}
	}
	if name == "" {
		return
	}
	if r.namesHQ(name) {
		s.City, s.Country = hqCity, hqCountry
		return
	}
	if c, ok := r.geo.CountryByName(name); ok {
		s.Country = c.Code
		if _, ok := r.geo.CityIn(name, c.Code); ok {
			s.City = name // Djibouti, Singapore: the city of the name
		}
		return
	}
	// "City, Country" or "City (Country)".
	if i := strings.LastIndexAny(name, ",("); i > 0 {
		cityPart := strings.TrimSpace(name[:i])
		ctryPart := strings.Trim(name[i+1:], " )")
		if c, ok := r.geo.CountryByName(ctryPart); ok {
			s.Country, s.City = c.Code, cityPart
			if _, ok := r.geo.CityIn(cityPart, c.Code); !ok {
				warn("unknown city %q: not in the gazetteer for %s; kept as written", cityPart, c.Name)
			}
			return
		}
	}
	if city, ok := r.geo.City(name); ok {
		s.City, s.Country = name, city.Country
		return
	}
	// "Vienna and Geneva": the first place that resolves.
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == ',' || r == '/' }) {
		for _, p := range strings.Split(part, " and ") {
			p = strings.TrimSpace(p)
			if city, ok := r.geo.City(p); ok {
				s.City, s.Country = p, city.Country
				return
			}
			if c, ok := r.geo.CountryByName(p); ok {
				s.Country = c.Code
				return
			}
		}
	}
	s.City = name
	warn("unknown place %q: not a country or a city in the gazetteer", name)
}

// peopleTables are the rule tables people reads, built once per reader.
type peopleTables struct {
	particles map[string]bool // "bin", "de", "al"
	titles    map[string]bool // lower-case titles
	first     map[string]bool // lower-case first words of titles of several words
	words     [][]string      // each title's folded words, in the table's order
	jobs      map[string]bool // words that continue a title, as written
}

func newPeopleTables(rules *ref.Rules) *peopleTables {
	pt := &peopleTables{particles: map[string]bool{}, titles: map[string]bool{}, first: map[string]bool{}, jobs: map[string]bool{}}
	for _, w := range rules.Jobs {
		pt.jobs[w] = true
	}
	for _, p := range rules.Particles {
		pt.particles[p] = true
	}
	for _, t := range rules.Titles {
		pt.words = append(pt.words, model.Words(t))
		t = strings.ToLower(t)
		pt.titles[t] = true
		if w, _, ok := strings.Cut(t, " "); ok {
			pt.first[w] = true
		}
	}
	return pt
}

// people finds named officials: a title followed by capitalised names.
func (r *Reader) people(text string) []string {
	out := []string{}
	toks := strings.Fields(text)
	pt := r.ptab
	if pt == nil {
		pt = newPeopleTables(r.rules)
	}
	particles, titles := pt.particles, pt.titles
	isTitle := func(i int) int { // number of words of the title starting at i
		// Only a word that starts a title can: most words do not, and
		// joining the words after each one costs.
		if first := strings.ToLower(strings.TrimLeft(toks[i], ",;:()")); !pt.first[first] && !titles[strings.TrimRight(first, ",;:()")] {
			return 0
		}
		for n := 3; n >= 1; n-- {
			if i+n > len(toks) {
				continue
			}
			w := strings.ToLower(strings.Trim(strings.Join(toks[i:i+n], " "), ",;:()"))
			if titles[w] {
				return n
			}
		}
		return 0
	}
	for i := 0; i < len(toks); {
		n := isTitle(i)
		if n == 0 {
			i++
			continue
		}
		j := i + n
		// "H.E. Mr. ...", and the words that continue a title:
		// "Director General, Mr. ..." names no "General".
		for j < len(toks) {
			if n := isTitle(j); n > 0 {
				j += n
			} else if pt.jobs[strings.TrimRight(toks[j], ",;:")] {
				j++
			} else {
				break
			}
		}
		var name []string
		for ; j < len(toks) && len(name) < 5; j++ {
			w := toks[j]
			core := strings.TrimRight(w, ",;:.)")
			core = strings.TrimSuffix(strings.TrimSuffix(core, "'s"), "’s")
			if core == "" {
				break
			}
			first, _ := firstRune(core)
			if particles[core] && len(name) > 0 {
				name = append(name, core)
				continue
			}
			if !unicode.IsUpper(first) || strings.HasPrefix(w, "(") || isAllCaps(core) {
				break
			}
			name = append(name, core)
			if isInitial(w) {
				name[len(name)-1] = w
				continue // "Abdallah Y. Al-Mouallimi"
			}
			if core != strings.TrimRight(w, ")") || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
				break // punctuation ends the name
			}
		}
		for len(name) > 0 && particles[name[len(name)-1]] {
			name = name[:len(name)-1]
		}
		if len(name) > 0 && !r.isPlaceOrBody(strings.Join(name, " ")) && !r.isPlaceOrBody(strings.Join(toks[i:i+n], " ")+" "+strings.Join(name, " ")) && !r.hasOrgHead(name) {
			out = appendNew(out, strings.Join(name, " "))
		}
		i = j
	}
	return out
}

// isInitial is a capital letter with a full stop: "Y." in a name.
func isInitial(w string) bool {
	return len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z'
}

// isPlaceOrBody is true for a "name" that is really a country or body:
// "the President of Mali", "Minister of Interior".
func (r *Reader) isPlaceOrBody(name string) bool {
	if _, ok := r.geo.CountryByName(name); ok {
		return true
	}
	toks := tokenize(name)
	if len(toks) == 0 {
		return true
	}
	if m, ok := r.names.at(toks, 0, nil); ok && m.j == len(toks) && m.p.kind != pkNotName {
		return true
	}
	return false
}

// hasOrgHead is true when a would-be personal name holds a word such as
// "Committee" or "Team": it names a body.
func (r *Reader) hasOrgHead(name []string) bool {
	for _, w := range name {
		for _, h := range r.rules.OrgHeads {
			if strings.EqualFold(w, h) {
				return true
			}
		}
	}
	return false
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// pillarsOf assigns pillars by the rule terms found in the text.
func (r *Reader) pillarsOf(text string, toks []token) []model.PillarMatch {
	found := map[model.Pillar][]string{}
	for i := range toks {
		// Every term at every position: terms of different pillars may
		// overlap ("border security" and "security").
		for _, p := range r.pillars.byFirst[toks[i].fold] {
			if m, ok := r.pillars.at(toks, i, func(q *phrase) bool { return q == p }); ok {
				found[model.Pillar(p.id)] = appendNew(found[model.Pillar(p.id)], text[toks[m.i].start:toks[m.j-1].end])
			}
		}
		for _, p := range r.pillars.prefixes {
			if !strings.HasPrefix(toks[i].fold, p.words[0]) {
				continue // a one-word prefix term that cannot match here
			}
			if m, ok := r.pillars.at(toks, i, func(q *phrase) bool { return q == p }); ok {
				found[model.Pillar(p.id)] = appendNew(found[model.Pillar(p.id)], text[toks[m.i].start:toks[m.j-1].end])
			}
		}
	}
	var out []model.PillarMatch
	for _, p := range model.Pillars {
		if w := found[p]; len(w) > 0 {
			out = append(out, model.PillarMatch{Pillar: p, Matched: w})
		}
	}
	if len(out) == 0 {
		// Every activity serves the Strategy; one that names no term is
		// counted under pillar III, the UN's own role, and says so.
		out = []model.PillarMatch{{Pillar: model.PillarIII, Matched: []string{}}}
	}
	return out
}

// branchOf decides the branch of a bullet under a section that names
// none: its lead actor (the names before the first verb), else its
// subject, else UNOCT.
func (r *Reader) branchOf(toks []token) model.Branch {
	lead := 0
	for lead < len(toks) {
		t := toks[lead].orig
		first, _ := firstRune(t)
		if unicode.IsUpper(first) || unicode.IsDigit(first) || r.cues.joiners[strings.ToLower(t)] {
			lead++
			continue
		}
		// A possessive goes on the name: "The Office's Special
		// Projects and Innovation Branch (SPIB)" (an apostrophe, ' or
		// ’, the only thing between).
		if t == "s" && lead > 0 {
			if gap := toks[lead].start - toks[lead-1].end; gap == 1 || gap == len("’") {
				lead++
				continue
			}
		}
		break
	}
	for i := 0; i < lead; i++ {
		if m, ok := r.actors.at(toks[:lead], i, nil); ok {
			return model.Branch(m.p.id)
		}
	}
	if b := r.subjectOf(toks); b != "" {
		return b
	}
	return model.BranchUNOCT
}

// subjectOf is the branch the "subject" rules of subjects.tsv give for
// words (the rule first in the table wins), "" when none matches.
func (r *Reader) subjectOf(toks []token) model.Branch {
	best := (*phrase)(nil)
	for i := range toks {
		if m, ok := r.subjects.at(toks, i, nil); ok && (best == nil || m.p.line < best.line) {
			best = m.p
		}
	}
	if best == nil {
		return ""
	}
	return model.Branch(best.id)
}
