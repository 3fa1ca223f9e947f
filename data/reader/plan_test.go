package reader_test

import (
	"testing"

	"github.com/unoct/unoct/data/reader"
)

// TestPlan_LabelsAreNoActivities: in a section of unknown name, a
// bullet that is only a label (a side box's title, a donor) neither
// counts against the dated bullets that make it an activity section
// nor becomes an activity.
func TestPlan_LabelsAreNoActivities(t *testing.T) {
	doc := `# Highlights of February 2020

## Global Programme on Countering Terrorist Travel

- UNOCT delivered the goTravel software to Jordan. (20 February 2020, Amman)
- Other contributors

## Top donors

- Japan
- Norway
`
	res, err := mustReader(t).Read("2020-02.md", []byte(doc), reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Activities) != 1 || res.Activities[0].Sessions[0].City != "Amman" {
		t.Fatalf("activities %+v, want the one in Amman", res.Activities)
	}
}
