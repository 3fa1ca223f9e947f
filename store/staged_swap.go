package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/unoct/unoct/model"
	bolt "go.etcd.io/bbolt"
)

// ---- the prepared swap of a new version ----
//
// A new version of a large document (see staged.go) is compared with the
// stored one before its swap, a batch at a time (prepareSwap): what
// changes is staged under the staging bucket, and the swap only applies
// that list (replacePlanned). When another process writes meanwhile, the
// preparation is done again (rematch), prepareTries times at most.

// swapPlan is what prepareSwap found of a new version, for its swap.
type swapPlan struct {
	ids     []uint32        // per activity, its id
	change  *Change         // what it changed, as replace would find it
	before  map[string]bool // the series the old version's activities were in
	removed int             // how many activities the old version had stored
	// putLines are the activities (by place) whose lines entry is to be
	// written, dropLines the old lines the new version leaves empty,
	// gone the old ids it does not keep.
	putLines  []int
	dropLines []uint32
	gone      []uint32
	// fresh: a new document, whose lines were written as it was staged.
	fresh bool
}

// errPlanStale ends the preparation of a swap when another process
// wrote meanwhile: the swap does the work itself then.
var errPlanStale = errors.New("the store changed while the swap was prepared")

// prepareTries is how many times a staged import prepares its swap
// before it lets the swap compare everything itself.
var prepareTries = 3

// rematch reads the document's stored activities again when another
// process wrote while the swap was prepared. When they still match acts
// as they did (ids), the preparation is done again against the store as
// it is now: it returns them, after removing what the last preparation
// staged. Otherwise (the document changed: the swap refuses it; or the
// matching moved) it returns none, and the swap compares it all itself.
func (s *Store) rematch(st *staged, name string, acts []model.Activity, ids []uint32) ([]prior, error) {
	st.plan = nil
	var olds []prior
	err := s.view(func(tx *bolt.Tx) error {
		if !bytes.Equal(tx.Bucket(bDocs).Get([]byte(name)), st.base) {
			return nil
		}
		gen := getU64(tx.Bucket(bMeta), kGeneration)
		now, err := priorsOf(tx, name)
		if err != nil {
			return s.damaged(err.Error())
		}
		if slices.Equal(matchIDs(now, acts), ids) {
			olds, st.gen, st.stale = now, gen, false
		}
		return nil
	})
	if err != nil || olds == nil || !st.marked {
		return olds, err
	}
	err = s.write(func(tx *bolt.Tx, w *writer) error {
		if err := w.ownsMark(st, name); err != nil {
			return err
		}
		if err := dropStaging(tx); err != nil {
			return err
		}
		return w.putMark(st, st.set.Clone())
	})
	return olds, err
}

// prepareSwap prepares the swap of a new version (step 2 of staged.go): acts
// are the new activities, kept the stored id each keeps (0: it was
// staged under st.ids), olds the stored ones as matched. It compares a
// batch of activities at a time in a read transaction, and stores the
// records that change under the staging bucket in a short write
// transaction that moves nothing a reader sees (not the generation
// either). It sets acts' ids and change marks, and st.plan; it returns
// errPlanStale when another process wrote meanwhile (the swap then
// does the work itself) and ErrInterrupted when stop closes.
func (s *Store) prepareSwap(st *staged, name string, acts []model.Activity, kept []uint32, olds []prior, batch int, stop <-chan struct{}) error {
	plan := &swapPlan{ids: make([]uint32, len(acts)), change: &Change{Document: name}, before: make(map[string]bool)}
	keptSet := make(map[uint32]bool, len(acts))
	for i, id := range kept {
		if id == 0 {
			id = st.ids[i]
		} else {
			keptSet[id] = true
		}
		plan.ids[i] = id
	}
	// The old version's lines: those the new one gives another id are
	// written at the swap, those it leaves deleted.
	lineID := make(map[uint32]uint32, len(olds))
	for _, p := range olds {
		lineID[uint32(p.line)] = p.id
	}
	var sc entryScratch
	touched, records := time.Now(), 0
	for lo := 0; lo < len(acts); lo += batch {
		select {
		case <-stop:
			return ErrInterrupted
		default:
		}
		hi := min(lo+batch, len(acts))
		var put [][]byte // key, value, key, value...
		err := s.view(func(tx *bolt.Tx) error {
			if getU64(tx.Bucket(bMeta), kGeneration) != st.gen {
				return errPlanStale
			}
			stored, texts := tx.Bucket(bActs), tx.Bucket(bTexts)
			for i := lo; i < hi; i++ {
				a := &acts[i]
				a.ID, a.Change = plan.ids[i], ""
				line := uint32(a.Source.Line)
				if old, ok := lineID[line]; !ok || old != a.ID {
					plan.putLines = append(plan.putLines, i)
				}
				delete(lineID, line)
				key := idKey(a.ID)
				raw := stored.Get(key)
				var old model.Activity
				decoded := false
				if kept[i] == 0 {
					// Staged: the diff says added (see diffActivities).
					a.Change = model.ChangeNew
					plan.change.Added = append(plan.change.Added, ChangedActivity{ID: a.ID, Text: a.Text})
				} else if raw != nil {
					if err := decodeActivity(raw, &old); err != nil {
						return s.damaged(fmt.Sprintf("activity %d does not decode: %v", a.ID, err))
					}
					decoded = true
					plan.removed++
					if old.Series != "" {
						plan.before[old.Series] = true
					}
					was := old.Uncorrected()
					var fields []string
					for _, f := range diffFields {
						if !sameJSON(f.get(&was), f.get(a)) {
							fields = append(fields, f.name)
						}
					}
					if len(fields) > 0 {
						a.Change = model.ChangeChanged
						plan.change.Changed = append(plan.change.Changed, ChangedActivity{ID: a.ID, Text: a.Text, Fields: fields})
					}
				}
				if decoded {
					keepSeries(a, &old)
				}
				enc, err := encodeActivity(a)
				if err != nil {
					return newError(ErrInvalid, err, fmt.Sprintf("cannot import %q into %s: activity on line %d does not encode: %v", name, s.path, a.Source.Line, err))
				}
				var flags byte
				if !bytes.Equal(texts.Get(key), []byte(a.Text)) {
					flags |= stagedText
				}
				switch {
				case raw != nil && bytes.Equal(raw, enc):
					enc = nil // stored as it is
				case raw == nil:
					flags |= stagedEntries | stagedStart
				default:
					if !decoded {
						if err := decodeActivity(raw, &old); err != nil {
							return s.damaged(fmt.Sprintf("activity %d does not decode: %v", a.ID, err))
						}
					}
					flags |= sc.moves(&old, a)
				}
				if enc == nil && flags == 0 {
					continue
				}
				v := make([]byte, 0, 5+len(enc))
				v = binary.BigEndian.AppendUint32(append(v, flags), uint32(i))
				put = append(put, key, append(v, enc...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(put) == 0 && time.Since(touched) < pendingStale/4 {
			continue
		}
		err = s.write(func(tx *bolt.Tx, w *writer) error {
			if err := w.ownsMark(st, name); err != nil {
				return err
			}
			if st.stale {
				return errPlanStale
			}
			b, err := tx.CreateBucketIfNotExists(bStaging)
			if err != nil {
				return err
			}
			b.FillPercent = 1.0 // ids mostly in order
			for k := 0; k < len(put); k += 2 {
				if err := b.Put(put[k], put[k+1]); err != nil {
					return err
				}
			}
			return w.putMark(st, st.set.Clone())
		})
		if err != nil {
			return err
		}
		st.marked, touched = true, time.Now()
		records += len(put) / 2
		if testHookPrepared != nil {
			testHookPrepared(records)
		}
	}
	plan.dropLines = slices.Sorted(maps.Keys(lineID))
	// The stored activities the new version does not keep.
	err := s.view(func(tx *bolt.Tx) error {
		if getU64(tx.Bucket(bMeta), kGeneration) != st.gen {
			return errPlanStale
		}
		stored := tx.Bucket(bActs)
		for _, p := range olds {
			if keptSet[p.id] {
				continue
			}
			plan.gone = append(plan.gone, p.id)
			plan.change.Removed = append(plan.change.Removed, ChangedActivity{ID: p.id, Text: p.text})
			raw := stored.Get(idKey(p.id))
			if raw == nil {
				continue
			}
			plan.removed++
			var old model.Activity
			if err := decodeActivity(raw, &old); err != nil {
				return s.damaged(fmt.Sprintf("activity %d does not decode: %v", p.id, err))
			}
			if old.Series != "" {
				plan.before[old.Series] = true
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(plan.change.Removed, func(a, b ChangedActivity) int { return cmp.Compare(a.ID, b.ID) })
	st.plan = plan
	return nil
}

// entryScratch tells what moves with a record besides itself, reusing
// its lists from one activity to the next.
type entryScratch struct {
	x, y []string
	seen map[string]struct{}
}

// moves returns the flags of a record that changes from old to a: its
// index entries when a term (or a term's full name) differs, its start
// when the starts value does (only its line, or its place in the
// order).
func (sc *entryScratch) moves(old, a *model.Activity) byte {
	var flags byte
	switch o, n := startValue(old), startValue(a); {
	case old.NotActivity != a.NotActivity || !bytes.Equal(o[:4], n[:4]):
		flags |= stagedStart
	case !a.NotActivity && !bytes.Equal(o, n):
		flags |= stagedLine
	}
	if sc.seen == nil {
		sc.seen = make(map[string]struct{}, 64)
	}
	terms := func(out []string, a *model.Activity) []string {
		facetTerms(a, func(f model.Facet, value, label string) {
			out = append(out, string(f)+"\x00"+value+"\x00"+label)
		})
		return appendWordTerms(out, sc.seen, a)
	}
	sc.x, sc.y = terms(sc.x[:0], old), terms(sc.y[:0], a)
	if old.NotActivity != a.NotActivity || !slices.Equal(sc.x, sc.y) {
		flags |= stagedEntries
	}
	return flags
}

// replacePlanned is replace for the last step of a staged import whose
// swap was prepared (w.plan, see prepareSwap; for a new document, its
// lines were written as it was staged): it matches, decodes and
// compares nothing but what a correction touches. It moves the staged
// records in, writes the lines that changed, removes the activities
// the new version does not keep, and stores the document.
func (w *writer) replacePlanned(name string, rec *docRecord, raw []byte, acts []model.Activity) (int, error) {
	plan := w.plan
	w.plan = nil
	for i := range acts {
		acts[i].ID = plan.ids[i] // and its change mark, set by prepareSwap
	}
	w.change, w.reviews = plan.change, 0
	if err := w.applyFixes(name, acts); err != nil {
		return 0, err
	}
	storedAs := func(key []byte, id uint32) (*stored, error) {
		v := w.acts.Get(key)
		if v == nil {
			return nil, nil
		}
		o := &stored{enc: v}
		if err := decodeActivity(v, &o.a); err != nil {
			return nil, w.s.damaged(fmt.Sprintf("activity %d does not decode: %v", id, err))
		}
		return o, nil
	}
	// Corrected now: the preparation compared them uncorrected.
	corrected := func(a *model.Activity) bool { return len(a.Corrected) > 0 || a.AsRead != nil }
	for i := range acts {
		a := &acts[i]
		if !corrected(a) {
			continue
		}
		key := idKey(a.ID)
		o, err := storedAs(key, a.ID)
		if err != nil {
			return 0, err
		}
		if err := w.storeChanged(name, i, a, o); err != nil {
			return 0, err
		}
		if !bytes.Equal(w.texts.Get(key), []byte(a.Text)) {
			if err := w.texts.Put(key, []byte(a.Text)); err != nil {
				return 0, err
			}
		}
	}
	if b := w.tx.Bucket(bStaging); b != nil {
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			i := -1
			if len(v) >= 5 {
				i = int(binary.BigEndian.Uint32(v[1:5]))
			}
			if i < 0 || i >= len(acts) || !bytes.Equal(k, idKey(acts[i].ID)) {
				return 0, w.s.damaged(fmt.Sprintf("staged record %x names no activity of the import", k))
			}
			a := &acts[i]
			if corrected(a) {
				continue
			}
			key, flags, enc := idKey(a.ID), v[0], v[5:]
			if flags&stagedEntries != 0 {
				o, err := storedAs(key, a.ID)
				if err != nil {
					return 0, err
				}
				if o != nil {
					w.unindex(&o.a, a.ID)
				}
				w.index(a, a.ID)
			}
			if len(enc) > 0 {
				if err := w.acts.Put(key, enc); err != nil {
					return 0, err
				}
			}
			var err error
			switch {
			case flags&stagedStart != 0 && a.NotActivity:
				err = w.moveStart(key, a.ID, nil)
			case flags&stagedStart != 0:
				err = w.moveStart(key, a.ID, startValue(a))
			case flags&stagedLine != 0:
				// Its line moved, not its date: its place in the
				// order stays.
				err = w.starts.Put(key, startValue(a))
			}
			if err == nil && flags&stagedText != 0 {
				err = w.texts.Put(key, []byte(a.Text))
			}
			if err != nil {
				return 0, err
			}
		}
	}
	for _, i := range plan.putLines {
		if err := w.lines.Put(lineKey(name, acts[i].Source.Line), idKey(acts[i].ID)); err != nil {
			return 0, err
		}
	}
	for _, line := range plan.dropLines {
		if err := w.lines.Delete(lineKey(name, int(line))); err != nil {
			return 0, err
		}
	}
	for _, id := range plan.gone {
		key := idKey(id)
		o, err := storedAs(key, id)
		if err != nil {
			return 0, err
		}
		if o != nil {
			w.unindex(&o.a, id)
		}
		for _, b := range []*bolt.Bucket{w.acts, w.texts} {
			if err := b.Delete(key); err != nil {
				return 0, err
			}
		}
		if err := w.moveStart(key, id, nil); err != nil {
			return 0, err
		}
	}
	return plan.removed, w.finishDoc(name, rec, raw)
}
