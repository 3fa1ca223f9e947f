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
//  2. The last transaction replaces the document as ImportMany does,
//     except that the activities staged keep the ids they were stored
//     under and their index entries (their records are compared, as a
//     re-derivation compares a stored activity, and indexed again only
//     if a correction changed them meanwhile), and clears the pending
//     mark: the old version goes and the new one appears at once.
//
// An import killed between the steps leaves pending activities that no
// reader sees and no document owns. The next write of any other import
// or change removes them (dropPending), and doctor does not count them
// as damage.

var (
	kPending      = []byte("pending")
	kPendingOwner = []byte("pending_owner")
	kPendingTime  = []byte("pending_time") // when a step last wrote it (Unix ns)
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
	return clearPending(w.meta)
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
// stored meanwhile).
func (w *writer) dropUnstaged(st *staged, acts []model.Activity) error {
	unused := st.set.Clone()
	for i := range acts {
		unused.Remove(acts[i].ID)
	}
	return w.dropIDs(unused)
}

// dropIDs removes activities that no document's lines name: their
// records, starts, texts and index entries.
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
		olds, err := priorsOf(tx, doc.Name)
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
			owner := w.meta.Get(kPendingOwner)
			switch {
			case !st.set.IsEmpty() && string(owner) != st.owner:
				return fmt.Errorf("cannot import %q into %s: its pending activities were %w (import it again)", doc.Name, s.path, errStagedMoved)
			case st.set.IsEmpty() && owner != nil:
				return newError(ErrLocked, nil, fmt.Sprintf("store %s is storing another large document (another unoct process); import %q again when it finishes", s.path, doc.Name))
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
				pending.Add(a.ID)
				st.ids[i] = a.ID
			}
			if err := w.flush(); err != nil {
				return err
			}
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
			if err := putU64(w.meta, kPendingTime, uint64(time.Now().UnixNano())); err != nil {
				return err
			}
			return w.bump()
		})
		if err != nil {
			s.hashes = nil
			return res, err
		}
		for _, i := range part {
			st.set.Add(st.ids[i])
		}
		if testHookStaged != nil {
			testHookStaged(int(st.set.GetCardinality()))
		}
	}
	results, errs := s.importPrepared([]prepared{{doc: doc, acts: acts, refile: refile}}, &st, false)
	done = errs[0] == nil
	return results[0], errs[0]
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
	// Nothing staged (every activity kept a stored id): a mark there is
	// another import's, and stays.
	if !st.set.IsEmpty() {
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
	prefix := linePrefix(name)
	var olds []prior
	c := lines.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		id, ok := keyID(v)
		if len(k) != len(prefix)+4 || !ok {
			return nil, fmt.Errorf("bad lines entry %q", k)
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
