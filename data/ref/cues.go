package ref

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/unoct/unoct/model"
)

var (
	//go:embed placewords.tsv
	placewordsTSV []byte
	//go:embed partnerwords.tsv
	partnerwordsTSV []byte
	//go:embed countwords.tsv
	countwordsTSV []byte
	//go:embed datewords.tsv
	datewordsTSV []byte
)

// Cues are the words around a place, a name, a number or a date that
// decide how the reader reads it. Each list holds its table's rows as
// written; the tables' comments say how each role is matched.
type Cues struct {
	// placewords.tsv: a session's place.
	Virtual           []string // make a session virtual: "online"
	Format            []string // left out of a virtual session's venue: "via"
	Headquarters      []string // places that are the UN Headquarters: "NYC"
	HeadquartersWords []string // words that make a place the UN Headquarters
	// partnerwords.tsv: a Member State as partner or place.
	Partner    []string // words before a State that make it a partner: "funded by"
	Place      []string // words before a State that make it a place: "in"
	Host       []string // nouns before "of" that make the State a partner: "Government"
	List       []string // what joins two items of one list: ", as well as"
	NotPartner []string // bodies never partners: "Secretary-General"
	Citation   []string // words after a body that make it a citation: "resolution*"
	HostAdj    []string // nouns after a State's adjective that stand for the State: "Chairmanship"
	Presenter  []string // verbs that make the body after "to" one being briefed: "presented"
	Recipient  []string // words before a State's body that make it whom the activity served: "to"
	Elsewhere  []string // words before a State that make it another thing's place: "border with"
	ElseAfter  []string // the word after a State that does: "border"
	// countwords.tsv: the counts of a bullet.
	Approximate []string // before a number, make it a lower bound: "over"
	Estimate    []string // before a number, make it an estimate: "some"
	Stop        []string // after a number, end the search for its noun: "for"
	Reference   []string // before a number, make it refer back: "the"
	CountAgain  []string // before a reference word, make it a count: "from"
	Total       []string // before a number, make it a total: "now"
	// datewords.tsv: a session's dates.
	DateRange  []string // join a range's ends: "to"
	DateList   []string // join the dates of a list: "and"
	DateFiller []string // carried by a date without changing it: "from"
}

// role is one role of a cue table: where its rows go and what a row
// may be.
type role struct {
	rows    *[]string
	oneWord bool // no space in a row
	folded  bool // compared folded: a row must fold to one word ("video-conference" is two)
}

// cueTable is a cue table and its roles.
type cueTable struct {
	name  string
	data  []byte
	roles map[string]role
}

func (c *Cues) tables() []cueTable {
	return []cueTable{
		{"placewords.tsv", placewordsTSV, map[string]role{
			"virtual":           {&c.Virtual, true, true},
			"format":            {&c.Format, true, true},
			"headquarters":      {&c.Headquarters, false, false},
			"headquarters-word": {&c.HeadquartersWords, true, true},
		}},
		{"partnerwords.tsv", partnerwordsTSV, map[string]role{
			"partner":         {&c.Partner, false, false},
			"place":           {&c.Place, false, false},
			"host":            {&c.Host, false, false},
			"list":            {&c.List, false, false},
			"not-partner":     {&c.NotPartner, false, false},
			"citation":        {&c.Citation, true, true},
			"host-adjective":  {&c.HostAdj, true, true},
			"presenter":       {&c.Presenter, true, true},
			"recipient":       {&c.Recipient, false, false},
			"elsewhere":       {&c.Elsewhere, false, false},
			"elsewhere-after": {&c.ElseAfter, true, true},
		}},
		{"countwords.tsv", countwordsTSV, map[string]role{
			"approximate": {&c.Approximate, false, false},
			"estimate":    {&c.Estimate, false, false},
			"stop":        {&c.Stop, true, false},
			"reference":   {&c.Reference, true, false},
			"count-again": {&c.CountAgain, true, false},
			"total":       {&c.Total, false, false},
		}},
		{"datewords.tsv", datewordsTSV, map[string]role{
			"range":  {&c.DateRange, true, false},
			"list":   {&c.DateList, true, false},
			"filler": {&c.DateFiller, true, false},
		}},
	}
}

// loadCues parses the cue tables into c.
func loadCues(c *Cues) error {
	for _, t := range c.tables() {
		if err := t.load(); err != nil {
			return err
		}
	}
	return nil
}

func (t cueTable) load() error {
	return eachRow(t.name, t.data, 2, func(n int, cols []string) error {
		r, ok := t.roles[cols[0]]
		if !ok {
			var names []string
			for n := range t.roles {
				names = append(names, n)
			}
			slices.Sort(names)
			return fmt.Errorf("role %q is not one of %s", cols[0], strings.Join(names, ", "))
		}
		if cols[1] == "" {
			return fmt.Errorf("role %s without words", cols[0])
		}
		if r.oneWord && strings.ContainsAny(cols[1], " \t") || r.folded && len(model.Words(strings.TrimSuffix(cols[1], "*"))) != 1 {
			return fmt.Errorf("%q: role %s takes one word a row (punctuation splits words)", cols[1], cols[0])
		}
		*r.rows = append(*r.rows, cols[1])
		return nil
	})
}
