package reader

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/unoct/unoct/model"
)

var smallNumbers = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12}

// word is one whitespace-separated word of a bullet, with the
// punctuation that follows it.
type word struct {
	core  string // without surrounding punctuation
	lower string
	stop  bool // punctuation after it ends a phrase
	comma bool // that punctuation is a comma
}

func words(text string) []word {
	fields := strings.Fields(text)
	out := make([]word, 0, len(fields))
	for _, f := range fields {
		core := trimWordPunct(f)
		stop := strings.ContainsAny(f[len(f)-1:], ",.;:!?)") && !isNumberWithSep(f)
		out = append(out, word{core: core, lower: strings.ToLower(core), stop: stop, comma: stop && strings.HasSuffix(f, ",")})
	}
	return out
}

// wordPunct is what words trims off a word's ends.
const wordPunct = ",.;:!?()[]\"“”'‘’"

// trimWordPunct is strings.Trim(f, wordPunct) without building the
// cut set at every call (it has quotes beyond ASCII, for which Trim
// builds none and tests each rune against the string): most words have
// nothing to trim, and the test of the first and last byte says so.
func trimWordPunct(f string) string {
	if f == "" {
		return f
	}
	if c, d := f[0], f[len(f)-1]; c < utf8.RuneSelf && d < utf8.RuneSelf &&
		strings.IndexByte(wordPunct, c) < 0 && strings.IndexByte(wordPunct, d) < 0 {
		return f
	}
	return strings.Trim(f, wordPunct)
}

func isNumberWithSep(f string) bool {
	f = strings.TrimRight(f, ",.;:")
	_, ok := parseDigits(f)
	return ok && strings.ContainsAny(f, ",")
}

// parseDigits reads 35, 1,200 or 1 200; not 10th or 2017-2020.
func parseDigits(s string) (int, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	clean := strings.ReplaceAll(s, ",", "")
	for _, r := range clean {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	if strings.Contains(s, ",") {
		// Thousands separators come every three digits.
		parts := strings.Split(s, ",")
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return 0, false
			}
		}
	}
	n, err := strconv.Atoi(clean)
	return n, err == nil
}

// number reads a number at ws[i]: digits, or words ("twenty-five", "two
// hundred and fifty"). It returns the value and how many words it took.
func number(ws []word, i int) (int, int, bool) {
	if n, ok := parseDigits(ws[i].core); ok {
		// "1 200" with a space as separator.
		k := 1
		for i+k < len(ws) && len(ws[i+k].core) == 3 && n < 1000 && !ws[i+k-1].stop {
			if m, ok := parseDigits(ws[i+k].core); ok && len(ws[i].core) <= 3 {
				n, k = n*1000+m, k+1
				continue
			}
			break
		}
		return n, k, true
	}
	total, cur, k := 0, 0, 0
	for i+k < len(ws) {
		w := ws[i+k].lower
		parts := strings.Split(w, "-")
		val, ok := 0, true
		for _, p := range parts {
			v, found := smallNumbers[p]
			if !found {
				ok = false
				break
			}
			val += v
		}
		switch {
		case ok:
			cur += val
		case w == "hundred" && k > 0:
			cur *= 100
		case w == "thousand" && k > 0:
			total += cur * 1000
			cur = 0
		case w == "and" && k > 0 && i+k+1 < len(ws) && isNumberWord(ws[i+k+1].lower):
		default:
			if k == 0 {
				return 0, 0, false
			}
			return total + cur, k, true
		}
		k++
		if ws[i+k-1].stop {
			break
		}
	}
	if k == 0 {
		return 0, 0, false
	}
	return total + cur, k, true
}

func isNumberWord(w string) bool {
	_, ok := smallNumbers[strings.Split(w, "-")[0]]
	return ok || w == "hundred" || w == "thousand"
}

// participants reads the counts of a bullet: the first number that
// counts people, the first that counts Member States or countries, and
// the first that counts organizations. The words of countwords.tsv
// around a number make it approximate ("over 300"), a reference to
// things already named ("the two countries") or a total ("now brings
// together 44 entities").
func (r *Reader) participants(text string) model.Participants {
	var p model.Participants
	ws := words(text)
	for i := 0; i < len(ws); i++ {
		n, k, ok := number(ws, i)
		if !ok || n <= 0 {
			continue
		}
		if k == 1 && ws[i].lower == "one" {
			continue // "one of the", "one-day": too often not a count
		}
		if strings.Contains(ws[i].core, "-") && !isNumberWord(strings.Split(ws[i].lower, "-")[1]) {
			continue // "two-day"
		}
		class := r.countedNoun(ws, i+k)
		if class == "" {
			i += k - 1
			continue
		}
		// The three words before the number.
		from := max(0, i-3)
		before := func(k int) string {
			if k < from {
				return "" // no cue word is empty: nothing matches before
			}
			return ws[k].lower
		}
		if i > 0 && r.cues.reference[ws[i-1].lower] && (i < 2 || !r.cues.countAgain[ws[i-2].lower]) || holds(r.cues.total, from, i, before) {
			// "the two countries", "these 15 entities": a reference, not
			// a headcount; "now brings together 44 entities": a total.
			i += k - 1
			continue
		}
		estimate := endsWith(r.cues.estimate, i-1, before)
		approx := estimate || endsWith(r.cues.approximate, i-1, before)
		v := n
		switch class {
		case "people":
			if p.People == nil {
				p.People, p.Approximate, p.Estimate = &v, approx, estimate
			}
		case "member_states":
			if p.MemberStates == nil {
				p.MemberStates = &v
			}
		case "organizations":
			if p.Organizations == nil {
				p.Organizations = &v
			}
		}
		i += k - 1
	}
	return p
}

func lowerWords(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.lower
	}
	return out
}

// countedNoun looks at up to six words after a number for the nouns of
// counts.tsv and returns the class of the last one before the phrase
// ends: "15 victims' associations" counts associations.
func (r *Reader) countedNoun(ws []word, i int) string {
	if i > 0 && ws[i-1].stop {
		return ""
	}
	class := ""
	comma := false
	for k := i; k < len(ws) && k < i+8; k++ {
		if r.cues.stop[ws[k].lower] || comma && strings.HasSuffix(ws[k].lower, "ed") {
			// After a comma, a verb ends the phrase: "3 workshops,
			// trained officials" counts no officials.
			return class
		}
		if _, _, isNum := number(ws, k); isNum && k > i {
			return class
		}
		// Try multi-word nouns first.
		for n := 3; n >= 1; n-- {
			if k+n > len(ws) {
				continue
			}
			phrase := model.Fold(strings.Join(lowerWords(ws[k:k+n]), " "))
			toks := tokenize(phrase)
			if len(toks) == 0 {
				continue
			}
			if m, ok := r.counts.at(toks, 0, nil); ok && m.j == len(toks) {
				class = m.p.id
				k += n - 1
				break
			}
		}
		if ws[k].stop {
			if !ws[k].comma || class != "" {
				return class
			}
			comma = true // "47 financial intelligence unit, law enforcement and prosecution officials"
		}
	}
	return class
}

// atoi is strconv.Atoi for the words a reader tries as numbers, most of
// which are not: it answers those without the error value Atoi builds
// (a fifth of the reader's garbage was Atoi's errors).
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	if c := s[0]; c == '+' || c == '-' {
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
