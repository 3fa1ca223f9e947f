package reader

import (
	"strings"

	"github.com/unoct/unoct/model"
)

// markElsewhere marks the names of a bullet that belong to something
// other than the activity, as EXTRACTION.md has it: events are not
// partners, even with an organization's name in them, and a country
// named only as the place of something else (a border, another event's
// venue) is not one of the activity's countries.
//
//   - Inside the name of an event that is never the office's own (a
//     run of capitalised words ending in an "event" word of words.tsv:
//     "the Qatar 2022 FIFA World Cup"), every name is elsewhere, and a
//     State right after "in" or "at" is that event's venue.
//   - Inside a name ending in a kind word ("the AVSEC2019 Conference"),
//     an acronym no table knows is part of the name: the organizations
//     the tables know may be its organizers and stay.
//   - A State after the "elsewhere" words of partnerwords.tsv ("the
//     border with Libya"), or before its "elsewhere-after" word ("the
//     Mali-Niger border"), with the States listed with it.
func (r *Reader) markElsewhere(text string, toks []token, ms []mention) {
	if len(ms) == 0 {
		return
	}
	for i := 0; i < len(toks); {
		if !startsUpper(toks[i].orig) && !startsDigit(toks[i].orig) {
			i++
			continue
		}
		// The run of capitalised words, numbers and joiners.
		j, last, sport := i+1, -1, false
		for j <= len(toks) {
			h := j - 1
			if startsUpper(toks[h].orig) {
				if r.cues.events[toks[h].fold] {
					last, sport = h, true
				} else if m, ok := r.kinds.at(toks, h, nil); ok && m.p.id != "-" && !sport {
					last = h
				}
			}
			if j == len(toks) || toks[j].breaks {
				break
			}
			gap := text[toks[j-1].end:toks[j].start]
			if gap != " " && gap != "-" && gap != "–" && gap != "" {
				break
			}
			if !startsUpper(toks[j].orig) && !startsDigit(toks[j].orig) && !(r.cues.joiners[toks[j].fold] && j+1 < len(toks) && (startsUpper(toks[j+1].orig) || r.cues.joiners[toks[j+1].fold])) {
				break
			}
			j++
		}
		if last > i {
			for k := range ms {
				m := &ms[k]
				if m.i < i || m.j > last {
					continue
				}
				if sport || m.kind == pkUnknown && m.entity.Acronym == m.entity.Name {
					m.elsewhere = true
				}
			}
			// The venue of a sporting event: "the 2019 Africa Cup of
			// Nations in Egypt".
			for v := last + 1; sport && v+1 < len(toks) && v <= j; v++ {
				if toks[v].fold != "in" && toks[v].fold != "at" {
					continue
				}
				for k := range ms {
					if ms[k].i == v+1 && (ms[k].kind == pkCountry || ms[k].kind == pkAdjective) {
						ms[k].elsewhere = true
					}
				}
				break
			}
		}
		i = j
	}
	fold := func(i int) string {
		if i < 0 {
			return ""
		}
		return toks[i].fold
	}
	for k := range ms {
		m := &ms[k]
		if m.kind != pkCountry {
			continue
		}
		p := m.i - 1
		for p >= 0 && toks[p].fold == "the" {
			p--
		}
		if p >= 0 && endsWith(r.cues.elsewhere, p, fold) {
			m.elsewhere = true
		}
		// Listed with a State that is elsewhere: "between Mali and
		// Burkina Faso".
		if k > 0 && ms[k-1].elsewhere && ms[k-1].kind == pkCountry {
			if link := between(text, toks, ms[k-1].j-1, m.i); link == "and" || link == "," || link == "-" || link == "–" {
				m.elsewhere = true
			}
		}
	}
	// "the Mali-Niger border": States joined by "-" or "and" before an
	// elsewhere-after word that ends the phrase.
	for k := 0; k < len(ms); k++ {
		if ms[k].kind != pkCountry {
			continue
		}
		e := k
		for e+1 < len(ms) && ms[e+1].kind == pkCountry {
			link := between(text, toks, ms[e].j-1, ms[e+1].i)
			if link != "-" && link != "–" && link != "and" && link != "," {
				break
			}
			e++
		}
		after := ms[e].j
		if after < len(toks) && r.cues.elseAfter[toks[after].fold] && !toks[after].breaks &&
			(after+1 == len(toks) || toks[after+1].breaks || r.cues.joiners[toks[after+1].fold]) {
			for q := k; q <= e; q++ {
				ms[q].elsewhere = true
			}
		}
		k = e
	}
}

func startsDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// textVenue finds the venue a bullet's text names: a city of the
// gazetteer after "in" or "at", written as a name and outside the names
// of organizations and the clauses about other events ("following the
// meeting in Cairo"). Only a capital or a city of 100,000 people or more
// counts: smaller places share their names with too many words.
func (r *Reader) textVenue(toks []token, ms []mention, clause []bool) (city model.City, ok bool) {
	covered := make([]bool, len(toks))
	for _, m := range ms {
		for i := m.i; i < m.j && i < len(toks); i++ {
			covered[i] = true
		}
	}
	for i := 0; i+1 < len(toks); i++ {
		if (toks[i].fold != "in" && toks[i].fold != "at") || clause != nil && clause[i] {
			continue
		}
		// The venue of an event the bullet names: "the 2022
		// Commonwealth Games in Birmingham".
		if i > 0 && r.cues.events[toks[i-1].fold] {
			continue
		}
		for n := 3; n >= 1; n-- {
			j := i + 1 + n
			if j > len(toks) {
				continue
			}
			words := make([]string, 0, n)
			for k := i + 1; k < j; k++ {
				if covered[k] || !startsUpper(toks[k].orig) || (k > i+1 && toks[k].breaks) {
					break
				}
				words = append(words, toks[k].orig)
			}
			if len(words) < n {
				continue
			}
			name := strings.Join(words, " ")
			if c, found := r.geo.City(name); found && (c.Population >= 100000 || r.namesHQ(name)) {
				if r.namesHQ(name) {
					c.Name, c.Country = hqCity, hqCountry
				}
				return c, true
			}
		}
	}
	return model.City{}, false
}
