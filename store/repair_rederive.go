package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// NeedsRederive reports whether the store's activities are not what the
// reader of version readerVersion would read: the schema is older than
// this build's (or its upgrade was interrupted), or some document was
// read by another reader version and that version has not refused it
// (see Refused). An empty store never needs it.
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
		// the last write left every document current for one reader
		// (see setUniform); else each record is looked at, the common
		// case, a record that names this version, by its bytes (see
		// staleDoc).
		if v, ok := uniformReader(tx.Bucket(bMeta)); ok && v == readerVersion {
			return nil
		}
		current := readerSuffix(readerVersion)
		return docs.ForEach(func(k, v []byte) error {
			stale, err := s.staleDoc(k, v, readerVersion, current)
			need = need || stale
			return err
		})
	})
	return need, err
}

// staleDoc reports whether the document record v (of document k) is to
// be read again by reader version: read by another version, which has
// not refused it. The common case, a record that names this version, is
// told by its bytes: the encoder writes "reader" last as
// "reader":"VERSION" (current), and a quote inside a string is escaped,
// so only the field itself can match. Anything else is decoded, and
// reported if damaged.
func (s *Store) staleDoc(k, v []byte, version string, current []byte) (bool, error) {
	if bytes.HasSuffix(v, current) {
		return false, nil
	}
	r, err := decodeDoc(v)
	if err != nil {
		return false, s.damaged(fmt.Sprintf("document %q does not decode: %v", k, err))
	}
	return r.Reader != version && r.RefusedBy != version, nil
}

// Rederive reads again, with d, every stored document d would read
// differently, keeping each document's stored month, and replaces its
// activities, so that a new reader's rules (or a new schema) apply to
// everything imported before. A document's lines keep their ids, and its
// corrections stay applied on top.
//
// Documents are read on every core, a batch ahead, and stored in batches
// (one transaction each, like ImportMany), which lets a viewer in
// between batches; every document is whole at every moment, read by the
// old reader or by d. Only stale documents are read (NeedsRederive), so
// an interrupted Rederive resumes where it stopped and a second one does
// nothing. progress, when not nil, is called with how many of the stale
// documents are done, first with 0 and then after each batch.
//
// A document d refuses (an error, a panic, or activities Import would
// refuse) keeps its old activities and is reported in the returned error
// (errors.Join of one *RefusalError per document) without stopping the
// others; its record says that d refused it, so that it is not read
// again by d on every start (see Refused). A store error (ErrLocked,
// ErrDamaged, ErrReadOnly) stops at once, the batches before it stored.
//
// An older schema is migrated: in one transaction its derived buckets
// are dropped and every document is listed as still to upgrade; each
// batch then takes its documents off the list, and the store answers
// queries again only once the list is empty (until then it is
// ErrOldSchema, saying how far the upgrade is). An interrupted migration
// resumes from the list. After a migration, a refused document is left
// with no activities.
func (s *Store) Rederive(d Reader, progress func(done, total int)) error {
	return s.RederiveReport(d, progress, nil)
}

// RederiveReport is Rederive telling changed, when not nil, what the
// new reading changed in each document whose activities it changed
// (the store records it too: see Changes), so that a person sees what
// a reader upgrade did to their numbers.
func (s *Store) RederiveReport(d Reader, progress func(done, total int), changed func(Change)) error {
	version := d.Version()
	err := s.update(func(tx *bolt.Tx) error {
		_, err := s.schema(tx)
		if !errors.Is(err, ErrOldSchema) {
			return err
		}
		if tx.Bucket(bUpgrade) != nil {
			return nil // an interrupted upgrade: resume it
		}
		return startUpgrade(tx)
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
		up := tx.Bucket(bUpgrade)
		current := readerSuffix(version)
		return docs.ForEach(func(k, v []byte) error {
			if up != nil && up.Get(k) != nil {
				names = append(names, string(k))
				return nil
			}
			stale, err := s.staleDoc(k, v, version, current)
			if stale {
				names = append(names, string(k))
			}
			return err
		})
	})
	if err != nil {
		return err
	}

	total := len(names)
	if progress != nil {
		progress(0, total)
	}
	var refused []error
	var cur *rederiveBatch
	err = s.view(func(tx *bolt.Tx) error {
		var err error
		cur, err = s.loadBatch(tx, &names)
		return err
	})
	if err != nil {
		return err
	}
	if cur != nil {
		cur.derive(d)
	}
	done := 0
	for cur != nil {
		<-cur.done
		if testHookRederiveBatch != nil {
			if err := testHookRederiveBatch(); err != nil {
				return errors.Join(append(refused, err)...)
			}
		}
		var next *rederiveBatch
		changes, refusals, err := s.storeRederived(cur, version, func(tx *bolt.Tx) error {
			// Read the next batch's documents in this transaction, and
			// let them be read while this one is written.
			var err error
			if next, err = s.loadBatch(tx, &names); next != nil {
				next.derive(d)
			}
			return err
		})
		refused = append(refused, refusals...)
		if err != nil {
			return errors.Join(append(refused, err)...)
		}
		if changed != nil {
			for _, c := range changes {
				changed(c)
			}
		}
		done += len(cur.items)
		if progress != nil {
			progress(done, total)
		}
		cur = next
	}

	err = s.update(func(tx *bolt.Tx) error {
		if _, err := s.current(tx); err != nil {
			return err
		}
		// Every series is linked again at the end, over every
		// activity: linking each batch's documents as an import does
		// (relinkDocs) bounded this transaction's memory, but followed
		// a programme's activities across the store once per batch,
		// which at a million activities took 2.6 times the CPU of the
		// whole re-derivation (BENCHMARKS.md).
		if err := s.relink(tx, true); err != nil { // series of the new readings (series.go)
			return err
		}
		meta := tx.Bucket(bMeta)
		if err := meta.Put(kReader, []byte(version)); err != nil {
			return err
		}
		if err := bumpGeneration(tx); err != nil {
			return err
		}
		// Every document was read again by d, or refused by it (or
		// removed meanwhile); one imported meanwhile by another reader
		// would have been imported with that reader's version, so check
		// rather than assume.
		docs, err := bucket(tx, bDocs)
		if err != nil {
			return err
		}
		current := readerSuffix(version)
		c := docs.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if stale, err := s.staleDoc(k, v, version, current); err != nil || stale {
				return err
			}
		}
		return setUniform(meta, version)
	})
	return errors.Join(append(refused, err)...)
}

// ---- schema upgrades ----

// ---- batches ----

// rederiveBatch is documents read out of the store, to be read again by
// the reader (derive) and stored in one transaction (storeRederived).
type rederiveBatch struct {
	items []rederiveItem
	done  chan struct{} // closed once every item is read
}

type rederiveItem struct {
	name    string
	rec     docRecord // as stored when the batch was read
	raw     []byte
	upgrade bool // listed in bUpgrade: its derived entries are gone
	doc     model.Document
	acts    []model.Activity
	err     error // the reader's refusal
}

// rederiveBytes bounds the raw bytes of a batch, which bounds the memory
// a batch's reading holds (a document's activities take a few times its
// size) and, with batchDocuments, the time a batch holds the file.
const rederiveBytes = 2 << 20

// upgradeBatch is how many times larger a schema upgrade's batches are.
const upgradeBatch = 4

// loadBatch takes the next documents off names and reads them out of
// tx: a nil batch when none is left.
func (s *Store) loadBatch(tx *bolt.Tx, names *[]string) (*rederiveBatch, error) {
	docs, err := bucket(tx, bDocs)
	if err != nil {
		return nil, err
	}
	raws, err := bucket(tx, bRaw)
	if err != nil {
		return nil, err
	}
	up := tx.Bucket(bUpgrade)
	b := &rederiveBatch{done: make(chan struct{})}
	size := 0
	// A schema upgrade answers no query until it is done, so nobody
	// waits between its batches: larger ones rewrite each index bitmap
	// fewer times, which is most of a batch's cost in a large store.
	maxDocs, maxBytes := batchDocuments, rederiveBytes
	if up != nil {
		maxDocs, maxBytes = upgradeBatch*maxDocs, upgradeBatch*maxBytes
	}
	for len(*names) > 0 && len(b.items) < maxDocs && size < maxBytes {
		name := (*names)[0]
		*names = (*names)[1:]
		v := docs.Get([]byte(name))
		if v == nil {
			continue // removed meanwhile
		}
		rec, err := decodeDoc(v)
		if err != nil {
			return nil, s.damaged(fmt.Sprintf("document %q does not decode: %v", name, err))
		}
		raw, err := rawValue(tx, raws.Get([]byte(name)))
		if err != nil {
			return nil, s.damaged(fmt.Sprintf("document %q: %v", name, err))
		}
		size += len(raw)
		b.items = append(b.items, rederiveItem{name: name, rec: rec, raw: raw, upgrade: up != nil && up.Get([]byte(name)) != nil})
	}
	if len(b.items) == 0 {
		return nil, nil
	}
	return b, nil
}

// derive reads the batch's documents with d on every core, in the
// background; b.done closes when they are read.
func (b *rederiveBatch) derive(d Reader) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(b.items)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(b.items) {
					return
				}
				it := &b.items[i]
				doc, acts, err := derive(d, it.name, it.raw, it.rec.Month)
				if err == nil {
					acts, err = prepareActs(it.name, it.rec.Month, acts)
				}
				it.doc, it.acts, it.err, it.raw = doc, acts, err, nil
			}
		})
	}
	go func() {
		wg.Wait()
		close(b.done)
	}()
}

// storeRederived stores a read batch in one transaction, after calling
// before(tx) (which reads the next batch). It returns what changed and
// the documents refused.
func (s *Store) storeRederived(b *rederiveBatch, version string, before func(*bolt.Tx) error) ([]Change, []error, error) {
	var (
		changes []Change
		refused []error
	)
	err := s.update(func(tx *bolt.Tx) error {
		changes, refused = nil, nil
		if !upgrading(tx) {
			if _, err := s.current(tx); err != nil {
				return err
			}
		}
		if err := before(tx); err != nil {
			return err
		}
		w, err := newWriter(s, tx)
		if err != nil {
			return err
		}
		w.deferFlush = true
		up := tx.Bucket(bUpgrade)
		for i := range b.items {
			it := &b.items[i]
			c, r, err := w.rederiveItem(it, version)
			if err != nil {
				return err
			}
			if !c.Empty() {
				changes = append(changes, *c)
			}
			if r != nil {
				refused = append(refused, r)
			}
			if up != nil {
				if err := up.Delete([]byte(it.name)); err != nil {
					return err
				}
			}
		}
		if err := w.flush(); err != nil {
			return err
		}
		if up != nil {
			if k, _ := up.Cursor().First(); k == nil {
				if err := tx.DeleteBucket(bUpgrade); err != nil {
					return err
				}
				if err := w.meta.Delete(kUpgradeTotal); err != nil {
					return err
				}
			}
		}
		if err := w.bump(); err != nil {
			return err
		}
		return w.finishOrder()
	})
	if err != nil {
		return nil, refused, err
	}
	return changes, refused, nil
}

// rederiveItem stores one document of a batch as d read it, or records
// d's refusal.
func (w *writer) rederiveItem(it *rederiveItem, version string) (*Change, error, error) {
	name := it.name
	v := w.docs.Get([]byte(name))
	if v == nil {
		return nil, nil, nil // removed meanwhile
	}
	if cur, err := decodeDoc(v); err != nil || cur.Hash != it.rec.Hash {
		return nil, nil, nil // re-imported meanwhile, by the current reader
	}
	rec := it.rec
	if it.err == nil {
		next := docRecord{Document: it.doc, Reader: version, Imported: rec.Imported}
		next.Name, next.Month, next.Hash, next.Raw = name, rec.Month, rec.Hash, nil
		next.Activities = len(it.acts)
		if _, err := w.replace(name, &next, nil, it.acts); err != nil {
			return nil, nil, err
		}
		c := w.change
		return c, nil, w.recordChange(c, "reader "+version, rec.Hash)
	}
	r := &RefusalError{Name: name, Err: it.err, Reader: version}
	next := rec
	next.RefusedBy, next.Refusal = version, it.err.Error()
	if it.upgrade {
		// After a schema upgrade the old activities are gone: keep the
		// document, with none.
		r.Dropped = true
		next.Activities = 0
		_, err := w.replace(name, &next, nil, nil)
		return nil, r, err
	}
	enc, err := json.Marshal(next)
	if err != nil {
		return nil, nil, err
	}
	return nil, r, w.docs.Put([]byte(name), enc)
}

// testHookRederiveBatch, when set (by tests), is called before each
// re-derivation batch is stored; its error stops Rederive there, as a
// kill would.
var testHookRederiveBatch func() error

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
