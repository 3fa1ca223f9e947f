package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// ---- what an activity is indexed under ----

// maxWordLen bounds the words the search index keeps: longer "words" are
// URLs or encoded data, and nobody types them.
const maxWordLen = 64

// maxValueLen bounds a facet value; bbolt keys must stay below 32 KiB and
// no real facet value comes near this.
const maxValueLen = 1024

// facetTerms calls yield with every facet value of a and the value's
// full name ("" when the value is its own name), walking the facet
// registry. Empty values are left out. It must depend only on fields that
// survive the activity's JSON encoding, since removal recomputes it from
// the stored activity.
func facetTerms(a *model.Activity, yield func(f model.Facet, value, name string)) {
	if a.NotActivity {
		return // a person said it is not an activity: no filter finds it
	}
	for _, d := range model.FacetDefs() {
		d.Terms(a, func(value, name string) {
			if value == "" {
				return
			}
			if name == value {
				name = ""
			}
			yield(d.Facet, value, name)
		})
	}
}

// wordTerms lists the distinct folded words a search can find a by: its
// text, its partners' acronyms and names, people, its sessions' places,
// cities and countries, its countries and its regions.
func wordTerms(a *model.Activity) []string {
	return appendWordTerms(nil, make(map[string]struct{}, 64), a)
}

// appendWordTerms is wordTerms appending to out, with seen (emptied
// first) to tell words already added: an import reuses both from one
// activity to the next.
func appendWordTerms(out []string, seen map[string]struct{}, a *model.Activity) []string {
	clear(seen)
	if a.NotActivity {
		return out
	}
	add := func(s string) {
		for _, w := range model.Words(s) {
			if len(w) > maxWordLen {
				continue
			}
			if _, ok := seen[w]; !ok {
				seen[w] = struct{}{}
				out = append(out, w)
			}
		}
	}
	add(a.Text)
	for _, e := range a.Partners {
		add(e.Acronym)
		add(e.Name)
	}
	for _, p := range a.People {
		add(p)
	}
	for _, s := range a.Sessions {
		add(s.Place)
		add(s.City)
		for _, c := range a.Countries {
			if c.Code == s.Country {
				add(c.Name)
			}
		}
	}
	for _, c := range a.Countries {
		add(c.Name)
	}
	for _, r := range a.Regions {
		add(r)
	}
	return out
}

// startKey is an activity's place in the default order: its first
// session's start date as YYYYMMDD, or for an activity without a date its
// month's day 00, so that undated activities lead their month in document
// order.
func startKey(a *model.Activity) uint32 {
	if d, ok := parseDate(a.Start()); ok {
		return d
	}
	if d, ok := parseDate(a.Month + "-00"); ok {
		return d
	}
	return 0
}

// parseDate reads YYYY-MM-DD (day 00 allowed) as YYYYMMDD.
func parseDate(s string) (uint32, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:])
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 0 || d > 31 {
		return 0, false
	}
	return uint32(y*10000 + m*100 + d), true
}

// startValue is what the starts bucket holds for an activity: its start
// key and its line, 4 big-endian bytes each.
func startValue(a *model.Activity) []byte {
	v := binary.BigEndian.AppendUint32(make([]byte, 0, 8), startKey(a))
	return binary.BigEndian.AppendUint32(v, uint32(a.Source.Line))
}

// ---- the in-memory index ----

// index is the store's query index held in memory: the facet bitmaps and
// labels, the default order of all ids, and the search vocabulary. It is
// built from one read transaction and describes exactly one stamp (a
// generation of one store file); it is never modified after loading
// except for the word caches.
type index struct {
	stamp Stamp
	// stale: the idx and labels buckets were built under another facet
	// set, so the facets are computed from the activities instead (see
	// reindexIfFree).
	stale  bool
	order  []uint32                    // every id, by (start date, id); nil until loadOrder
	rank   []uint32                    // rank[id] is id's position in order (ids in order only)
	facets map[model.Facet]*facetIndex // the facets read so far (facet)
	vocab  *vocabulary                 // nil until loadVocab

	// words caches the bitmaps of vocabulary words loaded so far, and
	// hits the union for each query word seen: a search is typed a
	// letter at a time, and each query reuses the previous one's work.
	words map[string]*roaring.Bitmap
	hits  map[string]*roaring.Bitmap

	// places caches each id's folded place, read from its record the
	// first time a result is sorted by place (see sort.go).
	places map[uint32]string

	// pending is the ids a staged import has stored and not yet swapped
	// in (see staged.go), nil when none: every bitmap, the order and
	// the words are read without them, so that no query sees part of a
	// document.
	pending *roaring.Bitmap
}

// facetIndex holds one facet's values in value order.
type facetIndex struct {
	def    model.FacetDef
	values []string
	names  []string // each value's full name, "" for none
	folded []string // model.Fold of each value's label, to sort and resolve by
	rank   []int    // rank[i] is value i's place in (folded, value) order
	bms    []*roaring.Bitmap
	pos    map[string]int

	// byID lists each id's values, for tally; nil until its first use.
	byID    *idValues
	counted int // counts made by intersection while byID is nil
}

func (fi *facetIndex) bitmap(value string) *roaring.Bitmap {
	if i, ok := fi.pos[value]; ok {
		return fi.bms[i]
	}
	return nil
}

// loadIndex starts the query index of the store as stamped. Its parts are read
// when a query first needs them: each facet's bitmaps and labels
// (facet), the default order (loadOrder), the search vocabulary
// (loadVocab) and each word's bitmap (hit), so that counting by a facet,
// what `unoct stats` does, reads nothing else.
func loadIndex(tx *bolt.Tx, stamp Stamp) (*index, error) {
	ix := &index{
		stamp:  stamp,
		stale:  !facetsCurrent(tx.Bucket(bMeta)),
		facets: make(map[model.Facet]*facetIndex, len(model.Facets)),
		words:  make(map[string]*roaring.Bitmap),
		hits:   make(map[string]*roaring.Bitmap),
	}
	for _, name := range [][]byte{bIdx, bLabels, bStarts, bWords} {
		if tx.Bucket(name) == nil {
			return nil, fmt.Errorf("an index bucket is missing")
		}
	}
	pending, err := readPending(tx.Bucket(bMeta))
	if err != nil {
		return nil, err
	}
	ix.pending = pending
	return ix, nil
}

// facet returns facet f's values, bitmaps and names, reading them from
// tx the first time: a count by one facet (`unoct stats`) reads that
// facet and the ones it filters by, not the document facet's tens of
// thousands of bitmaps. In a stale index every facet is computed from
// the activities at once instead. It returns nil for a facet unoct does
// not know.
func (ix *index) facet(tx *bolt.Tx, f model.Facet) (*facetIndex, error) {
	if fi, ok := ix.facets[f]; ok {
		return fi, nil
	}
	def, ok := model.Def(f)
	if !ok {
		return nil, nil
	}
	if ix.stale {
		if err := ix.computeFacets(tx); err != nil {
			return nil, err
		}
		return ix.facets[f], nil
	}
	idx, labels := tx.Bucket(bIdx), tx.Bucket(bLabels)
	if idx == nil || labels == nil {
		return nil, fmt.Errorf("an index bucket is missing")
	}
	fi := newFacetIndex(def)
	if b := idx.Bucket([]byte(f)); b != nil {
		err := b.ForEach(func(k, v []byte) error {
			bm := roaring.New()
			if err := bm.UnmarshalBinary(v); err != nil {
				return fmt.Errorf("facet %s value %q: %v", f, k, err)
			}
			if bm = ix.visible(bm); bm.IsEmpty() {
				return nil // a value only pending activities have
			}
			fi.add(string(k), bm, "")
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	prefix := append([]byte(f), 0)
	c := labels.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if i, ok := fi.pos[string(k[len(prefix):])]; ok {
			fi.names[i] = string(v)
		}
	}
	ix.facets[f] = fi
	return fi, nil
}

func newFacetIndex(def model.FacetDef) *facetIndex {
	return &facetIndex{def: def, pos: make(map[string]int)}
}

// add appends a value, in value order, with its bitmap and full name.
func (fi *facetIndex) add(value string, bm *roaring.Bitmap, name string) {
	fi.pos[value] = len(fi.values)
	fi.values = append(fi.values, value)
	fi.names = append(fi.names, name)
	fi.bms = append(fi.bms, bm)
}

// sortLabels computes each value's folded label (model.FacetDef.Label)
// and its rank in label order, once the values and names are in, the
// first time they are asked for: the facets a one-off count only sums
// (headcounts, partners in `unoct stats --by country`) never need them.
func (fi *facetIndex) sortLabels() {
	if fi.folded != nil {
		return
	}
	fi.folded = make([]string, len(fi.values))
	for i, v := range fi.values {
		fi.folded[i] = model.Fold(fi.def.Label(model.FacetValue{Value: v, Name: fi.names[i]}))
	}
	order := make([]int, len(fi.values))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(strings.Compare(fi.folded[a], fi.folded[b]), strings.Compare(fi.values[a], fi.values[b]))
	})
	fi.rank = make([]int, len(order))
	for r, i := range order {
		fi.rank[i] = r
	}
}

// loadOrder reads the default order of every id, the first time a query
// lists ids: counting needs no order. It comes ready from the order
// bucket when that is current (order.go), else from sorting the starts
// bucket, which at a million activities is most of the load.
func (ix *index) loadOrder(tx *bolt.Tx) error {
	if ix.order != nil {
		return nil
	}
	starts := tx.Bucket(bStarts)
	if starts == nil {
		return fmt.Errorf("an index bucket is missing")
	}
	var order []uint32
	var maxID uint32
	if orderCurrent(tx) {
		o, err := readOrder(tx.Bucket(bOrder), getU64(tx.Bucket(bMeta), kNextID))
		if err != nil {
			return err
		}
		order = o
		for _, id := range order {
			maxID = max(maxID, id)
		}
	} else {
		// Keys are start<<32|id, so one integer sort orders by date
		// and then id.
		keys, err := startPairs(starts)
		if err != nil {
			return err
		}
		slices.Sort(keys)
		order = make([]uint32, len(keys))
		for i, k := range keys {
			order[i] = uint32(k)
			maxID = max(maxID, uint32(k))
		}
	}
	if ix.pending != nil {
		// A staged import's activities are in starts, and so in the
		// kept order, before they are swapped in: no list shows them.
		order = slices.DeleteFunc(order, ix.pending.Contains)
	}
	rank := make([]uint32, int(maxID)+1)
	for i, id := range order {
		rank[id] = uint32(i)
	}
	ix.order, ix.rank = order, rank
	return nil
}

// loadVocab reads the search vocabulary (the words bucket's keys), the
// first time a query searches.
func (ix *index) loadVocab(tx *bolt.Tx) error {
	if ix.vocab != nil {
		return nil
	}
	words := tx.Bucket(bWords)
	if words == nil {
		return fmt.Errorf("an index bucket is missing")
	}
	var vocab []string
	c := words.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		vocab = append(vocab, string(k))
	}
	ix.vocab = newVocabulary(vocab)
	return nil
}

// withIndex runs fn with the current index and the read transaction it
// belongs to, loading the index first when the store's generation has
// moved since the last call. One quick read-only open per call tells:
// that is the price of never holding the file open.
func (s *Store) withIndex(fn func(ix *index, tx *bolt.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.view(func(tx *bolt.Tx) error {
		stamp, err := s.current(tx)
		if err != nil {
			return err
		}
		if s.ix == nil || s.ix.stamp != stamp {
			s.ix = nil
			ix, err := loadIndex(tx, stamp)
			if err != nil {
				return s.damaged("index: " + err.Error())
			}
			s.ix = ix
		}
		return fn(s.ix, tx)
	})
}

// visible is bm without the pending ids (bm itself when there are none).
func (ix *index) visible(bm *roaring.Bitmap) *roaring.Bitmap {
	if ix.pending == nil {
		return bm
	}
	bm.AndNot(ix.pending)
	return bm
}
