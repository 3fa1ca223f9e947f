package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// ---- series across documents ----
//
// A series (model.SeriesRule) links activities of several documents, so
// it cannot be read from one activity as the other facets are. The store
// links them when documents change instead: every write that adds,
// replaces, removes, corrects or re-derives activities ends, within its
// own transaction, by linking again the activities it can have moved
// (relinkDocs, below) and writing Activity.Series into the records whose
// series changed (an import's batches may leave that to a later batch of
// the same import: "linking later", below). The series facet then takes its values from the record (model.FacetSeries)
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
// A write does not read every activity to link them: the hidden facet
// model.FacetSeriesLinks indexes the programmes the texts name, the
// facets index the rest of what the same-work part compares (branch,
// kind, partners, countries, months), and relinkDocs starts from the
// written documents' activities and the series they were in before the
// write, follows those bitmaps to every activity they reach, and links
// only these again. What they reach is closed under the rule's links, so
// the series found among them are the ones a reading of every activity
// would find. Only a re-index and a re-derivation, which read every
// activity anyway, link the whole store (relink). The price is a
// decode of each reached record (only the fields the rule reads) per
// write: about a third of an import's time on synthetic months.

// ---- linking later ----
//
// At a million activities a batch's linking followed its programmes
// across the store: each of the 250 batches of an import reached tens of
// thousands of activities, and linking was two thirds of the import's
// CPU. The batches of one import (ImportInputs) therefore leave their
// documents, and the series they were in before, in a meta record
// (kSeriesDue), and one batch in about seriesDueActivities links them
// all at once (or, in a large store, one in half the store's size), as
// does the import's last batch. Until then the newest
// documents' activities are in the series they were in before (a new
// document's, in none): a viewer of a store being imported sees their
// series late, never wrong ones for long. An import killed meanwhile
// leaves the record, and the next write of any kind links them (Store.write).

// kSeriesDue is the meta key of the documents whose series are to link.
var kSeriesDue = []byte("series_due")

// seriesDueActivities is about how many activities' documents wait for
// their series before a batch links them.
const seriesDueActivities = 50_000

// seriesDue is the kSeriesDue record.
type seriesDue struct {
	Docs       []string `json:"docs"`
	Before     []string `json:"before,omitempty"` // the series they were in before their writes
	Activities int      `json:"activities"`
}

// linkSeries links the series a write of documents docs (their series
// before it: before) can have changed, with those earlier writes left
// to link: now, or with later and fewer than seriesDueActivities
// activities waiting, by a later write. known is as for relinkKnown.
func (w *writer) linkSeries(docs []string, before map[string]bool, known map[uint32]*model.Activity, acts int, later bool) error {
	var due seriesDue
	if v := w.meta.Get(kSeriesDue); v != nil {
		if err := json.Unmarshal(v, &due); err != nil {
			return w.s.damaged(fmt.Sprintf("meta %s does not decode: %v", kSeriesDue, err))
		}
	} else if !later {
		if len(docs) == 0 && len(before) == 0 {
			return nil
		}
		return w.s.relinkKnown(w.tx, docs, before, known)
	}
	due.Docs = append(due.Docs, docs...)
	due.Before = append(due.Before, slices.Collect(maps.Keys(before))...)
	slices.Sort(due.Before) // each batch names the same series again
	due.Before = slices.Compact(due.Before)
	due.Activities += acts
	// Each linking reaches about the whole store when its programmes
	// span it: waiting for half the store's activities as well makes
	// the linkings of an import of n activities a few (about log n),
	// not n / seriesDueActivities.
	if later && due.Activities < max(seriesDueActivities, int(w.nextID/2)) {
		w.seriesLater = true
		v, err := json.Marshal(due)
		if err != nil {
			return err
		}
		return w.meta.Put(kSeriesDue, v)
	}
	all := make(map[string]bool, len(due.Before))
	for _, name := range due.Before {
		all[name] = true
	}
	slices.Sort(due.Docs)
	if err := w.s.relinkKnown(w.tx, slices.Compact(due.Docs), all, known); err != nil {
		return err
	}
	return w.meta.Delete(kSeriesDue)
}

// linkSeriesDue links the series earlier writes left to link, if any,
// in a write of its own.
func (s *Store) linkSeriesDue() error {
	due := false
	err := s.view(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bMeta); meta != nil {
			due = meta.Get(kSeriesDue) != nil
		}
		return nil
	})
	if err != nil || !due {
		return err
	}
	return s.write(func(*bolt.Tx, *writer) error { return nil }) // Store.write links them
}

// seriesBefore returns the series the activities of documents docs are
// in, read before a write changes them: the series the write may shrink
// or split.
func seriesBefore(tx *bolt.Tx, docs []string) (map[string]bool, error) {
	out := make(map[string]bool)
	lines, acts := tx.Bucket(bLines), tx.Bucket(bActs)
	if lines == nil || acts == nil {
		return out, nil
	}
	// Through the store's own decoder: encoding/json, even for the one
	// field, validated every byte of every record (3.7 s of a new
	// version of a 400,000-activity document).
	for _, doc := range docs {
		prefix := linePrefix(doc)
		c := lines.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			raw := acts.Get(v)
			if raw == nil {
				continue
			}
			var a model.Activity
			if decodeActivity(raw, &a) == nil && a.Series != "" {
				out[a.Series] = true
			}
		}
	}
	return out, nil
}

// relinkDocs links again, within tx, the series a write of documents
// docs can have changed: the one their activities are in now, and the
// ones they were in before (before, from seriesBefore). See above.
func (s *Store) relinkDocs(tx *bolt.Tx, docs []string, before map[string]bool) error {
	return s.relinkKnown(tx, docs, before, nil)
}

// relinkKnown is relinkDocs where known holds activities the write has
// in memory as they are stored (a staged import's, see staged.go), by
// id, so that their records need not be decoded again.
func (s *Store) relinkKnown(tx *bolt.Tx, docs []string, before map[string]bool, known map[uint32]*model.Activity) error {
	idx, err := bucket(tx, bIdx)
	if err != nil {
		return err
	}
	lines, err := bucket(tx, bLines)
	if err != nil {
		return err
	}
	acts, err := bucket(tx, bActs)
	if err != nil {
		return err
	}
	links, series := idx.Bucket([]byte(model.FacetSeriesLinks)), idx.Bucket([]byte(model.FacetSeries))
	bitmap := func(b *bolt.Bucket, value string) (*roaring.Bitmap, error) {
		bm := roaring.New()
		if b == nil {
			return bm, nil
		}
		if v := b.Get([]byte(value)); v != nil {
			if err := bm.UnmarshalBinary(v); err != nil {
				return nil, s.damaged(fmt.Sprintf("series bitmap %q does not decode: %v", value, err))
			}
		}
		return bm, nil
	}
	// The facets' bitmaps the same-work part reads, each once.
	cache := make(map[[2]string]*roaring.Bitmap)
	facetBitmap := func(f, value string) (*roaring.Bitmap, error) {
		k := [2]string{f, value}
		if bm, ok := cache[k]; ok {
			return bm, nil
		}
		bm, err := bitmap(idx.Bucket([]byte(f)), value)
		cache[k] = bm
		return bm, err
	}
	// reached holds every id queued so far: an id is queued once, and
	// the candidates of a term are what it reaches beyond them (a queue
	// that took every candidate again, per activity, grew as the square
	// of a large document's activities that share a work).
	reached := roaring.New()
	// A staged import's pending activities are in no series until they
	// are swapped in (see staged.go).
	pending, err := readPending(tx.Bucket(bMeta))
	if err != nil {
		return s.damaged(err.Error())
	}
	var queue []uint32
	push := func(id uint32) {
		if pending != nil && pending.Contains(id) {
			return
		}
		if reached.CheckedAdd(id) {
			queue = append(queue, id)
		}
	}
	for _, doc := range docs {
		prefix := linePrefix(doc)
		c := lines.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if id, ok := keyID(v); ok {
				push(id)
			}
		}
	}
	for name := range before {
		bm, err := bitmap(series, name)
		if err != nil {
			return err
		}
		for it := bm.Iterator(); it.HasNext(); {
			push(it.Next())
		}
	}
	// Every activity the queue's link terms reach, and theirs in turn.
	followed := make(map[string]bool)
	sameWork := make(map[string]bool)           // the same-work terms followed
	windows := make(map[string]*roaring.Bitmap) // the union of each window's months
	// found points at the activities reached: a large document's are
	// hundreds of thousands, not to be copied when known.
	var found []*model.Activity
	for len(queue) > 0 {
		id := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		a, ok := known[id]
		if !ok {
			raw := acts.Get(idKey(id))
			if raw == nil {
				continue
			}
			v, err := linkView(raw, id)
			if err != nil {
				return s.damaged(err.Error())
			}
			a = &v
		}
		found = append(found, a)
		if a.NotActivity {
			continue
		}
		for _, t := range model.SeriesLinks(a) {
			if followed[t] {
				continue
			}
			followed[t] = true
			bm, err := bitmap(links, t)
			if err != nil {
				return err
			}
			for it := roaring.AndNot(bm, reached).Iterator(); it.HasNext(); {
				push(it.Next())
			}
		}
		// The same work: every activity with its branch, kind, partners
		// and countries (and maybe more) in the months of its window.
		if len(a.Partners) == 0 || len(a.Countries) == 0 {
			continue
		}
		bms := make([]*roaring.Bitmap, 0, 8)
		terms := [][2]string{{string(model.FacetBranch), string(a.Branch)}, {string(model.FacetKind), string(a.Kind)}}
		for _, p := range a.Partners {
			terms = append(terms, [2]string{string(model.FacetPartner), p.Label()})
		}
		for _, c := range a.Countries {
			terms = append(terms, [2]string{string(model.FacetCountry), c.Code})
		}
		// Activities of one work in one window reach the same
		// candidates: follow them once.
		var kb strings.Builder
		for _, t := range terms {
			kb.WriteString(t[0] + "\x00" + t[1] + "\x00")
		}
		// The window is a function of the month and the start's month.
		start := a.Start()
		kb.WriteString(a.Month + "\x00" + start[:min(len(start), 7)])
		key := kb.String()
		if sameWork[key] {
			continue
		}
		sameWork[key] = true
		for _, t := range terms {
			if t[1] == "" {
				continue
			}
			bm, err := facetBitmap(t[0], t[1])
			if err != nil {
				return err
			}
			bms = append(bms, bm)
		}
		months := model.SeriesWindow(a)
		wkey := strings.Join(months, "\x00")
		window, ok := windows[wkey]
		if !ok {
			ms := make([]*roaring.Bitmap, 0, len(months))
			for _, m := range months {
				bm, err := facetBitmap(string(model.FacetMonth), m)
				if err != nil {
					return err
				}
				ms = append(ms, bm)
			}
			window = roaring.FastOr(ms...)
			window.RunOptimize() // its months are runs of ids
			windows[wkey] = window
		}
		cand := intersectWork(bms, window)
		for it := roaring.AndNot(cand, reached).Iterator(); it.HasNext(); {
			push(it.Next())
		}
	}
	// A series spans two months at least: activities of one month, none
	// in a series yet, stay as they are without linking them (a large
	// document's own activities, most often).
	if oneMonthNoSeries(found) {
		return nil
	}
	all := make([]model.Activity, len(found))
	for i, a := range found {
		all[i] = *a
	}
	// A label another series has (among activities not reached) is
	// told apart.
	taken := func(label string) bool {
		bm, err := bitmap(series, label)
		if err != nil {
			return true
		}
		for it := bm.Iterator(); it.HasNext(); {
			if !reached.Contains(it.Next()) {
				return true
			}
		}
		return false
	}
	return s.setSeries(tx, all, taken, true)
}

// oneMonthNoSeries tells whether acts are all of one month and none is
// in a series: no series can form among them and none needs undoing.
func oneMonthNoSeries(acts []*model.Activity) bool {
	for i := range acts {
		if acts[i].Series != "" || acts[i].Month != acts[0].Month {
			return false
		}
	}
	return true
}

// intersectWork intersects terms (an activity's branch, kind, partners and
// countries) and window (the union of its months): the window and the
// smallest term first, then the others. The branch and kind bitmaps hold a
// large part of the store, a partner's and a country's a small one, but
// all of them spread over the whole range of ids, while a window's
// months are a few runs of neighbouring ids (ids are given in import
// order): an intersection costs about the containers (ranges of 65,536
// ids) its operands share, so anding the smallest term with the window
// first leaves a set the others cost little to intersect. Anding the
// terms among themselves first, over every container, was a third of a
// million-activity import's CPU. As roaring.FastAnd of them all.
func intersectWork(terms []*roaring.Bitmap, window *roaring.Bitmap) *roaring.Bitmap {
	if len(terms) == 0 {
		return window.Clone()
	}
	// The smallest term first (cardinalities counted once each: a
	// sort's comparisons counted them again and again).
	first, least := 0, terms[0].GetCardinality()
	for i, bm := range terms[1:] {
		if c := bm.GetCardinality(); c < least {
			first, least = i+1, c
		}
	}
	out := roaring.And(terms[first], window)
	for i, bm := range terms {
		if out.IsEmpty() {
			break
		}
		if i != first {
			out.And(bm)
		}
	}
	return out
}

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
	pending, err := readPending(tx.Bucket(bMeta))
	if err != nil {
		return s.damaged(err.Error())
	}
	var all []model.Activity
	err = acts.ForEach(func(k, v []byte) error {
		id, ok := keyID(k)
		if !ok {
			return fmt.Errorf("acts: bad key %x", k)
		}
		if pending != nil && pending.Contains(id) {
			return nil // see staged.go
		}
		a, err := linkView(v, id)
		if err != nil {
			return err
		}
		all = append(all, a)
		return nil
	})
	if err != nil {
		return s.damaged("linking series: " + err.Error())
	}
	if err := s.setSeries(tx, all, nil, index); err != nil {
		return err
	}
	// Every series is linked: none is left to link.
	if meta := tx.Bucket(bMeta); meta != nil && meta.Get(kSeriesDue) != nil {
		return meta.Delete(kSeriesDue)
	}
	return nil
}

// setSeries links acts (a set of activities closed under the rule's
// links) and writes the records whose series changed; with index, it
// moves them in the facets' bitmaps too.
func (s *Store) setSeries(tx *bolt.Tx, all []model.Activity, taken func(string) bool, index bool) error {
	acts, err := bucket(tx, bActs)
	if err != nil {
		return err
	}
	// An activity a person marked as not one continues nothing. The
	// others are linked as they are, without a copy unless some must be
	// left out: at a million, a copy was 416 MB.
	notActivity := func(a model.Activity) bool { return a.NotActivity }
	live := all
	if slices.ContainsFunc(all, notActivity) {
		live = slices.DeleteFunc(slices.Clone(all), notActivity)
	}
	of, _ := model.LinkSeries(live, taken)
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
		// Only the series facet's terms change: the record is written
		// again and the id moves between the two series' bitmaps, and
		// no other bitmap is touched (rewriting the words' would double
		// an import's cost).
		if w != nil && !a.NotActivity {
			if a.Series != "" {
				w.term(model.FacetSeries, a.Series).remove(a.ID)
			}
			if want != "" {
				w.term(model.FacetSeries, want).insert(a.ID)
			}
		}
		var full model.Activity
		if err := decodeActivity(acts.Get(idKey(a.ID)), &full); err != nil {
			return s.damaged(fmt.Sprintf("activity %d does not decode: %v", a.ID, err))
		}
		full.ID, full.Series = a.ID, want
		enc, err := encodeActivity(&full)
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

// linkView decodes a stored activity's record for linking, which
// decodes many records and rewrites few: through the store's own
// decoder (decodeActivity, no reflection), which reads a whole record
// in less time than encoding/json takes for the fields the rule reads.
func linkView(raw []byte, id uint32) (model.Activity, error) {
	var a model.Activity
	if err := decodeActivity(raw, &a); err != nil {
		return model.Activity{}, fmt.Errorf("activity %d does not decode: %v", id, err)
	}
	a.ID = id
	// Only what the rule reads is kept (model.LinkSeries: text,
	// partners, countries, sessions, month, kind, branch, series, the
	// not-an-activity mark): a store-wide linking holds every activity
	// at once, and the rest was about a third of that memory. setSeries
	// decodes a record whole again before it rewrites it.
	a.People, a.Regions, a.Areas, a.Pillars = nil, nil, nil, nil
	a.Unknown, a.Corrected, a.AsRead = nil, nil, nil
	return a, nil
}
