package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// maxProblems bounds how many problems Check lists.
const maxProblems = 30

// Check verifies the store for `unoct doctor`: bbolt's own page checks,
// then the store's invariants, by recomputing every index from the stored
// activities and comparing: each id in an index exists in acts and
// belongs there, every activity is in each index it should be, lines and
// starts agree with acts, each document's raw bytes match its hash and its
// activity count. It returns nil, or an error wrapping ErrDamaged that
// lists the problems (ErrOldSchema when the store must be re-derived
// first).
func (s *Store) Check() error {
	var problems []string
	more := 0
	add := func(format string, args ...any) {
		if len(problems) < maxProblems {
			problems = append(problems, fmt.Sprintf(format, args...))
		} else {
			more++
		}
	}
	err := s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			add("bbolt: %v", err)
		}
		if len(problems) > 0 {
			return nil // the pages are not sound: reading on may panic
		}
		if _, err := s.current(tx); err != nil {
			return err
		}
		checkInvariants(tx, add)
		return nil
	})
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		return nil
	}
	if more > 0 {
		problems = append(problems, fmt.Sprintf("and %d more", more))
	}
	return &DamageError{Path: s.path, Problems: problems}
}

func checkInvariants(tx *bolt.Tx, add func(string, ...any)) {
	buckets := map[string]*bolt.Bucket{}
	for _, name := range append(append([][]byte{}, coreBuckets...), derivedBuckets...) {
		b := tx.Bucket(name)
		if b == nil {
			add("bucket %s is missing", name)
			return
		}
		buckets[string(name)] = b
	}
	meta, docs, raw, acts := buckets["meta"], buckets["docs"], buckets["raw"], buckets["acts"]
	lines, starts, idx, labels, words := buckets["lines"], buckets["starts"], buckets["idx"], buckets["labels"], buckets["words"]
	for _, k := range [][]byte{kSchema, kGeneration, kNextID} {
		if len(meta.Get(k)) != 8 {
			add("meta %s is missing", k)
		}
	}
	nextID := getU64(meta, kNextID)
	// Activities a staged import stored and has not swapped in yet (or
	// left when it was killed, for the next write to remove) belong to
	// no document yet: they are indexed, and have lines only when their
	// document is new (see staged.go).
	pending, err := readPending(meta)
	if err != nil {
		add("%v", err)
	}
	if pending == nil {
		pending = roaring.New()
	}

	// Recompute the indexes from the activities.
	wantFacets := make(map[model.Facet]map[string]*roaring.Bitmap)
	wantLabels := make(map[string]string)
	wantWords := make(map[string]*roaring.Bitmap)
	perDoc := make(map[string]int)
	all := roaring.New()
	_ = acts.ForEach(func(k, v []byte) error {
		id, ok := keyID(k)
		if !ok {
			add("acts: bad key %x", k)
			return nil
		}
		var a model.Activity
		if err := decodeActivity(v, &a); err != nil {
			add("activity %d does not decode: %v", id, err)
			return nil
		}
		all.Add(id)
		if a.ID != id {
			add("activity %d says it is %d", id, a.ID)
		}
		if uint64(id) >= nextID {
			add("activity %d is not below the next id %d", id, nextID)
		}
		isPending := pending.Contains(id)
		if !isPending && !bytes.Equal(lines.Get(lineKey(a.Source.Document, a.Source.Line)), k) {
			add("activity %d (%s line %d) has no lines entry pointing back", id, a.Source.Document, a.Source.Line)
		}
		switch {
		case a.NotActivity:
			if starts.Get(k) != nil {
				add("activity %d, marked as not an activity, has a starts entry", id)
			}
		case !bytes.Equal(starts.Get(k), startValue(&a)):
			add("activity %d has a wrong or missing starts entry", id)
		}
		if texts := tx.Bucket(bTexts); texts != nil && texts.Get(k) == nil {
			add("activity %d has no texts entry", id)
		}
		if !isPending {
			perDoc[a.Source.Document]++
		}
		facetTerms(&a, func(f model.Facet, value, label string) {
			m := wantFacets[f]
			if m == nil {
				m = make(map[string]*roaring.Bitmap)
				wantFacets[f] = m
			}
			if m[value] == nil {
				m[value] = roaring.New()
			}
			m[value].Add(id)
			if label != "" {
				wantLabels[string(labelKey(f, value))] = label
			}
		})
		for _, w := range wordTerms(&a) {
			if wantWords[w] == nil {
				wantWords[w] = roaring.New()
			}
			wantWords[w].Add(id)
		}
		return nil
	})

	nlines := 0
	_ = lines.ForEach(func(k, v []byte) error {
		if id, ok := keyID(v); ok && pending.Contains(id) {
			if acts.Get(v) == nil {
				add("lines entry %q points to missing activity %x", k, v)
			}
			return nil
		}
		nlines++
		if acts.Get(v) == nil {
			add("lines entry %q points to missing activity %x", k, v)
		}
		return nil
	})
	if n := int(roaring.AndNot(all, pending).GetCardinality()); nlines != n {
		add("lines has %d entries for %d activities", nlines, n)
	}
	_ = starts.ForEach(func(k, _ []byte) error {
		if acts.Get(k) == nil {
			add("starts entry %x has no activity", k)
		}
		return nil
	})
	checkOrder(tx, starts, add)

	_ = docs.ForEach(func(k, v []byte) error {
		r, err := decodeDoc(v)
		if err != nil {
			add("document %q does not decode: %v", k, err)
			return nil
		}
		rb, err := rawValue(tx, raw.Get(k))
		switch {
		case err != nil:
			add("document %q: %v", k, err)
		case rb == nil:
			add("document %q has no raw bytes", k)
		default:
			if sum := sha256.Sum256(rb); !strings.EqualFold(hex.EncodeToString(sum[:]), r.Hash) {
				add("document %q: raw bytes do not match its hash", k)
			}
		}
		if got := perDoc[string(k)]; got != r.Activities {
			add("document %q says %d activities, the store has %d", k, r.Activities, got)
		}
		delete(perDoc, string(k))
		return nil
	})
	for name, n := range perDoc {
		add("%d activities belong to %q, which is not a stored document", n, name)
	}
	_ = raw.ForEach(func(k, _ []byte) error {
		if docs.Get(k) == nil {
			add("raw bytes of %q without a document", k)
		}
		return nil
	})

	// Compare the stored indexes with the recomputed ones. A facet index
	// built under another facet set is stale, not damaged: the next
	// write re-indexes it (see reindex.go), so only the words are
	// compared then.
	if !facetsCurrent(tx.Bucket(bMeta)) {
		compareBitmaps(words, "word", wantWords, all, add)
		return
	}
	for _, d := range model.FacetDefs() {
		f := d.Facet
		b := idx.Bucket([]byte(f))
		if b == nil {
			add("index %s is missing", f)
			continue
		}
		compareBitmaps(b, "index "+string(f), wantFacets[f], all, add)
	}
	_ = idx.ForEachBucket(func(k []byte) error {
		if _, ok := model.Def(model.Facet(k)); !ok {
			add("index %q is not a facet", k)
		}
		return nil
	})
	// Several activities may give one value different labels (the last
	// import wins), so a label is only checked to exist where one is due
	// and to belong to a value some activity has.
	_ = labels.ForEach(func(k, _ []byte) error {
		f, value, _ := bytes.Cut(k, []byte{0})
		if wantFacets[model.Facet(f)][string(value)] == nil {
			add("label of %s %q, which no activity has", f, value)
		}
		return nil
	})
	for k := range wantLabels {
		if labels.Get([]byte(k)) == nil {
			f, value, _ := strings.Cut(k, "\x00")
			add("label of %s %q is missing", f, value)
		}
	}
	compareBitmaps(words, "word", wantWords, all, add)
}

// compareBitmaps checks that bucket b holds exactly the want bitmaps.
func compareBitmaps(b *bolt.Bucket, what string, want map[string]*roaring.Bitmap, all *roaring.Bitmap, add func(string, ...any)) {
	seen := 0
	_ = b.ForEach(func(k, v []byte) error {
		if v == nil {
			add("%s: unexpected bucket %q", what, k)
			return nil
		}
		got := roaring.New()
		if err := got.UnmarshalBinary(v); err != nil {
			add("%s %q: bitmap does not decode: %v", what, k, err)
			return nil
		}
		if missing := roaring.AndNot(got, all); !missing.IsEmpty() {
			add("%s %q lists ids with no activity: %v", what, k, head(missing))
		}
		w := want[string(k)]
		if w == nil {
			if got.IsEmpty() {
				add("%s %q: empty bitmap left behind", what, k)
			} else {
				add("%s %q: no activity has this value", what, k)
			}
			return nil
		}
		seen++
		if !got.Equals(w) {
			if extra := roaring.AndNot(roaring.AndNot(got, w), roaring.AndNot(got, all)); !extra.IsEmpty() {
				add("%s %q lists activities that do not have it: %v", what, k, head(extra))
			}
			if lack := roaring.AndNot(w, got); !lack.IsEmpty() {
				add("%s %q misses activities: %v", what, k, head(lack))
			}
		}
		return nil
	})
	if seen < len(want) {
		for k := range want {
			if b.Get([]byte(k)) == nil {
				add("%s %q is missing", what, k)
			}
		}
	}
}

// head lists a few ids of a bitmap for a message.
func head(bm *roaring.Bitmap) string {
	ids := bm.ToArray()
	if len(ids) > 5 {
		return fmt.Sprintf("%v and %d more", ids[:5], len(ids)-5)
	}
	return fmt.Sprint(ids)
}
