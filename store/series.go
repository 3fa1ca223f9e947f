package store

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// ---- series across documents ----
//
// A series (model.SeriesRule) links activities of several documents, so
// it cannot be read from one activity as the other facets are. The store
// links them when documents change instead: every write that adds,
// replaces, removes, corrects or re-derives activities ends, within its
// own transaction, with relink, which links every stored activity anew
// and writes Activity.Series into the records whose series changed. The
// series facet then takes its values from the record (model.FacetSeries)
// and is indexed, counted, filtered and re-indexed as every other facet
// is, and reading a series is reading one bitmap: `unoct show`, `unoct
// series` and the TUI's detail never read every activity.
//
// Why the record and not a bucket of its own: the facet registry, the
// incremental index (writer.index), doctor's re-index and the exports all
// work from the record alone, and keep working unchanged. The field is
// additive (an older unoct ignores it), so the schema stays; a store
// written before series, or by an older rule, has another facet
// fingerprint (the series facet's Version is the rule's) and is
// re-indexed, and re-linked first, on its next write (see reindex).
//
// The price is that a write reads every activity's record to link them:
// linear in the store, on top of the write's own work.

// relink links every stored activity by model.SeriesRule and brings the
// records whose series changed up to date, within tx. With index set, it
// also moves them in the series facet's bitmaps (a write's transaction);
// without, only the records change (reindex rebuilds the bitmaps from
// them right after). It does not move the generation: the write it ends
// does.
func (s *Store) relink(tx *bolt.Tx, index bool) error {
	acts, err := bucket(tx, bActs)
	if err != nil {
		return err
	}
	var all []model.Activity
	err = acts.ForEach(func(k, v []byte) error {
		id, ok := keyID(k)
		if !ok {
			return fmt.Errorf("acts: bad key %x", k)
		}
		var a model.Activity
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("activity %d does not decode: %v", id, err)
		}
		a.ID = id
		all = append(all, a)
		return nil
	})
	if err != nil {
		return s.damaged("linking series: " + err.Error())
	}
	// An activity a person marked as not one continues nothing.
	live := slices.DeleteFunc(slices.Clone(all), func(a model.Activity) bool { return a.NotActivity })
	of, _ := model.LinkSeries(live)
	var w *writer
	if index {
		if w, err = newWriter(s, tx); err != nil {
			return err
		}
	}
	for i := range all {
		a := &all[i]
		want := of[a.ID]
		if a.Series == want {
			continue
		}
		if w != nil {
			w.unindex(a, a.ID)
			a.Series = want
			if err := w.store(a); err != nil {
				return err
			}
			continue
		}
		a.Series = want
		enc, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if err := acts.Put(idKey(a.ID), enc); err != nil {
			return err
		}
	}
	if w != nil {
		return w.flush()
	}
	return nil
}

// Series returns the activities of the series named name (a value of
// model.FacetSeries, Activity.Series), in the order of their start;
// none when no series has that name.
func (s *Store) Series(name string) ([]model.Activity, error) {
	if name == "" {
		return nil, nil
	}
	res, err := s.Query(model.Query{Filters: map[model.Facet][]string{model.FacetSeries: {name}}})
	if err != nil {
		return nil, err
	}
	return s.Get(res.IDs...)
}

// AllSeries lists every series with its activities' ids in the order of
// their start, the largest series first. Which part of the rule linked
// a series is found again from its own activities.
func (s *Store) AllSeries() ([]model.Series, error) {
	values, err := s.Values(model.FacetSeries)
	if err != nil {
		return nil, err
	}
	out := make([]model.Series, 0, len(values))
	for _, v := range values {
		acts, err := s.Series(v.Value)
		if err != nil {
			return nil, err
		}
		if len(acts) == 0 {
			continue
		}
		sr := model.Series{Label: model.Inert(v.Value)}
		if found := model.FindSeries(acts); len(found) > 0 {
			sr.Rule = found[0].Rule
		}
		for _, a := range acts {
			sr.IDs = append(sr.IDs, a.ID)
		}
		out = append(out, sr)
	}
	slices.SortStableFunc(out, func(a, b model.Series) int {
		return cmp.Or(cmp.Compare(len(b.IDs), len(a.IDs)), cmp.Compare(a.IDs[0], b.IDs[0]))
	})
	return out, nil
}
