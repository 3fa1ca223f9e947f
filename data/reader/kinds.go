package reader

import (
	"github.com/unoct/unoct/model"
)

// kindOf is the first kind the bullet's words name, reading in order and
// skipping the names of organizations and places and the clauses about
// other events ("since its launch in 2018"); where none is named, the
// first near synonym ("held talks", "addressed the Council") decides.
func (r *Reader) kindOf(toks []token, ms []mention, clause []bool) model.Kind {
	masked := make([]bool, len(toks))
	for _, m := range ms {
		if m.kind == pkSelf && m.entity.Kind == model.EntityOther {
			continue // the office's own events: "Conference of Heads of Counter-Terrorism Agencies"
		}
		if m.kind == pkEntity || m.kind == pkSelf || m.kind == pkCountry || (m.kind == pkUnknown && m.entity.Acronym != "") {
			for i := m.i; i < m.j; i++ {
				masked[i] = true
			}
		}
	}
	for i, c := range clause {
		masked[i] = masked[i] || c
	}
	for i := 0; i < len(toks); {
		if masked[i] {
			i++
			continue
		}
		m, ok := r.kinds.at(toks, i, nil)
		if !ok {
			i++
			continue
		}
		if m.p.id != "-" {
			return model.Kind(m.p.id)
		}
		i = m.j
	}
	for i := 0; i < len(toks); {
		if masked[i] {
			i++
			continue
		}
		if m, ok := r.kinds.at(toks, i, nil); ok {
			i = m.j // "in consultation with": no kind
			continue
		}
		if m, ok := r.kindSyn.at(toks, i, nil); ok {
			return model.Kind(m.p.id)
		}
		if m, ok := r.kindBody.at(toks, i, nil); ok && r.namesBody(toks, ms, m.j) {
			return model.Kind(m.p.id)
		}
		i++
	}
	return model.KindOther
}

// otherEventClauses marks the tokens of the clauses about other events:
// from the "other-event" words of kinds.tsv ("since", "after") or its
// "other-event-relative" words ("which was") to the next break (a
// comma, a semicolon, a full stop). kind masks both for the kind;
// place only the first, whose countries are the other event's place.
// Each is nil when the bullet has no such clause, as most have none.
//
// An event of an earlier year is another event too, with its place:
// "drawing on the 2019 visit to Kazakhstan" in a report of 2021, "last
// year's conference in Doha". year is the report's year.
func (r *Reader) otherEventClauses(toks []token, year int) (kind, place []bool) {
	for i := 0; i < len(toks); i++ {
		isPlace := true
		j := i
		if m, ok := r.otherEvent.at(toks, i, nil); ok {
			isPlace, j = m.p.id != relativeClause, m.j
		} else if k, ok := r.earlierEvent(toks, i, year); ok {
			j = k
		} else {
			continue
		}
		for j < len(toks) && !toks[j].breaks {
			j++
		}
		if kind == nil {
			kind = make([]bool, len(toks))
		}
		if isPlace && place == nil {
			place = make([]bool, len(toks))
		}
		for k := i; k < j; k++ {
			kind[k] = true
			if isPlace {
				place[k] = true
			}
		}
		if isPlace {
			i = j - 1 // a relative clause may hold an earlier event's place
		}
	}
	return kind, place
}

// earlierEvent reports whether token i opens the mention of an event of
// a year before the report's: a year before it ("the 2019 visit") or
// "last year's" ("last year's conference"), then a word that names a
// kind. It returns the index of the kind word.
func (r *Reader) earlierEvent(toks []token, i, year int) (int, bool) {
	k := -1
	if n, ok := atoi(toks[i].orig); ok && len(toks[i].orig) == 4 && n >= 1990 && n < year {
		k = i + 1
	} else if toks[i].fold == "last" && i+2 < len(toks) && toks[i+1].fold == "year" && toks[i+2].fold == "s" {
		k = i + 3
	}
	if k < 0 || k >= len(toks) || toks[k].breaks {
		return 0, false
	}
	if m, ok := r.kinds.at(toks, k, nil); ok && m.p.id != "-" {
		return k, true
	}
	return 0, false
}

// relativeClause is the id, in Reader.otherEvent, of the words that
// open a relative clause about another event.
const relativeClause = "relative"

// namesBody reports whether a body's name starts at token j, after an
// article: a name the tables know or a capitalised run with an
// organization word ("addressed the Sixth Committee", "updated Member
// States"), not "addressed the issue" or "updated the Handbook"; the body
// may follow a part of it ("the 42nd session of the Council").
func (r *Reader) namesBody(toks []token, ms []mention, j int) bool {
	if j < len(toks) && (toks[j].fold == "the" || toks[j].fold == "a" || toks[j].fold == "an") {
		j++
	}
	// A part of the body, up to three lower-case words or ordinals
	// before "of": "addressed the 42nd session of the Human Rights
	// Council", "the opening plenary of the General Assembly".
	for k := j; k < j+4 && k < len(toks) && !toks[k].breaks && !startsUpper(toks[k].orig); k++ {
		if toks[k].fold == "of" && k > j {
			j = k + 1
			if j < len(toks) && toks[j].fold == "the" {
				j++
			}
			break
		}
	}
	if j >= len(toks) || toks[j].breaks || !startsUpper(toks[j].orig) {
		return false
	}
	for _, m := range ms {
		if m.i == j && m.kind != pkRegion && m.kind != pkAdjective {
			return true
		}
	}
	for k := j; k < len(toks) && startsUpper(toks[k].orig) && (k == j || !toks[k].breaks); k++ {
		if r.isOrgHead(toks[k].orig) || toks[k].fold == "member" {
			return true
		}
	}
	return false
}
