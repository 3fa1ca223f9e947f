package store

import (
	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// Page is the window of a result's rows a screen shows.
type Page struct {
	Offset, Limit int
	// Totals asks for the matches' totals (Screen.Totals): a pass over
	// the matching ids that a screen showing no totals is spared.
	Totals bool
}

// Screen is everything one screen shows of a query, read in one read
// transaction so that ids, rows and counts all describe one generation.
type Screen struct {
	Generation Stamp
	// Total is the number of activities in the store, for "12 of 3,456".
	Total int
	// IDs are every match, in the query's order (model.Query.Sort).
	IDs []uint32
	// Rows are the activities IDs[Offset:Offset+len(Rows)].
	Offset int
	Rows   []model.Activity
	// Counts are each facet's values under the query, as Counts gives
	// them.
	Counts map[model.Facet][]model.FacetValue
	// Without says, for each facet the query filters on, how many
	// activities would match were that filter dropped: what explains an
	// empty result.
	Without map[model.Facet]int
	// WithoutSearch is how many would match with no search; -1 when the
	// query has no search.
	WithoutSearch int
	// Totals sum up the matches (participants, distinct countries and
	// partners) when the page asked for them (Page.Totals); else only
	// Totals.Activities is set.
	Totals model.Totals
}

// Screen answers q for one screen in one read of the store: the
// generation, the total, the matching ids, the rows of page, every
// facet's counts and the counts without each filter.
func (s *Store) Screen(q model.Query, page Page) (Screen, error) {
	var out Screen
	err := s.withQuery(q, true, func(ix *index, tx *bolt.Tx, e *evaluation) error {
		ids, err := s.sorted(ix, tx, e, q.Sort)
		if err != nil {
			return err
		}
		out = Screen{
			Generation:    ix.stamp,
			Total:         len(ix.order),
			IDs:           ids,
			Without:       make(map[model.Facet]int, len(e.sets)),
			WithoutSearch: -1,
		}
		out.Counts, err = s.countFacets(tx, e, q, model.Facets, func(f model.Facet, n int) { out.Without[f] = n })
		if err != nil {
			return err
		}
		if e.search != nil {
			noSearch := evaluation{ix: ix, sets: e.sets}
			out.WithoutSearch = ix.cardinality(noSearch.match(""))
		}
		out.Totals.Activities = len(out.IDs)
		if page.Totals {
			sel := e.match("")
			t, err := ix.totaller(tx, sel)
			if err != nil {
				return s.damaged("index: " + err.Error())
			}
			out.Totals = t.totals(sel)
		}
		lo := min(max(page.Offset, 0), len(out.IDs))
		hi := min(lo+max(page.Limit, 0), len(out.IDs))
		out.Offset = lo
		out.Rows, err = s.getTx(tx, out.IDs[lo:hi])
		return err
	})
	return out, err
}

// cardinality is the size of a match (nil: every id).
func (ix *index) cardinality(bm *roaring.Bitmap) int {
	if bm == nil {
		return len(ix.order)
	}
	return int(bm.GetCardinality())
}
