package reader

import (
	"strings"

	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
)

// cueTables are the cue words of data/ref (placewords.tsv,
// partnerwords.tsv, countwords.tsv, datewords.tsv and the joiners of
// words.tsv) as the reader looks them up, built once per reader.
type cueTables struct {
	// A session's place; folded words and places.
	virtual, format, headquarters map[string]bool
	hqWords                       []string
	// A Member State as partner or place: folded word sequences.
	partner, place, host [][]string
	recipient            [][]string      // before a State's body: "to", "for"
	hostAdj              map[string]bool // after a State's adjective, folded: "chairmanship"
	presenter            map[string]bool // before a body after "to", folded: "presented"
	list                 map[string]bool // normalized by listLink
	notPartner           map[string]bool // folded names
	citation             []cueWord       // folded words
	// A State as the place of something else: folded word sequences
	// before it, folded words after it.
	elsewhere [][]string
	elseAfter map[string]bool
	// Counts: lower-case words and word sequences.
	approximate, estimate, total [][]string
	stop, reference, countAgain  map[string]bool
	// Dates: lower-case words.
	dateRange, dateList, dateFiller map[string]bool
	// Small words inside names and titles, lower case.
	joiners map[string]bool
	// Words that end an event's name, folded; words that continue a
	// title, as written.
	events, jobs map[string]bool
}

func foldedList(rows []string) []string {
	out := make([]string, len(rows))
	for i, w := range rows {
		out[i] = model.Fold(w)
	}
	return out
}

func newCueTables(rules *ref.Rules) *cueTables {
	folded := func(rows []string) map[string]bool {
		m := map[string]bool{}
		for _, w := range rows {
			m[model.Fold(w)] = true
		}
		return m
	}
	lower := func(rows []string) map[string]bool {
		m := map[string]bool{}
		for _, w := range rows {
			m[strings.ToLower(w)] = true
		}
		return m
	}
	seqs := func(rows []string, split func(string) []string) [][]string {
		var out [][]string
		for _, w := range rows {
			if ws := split(w); len(ws) > 0 {
				out = append(out, ws)
			}
		}
		return out
	}
	lowerFields := func(s string) []string { return strings.Fields(strings.ToLower(s)) }
	c := &cueTables{
		virtual:      folded(rules.Virtual),
		format:       folded(rules.Format),
		headquarters: folded(rules.Headquarters),
		hqWords:      foldedList(rules.HeadquartersWords),
		partner:      seqs(rules.Partner, model.Words),
		place:        seqs(rules.Place, model.Words),
		host:         seqs(rules.Host, model.Words),
		recipient:    seqs(rules.Recipient, model.Words),
		hostAdj:      folded(rules.HostAdj),
		presenter:    folded(rules.Presenter),
		list:         map[string]bool{},
		notPartner:   folded(rules.NotPartner),
		approximate:  seqs(rules.Approximate, lowerFields),
		estimate:     seqs(rules.Estimate, lowerFields),
		total:        seqs(rules.Total, lowerFields),
		stop:         lower(rules.Stop),
		reference:    lower(rules.Reference),
		countAgain:   lower(rules.CountAgain),
		dateRange:    lower(rules.DateRange),
		dateList:     lower(rules.DateList),
		dateFiller:   lower(rules.DateFiller),
		joiners:      lower(rules.Joiners),
		elsewhere:    seqs(rules.Elsewhere, model.Words),
		elseAfter:    folded(rules.ElseAfter),
		events:       folded(rules.Events),
		jobs:         map[string]bool{},
	}
	for _, w := range rules.Jobs {
		c.jobs[w] = true
	}
	for _, l := range rules.List {
		c.list[listLink(strings.ToLower(l))] = true
	}
	for _, w := range rules.Citation {
		stem, prefix := strings.CutSuffix(w, "*")
		c.citation = append(c.citation, cueWord{model.Fold(stem), prefix})
	}
	return c
}

// cueWord is a word of a cue table; a row written with a trailing *
// matches any ending.
type cueWord struct {
	word   string
	prefix bool
}

// endsWith reports whether one of seqs is the words ending at word end
// of words (word(i) gives word i).
func endsWith(seqs [][]string, end int, word func(int) string) bool {
next:
	for _, seq := range seqs {
		start := end - len(seq) + 1
		if start < 0 {
			continue
		}
		for k, w := range seq {
			if word(start+k) != w {
				continue next
			}
		}
		return true
	}
	return false
}

// holds reports whether one of seqs is among the words [from, to).
func holds(seqs [][]string, from, to int, word func(int) string) bool {
	for end := from; end < to; end++ {
		if endsWith(seqs, end, func(i int) string {
			if i < from {
				return "" // no cue word is empty: before from, nothing matches
			}
			return word(i)
		}) {
			return true
		}
	}
	return false
}

// isCitation reports whether a folded word is a citation word.
func (c *cueTables) isCitation(fold string) bool {
	for _, w := range c.citation {
		if fold == w.word || w.prefix && strings.HasPrefix(fold, w.word) {
			return true
		}
	}
	return false
}

// listLinkNoise is what listLink leaves out (a Replacer is safe for
// concurrent use and costly to build).
var listLinkNoise = strings.NewReplacer("(", " ", ")", " ", "the ", " ")

// listLink is the text between two items of one list as the list rows
// are compared: brackets and "the" left out, spaces folded.
func listLink(s string) string {
	s = listLinkNoise.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
