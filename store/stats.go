package store

import (
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// Stats is what `unoct stats` reports: a facet's values counted within
// the activities that match a query, every filter applied, the charted
// facet's own included.
type Stats struct {
	Facet model.Facet
	// Matched is the number of activities that match the query.
	Matched int
	// Totals sum up the matching activities, each once.
	Totals model.Totals
	// Values are the facet's values within the matching activities,
	// sorted as Counts sorts them. When the query filters on the facet,
	// they are the values it selects, even at zero: the other values of
	// the matching activities (Middle Africa for an activity in Mali and
	// Cameroon) are left out.
	Values []model.FacetValue
	// ValueTotals sum up each value's activities: ValueTotals[i] those
	// of Values[i].
	ValueTotals []model.Totals
}

// Stats counts facet f's values within the activities that match q,
// every filter applied: `stats --by region --region "Western Africa"`
// counts Western Africa alone, and `--by pillar --pillar IV` pillar IV. Counts, by contrast, counts a facet
// within the activities that pass every filter but its own (what
// choosing one more value would add), which is what a facet pane shows.
func (s *Store) Stats(q model.Query, f model.Facet) (Stats, error) {
	out := Stats{Facet: f}
	err := s.withQuery(q, false, func(ix *index, tx *bolt.Tx, e *evaluation) error {
		fi, err := ix.facet(tx, f)
		if err != nil {
			return s.damaged("index: " + err.Error())
		}
		sel := e.match("")
		t, err := ix.totaller(tx, sel)
		if err != nil {
			return s.damaged("index: " + err.Error())
		}
		t.within(sel)
		out.Matched = ix.cardinality(sel)
		out.Totals = t.totals(sel)
		out.Values = e.counts(fi, f, sel, q)
		if picked := q.Filters[f]; len(picked) > 0 {
			out.Values = slices.DeleteFunc(out.Values, func(v model.FacetValue) bool { return !slices.Contains(picked, v.Value) })
		}
		out.ValueTotals = make([]model.Totals, len(out.Values))
		for i, v := range out.Values {
			var bm *roaring.Bitmap
			if fi != nil {
				bm = fi.bitmap(v.Value)
			}
			switch {
			case bm == nil:
				continue
			case sel == nil:
				out.ValueTotals[i] = t.totals(bm)
			default:
				out.ValueTotals[i] = t.totals(roaring.And(sel, bm))
			}
		}
		return nil
	})
	return out, err
}
