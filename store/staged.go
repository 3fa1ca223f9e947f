package store

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
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
