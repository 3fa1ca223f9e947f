package keyscore_test

import (
	"testing"

	"github.com/unoct/unoct/data"
	"github.com/unoct/unoct/data/keyscore"
	"github.com/unoct/unoct/data/reader"
)

// Ensure that Score counts as the acceptance scorer does: the figures
// below are what shared/tools/score-extraction printed for the seed's
// key (the copy in testdata is byte for byte the one acceptance uses)
// against the whole output, the output less its first three (in line order)
// activities, and an empty output. A missing activity fails every check
// its key holds; it used to count as passed, so an empty output scored
// 90%.
func TestScore_MissingActivitiesFailTheirChecks(t *testing.T) {
	k, err := keyscore.Load("../../testdata/highlights/2020-02.expected.json")
	if err != nil {
		t.Fatal(err)
	}
	docs := data.Documents()
	if len(docs) == 0 {
		t.Fatal("no embedded document")
	}
	raw := docs[0].Raw
	r, err := reader.Default()
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Read(k.Document, raw, reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name         string
		drop         int
		passed, want int
	}{
		{"whole", 0, 245, 245},
		{"less its first three", 3, 182, 238},
		{"empty", len(res.Activities), 0, 218},
	} {
		fails, total := keyscore.Score(k, res.Activities[tc.drop:])
		if total != tc.want || total-len(fails) != tc.passed {
			t.Errorf("%s: %d/%d checks, the acceptance scorer gives %d/%d", tc.name, total-len(fails), total, tc.passed, tc.want)
		}
	}
}
