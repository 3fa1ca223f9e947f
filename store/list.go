package store

import (
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// List answers q with the activities of page (all of them when
// page.Limit is 0 or less) in one read transaction: what `unoct list`
// and `export` print. Reading the ids and then the activities in two
// transactions would fail ("has no activity N") when an import replaces
// documents in between. The Screen it returns has no counts.
func (s *Store) List(q model.Query, page Page) (Screen, error) {
	var out Screen
	err := s.withQuery(q, true, func(ix *index, tx *bolt.Tx, e *evaluation) error {
		ids, err := s.sorted(ix, tx, e, q.Sort)
		if err != nil {
			return err
		}
		out = Screen{Generation: ix.stamp, Total: len(ix.order), IDs: ids, WithoutSearch: -1}
		lo, hi := pageRange(len(out.IDs), page)
		out.Offset = lo
		out.Rows, err = s.getTx(tx, out.IDs[lo:hi])
		return err
	})
	return out, err
}
