package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// ---- sorting a result (model.Sort) ----
//
// A result is listed in the default order first (ix.ordered: by date,
// then id), and then, for another key, stable-sorted by a key read for
// each id, so that ties keep the date order. The keys come from the
// index where it has them: the kind facet's value (ranked by label), the
// headcount facet's number, the partner facet's number of values per id.
// The place is in no index: it is read from the matching activities'
// records the first time a query sorts by it and kept with the index
// (which a new generation of the store replaces), so that sorting again
// reads nothing.

// sorted is the ids e matches in the order srt says: what List, Screen
// and Query list. An order unoct does not know is an error of the
// caller's; one the index or a record cannot give is damage.
func (s *Store) sorted(ix *index, tx *bolt.Tx, e *evaluation, srt model.Sort) ([]uint32, error) {
	if !slices.Contains(model.SortKeys, srt.Normal().Key) {
		return nil, fmt.Errorf("store: unknown sort %q (one of %s)", srt.Key, model.SortKeyNames())
	}
	ids, err := ix.sortedIDs(tx, e, srt)
	if err != nil {
		return nil, s.damaged("sort: " + err.Error())
	}
	return ids, nil
}

// sortedIDs is the ids e matches in the order s says.
func (ix *index) sortedIDs(tx *bolt.Tx, e *evaluation, s model.Sort) ([]uint32, error) {
	ids := ix.ordered(e.match(""))
	s = s.Normal()
	if s.Key == model.SortDate {
		if s.Desc {
			slices.Reverse(ids)
		}
		return ids, nil
	}
	if len(ids) < 2 {
		return ids, nil
	}
	var err error
	switch s.Key {
	case model.SortPlace:
		err = ix.sortByPlace(tx, ids, s.Desc)
	case model.SortKind:
		err = ix.sortByFacet(tx, ids, s.Desc, model.FacetKind, func(fi *facetIndex, v []uint32) (int, bool) {
			if len(v) == 0 {
				return 0, false
			}
			return fi.rank[v[0]], true
		})
	case model.SortParticipants:
		err = ix.sortByFacet(tx, ids, s.Desc, model.FacetHeadcount, func(fi *facetIndex, v []uint32) (int, bool) {
			if len(v) == 0 {
				return 0, false
			}
			n, _, ok := model.ParseHeadcountValue(fi.values[v[0]])
			return n, ok
		})
	case model.SortPartners:
		err = ix.sortByFacet(tx, ids, s.Desc, model.FacetPartner, func(_ *facetIndex, v []uint32) (int, bool) {
			return len(v), true
		})
	default:
		return nil, fmt.Errorf("unknown sort key %q", s.Key)
	}
	return ids, err
}

// sortByFacet orders ids by the number key gives each from its values
// of facet f (as indexes into the facet's values); an id key says
// nothing of (false) goes last.
func (ix *index) sortByFacet(tx *bolt.Tx, ids []uint32, desc bool, f model.Facet, key func(fi *facetIndex, vals []uint32) (int, bool)) error {
	fi, err := ix.facet(tx, f)
	if err != nil {
		return err
	}
	if fi == nil {
		return nil
	}
	fi.sortLabels()
	byID := fi.ids()
	sortKnownFirst(ids, desc, func(id uint32) (int, bool) { return key(fi, byID.of(id)) })
	return nil
}

// sortByPlace orders ids by their first session's place as the list
// shows it (model.Session.Where), folded; an activity with no place goes
// last.
func (ix *index) sortByPlace(tx *bolt.Tx, ids []uint32, desc bool) error {
	if err := ix.loadPlaces(tx, ids); err != nil {
		return err
	}
	sortKnownFirst(ids, desc, func(id uint32) (string, bool) {
		p := ix.places[id]
		return p, p != ""
	})
	return nil
}

// sortKnownFirst orders ids in place by the key each has, stably (ties
// keep their order, the date's), ascending or descending; the ids key
// knows nothing of (false) go last either way.
func sortKnownFirst[K cmp.Ordered](ids []uint32, desc bool, key func(uint32) (K, bool)) {
	type keyed struct {
		id    uint32
		k     K
		known bool
	}
	ks := make([]keyed, len(ids))
	for i, id := range ids {
		k, ok := key(id)
		ks[i] = keyed{id, k, ok}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if a.known != b.known {
			if a.known {
				return -1
			}
			return 1
		}
		if desc {
			return cmp.Compare(b.k, a.k)
		}
		return cmp.Compare(a.k, b.k)
	})
	for i, k := range ks {
		ids[i] = k.id
	}
}

// loadPlaces reads the place of each id of ids not read yet, decoding
// only the sessions of its record.
func (ix *index) loadPlaces(tx *bolt.Tx, ids []uint32) error {
	if ix.places == nil {
		ix.places = make(map[uint32]string, len(ids))
	}
	acts, err := bucket(tx, bActs)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, ok := ix.places[id]; ok {
			continue
		}
		v := acts.Get(idKey(id))
		if v == nil {
			return fmt.Errorf("no activity %d", id)
		}
		sessions, err := recordSessions(v)
		if err != nil {
			return fmt.Errorf("activity %d does not decode: %v", id, err)
		}
		place := ""
		if len(sessions) > 0 {
			place = model.Fold(sessions[0].Where())
		}
		ix.places[id] = place
	}
	return nil
}

// sessionsKey starts the sessions of a stored activity's JSON. Within a
// JSON string a quote is escaped, so these bytes occur only as a key,
// and no object inside an activity has a key "sessions".
var sessionsKey = []byte(`"sessions":`)

// recordSessions decodes the sessions of a stored activity alone, which
// is ten times quicker than decoding the record: the decoder stops at
// the end of the array. A record in another shape is decoded whole.
func recordSessions(v []byte) ([]model.Session, error) {
	if !isJSONRecord(v) {
		var a model.Activity
		err := decodeActivity(v, &a)
		return a.Sessions, err
	}
	var sessions []model.Session
	if i := bytes.Index(v, sessionsKey); i >= 0 {
		if err := json.NewDecoder(bytes.NewReader(v[i+len(sessionsKey):])).Decode(&sessions); err == nil {
			return sessions, nil
		}
	}
	var rec struct {
		Sessions []model.Session `json:"sessions"`
	}
	err := json.Unmarshal(v, &rec)
	return rec.Sessions, err
}
