package store

import (
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// ---- totals: participants, countries and partners of a set of ids ----
//
// Totals are computed from the facet index alone, never from the stored
// activities: the hidden headcount facet (model.FacetHeadcount) indexes
// each activity under the headcount its text gives ("120", "≥120" for a
// lower bound), so that a sum is each value's number times its ids; the
// distinct countries and partners are the country and partner values
// that some id of the set has. Each of the three facets lists its ids'
// values (idValues) once the first total is asked for, so that a total
// is one pass over the set.

// totaller sums sets of ids within one index.
type totaller struct {
	heads, countries, partners *facetIndex
	n                          []int  // each headcount value's number
	lower                      []bool // each headcount value is a lower bound
	estimate                   []bool // each headcount value is an estimate ("some 30")
	all                        int    // every id's count, for a nil set
	// scope, once within is called, holds every set summed: the id ->
	// values tables then list its ids alone (tables).
	scope  *roaring.Bitmap
	pos    *scopePos
	scoped [3]*scopedValues
}

// totaller readies the facets totals read, within tx, to sum sel (nil:
// every id, which needs the default order to count them) and its
// subsets.
func (ix *index) totaller(tx *bolt.Tx, sel *roaring.Bitmap) (*totaller, error) {
	t := &totaller{}
	for f, p := range map[model.Facet]**facetIndex{model.FacetHeadcount: &t.heads, model.FacetCountry: &t.countries, model.FacetPartner: &t.partners} {
		fi, err := ix.facet(tx, f)
		if err != nil {
			return nil, err
		}
		if fi == nil {
			fi = newFacetIndex(model.FacetDef{Facet: f})
		}
		*p = fi
	}
	t.n = make([]int, len(t.heads.values))
	t.lower = make([]bool, len(t.heads.values))
	t.estimate = make([]bool, len(t.heads.values))
	for i, v := range t.heads.values {
		n, lower, ok := model.ParseHeadcountValue(v)
		if ok {
			t.n[i], t.lower[i], t.estimate[i] = n, lower, model.HeadcountIsEstimate(v)
		}
	}
	if sel == nil {
		// Sorting every id only to count them costs a one-off
		// command (`unoct stats` with filters) a tenth of its time.
		if err := ix.loadOrder(tx); err != nil {
			return nil, err
		}
		t.all = len(ix.order)
	}
	return t, nil
}

// within makes the later sums, all of subsets of sel, read id tables of
// sel's ids alone. The facet's own table lists every id and is kept for
// the next query: what a viewer wants, where a one-off command (`unoct
// stats --pillar II --month 2021`) would spend most of its time building
// it for ids it never sums.
func (t *totaller) within(sel *roaring.Bitmap) {
	if sel != nil {
		t.scope = sel
	}
}

// tables are the id -> values tables of the headcount, country and
// partner facets for the sums to come.
func (t *totaller) tables() (heads, countries, partners idTable) {
	if t.scope == nil {
		return t.heads.ids(), t.countries.ids(), t.partners.ids()
	}
	for i, fi := range []*facetIndex{t.heads, t.countries, t.partners} {
		if t.scoped[i] == nil && fi.byID == nil {
			if t.pos == nil {
				t.pos = newScopePos(t.scope)
			}
			t.scoped[i] = newScopedValues(fi.bms, t.pos)
		}
	}
	pick := func(i int, fi *facetIndex) idTable {
		if t.scoped[i] != nil {
			return t.scoped[i]
		}
		return fi.byID
	}
	return pick(0, t.heads), pick(1, t.countries), pick(2, t.partners)
}

// totals sums the ids of sel (nil: every id).
func (t *totaller) totals(sel *roaring.Bitmap) model.Totals {
	var out model.Totals
	if sel == nil {
		out.Activities = t.all
		for i, bm := range t.heads.bms {
			if c := int(bm.GetCardinality()); c > 0 {
				out.Participants += t.n[i] * c
				out.Headcounts += c
				out.LowerBound = out.LowerBound || t.lower[i]
				out.Estimated = out.Estimated || t.estimate[i]
			}
		}
		out.Countries, out.Partners = nonEmpty(t.countries.bms), nonEmpty(t.partners.bms)
		return out
	}
	out.Activities = int(sel.GetCardinality())
	if out.Activities == 0 {
		return out
	}
	heads, countries, partners := t.tables()
	seenC := make([]bool, len(t.countries.values))
	seenP := make([]bool, len(t.partners.values))
	it := sel.ManyIterator()
	buf := make([]uint32, 1024)
	for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
		for _, id := range buf[:k] {
			for _, v := range heads.of(id) {
				out.Participants += t.n[v]
				out.LowerBound = out.LowerBound || t.lower[v]
				out.Estimated = out.Estimated || t.estimate[v]
				out.Headcounts++
			}
			for _, v := range countries.of(id) {
				if !seenC[v] {
					seenC[v] = true
					out.Countries++
				}
			}
			for _, v := range partners.of(id) {
				if !seenP[v] {
					seenP[v] = true
					out.Partners++
				}
			}
		}
	}
	return out
}

func nonEmpty(bms []*roaring.Bitmap) int {
	n := 0
	for _, bm := range bms {
		if !bm.IsEmpty() {
			n++
		}
	}
	return n
}

// ids is the facet's id -> values table, built on first use.
func (fi *facetIndex) ids() *idValues {
	if fi.byID == nil {
		fi.byID = newIDValues(fi.bms)
	}
	return fi.byID
}

// of lists id's values, as indexes into the facet's values.
func (t *idValues) of(id uint32) []uint32 {
	if int(id)+1 >= len(t.start) {
		return nil
	}
	return t.vals[t.start[id]:t.start[id+1]]
}

// idTable lists an id's values, as indexes into a facet's values.
type idTable interface {
	of(id uint32) []uint32
}

// scopedValues is an id -> values table for the ids of one set: those
// of the id at position i of the set are vals[start[i]:start[i+1]].
type scopedValues struct {
	*scopePos
	start, vals []uint32
}

// scopePos numbers the ids of a set: pos[id-base] is one more than id's
// position in it, 0 for the ids between its first and last that are not
// in it. An array from the set's first id to its last, not a search per
// id: the ids of one query are mostly in a range of document months.
type scopePos struct {
	set  *roaring.Bitmap
	base uint32
	pos  []uint32
	n    int
}

func newScopePos(scope *roaring.Bitmap) *scopePos {
	p := &scopePos{set: scope}
	if scope.IsEmpty() {
		return p
	}
	p.base = scope.Minimum()
	p.pos = make([]uint32, scope.Maximum()-p.base+1)
	it := scope.ManyIterator()
	buf := make([]uint32, 1024)
	for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
		for _, id := range buf[:k] {
			p.n++
			p.pos[id-p.base] = uint32(p.n)
		}
	}
	return p
}

// newScopedValues lists the values of the set's ids from a facet's
// bitmaps: each value's bitmap intersected with the set, not a pass over
// every id of the facet (at a million activities, a year's ids visited
// once for each of their partners, countries and headcounts was most of
// a count's time).
func newScopedValues(bms []*roaring.Bitmap, sp *scopePos) *scopedValues {
	t := &scopedValues{scopePos: sp, start: make([]uint32, sp.n+1)}
	type pair struct{ at, v uint32 }
	var pairs []pair
	buf := make([]uint32, 256)
	last := sp.base + uint32(len(sp.pos)) - 1
	for v, bm := range bms {
		if len(sp.pos) == 0 || bm.IsEmpty() || bm.Minimum() > last || bm.Maximum() < sp.base {
			continue
		}
		// The intersection works a container at a time: a value's
		// ids outside the set are never visited one by one.
		it := roaring.And(bm, sp.set).ManyIterator()
		for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
			for _, id := range buf[:k] {
				at := sp.pos[id-sp.base]
				pairs = append(pairs, pair{at - 1, uint32(v)})
				t.start[at]++
			}
		}
	}
	for i := 1; i < len(t.start); i++ {
		t.start[i] += t.start[i-1]
	}
	t.vals = make([]uint32, len(pairs))
	next := slices.Clone(t.start[:len(t.start)-1])
	for _, p := range pairs {
		t.vals[next[p.at]] = p.v
		next[p.at]++
	}
	return t
}

// of lists the values of id, which must be of the set.
func (t *scopedValues) of(id uint32) []uint32 {
	i := t.pos[id-t.base] - 1
	return t.vals[t.start[i]:t.start[i+1]]
}

// Totals sums up the activities that match q: their number, the
// participants their texts give, the distinct countries and partners
// they name (see model.Totals).
func (s *Store) Totals(q model.Query) (model.Totals, error) {
	var out model.Totals
	err := s.withQuery(q, false, func(ix *index, tx *bolt.Tx, e *evaluation) error {
		sel := e.match("")
		t, err := ix.totaller(tx, sel)
		if err != nil {
			return s.damaged("index: " + err.Error())
		}
		out = t.totals(sel)
		return nil
	})
	return out, err
}
