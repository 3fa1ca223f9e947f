package store_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// dayReader reads "- TEXT (DAY)" as an activity of the document's month
// on that day ("- TEXT" alone: undated); version "shift" reads every day
// one later, so that a re-derivation moves activities in the order.
type dayReader struct{ version string }

func (r dayReader) Version() string { return cmp.Or(r.version, "test-1") }

func (r dayReader) Derive(name string, raw []byte, month string) (model.Derived, error) {
	month = cmp.Or(month, strings.TrimSuffix(name, ".md"))
	var acts []model.Activity
	for i, l := range strings.Split(string(raw), "\n") {
		text, ok := strings.CutPrefix(l, "- ")
		if !ok {
			continue
		}
		a := model.Activity{Text: text, Kind: model.KindMeeting, Source: model.Source{Line: i + 1}}
		if open := strings.LastIndex(text, "("); open > 0 {
			if day, err := strconv.Atoi(strings.TrimSuffix(text[open+1:], ")")); err == nil {
				if r.version == "shift" {
					day++
				}
				d := fmt.Sprintf("%s-%02d", month, day)
				a.Sessions = []model.Session{{Start: d, End: d}}
			}
		}
		acts = append(acts, a)
	}
	return model.Derived{Doc: model.Document{Name: name, Month: month, Raw: raw}, Activities: acts}, nil
}

// dayDoc makes a document of n bullets, some undated, the days drawn
// from r.
func dayDoc(r *rand.Rand, tag string, n int) string {
	var b strings.Builder
	b.WriteString("# Highlights\n")
	for i := range n {
		if r.IntN(6) == 0 {
			fmt.Fprintf(&b, "- %s note %d\n", tag, i)
			continue
		}
		fmt.Fprintf(&b, "- %s meeting %d (%d)\n", tag, i, 1+r.IntN(27))
	}
	return b.String()
}

// wantOrder is the default order computed from the activities
// themselves: first session's start date (an undated activity at its
// month's day 00), then id.
func wantOrder(t *testing.T, s *store.Store, ids []uint32) []uint32 {
	t.Helper()
	all, err := s.Get(ids...)
	if err != nil {
		t.Fatal(err)
	}
	key := func(a model.Activity) string {
		if len(a.Sessions) > 0 {
			return a.Sessions[0].Start
		}
		return a.Month + "-00"
	}
	slices.SortFunc(all, func(a, b model.Activity) int {
		return cmp.Or(strings.Compare(key(a), key(b)), cmp.Compare(a.ID, b.ID))
	})
	out := make([]uint32, len(all))
	for i, a := range all {
		out[i] = a.ID
	}
	return out
}

// assertOrder checks that a new handle on the store lists every
// activity in the default order, that the kept order is current when
// want says so, and that Check finds nothing.
func assertOrder(t *testing.T, path, step string, kept bool) {
	t.Helper()
	s := MustOpen(t, path)
	res, err := s.Query(model.Query{})
	if err != nil {
		t.Fatal(step, err)
	}
	if want := wantOrder(t, s, res.IDs); !slices.Equal(res.IDs, want) {
		t.Errorf("%s: order %v, want %v", step, res.IDs, want)
	}
	if got, err := store.OrderKept(s); err != nil || got != kept {
		t.Errorf("%s: order kept %v (%v), want %v", step, got, err, kept)
	}
	if err := s.Check(); err != nil {
		t.Errorf("%s: %v", step, err)
	}
}

// TestOrder_KeptThroughChanges: the default order kept in the store
// follows every kind of write (import of one document or of many in one
// batch, a new version with other dates, a correction that takes an
// activity out of the lists, a removal, a re-derivation that moves every
// date), and a stale one (a write that did not keep it) is read from
// starts instead and rebuilt by the next write.
func TestOrder_KeptThroughChanges(t *testing.T) {
	s := MustCreate(t)
	path := s.Path()
	r := rand.New(rand.NewPCG(7, 1))
	var inputs []store.Input
	for i := range 6 {
		m := month(i)
		inputs = append(inputs, store.Input{Name: m + ".md", Raw: []byte(dayDoc(r, m, 30))})
	}
	if err := s.ImportInputs(dayReader{}, inputs, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	assertOrder(t, path, "batch import", true)

	m := month(2)
	if err := s.ImportInputs(dayReader{}, []store.Input{{Name: m + ".md", Raw: []byte(dayDoc(r, m, 25))}}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	assertOrder(t, path, "new version", true)

	res, err := s.Query(model.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Fix(res.IDs[len(res.IDs)/2], func(c *model.Correction) error { c.NotActivity = true; return nil }); err != nil {
		t.Fatal(err)
	}
	assertOrder(t, path, "not an activity", true)

	if err := s.Remove(month(4) + ".md"); err != nil {
		t.Fatal(err)
	}
	assertOrder(t, path, "removal", true)

	if err := s.Rederive(dayReader{version: "shift"}, nil); err != nil {
		t.Fatal(err)
	}
	assertOrder(t, path, "re-derivation", true)

	// A write that moves the generation on without keeping the order
	// (as an older unoct would): the order is read from starts.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		g := meta.Get([]byte("generation"))
		next := append([]byte(nil), g...)
		next[len(next)-1]++
		return meta.Put([]byte("generation"), next)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	assertOrder(t, path, "stale", false)

	m = month(7)
	if err := s.ImportInputs(dayReader{}, []store.Input{{Name: m + ".md", Raw: []byte(dayDoc(r, m, 10))}}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	assertOrder(t, path, "rebuilt by the next write", true)
}
