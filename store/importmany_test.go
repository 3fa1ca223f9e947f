package store_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// TestStore_ImportMany_SameAsOneByOne imports the same sequence of
// documents one Import at a time and in ImportMany batches, with copies,
// new versions (within a batch and across batches) and refused documents
// among them, and checks that the results and the stores are the same.
func TestStore_ImportMany_SameAsOneByOne(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	var items []store.ImportItem
	add := func(name, month string, as []model.Activity) {
		items = append(items, store.ImportItem{Doc: newDoc(name, month, as), Activities: as})
	}
	for d := range 12 {
		m := month(d)
		add("highlights-"+m+".md", m, synth(r, m, 10, 20+d, 50))
	}
	// A copy under another name, a new version of a document already
	// stored, then a second version of it in the same batch.
	add("copy.md", items[2].Doc.Month, items[2].Activities)
	m := month(3)
	add("highlights-"+m+".md", m, synth(r, m, 10, 15, 50))
	add("highlights-"+m+".md", m, synth(r, m, 12, 30, 50))
	// Refused: no lines, and a figure that does not encode.
	bad := synth(r, month(20), 10, 3, 50)
	bad[1].Source.Line = bad[0].Source.Line
	add("bad-lines.md", month(20), bad)
	nanDoc := newDoc("nan.md", month(21), synth(r, month(21), 10, 3, 50))
	nan := math.NaN()
	nanDoc.Facts.ContributionsUSD = &nan
	items = append(items, store.ImportItem{Doc: nanDoc, Activities: synth(r, month(21), 10, 3, 50)})
	// The same again, which changes nothing.
	add("highlights-"+month(5)+".md", month(5), items[5].Activities)
	for d := range 5 {
		m := month(30 + d)
		add("highlights-"+m+".md", m, synth(r, m, 10, 10, 50))
	}

	one := MustCreate(t)
	var want []string
	for _, it := range items {
		res, err := one.Import(it.Doc, it.Activities)
		want = append(want, describe(res, err))
	}
	for _, size := range []int{1, 3, 7, len(items)} {
		t.Run(fmt.Sprint("batch=", size), func(t *testing.T) {
			many := MustCreate(t)
			var got []string
			for i := 0; i < len(items); i += size {
				res, errs := many.ImportMany(items[i:min(i+size, len(items))])
				for j := range res {
					got = append(got, describe(res[j], errs[j]))
				}
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("item %d (%s): ImportMany %s, Import %s", i, items[i].Doc.Name, got[i], want[i])
				}
			}
			if a, b := contents(t, one), contents(t, many); a != b {
				t.Errorf("stores differ:\none by one %s\nin batches %s", a, b)
			}
			mustCheck(t, many)
		})
	}
}

func describe(res store.ImportResult, err error) string {
	if err != nil {
		return fmt.Sprintf("error(invalid=%v)", errors.Is(err, store.ErrInvalid))
	}
	return fmt.Sprintf("%s %s %s acts=%d removed=%d same=%q", res.Document, res.Month, res.Status, res.Activities, res.Removed, res.SameAs)
}

// contents is what a reader can see of a store, without the generation
// (which moves once per document in both ways, but not per batch).
func contents(t *testing.T, s *store.Store) string {
	t.Helper()
	snap := snapshot(t, s)
	for i, c := range snap {
		if c == '|' {
			return snap[i:]
		}
	}
	return snap
}

// TestStore_ImportMany_StoreErrorRollsBackTheBatch: a failure inside the
// transaction leaves no document of the batch imported, and the next
// batch (hash index included) works as if it had never been tried.
func TestStore_ImportMany_StoreErrorRollsBackTheBatch(t *testing.T) {
	s := fixture(t)
	before := snapshot(t, s)
	r := rand.New(rand.NewPCG(4, 4))
	var items []store.ImportItem
	for d := range 3 {
		m := month(40 + d)
		as := synth(r, m, 10, 5, 10)
		items = append(items, store.ImportItem{Doc: newDoc("h-"+m+".md", m, as), Activities: as})
	}
	boom := errors.New("injected failure")
	restore := store.SetImportHook(func() error { return boom })
	_, errs := s.ImportMany(items)
	restore()
	for i, err := range errs {
		if !errors.Is(err, boom) {
			t.Errorf("item %d: err = %v, want the injected failure", i, err)
		}
	}
	if after := snapshot(t, s); after != before {
		t.Fatalf("store changed by a failed batch")
	}
	res, errs := s.ImportMany(items)
	for i := range res {
		if errs[i] != nil || res[i].Status != store.Added {
			t.Errorf("item %d after the failure: %v %v, want added", i, res[i].Status, errs[i])
		}
	}
	mustCheck(t, s)
}
