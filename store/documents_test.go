package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// TestRemoveDocument removes a document and its activities, records the
// name among the removed ones (which survive reopening the file), and
// leaves the other documents alone.
func TestRemoveDocument(t *testing.T) {
	s := MustCreate(t)
	feb := acts("2020-02", act{line: 3, text: "a training", kind: model.KindTraining}, act{line: 5, text: "a briefing"})
	mar := acts("2020-03", act{line: 4, text: "a workshop", kind: model.KindWorkshop})
	before := time.Now().Add(-time.Second)
	mustImport(t, s, newDoc("feb.md", "2020-02", feb), feb)
	mustImport(t, s, newDoc("mar.md", "2020-03", mar), mar)

	docs, err := s.Docs()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Name != "feb.md" || docs[0].Activities != 2 || docs[0].Reader != "test-1" {
		t.Fatalf("Docs = %+v", docs)
	}
	if docs[0].Imported.Before(before.Truncate(time.Second)) || docs[0].Imported.After(time.Now().Add(time.Second)) {
		t.Errorf("Imported = %v, want about now", docs[0].Imported)
	}

	gone, err := s.RemoveDocument("feb.md")
	if err != nil {
		t.Fatal(err)
	}
	if gone.Name != "feb.md" || gone.Activities != 2 {
		t.Errorf("RemoveDocument = %+v", gone)
	}
	if _, err := s.RemoveDocument("feb.md"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second RemoveDocument: %v, want ErrNotFound", err)
	}
	page, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || page.Rows[0].Text != "a workshop" {
		t.Errorf("after removal: %d activities %+v", page.Total, page.Rows)
	}

	again := MustOpen(t, s.Path())
	removed, err := again.Removed()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(removed, []string{"feb.md"}) {
		t.Errorf("Removed = %q, want [feb.md]", removed)
	}
	if err := again.Check(); err != nil {
		t.Errorf("Check after removal: %v", err)
	}
}
