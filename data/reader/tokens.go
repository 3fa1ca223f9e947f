package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/unoct/unoct/model"
)

// token is one word of a bullet: a run of letters and digits.
type token struct {
	orig       string // as written
	fold       string // as model.Fold gives it
	start, end int    // byte offsets in the text
	// breaks is true when punctuation that ends a name (a comma, a
	// semicolon, a colon, a full stop before a space) stands between
	// this token and the one before: "UNODC, AIRCOP" is two names.
	breaks bool
}

// tokenize splits text into words the way model.Fold does, keeping where
// each word stands so that matches can be read back from the text.
func tokenize(s string) []token {
	// About a word a space: one allocation for most texts.
	out := make([]token, 0, strings.Count(s, " ")+2)
	start := -1
	for i, r := range s {
		if r == '&' {
			// "&" is the word "and", as model.Fold reads it.
			if start >= 0 {
				out = append(out, mkToken(s, start, i))
				start = -1
			}
			out = append(out, token{orig: "&", fold: "and", start: i, end: i + 1})
			continue
		}
		var word bool
		if r < utf8.RuneSelf {
			word = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			word = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			out = append(out, mkToken(s, start, i))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, mkToken(s, start, len(s)))
	}
	for i := 1; i < len(out); i++ {
		gap := s[out[i-1].end:out[i].start]
		out[i].breaks = strings.ContainsAny(gap, ",;:!?") || strings.Contains(gap, ". ")
	}
	return out
}

func mkToken(s string, a, b int) token {
	return token{orig: s[a:b], fold: model.Fold(s[a:b]), start: a, end: b}
}

// between is the text between two tokens, trimmed: the punctuation that
// joins them.
func between(text string, toks []token, i, j int) string {
	if i < 0 || j >= len(toks) || i >= j {
		return ""
	}
	return strings.TrimSpace(text[toks[i].end:toks[j].start])
}

// phraseKind says what a dictionary phrase names.
type phraseKind uint8

const (
	pkSelf phraseKind = iota // the office itself, never a partner
	pkEntity
	pkCountry
	pkRegion
	pkAdjective
	pkNotName
	pkTerm // a rule term (pillar, kind, branch subject, count noun)
)

// phrase is one name or term in folded words.
type phrase struct {
	words  []string
	exact  []string // when set, the words must be written exactly so (acronyms)
	prefix bool     // the last word matches as a prefix (term written with *)
	kind   phraseKind
	id     string // entity id, country code, region name, or rule payload
	text   string // as the table writes it
	line   int    // table line, for rule terms
}

// dict finds phrases in token streams, longest first.
type dict struct {
	byFirst  map[string][]*phrase
	prefixes []*phrase // phrases whose only word is a prefix
}

func newDict() *dict { return &dict{byFirst: map[string][]*phrase{}} }

// add enters a name. Names written in capitals of up to six letters
// (acronyms such as UK, EU, CTC) must match exactly, so that "us" or
// "who" in running text are not taken for the United States or WHO.
func (d *dict) add(name string, kind phraseKind, id string, line int) {
	prefix := strings.HasSuffix(name, "*")
	words := model.Words(strings.TrimSuffix(name, "*"))
	if len(words) == 0 {
		return
	}
	p := &phrase{words: words, prefix: prefix, kind: kind, id: id, text: name, line: line}
	if isAcronym(name) {
		for _, t := range tokenize(strings.TrimSuffix(name, "*")) {
			p.exact = append(p.exact, t.orig)
		}
	}
	if prefix && len(words) == 1 {
		d.prefixes = append(d.prefixes, p)
		return
	}
	d.byFirst[words[0]] = append(d.byFirst[words[0]], p)
}

// isAcronym reports whether a name is an acronym-like word: no lower-case
// letters and at most six letters in all.
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0 && letters <= 6
}

// match is a phrase found at tokens [i, j).
type match struct {
	p    *phrase
	i, j int
}

// at returns the longest phrase (of the kinds accepted) starting at token i.
func (d *dict) at(toks []token, i int, accept func(*phrase) bool) (match, bool) {
	var best match
	found := false
	try := func(p *phrase) {
		n := len(p.words)
		if i+n > len(toks) || (found && n <= best.j-best.i && !(n == best.j-best.i && p.kind < best.p.kind)) {
			return
		}
		for k, w := range p.words {
			t := toks[i+k]
			if k > 0 && t.breaks {
				return
			}
			if p.prefix && k == n-1 {
				if !strings.HasPrefix(t.fold, w) {
					return
				}
			} else if t.fold != w {
				return
			}
			if p.exact != nil && k < len(p.exact) && t.orig != p.exact[k] {
				return
			}
		}
		if accept != nil && !accept(p) {
			return
		}
		best, found = match{p, i, i + n}, true
	}
	for _, p := range d.byFirst[toks[i].fold] {
		try(p)
	}
	for _, p := range d.prefixes {
		try(p)
	}
	return best, found
}
