package store

import (
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
}

// totaller readies the facets totals read, within tx.
func (ix *index) totaller(tx *bolt.Tx) (*totaller, error) {
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
	if err := ix.loadOrder(tx); err != nil {
		return nil, err
	}
	t.all = len(ix.order)
	return t, nil
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
	heads, countries, partners := t.heads.ids(), t.countries.ids(), t.partners.ids()
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

// Totals sums up the activities that match q: their number, the
// participants their texts give, the distinct countries and partners
// they name (see model.Totals).
func (s *Store) Totals(q model.Query) (model.Totals, error) {
	var out model.Totals
	err := s.withQuery(q, false, func(ix *index, tx *bolt.Tx, e *evaluation) error {
		t, err := ix.totaller(tx)
		if err != nil {
			return s.damaged("index: " + err.Error())
		}
		out = t.totals(e.match(""))
		return nil
	})
	return out, err
}
