package store

import (
	"errors"
	"fmt"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// ---- the facet fingerprint ----
//
// The idx and labels buckets hold what the facet registry
// (model.FacetDefs) takes from each stored activity. meta's "facets" key
// records the fingerprint of the registry they were built under
// (model.FacetsFingerprint); when this build's differs (a facet added,
// dropped or reading its values otherwise, or a store written before the
// key existed, whose labels were composed strings), the two buckets are
// rebuilt from the stored activities alone: no document is read again.
// See doc.go for when that happens.

// facetsCurrent reports whether the facet index was built under this
// build's facet set.
func facetsCurrent(meta *bolt.Bucket) bool {
	return meta != nil && string(meta.Get(kFacets)) == model.FacetsFingerprint()
}

// reindexIfFree re-indexes the facets in a write transaction if it can
// have the file at once. When it cannot (another process holds the file,
// or the file is read-only), the store stays as it is: queries compute
// the facet index in memory meanwhile, and the next write re-indexes
// first. Only damage is an error.
func (s *Store) reindexIfFree() error {
	err := s.run(true, 0, func(tx *bolt.Tx) error {
		_, err := s.current(tx)
		return err
	})
	if errors.Is(err, ErrDamaged) {
		return err
	}
	return nil
}

// reindex rebuilds the idx and labels buckets from the stored activities
// under this build's facet set, within tx (all or nothing), records the
// fingerprint and moves the generation on, so that every viewer reloads.
// The documents are unchanged: a store that was read by one reader stays
// so (see setUniform).
func (s *Store) reindex(tx *bolt.Tx) error {
	// The series facet's values are in the records: link them first,
	// under this build's rule (see series.go).
	if err := s.relink(tx, false); err != nil {
		return err
	}
	tables, err := collectFacets(tx)
	if err != nil {
		return s.damaged("re-indexing the facets: " + err.Error())
	}
	for _, name := range [][]byte{bIdx, bLabels} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	idx, err := tx.CreateBucket(bIdx)
	if err != nil {
		return err
	}
	labels, err := tx.CreateBucket(bLabels)
	if err != nil {
		return err
	}
	for _, d := range model.FacetDefs() {
		b, err := idx.CreateBucket([]byte(d.Facet))
		if err != nil {
			return err
		}
		t := tables[d.Facet]
		for _, v := range t.sorted() {
			bm := t.bms[v]
			bm.RunOptimize()
			buf, err := bm.ToBytes()
			if err != nil {
				return err
			}
			if err := b.Put([]byte(v), buf); err != nil {
				return err
			}
			if name := t.names[v]; name != "" {
				if err := labels.Put(labelKey(d.Facet, v), []byte(name)); err != nil {
					return err
				}
			}
		}
	}
	meta, err := bucket(tx, bMeta)
	if err != nil {
		return err
	}
	reader, uniform := uniformReader(meta)
	if err := meta.Put(kFacets, []byte(model.FacetsFingerprint())); err != nil {
		return err
	}
	if err := bumpGeneration(tx); err != nil {
		return err
	}
	if uniform {
		return setUniform(meta, reader)
	}
	return nil
}

// facetTable is one facet's values computed from the stored activities:
// each value's bitmap of ids and its full name.
type facetTable struct {
	bms   map[string]*roaring.Bitmap
	names map[string]string
}

// sorted lists the table's values in byte order, as bbolt keeps them.
func (t *facetTable) sorted() []string {
	out := make([]string, 0, len(t.bms))
	for v := range t.bms {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// collectFacets computes every facet's values from the activities in
// tx, as Import would index them: a value's name is the last one an
// activity gives it, in id order (an activity that names a partner
// without its full name does not erase the full name another gave).
func collectFacets(tx *bolt.Tx) (map[model.Facet]*facetTable, error) {
	acts, err := bucket(tx, bActs)
	if err != nil {
		return nil, err
	}
	tables := make(map[model.Facet]*facetTable, len(model.FacetDefs()))
	for _, d := range model.FacetDefs() {
		tables[d.Facet] = &facetTable{bms: make(map[string]*roaring.Bitmap), names: make(map[string]string)}
	}
	var a model.Activity
	err = acts.ForEach(func(k, v []byte) error {
		id, ok := keyID(k)
		if !ok {
			return fmt.Errorf("acts: bad key %x", k)
		}
		a = model.Activity{}
		if err := decodeActivity(v, &a); err != nil {
			return fmt.Errorf("activity %d does not decode: %v", id, err)
		}
		facetTerms(&a, func(f model.Facet, value, name string) {
			t := tables[f]
			bm := t.bms[value]
			if bm == nil {
				bm = roaring.New()
				t.bms[value] = bm
			}
			bm.Add(id)
			if name != "" {
				t.names[value] = name
			}
		})
		return nil
	})
	return tables, err
}

// computeFacets builds the in-memory index of every facet from the
// stored activities, for a store indexed under another facet set that
// could not be re-indexed (see reindexIfFree).
func (ix *index) computeFacets(tx *bolt.Tx) error {
	tables, err := collectFacets(tx)
	if err != nil {
		return err
	}
	for _, d := range model.FacetDefs() {
		t := tables[d.Facet]
		fi := newFacetIndex(d)
		for _, v := range t.sorted() {
			if bm := ix.visible(t.bms[v]); !bm.IsEmpty() {
				fi.add(v, bm, t.names[v])
			}
		}
		fi.sortLabels()
		ix.facets[d.Facet] = fi
	}
	return nil
}
