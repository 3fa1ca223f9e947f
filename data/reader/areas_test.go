package reader_test

import (
	"slices"
	"testing"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
)

// Ensure that an activity's areas hold every M49 level of the countries
// it takes place in, the policy regions they are members of, and the
// regions it names with the M49 levels above them; the regions stay the
// most specific groupings.
func TestRead_Areas(t *testing.T) {
	doc := "# Highlights\n\n## Capacity-Building\n\n" +
		"- UNCCT trained 40 officials in Lomé (3 June 2021, Lomé, Togo).\n" +
		"- UNOCT briefed partners on the situation in West Africa (4 June 2021, New York).\n"
	res, err := mustReader(t).Read("2021-06.md", []byte(doc), reader.Options{Month: "2021-06"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Activities) != 2 {
		t.Fatalf("%d activities", len(res.Activities))
	}
	names := func(a model.Activity) []string {
		var out []string
		for _, ar := range a.Areas {
			out = append(out, ar.Name+"|"+ar.Kind)
		}
		return out
	}
	lome := res.Activities[0]
	if !slices.Equal(lome.Regions, []string{"Western Africa"}) {
		t.Errorf("Lomé regions %q", lome.Regions)
	}
	for _, want := range []string{"Africa|M49 region", "Sub-Saharan Africa|M49 sub-region", "Western Africa|M49 intermediate region",
		"West Africa|policy region", "West and Central Africa|policy region"} {
		if !slices.Contains(names(lome), want) {
			t.Errorf("Lomé areas %q lack %q", names(lome), want)
		}
	}
	if slices.Contains(names(lome), "Sahel|policy region") {
		t.Errorf("Togo is not in the Sahel: %q", names(lome))
	}
	named := res.Activities[1]
	for _, want := range []string{"West Africa|policy region", "Western Africa|M49 intermediate region", "Sub-Saharan Africa|M49 sub-region", "Africa|M49 region"} {
		if !slices.Contains(names(named), want) {
			t.Errorf("naming West Africa: areas %q lack %q", names(named), want)
		}
	}
}
