package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// Corrections. What a person corrects is kept apart from what the
// reader derives, in the fixes bucket, and applied on top each time a
// document's activities are stored (an import, a re-derivation by a new
// reader, a rebuild), so that it survives all three; the indexes see the
// corrected values. A correction names its activity by document and
// bullet text (model.Correction), so it follows the activity when lines
// move; when the text itself changed it still follows the activity's
// id (ids follow texts too, see ids.go), is applied, and is flagged for
// review.
//
// The fixes bucket: document NUL text hash (8 bytes, model.TextHash)
// id (4 bytes BE, 0 for a correction waiting for its activity) -> JSON
// of fixRecord. It keeps its meaning across schema versions and is never
// emptied by a removal: a document imported again gets its corrections
// back.

// FixState says how a stored correction stands.
type FixState string

const (
	// FixApplied: applied to the activity with the text it was made on.
	FixApplied FixState = ""
	// FixReview: applied to the activity that followed it, whose text
	// has changed since; a person should look at it (`unoct fix ID`
	// again confirms it against the new text).
	FixReview FixState = "review"
	// FixWaiting: no stored activity has its text or id (its document
	// was removed or is not imported yet, or the bullet is gone); it is
	// applied when one comes.
	FixWaiting FixState = "waiting"
)

// fixRecord is what the fixes bucket holds.
type fixRecord struct {
	model.Correction
	State FixState `json:"state,omitempty"`
	// At is when the correction was last edited, RFC 3339.
	At string `json:"at,omitempty"`
}

// Fix is a stored correction and how it stands.
type Fix struct {
	model.Correction
	State FixState  `json:"state,omitempty"`
	At    time.Time `json:"at"`
	// Now is the text of the activity it is applied to, when that
	// differs from the text it was made on (State FixReview).
	Now string `json:"now,omitempty"`
}

func fixKey(c *model.Correction) []byte {
	h, _ := hex.DecodeString(model.TextHash(c.Text))
	k := make([]byte, 0, len(c.Document)+1+len(h)+4)
	k = append(k, c.Document...)
	k = append(k, 0)
	k = append(k, h...)
	return binary.BigEndian.AppendUint32(k, c.ID)
}

type fixEntry struct {
	key []byte
	rec fixRecord
}

// fixesOf reads the corrections of document doc.
func (w *writer) fixesOf(doc string) ([]fixEntry, error) {
	return fixesIn(w.s, w.fixes, doc)
}

func fixesIn(s *Store, b *bolt.Bucket, doc string) ([]fixEntry, error) {
	if b == nil {
		return nil, nil
	}
	var out []fixEntry
	prefix := linePrefix(doc)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var r fixRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, s.damaged(fmt.Sprintf("correction %q does not decode: %v", k, err))
		}
		out = append(out, fixEntry{bytes.Clone(k), r})
	}
	return out, nil
}

// put writes a correction under its key, dropping the key it had.
func (w *writer) putFix(oldKey []byte, r fixRecord) error {
	if oldKey != nil {
		if err := w.fixes.Delete(oldKey); err != nil {
			return err
		}
	}
	enc, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return w.fixes.Put(fixKey(&r.Correction), enc)
}

// applyFixes applies the corrections of document doc to its activities
// acts (as the reader read them, ids assigned), and records in each
// correction how it stands now.
func (w *writer) applyFixes(doc string, acts []model.Activity) error {
	fixes, err := w.fixesOf(doc)
	if err != nil || len(fixes) == 0 {
		return err
	}
	byID := make(map[uint32]int, len(acts))
	byKey := make(map[string][]int, len(acts))
	for i := range acts {
		byID[acts[i].ID] = i
		k := model.TextKey(acts[i].Text)
		byKey[k] = append(byKey[k], i)
	}
	claimed := make([]bool, len(acts))
	at := make([]int, len(fixes))
	state := make([]FixState, len(fixes))
	for n := range at {
		at[n], state[n] = -1, FixWaiting
	}
	claim := func(n, i int, st FixState) {
		at[n], state[n], claimed[i] = i, st, true
	}
	// The same id and text, then the same text (a correction made in
	// another store, or before a rebuild), then the same id (the text
	// changed: review).
	for n, f := range fixes {
		if i, ok := byID[f.rec.ID]; ok && !claimed[i] && model.TextKey(acts[i].Text) == model.TextKey(f.rec.Text) {
			claim(n, i, FixApplied)
		}
	}
	for n, f := range fixes {
		if at[n] >= 0 {
			continue
		}
		for _, i := range byKey[model.TextKey(f.rec.Text)] {
			if !claimed[i] {
				claim(n, i, FixApplied)
				break
			}
		}
	}
	for n, f := range fixes {
		if i, ok := byID[f.rec.ID]; ok && at[n] < 0 && f.rec.ID != 0 && !claimed[i] {
			claim(n, i, FixReview)
		}
	}
	for n, f := range fixes {
		r := f.rec
		if state[n] == FixReview && f.rec.State != FixReview {
			w.reviews++
		}
		if i := at[n]; i >= 0 {
			r.Correction.Apply(&acts[i], state[n] == FixReview)
			r.ID = acts[i].ID
		}
		r.State = state[n]
		if r.State == f.rec.State && r.ID == f.rec.ID {
			continue
		}
		if err := w.putFix(f.key, r); err != nil {
			return err
		}
	}
	return nil
}

// restore writes activity a again in place of old (same id), moving it
// in the indexes.
func (w *writer) restore(old, a *model.Activity) error {
	w.unindex(old, old.ID)
	if err := w.store(a); err != nil {
		return err
	}
	return w.flush()
}

// Correction returns the correction stored for activity id, and false
// when it has none.
func (s *Store) Correction(id uint32) (model.Correction, bool, error) {
	var (
		c     model.Correction
		found bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.current(tx); err != nil {
			return err
		}
		acts, err := s.getTx(tx, []uint32{id})
		if err != nil {
			return err
		}
		fixes, err := fixesIn(s, tx.Bucket(bFixes), acts[0].Source.Document)
		if err != nil {
			return err
		}
		for _, f := range fixes {
			if f.rec.ID == id && f.rec.State != FixWaiting {
				c, found = f.rec.Correction, true
			}
		}
		return nil
	})
	return c, found, err
}

// Fix edits the correction of activity id: edit is handed the stored
// correction (or a new one, naming the activity's document and text)
// and changes it; a correction left empty is dropped, which undoes it.
// The activity is stored again with the correction on top, in one
// transaction, and returned. Editing a correction flagged for review
// confirms it against the activity's text as it is now. An id that does
// not exist is ErrNotFound; edit's error is returned as it is, nothing
// written.
func (s *Store) Fix(id uint32, edit func(c *model.Correction) error) (model.Activity, error) {
	var out model.Activity
	err := s.write(func(tx *bolt.Tx, w *writer) error {
		acts, err := s.getTx(tx, []uint32{id})
		if err != nil {
			return err
		}
		old := acts[0]
		base := old.Uncorrected()
		docs := []string{old.Source.Document}
		before, err := seriesBefore(tx, docs)
		if err != nil {
			return err
		}
		fixes, err := w.fixesOf(old.Source.Document)
		if err != nil {
			return err
		}
		var oldKey []byte
		c := model.Correction{Document: old.Source.Document, Text: base.Text, ID: id}
		for _, f := range fixes {
			if f.rec.ID == id && f.rec.State != FixWaiting {
				oldKey, c = f.key, f.rec.Correction
			}
		}
		c.Text, c.ID = base.Text, id // confirmed against the text as it is
		if err := edit(&c); err != nil {
			return err
		}
		c.Document, c.Text, c.ID = old.Source.Document, base.Text, id
		if c.Empty() {
			if oldKey != nil {
				if err := w.fixes.Delete(oldKey); err != nil {
					return err
				}
			}
		} else {
			r := fixRecord{Correction: c, At: time.Now().UTC().Format(time.RFC3339)}
			if err := w.putFix(oldKey, r); err != nil {
				return err
			}
			c.Apply(&base, false)
		}
		if err := w.restore(&old, &base); err != nil {
			return err
		}
		if err := s.relinkDocs(tx, docs, before); err != nil { // a corrected field may link or unlink it
			return err
		}
		got, err := s.getTx(tx, []uint32{id})
		if err != nil {
			return err
		}
		out = got[0]
		return w.bump()
	})
	return out, err
}

// FixesImported says what ApplyFixes did.
type FixesImported struct {
	// Applied: corrections whose activity the store has (found by
	// document and text), applied now; Waiting: kept until their
	// document (or a bullet with their text) is imported.
	Applied, Waiting int
}

// ApplyFixes stores corrections made elsewhere (a file a colleague
// exported from their store): each is matched to an activity by its
// document and text, never by id (ids differ between stores), replaces
// the correction that activity had, and is applied at once; one whose
// activity is not in the store waits for it. All in one transaction. A
// correction model.Correction.Check refuses is ErrInvalid, and nothing is
// written.
func (s *Store) ApplyFixes(cs []model.Correction) (FixesImported, error) {
	var res FixesImported
	for i, c := range cs {
		if err := c.Check(); err != nil {
			return res, newError(ErrInvalid, err, fmt.Sprintf("correction %d: %v", i+1, err))
		}
	}
	err := s.write(func(tx *bolt.Tx, w *writer) error {
		res = FixesImported{}
		var docs []string
		for _, c := range cs {
			if !slices.Contains(docs, c.Document) {
				docs = append(docs, c.Document)
			}
		}
		before, err := seriesBefore(tx, docs)
		if err != nil {
			return err
		}
		byDoc := make(map[string][]model.Activity) // each document's activities, read once
		for _, c := range cs {
			acts, ok := byDoc[c.Document]
			if !ok {
				if acts, err = w.activitiesOf(c.Document); err != nil {
					return err
				}
				byDoc[c.Document] = acts
			}
			fixes, err := w.fixesOf(c.Document)
			if err != nil {
				return err
			}
			key := model.TextKey(c.Text)
			i := slices.IndexFunc(acts, func(a model.Activity) bool { return model.TextKey(a.Text) == key })
			c.ID = 0
			r := fixRecord{Correction: c, State: FixWaiting, At: time.Now().UTC().Format(time.RFC3339)}
			var oldKey []byte
			for _, f := range fixes {
				// The correction this one replaces: the one made on the
				// same text, or on the activity it applies to.
				if model.TextKey(f.rec.Text) == key || i >= 0 && f.rec.ID == acts[i].ID {
					oldKey = f.key
				}
			}
			if i < 0 {
				res.Waiting++
				if err := w.putFix(oldKey, r); err != nil {
					return err
				}
				continue
			}
			res.Applied++
			old := acts[i]
			base := old.Uncorrected()
			r.ID, r.State = old.ID, FixApplied
			if err := w.putFix(oldKey, r); err != nil {
				return err
			}
			r.Correction.Apply(&base, false)
			if err := w.restore(&old, &base); err != nil {
				return err
			}
			acts[i] = base
		}
		if err := s.relinkDocs(tx, docs, before); err != nil {
			return err
		}
		return w.bump()
	})
	return res, err
}

// activitiesOf reads the stored activities of document doc, in line
// order.
func (w *writer) activitiesOf(doc string) ([]model.Activity, error) {
	var out []model.Activity
	prefix := linePrefix(doc)
	c := w.lines.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		raw := w.acts.Get(v)
		if raw == nil {
			continue
		}
		var a model.Activity
		if err := decodeActivity(raw, &a); err != nil {
			return nil, w.s.damaged(fmt.Sprintf("activity %x does not decode: %v", v, err))
		}
		out = append(out, a)
	}
	return out, nil
}

// Fixes lists every stored correction, by document and then id, with
// how it stands.
func (s *Store) Fixes() ([]Fix, error) {
	var out []Fix
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.schema(tx); err != nil && !errors.Is(err, ErrOldSchema) {
			return err
		}
		b := tx.Bucket(bFixes)
		if b == nil {
			return nil
		}
		acts := tx.Bucket(bActs)
		return b.ForEach(func(k, v []byte) error {
			var r fixRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return s.damaged(fmt.Sprintf("correction %q does not decode: %v", k, err))
			}
			f := Fix{Correction: r.Correction, State: r.State}
			f.At, _ = time.Parse(time.RFC3339, r.At)
			if r.State == FixReview && acts != nil {
				var a model.Activity
				if v := acts.Get(idKey(r.ID)); v != nil && decodeActivity(v, &a) == nil {
					f.Now = a.Text
				}
			}
			out = append(out, f)
			return nil
		})
	})
	slices.SortStableFunc(out, func(a, b Fix) int {
		if a.Document != b.Document {
			if a.Document < b.Document {
				return -1
			}
			return 1
		}
		return int(a.ID) - int(b.ID)
	})
	return out, err
}

// DropFixes deletes every correction of document doc, for a removal that
// asks to forget them too (a removal keeps them otherwise: see Remove),
// and gives the activities they were applied to back to the reader. It
// returns how many it deleted.
func (s *Store) DropFixes(doc string) (int, error) {
	n := 0
	err := s.write(func(tx *bolt.Tx, w *writer) error {
		n = 0
		fixes, err := w.fixesOf(doc)
		if err != nil || len(fixes) == 0 {
			return err
		}
		before, err := seriesBefore(tx, []string{doc})
		if err != nil {
			return err
		}
		for _, f := range fixes {
			if err := w.fixes.Delete(f.key); err != nil {
				return err
			}
			n++
			if f.rec.State == FixWaiting {
				continue
			}
			v := w.acts.Get(idKey(f.rec.ID))
			if v == nil {
				continue
			}
			var old model.Activity
			if err := decodeActivity(v, &old); err != nil {
				return s.damaged(fmt.Sprintf("activity %d does not decode: %v", f.rec.ID, err))
			}
			base := old.Uncorrected()
			if err := w.restore(&old, &base); err != nil {
				return err
			}
		}
		if err := s.relinkDocs(tx, []string{doc}, before); err != nil {
			return err
		}
		return w.bump()
	})
	return n, err
}
