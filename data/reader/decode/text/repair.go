package text

import (
	"slices"

	"github.com/unoct/unoct/data/reader/decode"

	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// chars mends characters PDF text gets wrong: ligatures, the spaces
// that are not spaces, invisible marks.
var chars = strings.NewReplacer(
	"ﬁ", "fi", "ﬂ", "fl", "ﬀ", "ff", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "ft", "ﬆ", "st",
	"\u00a0", " ", "\u2007", " ", "\u202f", " ", "\u2009", " ", "\u2002", " ", "\u2003", " ",
	"\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "",
	"\r", " ", "\n", " ", "\t", " ",
)

// apostropheRE is a `?` or a replacement character that stands for a
// curly apostrophe the extraction lost: "next year?s", "don\uFFFDt".
var apostropheRE = regexp.MustCompile(`(\p{L})[?\x{FFFD}](s|t|ll|re|ve|d|m)\b`)

// clean is one line's text with its characters mended and its links
// and hashtags left out. A soft hyphen at the end stays, as the mark of
// a line-end hyphen (U+0002, which PDFium writes).
func clean(s string) string {
	s = chars.Replace(s)
	s = strings.ReplaceAll(s, "\u00ad", "\u0002")
	// Each pattern runs only where it can match: most lines have no
	// `?`, link or hashtag, and a regexp pass costs more than the check.
	if strings.ContainsAny(s, "?\ufffd") {
		s = apostropheRE.ReplaceAllString(s, "$1’$2")
		s = strings.ReplaceAll(s, "\ufffd", "’")
	}
	if mayLink(s) {
		s = webRE.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "#") {
		s = hashtagRE.ReplaceAllString(s, "")
	}
	s = strings.Map(func(r rune) rune {
		if r != '\u0002' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// mend joins a block's lines into one: a hyphen at a line's end (or the
// "word- word" careless extraction leaves mid-line) is dropped when it
// only broke a word and kept when the word has one; then words split
// apart by letter spacing are joined.
func mend(lines []string, vocab map[string]int, words decode.Words) string {
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if i > 0 {
			prev := b.String()
			switch {
			case strings.HasSuffix(prev, "\u0002") || strings.HasSuffix(prev, "-") && endsWord(prev[:len(prev)-1]):
				cutAt := len(prev) - 1
				if strings.HasSuffix(prev, "\u0002") {
					cutAt = len(prev) - len("\u0002")
				}
				left := prev[:cutAt]
				b.Reset()
				b.WriteString(left)
				if keepHyphen(lastWord(left), firstWord(l), vocab, words) {
					b.WriteString("-")
				}
			default:
				b.WriteString(" ")
			}
		}
		b.WriteString(l)
	}
	s := strings.ReplaceAll(b.String(), "\u0002", "-")
	if strings.Contains(s, "- ") {
		s = midHyphenRE.ReplaceAllStringFunc(s, func(m string) string {
			sub := midHyphenRE.FindStringSubmatch(m)
			if keepHyphen(sub[1], sub[2], vocab, words) {
				return sub[1] + "-" + sub[2]
			}
			return sub[1] + sub[2]
		})
	}
	return joinSplit(splitRunTogether(s, vocab), vocab)
}

// splitRunTogether splits words that lost the space between them where
// a lower-case letter meets a capital ("BuildingHighlight s"), when the
// first part is a word the document writes and the second is one too,
// or starts one with the next word ("Highlight s").
func splitRunTogether(s string, vocab map[string]int) string {
	if !hasInnerCapital(s) {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		rs := []rune(w)
		for j := 4; j+1 < len(rs)-1; j++ {
			if !unicode.IsLower(rs[j-1]) || !unicode.IsUpper(rs[j]) || !unicode.IsLower(rs[j+1]) {
				continue
			}
			a, b := string(rs[:j]), string(rs[j:])
			la := strings.ToLower(strings.TrimFunc(a, notWordRune))
			lb := strings.ToLower(strings.TrimFunc(b, notWordRune))
			next := ""
			if i+1 < len(words) {
				next = strings.ToLower(strings.TrimFunc(words[i+1], notWordRune))
			}
			if vocab[la] > 0 && (vocab[lb] > 0 || next != "" && vocab[lb+next] > 0) && utf8.RuneCountInString(lb) >= 4 {
				words[i] = a + " " + b
				break
			}
		}
	}
	return strings.Join(words, " ")
}

// hasInnerCapital reports whether a lower-case letter is followed by a
// capital somewhere in s.
func hasInnerCapital(s string) bool {
	prevLower := false
	for _, r := range s {
		if prevLower && unicode.IsUpper(r) {
			return true
		}
		prevLower = unicode.IsLower(r)
	}
	return false
}

// midHyphenRE is a word broken at a line end that careless extraction
// left as "capacity- building".
var midHyphenRE = regexp.MustCompile(`(\p{L}+)- (\p{Ll}+)`)

func endsWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimLeftFunc(f[len(f)-1], func(r rune) bool { return !unicode.IsLetter(r) })
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimRightFunc(f[0], func(r rune) bool { return !unicode.IsLetter(r) })
}

// keepHyphen tells a hyphen that belongs to the word ("Al-Qaida",
// "capacity-building", "counter-terrorism") from one that only broke it
// at a line's end ("col-laboration"): the document's own spelling
// elsewhere decides, then a capital after the hyphen, then the prefixes
// that make compounds, then the language: a word broken to fit a line is
// a word whole ("com-posed") and leaves a fragment on one side
// ("imple-mentation", "rep-resentatives", "develop-ment"); a compound
// ("rights-compliant") is two words, the second no mere ending. A word
// counts as one when the language's words have it or the document
// writes it whole elsewhere.
func keepHyphen(left, right string, vocab map[string]int, words decode.Words) bool {
	if left == "" || right == "" {
		return true
	}
	l, r := strings.ToLower(left), strings.ToLower(right)
	if vocab[l+"-"+r] > 0 {
		return true
	}
	if vocab[l+r] > 0 {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(right); unicode.IsUpper(first) || unicode.IsDigit(first) {
		return true
	}
	// The last part of a compound broken after it ("training-of-" /
	// "trainers") is measured alone.
	if compoundPrefix[l] || compoundPrefix[l[strings.LastIndexByte(l, '-')+1:]] {
		return true
	}
	has := func(w string) bool { return words != nil && words.Has(w) }
	if has(l + "-" + r) {
		return true // a hyphenated name: "Anyang-si"
	}
	if has(l + r) {
		return false
	}
	if words != nil {
		known := func(w string) bool { return has(w) || vocab[w] > 0 }
		return known(l) && known(r) && utf8.RuneCountInString(l) >= 2 && utf8.RuneCountInString(r) >= 3 && !wordEnding(r)
	}
	// With no language's words, both halves must be written whole
	// elsewhere (vocabulary does not count a word right after a
	// hyphen), and long: a short half is more often a syllable that
	// happens to be a word ("com-posed", "pro-posed").
	return vocab[l] > 0 && vocab[r] > 0 && utf8.RuneCountInString(l) >= 5 && utf8.RuneCountInString(r) >= 5 && !wordEnding(r)
}

// wordEnding reports whether s is an ending that a line break leaves
// alone on the next line ("ment", "ations", "ing"): never a word of its
// own, so a hyphen before it broke a word.
func wordEnding(s string) bool {
	for _, e := range wordEndings {
		if s == e || s == e+"s" {
			return true
		}
	}
	return false
}

var wordEndings = []string{"ment", "ation", "tion", "sion", "ing", "ness", "ity", "ance", "ence", "ship",
	"able", "ible", "ally", "ized", "ised", "ize", "ise", "ive", "ed", "er", "al", "ly", "ful", "less",
	"ism", "ist", "ic", "ical", "ary", "ory", "ant", "ent", "ure", "ous", "ative", "izing", "ising"}

// compoundPrefix are words the office joins to the next with a hyphen.
var compoundPrefix = map[string]bool{
	"counter": true, "self": true, "non": true, "cross": true, "anti": true, "multi": true, "well": true,
	"high": true, "long": true, "follow": true, "full": true, "mid": true, "socio": true, "pre": true,
	"post": true, "co": true, "capacity": true, "two": true, "three": true, "four": true, "five": true,
	"one": true, "e": true, "in": true, "on": true, "side": true, "gender": true, "human": true,
	"decision": true, "law": true, "state": true, "government": true, "evidence": true, "community": true,
	"youth": true, "trainers": true, "training": true, "of": true, "day": true, "year": true,
}

// joinSplit joins words letter spacing split apart ("Count er ing Ter
// ror ist", "Program m e", "Mem oranda"): two to five neighbours, all
// letters, are joined when the document writes the joined word whole
// elsewhere and a part is a fragment (a short non-word, or a word the
// document has only here).
func joinSplit(s string, vocab map[string]int) string {
	words := strings.Split(s, " ")
	if len(words) < 2 {
		return s
	}
	// Which words are fragments, once: most are not, and a run of
	// words with none is never joined, so most runs are not built.
	fragment := make([]bool, len(words))
	for j, w := range words {
		wk := strings.ToLower(strings.TrimFunc(w, notWordRune))
		fragment[j] = vocab[wk] <= 1 || utf8.RuneCountInString(wk) <= 3 && !commonShort[wk]
	}
	var out []string
	for i := 0; i < len(words); {
		joined := false
		for k := min(5, len(words)-i); k >= 2; k-- {
			if !slices.Contains(fragment[i:i+k], true) {
				continue
			}
			parts := words[i : i+k]
			cand := strings.Join(parts, "")
			key := strings.ToLower(strings.TrimFunc(cand, notWordRune))
			if vocab[key] == 0 || utf8.RuneCountInString(key) < 5 || !lettersOnly(parts) {
				continue
			}
			out = append(out, cand)
			i += k
			joined = true
			break
		}
		if !joined {
			out = append(out, words[i])
			i++
		}
	}
	return strings.Join(out, " ")
}

// lettersOnly reports whether words are letters, but for punctuation
// before the first and after the last.
func lettersOnly(words []string) bool {
	for i, w := range words {
		if i > 0 {
			w = strings.TrimRightFunc(w, notLetter)
		}
		if i < len(words)-1 {
			w = strings.TrimLeftFunc(w, notLetter)
		}
		if i == 0 {
			w = strings.TrimLeftFunc(w, notLetter)
		}
		if i == len(words)-1 {
			w = strings.TrimRightFunc(w, notLetter)
		}
		if w == "" || strings.IndexFunc(w, notLetter) >= 0 {
			return false
		}
	}
	return true
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// commonShort are short words that are words on their own: never a
// fragment to join.
var commonShort = map[string]bool{"a": true, "an": true, "as": true, "at": true, "by": true, "in": true, "of": true,
	"on": true, "or": true, "to": true, "un": true, "eu": true, "is": true, "it": true, "be": true, "we": true, "no": true}

// mayLink reports whether s may hold a link urlRE finds.
func mayLink(s string) bool {
	return strings.Contains(s, "www.") || strings.Contains(s, "://") || strings.Contains(s, ".org") ||
		strings.Contains(s, ".com") || strings.Contains(s, ".int") || strings.Contains(s, ".net")
}
