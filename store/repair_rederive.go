package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// NeedsRederive reports whether the store's activities are not what the
// reader of version readerVersion would read: the schema is older than
// this build's, or some document was read by another reader version.
// An empty store never needs it.
func (s *Store) NeedsRederive(readerVersion string) (bool, error) {
	var need bool
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.schema(tx); errors.Is(err, ErrOldSchema) {
			need = true
			return nil
		} else if err != nil {
			return err
		}
		docs, err := bucket(tx, bDocs)
		if err != nil {
			return err
		}
		// Every command asks this on start. The answer is in meta when
		// the last write left every document read by one reader (see
		// setUniform); else each record is looked at, the common case,
		// a record that names this version, by its bytes: the encoder
		// writes "reader" last as "reader":"VERSION", and a quote inside
		// a string is escaped, so only the field itself can match.
		// Anything else is decoded, and reported if damaged.
		if v, ok := uniformReader(tx.Bucket(bMeta)); ok && v == readerVersion {
			return nil
		}
		current := readerSuffix(readerVersion)
		return docs.ForEach(func(k, v []byte) error {
			if bytes.HasSuffix(v, current) {
				return nil
			}
			r, err := decodeDoc(v)
			if err != nil {
				return s.damaged(fmt.Sprintf("document %q does not decode: %v", k, err))
			}
			if r.Reader != readerVersion {
				need = true
			}
			return nil
		})
	})
	return need, err
}

// Rederive reads every stored document again with d, keeping each
// document's stored month, and replaces its activities, so that a new
// reader's rules (or a new schema) apply to everything imported before.
// Each document is replaced in its own transaction, which leaves the
// store consistent between documents and lets a viewer in between them;
// a document's lines keep their ids. progress, when not nil, is called
// after each document.
//
// A document d refuses (an error, a panic, or activities Import would
// refuse) keeps its old activities and is reported in the returned error
// (errors.Join, one error per document) without stopping the others; it
// also keeps its old reader version, so NeedsRederive stays true. A store
// error (ErrLocked, ErrDamaged) stops at once. An older schema is first
// migrated: its derived buckets are dropped and rebuilt, so there a
// refused document is left with no activities.
func (s *Store) Rederive(d Reader, progress func(done, total int)) error {
	return s.RederiveReport(d, progress, nil)
}

// RederiveReport is Rederive telling changed, when not nil, what the
// new reading changed in each document whose activities it changed
// (the store records it too: see Changes), so that a person sees what
// a reader upgrade did to their numbers.
func (s *Store) RederiveReport(d Reader, progress func(done, total int), changed func(Change)) error {
	migrated := false
	err := s.update(func(tx *bolt.Tx) error {
		_, err := s.schema(tx)
		if !errors.Is(err, ErrOldSchema) {
			return err
		}
		// Ids follow texts (ids.go): keep each activity's text, which
		// the acts about to be dropped hold, for the new reading to
		// match its activities against.
		if err := keepTexts(tx); err != nil {
			return err
		}
		for _, name := range derivedBuckets {
			if err := tx.DeleteBucket(name); err != nil && tx.Bucket(name) != nil {
				return err
			}
		}
		if err := initBuckets(tx); err != nil {
			return err
		}
		meta := tx.Bucket(bMeta)
		if err := putU64(meta, kSchema, SchemaVersion); err != nil {
			return err
		}
		migrated = true
		return putU64(meta, kGeneration, getU64(meta, kGeneration)+1)
	})
	if err != nil {
		return err
	}

	var names []string
	err = s.view(func(tx *bolt.Tx) error {
		docs, err := bucket(tx, bDocs)
		if err != nil {
			return err
		}
		return docs.ForEach(func(k, _ []byte) error {
			names = append(names, string(k))
			return nil
		})
	})
	if err != nil {
		return err
	}
	var refused []error
	for i, name := range names {
		err := s.rederiveOne(d, name, migrated, changed)
		var r *refusal
		switch {
		case errors.As(err, &r):
			refused = append(refused, r)
		case err != nil:
			return errors.Join(append(refused, err)...)
		}
		if progress != nil {
			progress(i+1, len(names))
		}
	}
	err = s.update(func(tx *bolt.Tx) error {
		if _, err := s.current(tx); err != nil {
			return err
		}
		if err := s.relink(tx, true); err != nil { // series of the new readings (series.go)
			return err
		}
		meta := tx.Bucket(bMeta)
		if err := meta.Put(kReader, []byte(d.Version())); err != nil {
			return err
		}
		if err := putU64(meta, kGeneration, getU64(meta, kGeneration)+1); err != nil {
			return err
		}
		if len(refused) > 0 {
			return nil
		}
		// Every document was read again by d (or removed meanwhile); one
		// imported meanwhile by another reader would have been imported
		// with that reader's version, so check rather than assume.
		docs, err := bucket(tx, bDocs)
		if err != nil {
			return err
		}
		current := readerSuffix(d.Version())
		c := docs.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if !bytes.HasSuffix(v, current) {
				return nil
			}
		}
		return setUniform(meta, d.Version())
	})
	return errors.Join(append(refused, err)...)
}

// refusal is a document the reader would not re-derive.
type refusal struct {
	name    string
	err     error
	dropped bool // after a migration: the document has no activities now
}

func (r *refusal) Error() string {
	if r.dropped {
		return fmt.Sprintf("%s: the reader refuses it, so it has no activities until it can be read: %v", r.name, r.err)
	}
	return fmt.Sprintf("%s: the reader refuses it, so it keeps its previous activities: %v", r.name, r.err)
}

func (r *refusal) Unwrap() error { return r.err }

func (s *Store) rederiveOne(d Reader, name string, migrated bool, changed func(Change)) error {
	var (
		rec   docRecord
		raw   []byte
		found bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		docs, err := bucket(tx, bDocs)
		if err != nil {
			return err
		}
		rb, err := bucket(tx, bRaw)
		if err != nil {
			return err
		}
		v := docs.Get([]byte(name))
		if v == nil {
			return nil // removed meanwhile
		}
		if rec, err = decodeDoc(v); err != nil {
			return s.damaged(fmt.Sprintf("document %q does not decode: %v", name, err))
		}
		raw = bytes.Clone(rb.Get([]byte(name)))
		found = true
		return nil
	})
	if err != nil || !found {
		return err
	}

	doc, acts, derr := derive(d, name, raw, rec.Month)
	if derr == nil {
		acts, derr = prepareActs(name, rec.Month, acts)
	}
	next := rec
	if derr == nil {
		next = docRecord{Document: doc, Reader: d.Version(), Imported: rec.Imported}
		next.Name, next.Month, next.Hash, next.Raw = name, rec.Month, rec.Hash, nil
		next.Activities = len(acts)
	} else if !migrated {
		return &refusal{name: name, err: derr}
	} else {
		// After a migration the old activities are gone: keep the
		// document, with none.
		next.Activities = 0
		acts = nil
	}
	var change *Change
	err = s.update(func(tx *bolt.Tx) error {
		if _, err := s.current(tx); err != nil {
			return err
		}
		w, err := newWriter(s, tx)
		if err != nil {
			return err
		}
		v := w.docs.Get([]byte(name))
		if v == nil {
			return nil // removed meanwhile
		}
		if cur, err := decodeDoc(v); err != nil || cur.Hash != rec.Hash {
			return nil // re-imported meanwhile, by the current reader
		}
		if _, err = w.replace(name, &next, nil, acts); err != nil {
			return err
		}
		if derr != nil {
			return nil
		}
		change = w.change
		return w.recordChange(change, "reader "+d.Version(), rec.Hash)
	})
	if err != nil {
		return err
	}
	if changed != nil && !change.Empty() {
		changed(*change)
	}
	if derr != nil {
		return &refusal{name: name, err: derr, dropped: true}
	}
	return nil
}

// derive calls the reader, turning a panic into a refusal (readerPanic).
func derive(d Reader, name string, raw []byte, month string) (doc model.Document, acts []model.Activity, err error) {
	defer readerPanic(&err)
	got, err := d.Derive(name, raw, month)
	return got.Doc, got.Activities, err
}

// ---- one reader for every document ----

// The meta keys kUniformReader and kUniformGen say that, as of
// generation kUniformGen, every stored document was read by reader
// version kUniformReader, so that NeedsRederive, which every command
// asks, need not read every document record. A write that keeps it true
// (an import by that reader into such a store or an empty one, a
// complete Rederive) records its new generation; any other write, by
// this unoct or an older one, moves the generation past it and the
// record no longer counts.
var (
	kUniformReader = []byte("uniform_reader")
	kUniformGen    = []byte("uniform_generation")
)

// uniformReader returns the reader version every document was read by,
// when meta records one for its current generation.
func uniformReader(meta *bolt.Bucket) (string, bool) {
	if meta == nil {
		return "", false
	}
	v := meta.Get(kUniformReader)
	if v == nil || meta.Get(kUniformGen) == nil || getU64(meta, kUniformGen) != getU64(meta, kGeneration) {
		return "", false
	}
	return string(v), true
}

// uniform reports whether every document stored before this write was
// read by version: then, when the write stores only documents read by
// version, the store stays uniform and setUniform records it.
func (w *writer) uniform(version string) bool {
	if version == "" {
		return false
	}
	if v, ok := uniformReader(w.meta); ok {
		return v == version
	}
	k, _ := w.docs.Cursor().First()
	return k == nil
}

// setUniform records that every document was read by version, as of the
// generation meta has now (call it after the write's last bump).
func setUniform(meta *bolt.Bucket, version string) error {
	if err := meta.Put(kUniformReader, []byte(version)); err != nil {
		return err
	}
	return putU64(meta, kUniformGen, getU64(meta, kGeneration))
}

// readerSuffix is how a document record encoded by this package ends
// when its reader is version.
func readerSuffix(version string) []byte {
	return []byte(`"reader":` + strconv.Quote(version) + `}`)
}

// keepTexts fills the texts bucket (schema 2) from the activities of a
// store written before it, for each id the lines bucket names, so that
// a migration keeps ids; an activity that does not decode is left out
// (it takes a new id).
func keepTexts(tx *bolt.Tx) error {
	texts, err := tx.CreateBucketIfNotExists(bTexts)
	if err != nil {
		return err
	}
	lines, acts := tx.Bucket(bLines), tx.Bucket(bActs)
	if lines == nil || acts == nil {
		return nil
	}
	return lines.ForEach(func(_, id []byte) error {
		if texts.Get(id) != nil {
			return nil
		}
		var a struct {
			Text string `json:"text"`
		}
		if v := acts.Get(id); v == nil || json.Unmarshal(v, &a) != nil || a.Text == "" {
			return nil
		}
		return texts.Put(id, []byte(a.Text))
	})
}
