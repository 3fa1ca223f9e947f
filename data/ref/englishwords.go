package ref

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed englishwords.tsv
var englishWordsTSV []byte

// Words is a set of lower-case English words.
type Words map[string]struct{}

// Has reports whether w, in lower case, is a word of the set.
func (ws Words) Has(w string) bool {
	_, ok := ws[w]
	return ok
}

// LoadWords reads englishwords.tsv: the English words a decoder checks
// a word broken at a line's end against, to tell "rights-" / "compliant"
// (two words, a compound) from "rep-" / "resentatives" (one word broken
// to fit the line). The table is one column of 80,000 rows, so it is
// read without the general TSV reader's copies: each word is a slice of
// one string.
func LoadWords() (Words, error) {
	all := string(englishWordsTSV)
	ws := make(Words, 80000)
	header := true
	for n := 1; all != ""; n++ {
		line, rest, _ := strings.Cut(all, "\n")
		all = rest
		line = strings.TrimRight(line, "\r")
		switch {
		case line == "" || line[0] == '#':
		case header:
			header = false
		case strings.ContainsAny(line, "\t ") || line != strings.ToLower(line):
			return nil, fmt.Errorf("englishwords.tsv:%d: %q is not one word in lower case", n, line)
		default:
			ws[line] = struct{}{}
		}
	}
	return ws, nil
}
