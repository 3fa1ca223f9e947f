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

// TestFromActivities: a key made of a reading scores that reading at
// every check, and the same reading less an activity below it: what the
// PDF round trip relies on to compare one reading with another.
func TestFromActivities(t *testing.T) {
	r, err := reader.Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := data.Documents()[0]
	res, err := r.Read("2020-02.md", doc.Raw, reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k := keyscore.FromActivities("2020-02.md", res.Document.Month, res.Activities)
	if fails, total := keyscore.Score(k, res.Activities); len(fails) != 0 || total < 10*len(res.Activities) {
		t.Errorf("the reading against its own key: %d of %d checks failed: %v", len(fails), total, fails)
	}
	if fails, _ := keyscore.Score(k, res.Activities[1:]); len(fails) < 5 {
		t.Errorf("an activity left out fails only %d checks", len(fails))
	}
}
