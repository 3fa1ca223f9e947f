package store_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/unoct/unoct/model"
)

// Ensure that a viewer holding an index of a store sees the store's new
// contents when the file is replaced by another store at the same
// generation (what doctor --rebuild does): the stamp's epoch tells them
// apart, where the generation alone matched and the viewer kept naming
// the old activities.
func TestStore_Stamp_RebuiltFileAtSameGeneration(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "unoct.db")
	a := MustOpen(t, path)
	feb, mar := febActs(), marActs()
	mustImport(t, a, newDoc(febName, "2020-02", feb), feb)

	viewer := MustOpen(t, path)
	before, err := viewer.Query(model.Query{})
	if err != nil {
		t.Fatal(err)
	}

	// Another store, the same number of writes, other contents.
	other := filepath.Join(dir, "rebuilt.db")
	b := MustOpen(t, other)
	mustImport(t, b, newDoc(marName, "2020-03", mar), mar)
	ga, _ := a.Generation()
	gb, _ := b.Generation()
	if ga.Gen != gb.Gen || ga.Epoch == gb.Epoch || ga.Epoch == 0 {
		t.Fatalf("stamps %+v and %+v: want the same generation, other nonzero epochs", ga, gb)
	}
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}

	after, err := viewer.Query(model.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if after.Generation != gb || len(after.IDs) != len(mar) {
		t.Errorf("viewer after the rebuild: stamp %+v, %d activities; want %+v and %d (it had %d)",
			after.Generation, len(after.IDs), gb, len(mar), len(before.IDs))
	}
	docs, err := viewer.Counts(model.Query{}, model.FacetDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(docs, func(v model.FacetValue) bool { return v.Value == marName }) ||
		slices.ContainsFunc(docs, func(v model.FacetValue) bool { return v.Value == febName }) {
		t.Errorf("viewer's documents after the rebuild: %v", docs)
	}
}
