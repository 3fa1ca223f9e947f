package store

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// ---- a large document in several transactions ----
//
// A batch is one transaction, and the file is locked for all of it: a
// document of 400,000 activities stored in one held the lock for minutes
// and the whole document's dirty pages in memory. A document of more
// activities than a batch holds is therefore stored in steps
// (importStaged):
//
//  1. Its activities that get a new id (all of a new document; those no
//     stored activity matches, in a new version) are stored and indexed
//     a batch at a time, one transaction each, under a pending mark: the
//     meta key kPending, the bitmap of their ids, with kPendingOwner, a
//     token of the import. Every reading of the indexes leaves the
//     pending ids out (index.pending), so that between these
//     transactions readers see the document as it was, or not at all.
//     A new document's lines are written with them: nothing reads lines
//     but writers, which leave pending ids out, and doctor.
//  2. A new version's swap is prepared (prepareSwap): the activities
//     that kept a stored id are compared with their stored records in
//     read transactions, a batch at a time, which gives the change
//     record (what was added, removed, changed) and each one's change
//     mark; the records that must change are encoded and stored under
//     the staging bucket (with whether their index entries and start
//     move too), in small write transactions under the pending mark.
//  3. The last transaction replaces the document as ImportMany does,
//     except that the activities staged keep the ids they were stored
//     under and their index entries, and clears the pending mark: the
//     old version goes and the new one appears at once. With a prepared
//     swap it matches, decodes and compares nothing: it writes the
//     lines that changed, moves the staged records in (re-indexing only
//     those whose entries moved) and removes the activities gone. When
//     another process wrote meanwhile (the store's generation is not
//     the one the preparation read), the preparation may be stale: it
//     is done again (rematch), and after prepareTries tries the last
//     transaction does all of it itself, as one transaction always did
//     (the staged records are compared, as a re-derivation compares a
//     stored activity, and indexed again only if a correction changed
//     them meanwhile). A new document has nothing to compare: its lines
//     are written with its staged activities, and its swap holds
//     whatever else was written meanwhile.
//
// An import killed between the steps leaves pending activities that no
// reader sees and no document owns, and staged records no reader reads.
// The next write of any other import or change removes them
// (dropPending), and doctor does not count them as damage.

var (
	kPending      = []byte("pending")
	kPendingOwner = []byte("pending_owner")
	kPendingTime  = []byte("pending_time") // when a step last wrote it (Unix ns)
)

// bStaging holds, while a staged import of a new version prepares its
// swap, the records the swap changes (see prepareSwap): keyed by id,
// each a flag byte (stagedEntries...), the activity's place in the
// document (4 bytes) and the record (none when only its text entry
// changes). It exists only under a pending mark, and goes with it.
var bStaging = []byte("staging")

// The flags of a staged record: what moves besides the record itself.
const (
	stagedEntries = 1 << iota // its index entries (facets, labels, words)
	stagedStart               // its start, and its place in the order
	stagedLine                // only the line its starts entry holds
	stagedText                // its texts entry
)

// readPending returns the pending mark's ids (nil when none).
func readPending(meta *bolt.Bucket) (*roaring.Bitmap, error) {
	if meta == nil {
		return nil, nil
	}
	v := meta.Get(kPending)
	if v == nil {
		return nil, nil
	}
	bm := roaring.New()
	if err := bm.UnmarshalBinary(v); err != nil {
		return nil, fmt.Errorf("pending ids do not decode: %v", err)
	}
	return bm, nil
}

// pendingStale is how long a pending mark stays untouched before
// another write takes it for the leftovers of an import that was killed
// or failed: a running staged import touches it at every step, a
// fraction of a second apart, and a write in the meantime must not undo
// its work.
var pendingStale = 2 * time.Minute

// dropPending removes, within w's transaction, the activities an import
// left pending when it was killed or failed between its steps: a mark
// this Store's staged import does not own and that nobody touched for
// pendingStale.
func (w *writer) dropPending() error {
	if w.meta.Get(kPending) == nil {
		return nil
	}
	if p := w.s.staging.Load(); p != nil && string(w.meta.Get(kPendingOwner)) == *p {
		return nil
	}
	if t := int64(getU64(w.meta, kPendingTime)); time.Since(time.Unix(0, t)) < pendingStale {
		return nil
	}
	return w.dropAllPending()
}

// dropAllPending removes the pending activities and the mark, whoever
// owns them.
func (w *writer) dropAllPending() error {
	bm, err := readPending(w.meta)
	if err != nil {
		return w.s.damaged(err.Error())
	}
	if err := w.dropIDs(bm); err != nil {
		return err
	}
	if err := dropStaging(w.tx); err != nil {
		return err
	}
	return clearPending(w.meta)
}

// dropStaging deletes the staging bucket, if any.
func dropStaging(tx *bolt.Tx) error {
	if tx.Bucket(bStaging) == nil {
		return nil
	}
	return tx.DeleteBucket(bStaging)
}

// clearPending deletes the pending mark.
func clearPending(meta *bolt.Bucket) error {
	for _, k := range [][]byte{kPending, kPendingOwner, kPendingTime} {
		if err := meta.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// dropUnstaged removes, in the last step of a staged import, the staged
// activities the document did not take (all of them when its text was
// stored meanwhile), and the staged records.
func (w *writer) dropUnstaged(st *staged, acts []model.Activity) error {
	unused := st.set.Clone()
	for i := range acts {
		unused.Remove(acts[i].ID)
	}
	if err := w.dropIDs(unused); err != nil {
		return err
	}
	return dropStaging(w.tx)
}

// dropIDs removes staged activities that no document owns: their
// records, starts, texts, index entries and (a new document's) lines.
func (w *writer) dropIDs(bm *roaring.Bitmap) error {
	if bm.IsEmpty() {
		return nil
	}
	for it := bm.Iterator(); it.HasNext(); {
		id := it.Next()
		key := idKey(id)
		if v := w.acts.Get(key); v != nil {
			var a model.Activity
			if err := decodeActivity(v, &a); err != nil {
				return w.s.damaged(fmt.Sprintf("activity %d does not decode: %v", id, err))
			}
			w.unindex(&a, id)
			if lk := lineKey(a.Source.Document, a.Source.Line); bytes.Equal(w.lines.Get(lk), key) {
				if err := w.lines.Delete(lk); err != nil {
					return err
				}
			}
		}
		if err := w.moveStart(key, id, nil); err != nil {
			return err
		}
		for _, b := range []*bolt.Bucket{w.acts, w.texts} {
			if err := b.Delete(key); err != nil {
				return err
			}
		}
	}
	return w.flush()
}

// staged is what the last step of a staged import needs to know.
type staged struct {
	owner string
	ids   []uint32 // per activity, the id it was staged under (0: it keeps a stored one)
	// change is the change mark the activities were staged with: a new
	// version's new activities are marked new (see Change.mark).
	change string
	set    *roaring.Bitmap
	base   []byte // the document's record when the import began (nil: none)
	// marked: a step wrote the pending mark (its ids may be none, when
	// only records were staged).
	marked bool
	// gen is the store's generation as this import last read or wrote
	// it; stale, that another process wrote since the ids were matched,
	// so that the swap cannot trust a preparation.
	gen   uint64
	stale bool
	// plan is the prepared swap of a new version (nil: none, or stale).
	plan *swapPlan
	// insist: the swap refuses a stale plan (errPlanStale), for it to be
	// prepared again, rather than compare everything itself.
	insist bool
}

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

// errStagedMoved refuses the last step of a staged import when another
// process changed the document, or removed the pending activities,
// between the steps.
var errStagedMoved = errors.New("changed by another import meanwhile")

// importStaged stores one prepared document of many activities in
// batches of at most batch activities, then swaps it in (see above).
// It returns what ImportMany would, or ErrInterrupted when stop closes
// before the swap: what it staged is removed, and the document stays as
// it was.
func (s *Store) importStaged(doc model.Document, acts []model.Activity, refile bool, batch int, stop <-chan struct{}) (ImportResult, error) {
	s.hmu.Lock()
	defer s.hmu.Unlock()
	res := ImportResult{Document: doc.Name, Month: doc.Month}
	// Which activities keep a stored id, as the last step will find
	// them, and whether the text is stored already (nothing to stage).
	var st staged
	var ids []uint32
	var olds []prior
	same := false
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.current(tx); err != nil {
			return err
		}
		hashes, err := s.hashIndex(tx)
		if err != nil {
			return err
		}
		if _, ok := hashes.byHash[doc.Hash]; ok {
			same = true
			return nil
		}
		st.base = bytes.Clone(tx.Bucket(bDocs).Get([]byte(doc.Name)))
		st.gen = getU64(tx.Bucket(bMeta), kGeneration)
		olds, err = priorsOf(tx, doc.Name)
		if err != nil {
			return s.damaged(err.Error())
		}
		ids = matchIDs(olds, acts)
		if len(olds) > 0 {
			st.change = model.ChangeNew
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if same {
		// Unchanged or refiled: nothing new to index.
		results, errs := s.importPrepared([]prepared{{doc: doc, acts: acts, refile: refile}}, nil, false)
		return results[0], errs[0]
	}
	var tok [8]byte
	_, _ = rand.Read(tok[:])
	st.owner = hex.EncodeToString(tok[:])
	st.ids = make([]uint32, len(acts))
	st.set = roaring.New()
	s.staging.Store(&st.owner)
	defer s.staging.Store(nil)
	done := false
	defer func() {
		if !done {
			s.dropOwnPending(st.owner)
		}
	}()
	fresh := make([]int, 0, len(acts))
	for i, id := range ids {
		if id == 0 {
			fresh = append(fresh, i)
		}
	}
	for len(fresh) > 0 {
		select {
		case <-stop:
			return res, ErrInterrupted
		default:
		}
		n := min(batch, len(fresh))
		part := fresh[:n]
		fresh = fresh[n:]
		err := s.write(func(tx *bolt.Tx, w *writer) error {
			if err := w.ownsMark(&st, doc.Name); err != nil {
				return err
			}
			if !bytes.Equal(w.docs.Get([]byte(doc.Name)), st.base) {
				// Another version stored meanwhile, with its lines:
				// a new document's staged lines must not replace them.
				return fmt.Errorf("cannot import %q into %s: the document was %w (import it again)", doc.Name, s.path, errStagedMoved)
			}
			pending, err := readPending(w.meta)
			if err != nil {
				return s.damaged(err.Error())
			}
			if pending == nil {
				pending = roaring.New()
			}
			for _, i := range part {
				a := acts[i]
				if a.ID, err = w.alloc(); err != nil {
					return err
				}
				a.Change = st.change
				if err := w.store(&a); err != nil {
					return newError(ErrInvalid, err, fmt.Sprintf("cannot import %q into %s: activity on line %d does not encode: %v", doc.Name, s.path, a.Source.Line, err))
				}
				if err := w.texts.Put(idKey(a.ID), []byte(a.Text)); err != nil {
					return err
				}
				if len(olds) == 0 {
					// A new document's lines point at pending ids,
					// which readers leave out: written now, not in the
					// swap.
					if err := w.lines.Put(lineKey(doc.Name, a.Source.Line), idKey(a.ID)); err != nil {
						return err
					}
				}
				pending.Add(a.ID)
				st.ids[i] = a.ID
			}
			if err := w.flush(); err != nil {
				return err
			}
			if err := w.putMark(&st, pending); err != nil {
				return err
			}
			if err := w.bump(); err != nil {
				return err
			}
			st.gen = getU64(w.meta, kGeneration)
			return nil
		})
		if err != nil {
			s.hashes = nil
			return res, err
		}
		st.marked = true
		for _, i := range part {
			st.set.Add(st.ids[i])
		}
		if testHookStaged != nil {
			testHookStaged(int(st.set.GetCardinality()))
		}
	}
	if len(olds) == 0 {
		// A new document: staged whole, lines and all.
		st.plan = &swapPlan{ids: st.ids, fresh: true, before: map[string]bool{}}
		for i := range acts {
			acts[i].ID, acts[i].Change = st.ids[i], st.change
		}
	}
	// A new version's swap is prepared, and prepared again when another
	// process wrote meanwhile (found while preparing, or by the swap),
	// prepareTries times at most: then the swap compares it all itself.
	for tries := 1; ; tries++ {
		if len(olds) > 0 {
			err := errPlanStale
			if !st.stale {
				err = s.prepareSwap(&st, doc.Name, acts, ids, olds, batch, stop)
			}
			switch {
			case err == nil:
			case !errors.Is(err, errPlanStale):
				return res, err
			case tries < prepareTries:
				if olds, err = s.rematch(&st, doc.Name, acts, ids); err != nil {
					return res, err
				}
				continue
			default:
				st.plan = nil
			}
		}
		st.insist = st.plan != nil && !st.plan.fresh && tries < prepareTries
		if testHookBeforeSwap != nil {
			testHookBeforeSwap()
		}
		results, errs := s.importPrepared([]prepared{{doc: doc, acts: acts, refile: refile}}, &st, false)
		if st.insist && errors.Is(errs[0], errPlanStale) {
			var err error
			if olds, err = s.rematch(&st, doc.Name, acts, ids); err != nil {
				return res, err
			}
			continue
		}
		done = errs[0] == nil
		return results[0], errs[0]
	}
}

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

// dropOwnPending removes, as soon as a staged import fails, the
// activities it staged, if it can (a full disk may not let it): the
// next write removes them otherwise, once they are stale.
func (s *Store) dropOwnPending(owner string) {
	_ = s.write(func(_ *bolt.Tx, w *writer) error {
		if w.meta.Get(kPending) == nil || string(w.meta.Get(kPendingOwner)) != owner {
			return errUnchanged
		}
		if err := w.dropAllPending(); err != nil {
			return err
		}
		return w.bump()
	})
}

// takeStaged checks, within w's transaction, that the pending mark is
// still st's whole and the document as it was, then clears the mark:
// the last step of a staged import.
func (w *writer) takeStaged(st *staged, name string) error {
	if !bytes.Equal(w.docs.Get([]byte(name)), st.base) {
		return fmt.Errorf("cannot import %q into %s: the document was %w (import it again)", name, w.s.path, errStagedMoved)
	}
	// Nothing staged (every activity kept a stored id and no record
	// changes): a mark there is another import's, and stays.
	if st.marked {
		pending, err := readPending(w.meta)
		if err != nil {
			return w.s.damaged(err.Error())
		}
		if pending == nil || string(w.meta.Get(kPendingOwner)) != st.owner || !pending.Equals(st.set) {
			return fmt.Errorf("cannot import %q into %s: its pending activities were %w (import it again)", name, w.s.path, errStagedMoved)
		}
		if err := clearPending(w.meta); err != nil {
			return err
		}
	}
	// A new document's plan holds whatever another process wrote
	// meanwhile: its records are the ones staged (the pending mark is
	// whole), its lines point at them, and it had no old version.
	planned := st.plan != nil && (st.plan.fresh || !st.stale && getU64(w.meta, kGeneration) == st.gen)
	if !planned && st.insist {
		return errPlanStale
	}
	if testHookSwap != nil {
		testHookSwap(planned)
	}
	if planned {
		w.plan = st.plan
		return nil
	}
	// No plan, or another process wrote since it was made: the staged
	// records may be stale, and replace does it all.
	if err := dropStaging(w.tx); err != nil {
		return err
	}
	fixes, err := w.fixesOf(name)
	if err != nil {
		return err
	}
	w.pre, w.trust, w.trustChange = st.ids, len(fixes) == 0, st.change
	return nil
}

// priorsOf lists the stored activities of document name, as replace
// matches them (see ids.go).
func priorsOf(tx *bolt.Tx, name string) ([]prior, error) {
	lines, texts, acts := tx.Bucket(bLines), tx.Bucket(bTexts), tx.Bucket(bActs)
	if lines == nil || texts == nil || acts == nil {
		return nil, errors.New("a bucket is missing")
	}
	pending, err := readPending(tx.Bucket(bMeta))
	if err != nil {
		return nil, err
	}
	prefix := linePrefix(name)
	var olds []prior
	c := lines.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		id, ok := keyID(v)
		if len(k) != len(prefix)+4 || !ok {
			return nil, fmt.Errorf("bad lines entry %q", k)
		}
		if pending != nil && pending.Contains(id) {
			continue // another import's new document, staged
		}
		p := prior{id: id, line: int(uint32FromKey(k[len(prefix):])), text: string(texts.Get(v))}
		if p.text == "" {
			if raw := acts.Get(v); raw != nil {
				var a model.Activity
				if err := decodeActivity(raw, &a); err != nil {
					return nil, fmt.Errorf("activity %d does not decode: %v", id, err)
				}
				p.text = a.Text
			}
		}
		olds = append(olds, p)
	}
	return olds, nil
}

func uint32FromKey(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// testHookStaged, when set (by tests), is called after each transaction
// that stages a part of a large document commits, with how many
// activities are staged: the file is free, as readers find it between
// the steps (and as a kill at that moment would leave it).
var testHookStaged func(staged int)

// testHookPrepared, when set (by tests), is called after each
// transaction that stores a part of a prepared swap commits, with how
// many records are staged so far (see testHookStaged).
var testHookPrepared func(records int)

// testHookSwap, when set (by tests), is called in the last step of a
// staged import with whether it applies a prepared swap.
var testHookSwap func(planned bool)

// testHookBeforeSwap, when set (by tests), is called before the last
// step of a staged import opens the file.
var testHookBeforeSwap func()

// ownsMark checks, within a step's transaction, that the pending mark
// is this import's (or, before its first step, nobody's), and notes
// whether another process wrote since this import last did.
func (w *writer) ownsMark(st *staged, name string) error {
	owner := w.meta.Get(kPendingOwner)
	switch {
	case st.marked && string(owner) != st.owner:
		return fmt.Errorf("cannot import %q into %s: its pending activities were %w (import it again)", name, w.s.path, errStagedMoved)
	case !st.marked && owner != nil:
		return newError(ErrLocked, nil, fmt.Sprintf("store %s is storing another large document (another unoct process); import %q again when it finishes", w.s.path, name))
	}
	if getU64(w.meta, kGeneration) != st.gen {
		st.stale = true
	}
	return nil
}

// putMark writes the pending mark: the ids pending, this import's
// token, and the time (the mark is fresh).
func (w *writer) putMark(st *staged, pending *roaring.Bitmap) error {
	pending.RunOptimize()
	buf, err := pending.ToBytes()
	if err != nil {
		return err
	}
	if err := w.meta.Put(kPending, buf); err != nil {
		return err
	}
	if err := w.meta.Put(kPendingOwner, []byte(st.owner)); err != nil {
		return err
	}
	return putU64(w.meta, kPendingTime, uint64(time.Now().UnixNano()))
}

// prepareSwap prepares the swap of a new version (step 2 above): acts
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
				if decoded && a.Series == "" {
					// In its series until the store links it again, as
					// storeChanged does.
					a.Series = old.Series
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
