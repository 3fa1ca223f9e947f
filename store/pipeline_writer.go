package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// writer applies document changes within one read-write transaction. It
// accumulates every bitmap change per term in memory and writes each
// touched bitmap once, at flush.
type writer struct {
	s                                                      *Store
	tx                                                     *bolt.Tx
	meta, docs, raw, acts, lines, starts, idx, labels, wds *bolt.Bucket
	texts, fixes, changes                                  *bolt.Bucket

	// change is what the last replace changed against the stored
	// version of its document (nil when none was stored); reviews is how
	// many corrections it newly flagged for review (their bullet's text
	// changed).
	change  *Change
	reviews int

	facets map[model.Facet]map[string]*change
	words  map[string]*change
	labelV map[model.Facet]map[string]string // labels of added values
	nextID uint64

	// order is what the transaction changed in the default order, by
	// month (see order.go); orderWasCurrent, whether the order bucket
	// described the store as the transaction began.
	order           map[uint32]*orderEdit
	orderWasCurrent bool

	// deferFlush leaves the bitmap changes pending after each document
	// (ImportMany flushes once per batch).
	deferFlush bool

	// seriesLater says that this write left series to link to a later
	// one (see linkSeries).
	seriesLater bool

	// rawZ, when not nil, is the compressed raw bytes of the document
	// being imported, compressed by a reading goroutine (see
	// ImportInputs) so that the transaction does not.
	rawZ []byte

	// pre, in the last step of a staged import (staged.go), is the id
	// each activity was staged under (0: none): replace gives it to an
	// activity no stored one matches, and keeps its index entries.
	pre []uint32
	// trust: the document has no correction, so an activity staged with
	// the change mark trustChange is stored as it is now (stagedAsIs).
	trust       bool
	trustChange string
	// plan, in the last step of a staged import whose swap was prepared,
	// is what the preparation found: replace only applies it
	// (replacePlanned).
	plan *swapPlan

	// terms and seen are appendWordTerms' scratch, kept from one
	// activity to the next.
	terms []string
	seen  map[string]struct{}
}

// change is one term's pending bitmap edit: ids to remove, then to add.
type change struct{ del, add *roaring.Bitmap }

// write runs fn in a write transaction of the current store (its stamp
// checked) with a writer on it: what every change to documents,
// activities or corrections starts with.
func (s *Store) write(fn func(tx *bolt.Tx, w *writer) error) error {
	return s.update(func(tx *bolt.Tx) error {
		if _, err := s.current(tx); err != nil {
			return err
		}
		w, err := newWriter(s, tx)
		if err != nil {
			return err
		}
		if err := w.dropPending(); err != nil {
			return err
		}
		if err := fn(tx, w); err != nil {
			return err
		}
		if !w.seriesLater {
			// Series an import left to link (see linkSeries) are linked
			// by the next write, whatever it is.
			if err := w.linkSeries(nil, nil, nil, 0, false); err != nil {
				return err
			}
		}
		return w.finishOrder()
	})
}

func newWriter(s *Store, tx *bolt.Tx) (*writer, error) {
	w := &writer{
		s: s, tx: tx,
		facets: make(map[model.Facet]map[string]*change),
		words:  make(map[string]*change),
		labelV: make(map[model.Facet]map[string]string),
		seen:   make(map[string]struct{}, 64),
	}
	for _, p := range []struct {
		b    **bolt.Bucket
		name []byte
	}{{&w.meta, bMeta}, {&w.docs, bDocs}, {&w.raw, bRaw}, {&w.acts, bActs}, {&w.lines, bLines},
		{&w.starts, bStarts}, {&w.idx, bIdx}, {&w.labels, bLabels}, {&w.wds, bWords},
		{&w.texts, bTexts}, {&w.fixes, bFixes}, {&w.changes, bChanges}} {
		b, err := bucket(tx, p.name)
		if err != nil {
			return nil, err
		}
		*p.b = b
	}
	// New ids only grow, and a document's lines come in order, so these
	// buckets are appended to: fill their pages instead of splitting them
	// half full (bbolt's default), which would double the file. Full, not
	// 90%: an activity's JSON was about a kilobyte, and a 90% page held
	// three where a full one held four (a quarter of the store). texts
	// is keyed by id too (it was half empty: 43 MB for 20 at 100k);
	// docs and raw take documents mostly in name order (a quarter and
	// two thirds full: 4 MB for 1, 10 for 7).
	for _, b := range []*bolt.Bucket{w.acts, w.starts, w.lines, w.texts, w.docs, w.raw} {
		b.FillPercent = 1.0
	}
	w.nextID = max(getU64(w.meta, kNextID), 1)
	w.orderWasCurrent = orderCurrent(tx)
	return w, nil
}

// replace removes the activities of document name and, unless rec is nil
// (a removal), stores rec, raw (when not nil) and acts in their place,
// each keeping the id of the stored activity it matches (see ids.go)
// and with the document's corrections applied on top (see fixes.go).
// It returns how many activities were removed; w.change is left saying
// what changed against the stored version.
func (w *writer) replace(name string, rec *docRecord, raw []byte, acts []model.Activity) (int, error) {
	if w.plan != nil && rec != nil {
		return w.replacePlanned(name, rec, raw, acts)
	}
	pending, err := readPending(w.meta)
	if err != nil {
		return 0, w.s.damaged(err.Error())
	}
	prefix := linePrefix(name)
	var olds []prior
	oldLines := make(map[uint32]bool)
	c := w.lines.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		id, ok := keyID(v)
		if len(k) != len(prefix)+4 || !ok {
			return 0, w.s.damaged(fmt.Sprintf("bad lines entry %q", k))
		}
		if pending != nil && pending.Contains(id) {
			continue // a new document another import is staging (staged.go)
		}
		line := binary.BigEndian.Uint32(k[len(prefix):])
		oldLines[line] = true
		olds = append(olds, prior{id: id, line: int(line), text: string(w.texts.Get(idKey(id)))})
	}
	// The stored activities are kept, encoded and decoded, until the new
	// ones are known: one stored again byte for byte (a new reader that
	// reads most of a document as before, a document imported again
	// with a few lines changed) keeps its index entries as they are,
	// which is most of a re-derivation's writing.
	removed := 0
	old := make(map[uint32]*stored, len(olds))
	was := make(map[uint32]model.Activity, len(olds)) // as the reader read them
	for i, p := range olds {
		v := w.acts.Get(idKey(p.id))
		if v == nil {
			continue
		}
		o := &stored{enc: v}
		if err := decodeActivity(v, &o.a); err != nil {
			return 0, w.s.damaged(fmt.Sprintf("activity %d does not decode: %v", p.id, err))
		}
		old[p.id] = o
		removed++
		was[p.id] = o.a.Uncorrected()
		if p.text == "" {
			olds[i].text = o.a.Text
		}
	}

	ids := matchIDs(olds, acts)
	keptIDs := make(map[uint32]bool, len(acts))
	for i := range acts {
		if ids[i] == 0 && i < len(w.pre) {
			ids[i] = w.pre[i]
		}
		if ids[i] == 0 {
			var err error
			if ids[i], err = w.alloc(); err != nil {
				return 0, err
			}
		}
		acts[i].ID = ids[i]
		keptIDs[ids[i]] = true
	}
	w.change, w.reviews = nil, 0
	if len(was) > 0 || len(olds) > 0 {
		w.change = diffActivities(name, was, olds, acts)
		w.change.mark(acts)
	}
	if err := w.applyFixes(name, acts); err != nil {
		return 0, err
	}

	kept := make(map[uint32]bool, len(acts))
	for i := range acts {
		a := &acts[i]
		line, id := uint32(a.Source.Line), a.ID
		kept[line] = true
		key := idKey(id)
		asIs := w.stagedAsIs(i, a)
		if !asIs {
			if err := w.storeChanged(name, i, a, old[id]); err != nil {
				return 0, err
			}
		}
		if err := w.lines.Put(lineKey(name, int(line)), key); err != nil {
			return 0, err
		}
		if !asIs && !bytes.Equal(w.texts.Get(key), []byte(a.Text)) {
			if err := w.texts.Put(key, []byte(a.Text)); err != nil {
				return 0, err
			}
		}
	}
	for _, p := range olds {
		if keptIDs[p.id] {
			continue
		}
		key := idKey(p.id)
		if o := old[p.id]; o != nil {
			w.unindex(&o.a, p.id)
		}
		if err := w.acts.Delete(key); err != nil {
			return 0, err
		}
		if err := w.moveStart(key, p.id, nil); err != nil {
			return 0, err
		}
	}
	for line := range oldLines {
		if !kept[line] {
			if err := w.lines.Delete(lineKey(name, int(line))); err != nil {
				return 0, err
			}
		}
	}
	for _, p := range olds {
		if !keptIDs[p.id] {
			if err := w.texts.Delete(idKey(p.id)); err != nil {
				return 0, err
			}
		}
	}
	return removed, w.finishDoc(name, rec, raw)
}

// finishDoc ends the write of document name's activities: the bitmaps
// flushed (unless the batch flushes them once), its record and bytes
// stored (see putDocument), the next id and the generation recorded.
func (w *writer) finishDoc(name string, rec *docRecord, raw []byte) error {
	if testHookImport != nil {
		if err := testHookImport(); err != nil {
			return err
		}
	}
	if !w.deferFlush {
		if err := w.flush(); err != nil {
			return err
		}
	}
	if err := w.putDocument(name, rec, raw); err != nil {
		return err
	}
	return w.bump()
}

// putDocument stores document name's record and its bytes (when raw is
// not nil), or deletes both when rec is nil.
func (w *writer) putDocument(name string, rec *docRecord, raw []byte) error {
	if rec == nil {
		if err := w.docs.Delete([]byte(name)); err != nil {
			return err
		}
		return w.raw.Delete([]byte(name))
	}
	enc, err := json.Marshal(rec)
	if err != nil {
		return newError(ErrInvalid, err, fmt.Sprintf("cannot import %q into %s: the document does not encode: %v", name, w.s.path, err))
	}
	if err := w.docs.Put([]byte(name), enc); err != nil {
		return err
	}
	if raw == nil {
		return nil
	}
	z := w.rawZ // compressed ahead (see ImportInputs)
	if z == nil {
		if z, err = compressRaw(raw); err != nil {
			return err
		}
	}
	return w.raw.Put([]byte(name), z)
}

// stored is a stored activity, encoded and decoded.
type stored struct {
	enc []byte
	a   model.Activity
}

// stagedAsIs tells whether activity i of a staged import (see
// staged.go) is stored exactly as a is now, with its text, without
// encoding it: it was staged from this activity with the change mark it
// has now, and the document has no correction. (takeStaged found every
// staged record still pending, so still there.)
func (w *writer) stagedAsIs(i int, a *model.Activity) bool {
	return w.trust && i < len(w.pre) && w.pre[i] == a.ID && a.Change == w.trustChange
}

// keepSeries leaves a, a new reading of stored activity old, in old's
// series. The reader links no series; the store does after the write
// (relinkKnown, relink) and rewrites the records whose series changed.
// Without this, every activity of a series differed from its record, and
// a re-derivation that changed nothing moved all of them out of every
// index and back (at 1M, most of its writing).
func keepSeries(a, old *model.Activity) {
	if a.Series == "" {
		a.Series = old.Series
	}
}

// storeChanged stores activity i, a, unless it is stored byte for byte
// as it is (o, the version stored before, or what a staged import
// stored), moving its index entries.
func (w *writer) storeChanged(name string, i int, a *model.Activity, o *stored) error {
	id := a.ID
	if o != nil {
		keepSeries(a, &o.a)
	}
	enc, err := encodeActivity(a)
	if err != nil {
		return newError(ErrInvalid, err, fmt.Sprintf("cannot import %q into %s: activity on line %d does not encode: %v", name, w.s.path, a.Source.Line, err))
	}
	if o == nil && i < len(w.pre) && w.pre[i] == id {
		// Staged: stored and indexed already, as it was read
		// (a correction may have changed it since).
		if v := w.acts.Get(idKey(id)); v != nil {
			o = &stored{enc: v}
			if !bytes.Equal(v, enc) {
				if err := decodeActivity(v, &o.a); err != nil {
					return w.s.damaged(fmt.Sprintf("activity %d does not decode: %v", id, err))
				}
			}
		}
	}
	switch {
	case o != nil && bytes.Equal(o.enc, enc):
		// Stored as it is: its entries stand.
	default:
		if o != nil {
			w.unindex(&o.a, id)
		}
		if err := w.storeEnc(a, enc); err != nil {
			return err
		}
	}
	return nil
}

// store writes activity a (its id set) to acts and starts, and records
// that it enters the indexes. An activity a person marked as not one
// has no starts entry, so that no list shows it.
func (w *writer) store(a *model.Activity) error {
	enc, err := encodeActivity(a)
	if err != nil {
		return err
	}
	return w.storeEnc(a, enc)
}

// storeEnc is store with a already encoded as enc.
func (w *writer) storeEnc(a *model.Activity, enc []byte) error {
	key := idKey(a.ID)
	var err error
	if err := w.acts.Put(key, enc); err != nil {
		return err
	}
	if a.NotActivity {
		err = w.moveStart(key, a.ID, nil)
	} else {
		err = w.moveStart(key, a.ID, startValue(a))
	}
	if err != nil {
		return err
	}
	w.index(a, a.ID)
	return nil
}

// alloc hands out the next activity id.
func (w *writer) alloc() (uint32, error) {
	if w.nextID > math.MaxUint32 {
		return 0, fmt.Errorf("store %s has used up its activity ids", w.s.path)
	}
	id := uint32(w.nextID)
	w.nextID++
	return id, nil
}

// bump records the next id and moves the generation on.
func (w *writer) bump() error {
	if err := putU64(w.meta, kNextID, w.nextID); err != nil {
		return err
	}
	return putU64(w.meta, kGeneration, getU64(w.meta, kGeneration)+1)
}

func (w *writer) term(f model.Facet, value string) *change {
	m := w.facets[f]
	if m == nil {
		m = make(map[string]*change)
		w.facets[f] = m
	}
	ch := m[value]
	if ch == nil {
		ch = &change{}
		m[value] = ch
	}
	return ch
}

func (w *writer) word(word string) *change {
	ch := w.words[word]
	if ch == nil {
		ch = &change{}
		w.words[word] = ch
	}
	return ch
}

func (ch *change) remove(id uint32) {
	if ch.del == nil {
		ch.del = roaring.New()
	}
	ch.del.Add(id)
}

func (ch *change) insert(id uint32) {
	if ch.add == nil {
		ch.add = roaring.New()
	}
	ch.add.Add(id)
}

// testHookIndex, when set (by tests), is told of every activity index
// enters: tests count the index work a write did.
var testHookIndex func(id uint32)

// index records that a (with id) enters every index it belongs in.
func (w *writer) index(a *model.Activity, id uint32) {
	if testHookIndex != nil {
		testHookIndex(id)
	}
	facetTerms(a, func(f model.Facet, value, label string) {
		w.term(f, value).insert(id)
		m := w.labelV[f]
		if m == nil {
			m = make(map[string]string)
			w.labelV[f] = m
		}
		if label != "" || m[value] == "" {
			m[value] = label
		}
	})
	w.terms = appendWordTerms(w.terms[:0], w.seen, a)
	for _, word := range w.terms {
		w.word(word).insert(id)
	}
}

// unindex records that a (with id) leaves every index it was in.
func (w *writer) unindex(a *model.Activity, id uint32) {
	facetTerms(a, func(f model.Facet, value, _ string) {
		w.term(f, value).remove(id)
	})
	w.terms = appendWordTerms(w.terms[:0], w.seen, a)
	for _, word := range w.terms {
		w.word(word).remove(id)
	}
}

// flush writes every touched bitmap once. A bitmap left empty is deleted
// with its label, so that a value no activity has any more disappears.
//
// Keys are written in their order: bbolt keeps a transaction's new keys
// in a sorted array per page until commit, and keys put in random (map)
// order move half that array each, which made a document of 400,000
// activities (as many new words) quadratic in its terms.
func (w *writer) flush() error {
	for _, f := range slices.Sorted(maps.Keys(w.facets)) {
		m := w.facets[f]
		b, err := w.idx.CreateBucketIfNotExists([]byte(f))
		if err != nil {
			return err
		}
		for _, value := range slices.Sorted(maps.Keys(m)) {
			ch := m[value]
			empty, err := w.apply(b, []byte(value), ch)
			if err != nil {
				return err
			}
			// A label is only dropped with its value: an activity that
			// names a partner without its full name must not erase the
			// full name another activity gave.
			lk := labelKey(f, value)
			switch label := w.labelV[f][value]; {
			case empty:
				err = w.labels.Delete(lk)
			case label != "" && string(w.labels.Get(lk)) != label:
				// Unchanged labels are not written again: a Put dirties
				// its page even when the value is the same.
				err = w.labels.Put(lk, []byte(label))
			}
			if err != nil {
				return err
			}
		}
	}
	for _, word := range slices.Sorted(maps.Keys(w.words)) {
		if _, err := w.apply(w.wds, []byte(word), w.words[word]); err != nil {
			return err
		}
	}
	clear(w.facets)
	clear(w.words)
	clear(w.labelV)
	return nil
}

// apply edits one stored bitmap: remove, then add (an id both removed and
// added stays), then write it back run-optimized, or delete it if empty.
func (w *writer) apply(b *bolt.Bucket, key []byte, ch *change) (empty bool, err error) {
	bm := roaring.New()
	if v := b.Get(key); v != nil {
		if err := bm.UnmarshalBinary(v); err != nil {
			return false, w.s.damaged(fmt.Sprintf("bitmap %q does not decode: %v", key, err))
		}
	}
	if ch.del != nil {
		bm.AndNot(ch.del)
	}
	if ch.add != nil {
		bm.Or(ch.add)
	}
	if bm.IsEmpty() {
		return true, b.Delete(key)
	}
	bm.RunOptimize()
	buf, err := bm.ToBytes()
	if err != nil {
		return false, err
	}
	return false, b.Put(key, buf)
}
