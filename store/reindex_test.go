package store_test

import (
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// editBolt changes the store file behind the store's back, as an older
// unoct would have left it.
func editBolt(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// rawFacets reads meta's facets key and the labels bucket.
func rawFacets(t *testing.T, path string) (fingerprint string, labels map[string]string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	labels = map[string]string{}
	err = db.View(func(tx *bolt.Tx) error {
		fingerprint = string(tx.Bucket([]byte("meta")).Get([]byte("facets")))
		return tx.Bucket([]byte("labels")).ForEach(func(k, v []byte) error {
			labels[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return fingerprint, labels
}

// staleQueries are what a screen asks of the fixture.
var staleQueries = []model.Query{
	{},
	q("", "partner", "UNODC"),
	q("", "country", "ML", "country", "NE"),
	q("border", "pillar", "II"),
}

// answers is everything the queries give: ids, every facet's counts
// with their names, and each partner's label.
func answers(t *testing.T, s *store.Store) []any {
	t.Helper()
	var out []any
	for _, query := range staleQueries {
		sc, err := s.Screen(query, store.Page{Limit: 10})
		if err != nil {
			t.Fatalf("Screen(%v): %v", query, err)
		}
		out = append(out, sc.IDs, sc.Counts, sc.Without)
	}
	return out
}

// makeOld turns the fixture into a store written before the facet
// fingerprint: no facets key, and partner labels composed as "ACR — Name".
func makeOld(tx *bolt.Tx) error {
	if err := tx.Bucket([]byte("meta")).Delete([]byte("facets")); err != nil {
		return err
	}
	labels := tx.Bucket([]byte("labels"))
	for k, v := range map[string]string{
		"partner\x00UNODC": "UNODC — United Nations Office on Drugs and Crime",
		"partner\x00EU":    "EU — European Union",
	} {
		if err := labels.Put([]byte(k), []byte(v)); err != nil {
			return err
		}
	}
	return nil
}

// Ensure that a store whose labels hold composed strings, written before
// the facet fingerprint, re-indexes on first open: its labels are names
// again, its generation moves, and it stays uniform and sound.
func TestStore_Open_ReindexesComposedLabels(t *testing.T) {
	s := fixture(t)
	want := answers(t, s)
	editBolt(t, s.Path(), makeOld)
	gen := generation(t, s)

	s2 := MustOpen(t, s.Path())
	fp, labels := rawFacets(t, s.Path())
	if fp != model.FacetsFingerprint() {
		t.Errorf("fingerprint after open = %q, want %q", fp, model.FacetsFingerprint())
	}
	if got := labels["partner\x00UNODC"]; got != unodc.Name {
		t.Errorf("UNODC's label = %q, want %q", got, unodc.Name)
	}
	if got := labels["partner\x00EU"]; got != eu.Name {
		t.Errorf("EU's label = %q, want %q", got, eu.Name)
	}
	if g := generation(t, s2); g <= gen {
		t.Errorf("generation %d after re-indexing, was %d", g, gen)
	}
	if need, err := s2.NeedsRederive("test-1"); err != nil || need {
		t.Errorf("NeedsRederive after re-indexing = %v, %v", need, err)
	}
	if got := answers(t, s2); !reflect.DeepEqual(got, want) {
		t.Errorf("answers after re-indexing differ:\n got %v\nwant %v", got, want)
	}
	vals, err := s2.Values(model.FacetPartner)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if v.Value == "UNODC" && v.Name != unodc.Name {
			t.Errorf("UNODC's name %q", v.Name)
		}
	}
	mustCheck(t, s2)

	// Opening it again writes nothing.
	gen = generation(t, s2)
	_ = MustOpen(t, s.Path())
	if g := generation(t, s2); g != gen {
		t.Errorf("a second open moved the generation %d -> %d", gen, g)
	}
}

// Ensure that another facet fingerprint rebuilds the whole facet index
// from the activities: a facet bucket lost, one of a facet that is no
// more, a stray value.
func TestStore_Open_ReindexesOtherFingerprint(t *testing.T) {
	s := fixture(t)
	want := answers(t, s)
	editBolt(t, s.Path(), func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("meta")).Put([]byte("facets"), []byte("an older facet set")); err != nil {
			return err
		}
		idx := tx.Bucket([]byte("idx"))
		if err := idx.DeleteBucket([]byte("country")); err != nil {
			return err
		}
		if _, err := idx.CreateBucket([]byte("colour")); err != nil {
			return err
		}
		return idx.Bucket([]byte("kind")).Delete([]byte("workshop"))
	})
	s2 := MustOpen(t, s.Path())
	if fp, _ := rawFacets(t, s.Path()); fp != model.FacetsFingerprint() {
		t.Errorf("fingerprint after open = %q", fp)
	}
	if got := answers(t, s2); !reflect.DeepEqual(got, want) {
		t.Errorf("answers after re-indexing differ:\n got %v\nwant %v", got, want)
	}
	mustCheck(t, s2)
}

// Ensure that a store that cannot be re-indexed when it is opened,
// because another process holds the file, still serves a viewer (its
// facets computed in memory, with names, not composed labels), and that
// the next write re-indexes it.
func TestStore_Open_StaleWhileLocked_ComputesInMemory(t *testing.T) {
	s := fixture(t)
	want := answers(t, s)
	editBolt(t, s.Path(), func(tx *bolt.Tx) error {
		if err := makeOld(tx); err != nil {
			return err
		}
		// An older facet set had no country facet.
		return tx.Bucket([]byte("idx")).DeleteBucket([]byte("country"))
	})

	// Another process's viewer, holding a read-only handle: no write can
	// have the file.
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin(false)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	s2, err := store.Open(s.Path(), store.Options{LockTimeout: 2 * time.Second, ReaderVersion: "test-1"})
	if err != nil {
		t.Fatalf("Open of a stale store beside a reader: %v", err)
	}
	if d := time.Since(start); d >= 2*time.Second {
		t.Errorf("Open waited %v (its whole lock wait) for a lock it does not need", d)
	}
	if got := answers(t, s2); !reflect.DeepEqual(got, want) {
		t.Errorf("answers computed in memory differ:\n got %v\nwant %v", got, want)
	}
	vals, err := s2.Values(model.FacetPartner)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := model.Def(model.FacetPartner)
	for _, v := range vals {
		if v.Value == "UNODC" && (v.Name != unodc.Name || p.Label(v) != "UNODC — "+unodc.Name) {
			t.Errorf("UNODC in memory: name %q, label %q", v.Name, p.Label(v))
		}
	}
	if got, ok, err := s2.Resolve(model.FacetPartner, "united nations office on drugs and crime"); err != nil || !ok || got != "UNODC" {
		t.Errorf("Resolve in memory = %q, %v, %v", got, ok, err)
	}
	// A facet index built under another facet set is stale, not damaged.
	if err := s2.Check(); err != nil {
		t.Errorf("Check of a store not yet re-indexed: %v", err)
	}
	_ = tx.Rollback()
	_ = db.Close()
	if fp, _ := rawFacets(t, s.Path()); fp != "" {
		t.Fatalf("the store was re-indexed while locked (%q)", fp)
	}

	// The next write re-indexes first, in its own transaction.
	as := acts("2020-04", act{line: 1, text: "april", partners: []model.Entity{unodc}})
	mustImport(t, s2, newDoc("apr.md", "2020-04", as), as)
	fp, labels := rawFacets(t, s.Path())
	if fp != model.FacetsFingerprint() || labels["partner\x00EU"] != eu.Name {
		t.Errorf("after a write: fingerprint %q, EU's label %q", fp, labels["partner\x00EU"])
	}
	mustCheck(t, s2)
}
