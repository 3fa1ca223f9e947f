package ref

import (
	"strings"
	"testing"
)

// TestCues: every role of every cue table has rows, and the rows the
// reader's code once held are there.
func TestCues(t *testing.T) {
	r, err := LoadRules()
	if err != nil {
		t.Fatal(err)
	}
	for _, tab := range r.Cues.tables() {
		for name, ro := range tab.roles {
			if len(*ro.rows) == 0 {
				t.Errorf("%s: no row of role %s", tab.name, name)
			}
		}
	}
	for _, tc := range []struct {
		rows []string
		want string
	}{
		{r.Virtual, "webinar"}, {r.Format, "via"}, {r.Headquarters, "UN Headquarters"}, {r.HeadquartersWords, "headquarters"},
		{r.Partner, "funded by"}, {r.Place, "in"}, {r.Host, "government"}, {r.List, ", as well as"},
		{r.NotPartner, "Secretary-General"}, {r.Citation, "resolution*"},
		{r.Approximate, "more than"}, {r.Stop, "on-line"}, {r.Reference, "these"}, {r.CountAgain, "from"}, {r.Total, "now"},
		{r.DateRange, "until"}, {r.DateList, "and"}, {r.DateFiller, "throughout"}, {r.Joiners, "against"},
	} {
		found := false
		for _, w := range tc.rows {
			found = found || w == tc.want
		}
		if !found {
			t.Errorf("no row %q among %q", tc.want, tc.rows)
		}
	}
}

// TestCuesErrorsNameTheLine: a misspelt role, a row without words or a
// phrase where one word goes is refused with the table and line.
func TestCuesErrorsNameTheLine(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"# c\nrole\twords\nvirtaul\tskype\n", `placewords.tsv:3: role "virtaul" is not one of format, headquarters, headquarters-word, virtual`},
		{"role\twords\nvirtual\t\n", "placewords.tsv:2: role virtual without words"},
		{"role\twords\nvirtual\tvideo conference\n", "placewords.tsv:2"},
		{"role\twords\nvirtual\tvideo-conference\n", "placewords.tsv:2"},
		{"role\n", "placewords.tsv:1: header has 1 columns"},
	} {
		var c Cues
		tab := c.tables()[0]
		tab.data = []byte(tc.data)
		if err := tab.load(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.data, err, tc.want)
		}
	}
}
