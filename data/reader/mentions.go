package reader

import (
	"slices"
	"strings"
	"unicode"

	"github.com/unoct/unoct/model"
)

// pkUnknown marks an organization no table knows: an acronym defined in
// the text ("the Women Peace Network (WPN)") or a bare acronym.
const pkUnknown phraseKind = 100

// mention is a name found in a bullet.
type mention struct {
	kind    phraseKind
	i, j    int          // tokens
	id      string       // country code or region name
	entity  model.Entity // for entities and unknown names
	partner bool
	// ofPossessor marks a body named after a possessive ("Somalia's
	// Ministry of Internal Security"): the possessor is the partner.
	ofPossessor bool
	// elsewhere marks a name that belongs to something else than the
	// activity: inside another event's name ("the Qatar 2022 FIFA World
	// Cup"), or a State that is only the place of a border or of
	// another event (events.go). It is no partner and no country.
	elsewhere bool
}

// mentions finds the names in a bullet and decides which are partners.
// definitions are the acronyms a document defines ("the National
// Counter Terrorism Centre (NCTC)"), to the entity each names: one of the
// tables' when they know the long form, else an unknown organization.
type definitions map[string]model.Entity

// maxNameLen bounds the name of an organization no table knows: a longer
// run of capitalised words is not a name, and the store refuses facet
// values over 1 KiB.
const maxNameLen = 256

func (r *Reader) mentions(text string, toks []token, defs definitions) []mention {
	spans := r.learnDefinitions(text, toks, defs)
	var out []mention
	for i := 0; i < len(toks); {
		// "the Pacific Islands Forum Secretariat (PIFS)": the long form and
		// its acronym are one name, not the shorter name inside it.
		if sp, ok := spans[i]; ok {
			kind := pkUnknown
			if sp.e.Kind != model.EntityUnknown {
				kind = pkEntity
			}
			out = append(out, mention{kind: kind, i: i, j: sp.j, entity: sp.e})
			i = sp.j
			continue
		}
		m, ok := r.names.at(toks, i, func(p *phrase) bool { return capitalised(toks, i, p) })
		if !ok {
			t := toks[i]
			if e, ok := defs[t.orig]; ok {
				kind := pkUnknown
				if e.Kind != model.EntityUnknown {
					kind = pkEntity
				}
				out = append(out, mention{kind: kind, i: i, j: i + 1, entity: e})
			} else if looksLikeAcronym(t.orig) && !r.partOfName(out, toks, i) {
				out = append(out, mention{kind: pkUnknown, i: i, j: i + 1,
					entity: model.Entity{ID: "unknown:" + t.orig, Acronym: t.orig, Name: t.orig, Kind: model.EntityUnknown}})
			}
			i++
			continue
		}
		mm := mention{kind: m.p.kind, i: m.i, j: m.j, id: m.p.id}
		if m.p.kind == pkEntity || m.p.kind == pkSelf {
			mm.entity, _ = r.ents.ByID(m.p.id)
		}
		if m.p.kind != pkNotName {
			out = append(out, mm)
		}
		i = m.j
	}
	out = r.orgPhrases(text, toks, out)
	r.markElsewhere(text, toks, out)
	for k := range out {
		out[k].partner = r.isPartner(text, toks, out, k)
	}
	return out
}

// orgPhrases finds organizations no table knows by their shape: a run
// of capitalised words (joined by "of", "for", "and"...) that holds an
// organization word ("the Elman Peace Centre", "the Coast Interfaith
// Council of Clerics"). They are returned among ms in text order.
func (r *Reader) orgPhrases(text string, toks []token, ms []mention) []mention {
	covered := make([]bool, len(toks))
	for _, m := range ms {
		for i := m.i; i < m.j; i++ {
			covered[i] = true
		}
	}
	var found []mention
	for i := 0; i < len(toks); {
		if covered[i] || !startsUpper(toks[i].orig) {
			i++
			continue
		}
		j := i
		for j < len(toks) && !covered[j] && (startsUpper(toks[j].orig) || (j > i && (r.cues.joiners[toks[j].fold] || toks[j].orig == "&"))) {
			if j > i {
				gap := text[toks[j-1].end:toks[j].start]
				if gap != " " && gap != "-" && gap != "" {
					break
				}
			}
			j++
		}
		end := j
		for end > i && r.cues.joiners[toks[end-1].fold] {
			end--
		}
		start := i
		if toks[start].fold == "the" {
			start++
		}
		for _, seg := range r.splitAtAnd(toks, start, end) {
			a, b := r.afterTitle(toks, seg[0], seg[1]), seg[1]
			if b-a >= 2 && toks[b-1].end-toks[a].start <= maxNameLen && r.orgLike(toks[a:b]) && !r.namesKind(toks[a:b]) &&
				!(a > 0 && covered[a-1] && text[toks[a-1].end:toks[a].start] == " ") &&
				!partOfKnown(text, toks, covered, b) {
				name := text[toks[a].start:toks[b-1].end]
				found = append(found, mention{kind: pkUnknown, i: a, j: b, ofPossessor: afterPossessive(text, toks, covered, a),
					entity: model.Entity{ID: "unknown:" + name, Name: name, Kind: model.EntityUnknown}})
			}
		}
		i = max(j, i+1)
	}
	if len(found) == 0 {
		return ms
	}
	out := append(ms, found...)
	slices.SortFunc(out, func(a, b mention) int { return a.i - b.i })
	return out
}

// splitAtAnd splits a run of capitalised words at an "and" that joins
// two names of organizations ("the Ministry of Internal Security and
// the Elman Peace Centre"), but not one inside a name ("Ministry of
// Youth and Sports"); and at a "to" or "by" before "the" and an
// organization's name, which ends the name of a thing given or made
// ("its Handbook on Children Affected by the Foreign-Fighter
// Phenomenon to the Group of Friends of Children and Armed Conflict").
func (r *Reader) splitAtAnd(toks []token, start, end int) [][2]int {
	for k := start + 1; k < end-1; k++ {
		right := k + 1
		if right < end && toks[right].fold == "the" {
			right++
		}
		switch toks[k].fold {
		case "and":
			if r.orgLike(toks[right:end]) && (r.orgLike(toks[start:k]) || right > k+1) {
				return append([][2]int{{start, k}}, r.splitAtAnd(toks, right, end)...)
			}
		case "to", "by":
			if right > k+1 && r.orgLike(toks[right:end]) && !r.orgLike(toks[start:k]) {
				return append([][2]int{{start, k}}, r.splitAtAnd(toks, right, end)...)
			}
		}
	}
	return [][2]int{{start, end}}
}

// afterTitle skips a person's title that opens a run: "Executive
// Director of the Neem Foundation" names the Neem Foundation.
func (r *Reader) afterTitle(toks []token, a, b int) int {
	for _, tw := range r.ptab.words {
		if len(tw) == 0 || a+len(tw) >= b {
			continue
		}
		match := true
		for i, w := range tw {
			if toks[a+i].fold != w {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		k := a + len(tw)
		if toks[k].fold != "of" {
			continue
		}
		k++
		if k < b && toks[k].fold == "the" {
			k++
		}
		return k
	}
	return a
}

// namesKind is true for a run that names an event, not a body: "the
// Small Group Ministerial Meeting".
func (r *Reader) namesKind(ts []token) bool {
	for i := range ts {
		if m, ok := r.kinds.at(ts, i, nil); ok && m.p.id != "-" {
			return true
		}
	}
	return false
}

// partOfKnown is true when the run is followed by "of (the)" and a known
// name: "the Secretariat General of the Gulf Cooperation Council" is
// part of the GCC, which is the partner.
func partOfKnown(text string, toks []token, covered []bool, end int) bool {
	k := end
	if k < len(toks) && toks[k].fold == "of" {
		k++
		if k < len(toks) && toks[k].fold == "the" {
			k++
		}
		return k < len(toks) && covered[k] && k > end
	}
	return false
}

// afterPossessive is true for a run right after a possessive name:
// "Uzbekistan's Ministry of Interior" names Uzbekistan, which is the
// partner, as "Albania's OSCE Chairmanship" names Albania.
func afterPossessive(text string, toks []token, covered []bool, start int) bool {
	if start < 2 || toks[start-1].fold != "s" || !covered[start-2] {
		return false
	}
	gap := text[toks[start-2].end:toks[start-1].start]
	return gap == "'" || gap == "’"
}

func startsUpper(s string) bool {
	r, _ := firstRune(s)
	return unicode.IsUpper(r)
}

// capitalised keeps names of organizations and countries to text that
// writes them as names: "the Security Council", not "security council
// members"; lower-case rule terms are not names at all.
func capitalised(toks []token, i int, p *phrase) bool {
	switch p.kind {
	case pkEntity, pkSelf, pkCountry, pkRegion, pkAdjective:
		for k := i; k < i+len(p.words) && k < len(toks); k++ {
			if r, _ := firstRune(toks[k].orig); unicode.IsUpper(r) {
				return true
			}
		}
		return false
	}
	return true
}

// looksLikeAcronym is a word of two to ten capitals (digits allowed
// after the first letter): the shape of an organization's acronym.
func looksLikeAcronym(w string) bool {
	if len(w) < 2 || len(w) > 10 {
		return false
	}
	letters := 0
	for i, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return letters >= 2
}

// partOfName is true for an acronym written right after a known name
// with nothing between ("IGAD SSP"): it qualifies that name.
func (r *Reader) partOfName(ms []mention, toks []token, i int) bool {
	if len(ms) == 0 {
		return false
	}
	last := ms[len(ms)-1]
	return last.j == i && (last.kind == pkEntity || last.kind == pkSelf || last.kind == pkUnknown)
}

// learnDefinitions records acronyms the text defines: "the Global
// Counter-Terrorism Forum (GCTF)". A definition whose long form the
// tables know makes the acronym an alias; one whose long form looks
// like an organization's name makes an unknown organization.
// defSpan is a defined long form with its acronym: tokens [i, j).
type defSpan struct {
	j int
	e model.Entity
}

func (r *Reader) learnDefinitions(text string, toks []token, defs definitions) map[int]defSpan {
	spans := map[int]defSpan{}
	for k := 1; k < len(toks); k++ {
		t := toks[k]
		if !looksLikeAcronym(t.orig) || t.start == 0 || text[t.start-1] != '(' || t.end >= len(text) || text[t.end] != ')' {
			continue
		}
		var known *model.Entity
		if m, ok := r.names.at(toks, k, nil); ok && m.j == k+1 {
			e, ok := r.ents.ByID(m.p.id)
			if !ok || e.Acronym == t.orig || m.p.kind != pkEntity {
				continue // the tables know the acronym as it is
			}
			known = &e // an alias: the text's own acronym names it here
		}
		// The long form: capitalised words (with small joining words)
		// running back from the parenthesis, never across a break.
		a := k
		for a > 0 && !toks[a].breaks {
			w := toks[a-1].orig
			first, _ := firstRune(w)
			if unicode.IsUpper(first) || (r.cues.joiners[strings.ToLower(w)] && a-1 > 0) {
				a--
				continue
			}
			break
		}
		// Where the initials spell the acronym, the long form starts
		// there: "UNOCT and the Pacific Islands Forum Secretariat (PIFS)".
		spelled := false
		if s, ok := r.initialsStart(toks, a, k, t.orig); ok {
			a, spelled = s, true
		}
		for a < k && r.cues.joiners[strings.ToLower(toks[a].orig)] {
			a++
		}
		if a == k {
			continue
		}
		if e, ok := defs[t.orig]; ok {
			spans[a] = defSpan{k + 1, e} // defined again
			continue
		}
		if known != nil && !(spelled && r.orgLike(toks[a:k])) {
			continue // "ASG Coninsx (UNCTED)": an affiliation, not a definition
		}
		if known != nil && spelled && r.orgLike(toks[a:k]) {
			known.Acronym, known.Name = t.orig, text[toks[a].start:toks[k-1].end]
			defs[t.orig] = *known
			spans[a] = defSpan{k + 1, *known}
			continue
		}
		// A long form the tables know, whole: the acronym is its alias.
		for s := a; s < k; s++ {
			if m, ok := r.names.at(toks, s, nil); ok && m.j == k && m.p.kind == pkEntity {
				if e, ok := r.ents.ByID(m.p.id); ok {
					// The document's own acronym names it here ("the
					// Pacific Islands Forum Secretariat (PIFS)") when
					// its initials spell it.
					if spelled {
						e.Acronym = t.orig
					}
					defs[t.orig] = e
					spans[s] = defSpan{k + 1, e}
				}
				break
			}
		}
		if _, ok := defs[t.orig]; ok {
			continue
		}
		long := text[toks[a].start:toks[k-1].end]
		if len(long) > maxNameLen || !r.orgLike(toks[a:k]) {
			continue
		}
		defs[t.orig] = model.Entity{ID: "unknown:" + t.orig, Acronym: t.orig, Name: long, Kind: model.EntityUnknown}
		spans[a] = defSpan{k + 1, defs[t.orig]}
	}
	return spans
}

// initialsStart finds the token from which the capitalised words up to
// k spell an acronym by their initials (small words skipped).
func (r *Reader) initialsStart(toks []token, a, k int, acr string) (int, bool) {
	want := strings.ToUpper(acr)
	got := ""
	for s := k - 1; s >= a; s-- {
		w := toks[s].orig
		if r.cues.joiners[strings.ToLower(w)] {
			continue
		}
		first, _ := firstRune(w)
		got = string(unicode.ToUpper(first)) + got
		if got == want {
			return s, true
		}
		if len(got) >= len(want) {
			break
		}
	}
	return 0, false
}

// orgLike is true when a capitalised name holds an organization word.
func (r *Reader) orgLike(ts []token) bool {
	for _, t := range ts {
		if r.isOrgHead(t.orig) {
			return true
		}
	}
	return false
}

// isOrgHead is true for a capitalised organization word ("Ministry",
// "Unit", "Authority").
func (r *Reader) isOrgHead(w string) bool {
	if !startsUpper(w) {
		return false
	}
	for _, h := range r.rules.OrgHeads {
		if strings.EqualFold(w, h) {
			return true
		}
	}
	return false
}

// isPartner decides whether mention k is a partner of the activity, as
// EXTRACTION.md has it: organizations and bodies named in the text are;
// Member States are when named as organizing, funding, hosting or
// partnering, not when they are where the activity happened or whom it
// served ("in Mali", "to Indonesia").
func (r *Reader) isPartner(text string, toks []token, ms []mention, k int) bool {
	m := ms[k]
	if m.elsewhere {
		return false
	}
	switch m.kind {
	case pkAdjective:
		// "hosted by the Albanian OSCE Chairmanship": the adjective
		// stands for the State when a "host-adjective" noun follows it,
		// after capitalised words at most; the words before decide.
		h := m.j
		for h < len(toks) && h < m.j+3 && !toks[h].breaks && startsUpper(toks[h].orig) && !r.cues.hostAdj[toks[h].fold] {
			h++
		}
		if h >= len(toks) || toks[h].breaks || !r.cues.hostAdj[toks[h].fold] {
			return false
		}
		p := m.i - 1
		for p >= 0 && toks[p].fold == "the" {
			p--
		}
		fold := func(i int) string { return toks[i].fold }
		if p > 0 && toks[p].fold == "of" && endsWith(r.cues.host, p-1, fold) {
			return true // "with the support of the Spanish Government"
		}
		return p >= 0 && endsWith(r.cues.partner, p, fold)
	case pkSelf, pkRegion, pkNotName:
		return false
	case pkEntity:
		return r.entityIsPartner(text, toks, ms, k)
	case pkUnknown:
		if m.ofPossessor {
			return false
		}
		if m.entity.Acronym != "" && m.entity.Name != m.entity.Acronym {
			return true // defined in the text as an organization
		}
		if r.presentedTo(toks, m.i) {
			return true
		}
		return r.countryIsPartner(text, toks, ms, k)
	case pkCountry:
		return r.countryIsPartner(text, toks, ms, k)
	}
	return false
}

func (r *Reader) entityIsPartner(text string, toks []token, ms []mention, k int) bool {
	m := ms[k]
	// "Security Council resolution 2395": a citation, not a partner.
	if m.j < len(toks) && r.cues.isCitation(toks[m.j].fold) {
		return false
	}
	// "the Secretary-General's report": the Organization's head is not
	// a partner of the office's own work.
	if r.cues.notPartner[foldSpan(toks, m.i, m.j)] {
		return false
	}
	// "the Counter-Terrorism Committee of the Security Council": the
	// parent body qualifies the one before it.
	if k > 0 {
		prev := ms[k-1]
		if prev.kind == pkEntity || prev.kind == pkSelf {
			gap := strings.ToLower(between(text, toks, prev.j-1, m.i))
			if gap == "of the" || gap == "of" {
				return false
			}
		}
	}
	return true
}

func foldSpan(toks []token, i, j int) string {
	parts := make([]string, 0, j-i)
	for _, t := range toks[i:j] {
		parts = append(parts, t.fold)
	}
	return strings.Join(parts, " ")
}

func (r *Reader) countryIsPartner(text string, toks []token, ms []mention, k int) bool {
	m := ms[k]
	// Possessive: "Albania's OSCE Chairmanship", "Japan's support" (a
	// State's; "the Executive Directorate's work" makes no partner).
	if m.kind == pkCountry && m.j < len(toks) && toks[m.j].fold == "s" {
		if gap := between(text, toks, m.j-1, m.j); gap == "'" || gap == "’" {
			return true
		}
	}
	// The words before the name, skipping "the", and a possessor:
	// "with Somalia's Ministry of Internal Security" reads as "with".
	p := m.i - 1
	if p >= 1 && toks[p].fold == "s" && k > 0 && ms[k-1].j == p {
		if gap := between(text, toks, p-1, p); gap == "'" || gap == "’" {
			p = ms[k-1].i - 1
		}
	}
	for p >= 0 && toks[p].fold == "the" {
		p--
	}
	if p < 0 {
		return true // the bullet opens with it: a lead actor
	}
	// The cue words of partnerwords.tsv: "funded by", "with" make a
	// partner, and are tried first; "in", "to" a place. A host noun
	// before "of" makes a partner: "the Government of Japan".
	fold := func(i int) string { return toks[i].fold }
	if endsWith(r.cues.partner, p, fold) {
		return true
	}
	prev := toks[p].fold
	if prev == "of" && p > 0 && endsWith(r.cues.host, p-1, fold) {
		return true
	}
	// "the Financial Intelligence Unit of the Maldives Monetary
	// Authority", "the Ministry of Interior of Iraq": the State's body
	// works with the office, so the State is a partner.
	// Unless the body is whom the activity served: "delivered the
	// software to the Passenger Information Unit of Botswana".
	if prev == "of" && p > 0 && r.isOrgHead(toks[p-1].orig) {
		return !r.bodyServed(toks, p-1)
	}
	if prev == "of" && p > 1 && toks[p-1].fold == "the" && r.isOrgHead(toks[p-2].orig) {
		return !r.bodyServed(toks, p-2)
	}
	// The same after a body's or an official's whole name: "the
	// Minister of Foreign Affairs of Spain", "the Ministry of Internal
	// Affairs of Kyrgyzstan".
	if prev == "of" {
		for q := p - 1; q >= 0 && q >= p-6 && !toks[q+1].breaks; q-- {
			if !startsUpper(toks[q].orig) {
				if r.cues.joiners[toks[q].fold] {
					continue
				}
				break
			}
			if endsWith(r.cues.host, q, fold) || r.isOrgHead(toks[q].orig) {
				return !r.bodyServed(toks, q)
			}
		}
	}
	if endsWith(r.cues.place, p, fold) {
		return false
	}
	// Joined to the office or a partner by a dash: "the UNOCT–Qatar
	// Dialogue", "the UNOCT-IOM cooperation plan".
	if k > 0 && ms[k-1].j == m.i {
		if gap := between(text, toks, m.i-1, m.i); gap == "-" || gap == "–" || gap == "/" {
			if pk := ms[k-1].kind; pk == pkSelf || pk == pkEntity {
				return true
			}
		}
	}
	// An organization no table knows, joined by "and" to a partner
	// named earlier in the sentence: "in partnership with the Permanent
	// Mission of Nigeria to the United Nations and the Neem Foundation".
	if m.kind == pkUnknown && prev == "and" && k > 0 && !anyBreak(toks, ms[k-1].j, m.i) {
		if pm := ms[k-1]; pm.partner || pm.kind == pkSelf {
			return true
		}
	}
	// In a list ("UNOCT, OSCE, and Switzerland"; "with IOM and the UK";
	// "in Mali and Cameroon"): as the item before it.
	gap := strings.ToLower(between(text, toks, p, m.i))
	if prev == "and" || prev == "as" || gap == "," || strings.HasSuffix(gap, ",") {
		for q := k - 1; q >= 0; q-- {
			pm := ms[q]
			if pm.kind == pkNotName {
				continue
			}
			link := strings.ToLower(between(text, toks, pm.j-1, m.i))
			link = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(link), "the"))
			if !r.cues.list[listLink(link)] {
				return false
			}
			switch pm.kind {
			case pkSelf:
				return true
			case pkEntity, pkUnknown:
				if pm.ofPossessor && q > 0 {
					return ms[q-1].partner
				}
				return ms[q].partner || pm.kind == pkEntity
			case pkCountry:
				return r.countryIsPartner(text, toks, ms, q)
			default:
				return false
			}
		}
	}
	return false
}

// presentedTo reports whether the name at token i follows "to (the)"
// and, earlier in the same clause, a "presenter" verb of
// partnerwords.tsv: "presented its Handbook … to the Group of Friends
// …" names a body being briefed.
func (r *Reader) presentedTo(toks []token, i int) bool {
	p := i - 1
	if p >= 0 && toks[p].fold == "the" {
		p--
	}
	if p < 0 || toks[p].fold != "to" {
		return false
	}
	for q := p - 1; q >= 0 && !toks[q+1].breaks; q-- {
		if r.cues.presenter[toks[q].fold] {
			return true
		}
	}
	return false
}

// bodyServed reports whether the body whose name has its organization
// word at token h ("Unit" of "the Passenger Information Unit of
// Botswana") follows a "recipient" word of partnerwords.tsv ("to",
// "for") or the people it trained ("officers of the Ministry of …"): the
// activity served it. The words between are the body's
// capitalised name and up to three lower-case words before it ("the newly
// established"); a "partner" word there ("in cooperation with the
// Ministry of Interior of …") makes it a partner instead.
func (r *Reader) bodyServed(toks []token, h int) bool {
	fold := func(i int) string { return toks[i].fold }
	q := h
	for q > 0 && !toks[q].breaks && (startsUpper(toks[q-1].orig) || r.cues.joiners[toks[q-1].fold] && q-1 > 0 && startsUpper(toks[q-2].orig)) {
		q--
	}
	for lower := 0; q > 0 && !toks[q].breaks; q-- {
		if endsWith(r.cues.partner, q-1, fold) {
			return false
		}
		if endsWith(r.cues.recipient, q-1, fold) {
			return true
		}
		// The people of the body: "for fifty prison officers of the
		// Ministry of Justice of Mauritania" (a noun counts.tsv counts
		// as people, before "of").
		if toks[q-1].fold == "of" && q >= 2 {
			for s := max(q-4, 0); s < q-1; s++ {
				if m, ok := r.counts.at(toks, s, nil); ok && m.j == q-1 && m.p.id == "people" {
					return true
				}
			}
		}
		if startsUpper(toks[q-1].orig) {
			return false
		}
		if lower++; lower > 3 {
			return false
		}
	}
	return false
}

// anyBreak reports a sentence or clause break (". ", ";") between
// tokens i and j.
func anyBreak(toks []token, i, j int) bool {
	for k := max(i, 1); k <= j && k < len(toks); k++ {
		if toks[k].breaks {
			return true
		}
	}
	return false
}
