package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/unoct/unoct/model"
)

// SchemaVersion is the layout of the store this build writes and reads.
// Bump it whenever a bucket's keys or values change meaning; an older
// store is then rebuilt by Rederive from its documents, which is why the
// docs, raw and lines buckets must keep their meaning across versions.
//
// Version 2 added the texts bucket (ids follow an activity's text, not
// its line), the fixes and changes buckets, and the fields of a
// corrected activity; a version 1 store is migrated by Rederive, which
// fills texts from the old activities before dropping them, so that
// their ids survive the migration.
//
// Version 3 stores activities in a binary record compressed with zstd
// and a dictionary (record.go), and documents' raw bytes compressed
// with zstd: the store was twice the size of the JSON Lines export, and
// decoding JSON was most of a full listing's time. The raw bucket keeps
// its meaning (a document's bytes), in another form: the upgrade
// compresses it in the transaction that records the new schema, and
// rebuilds the activities from the documents as any upgrade does.
const SchemaVersion = 3

// Bucket names and meta keys. See doc.go for what each holds.
var (
	bMeta   = []byte("meta")
	bDocs   = []byte("docs")
	bRaw    = []byte("raw")
	bActs   = []byte("acts")
	bLines  = []byte("lines")
	bStarts = []byte("starts")
	bIdx    = []byte("idx")
	bLabels = []byte("labels")
	bWords  = []byte("words")
	// Schema 2: see ids.go, fixes.go and changes.go.
	bTexts   = []byte("texts")
	bFixes   = []byte("fixes")
	bChanges = []byte("changes")

	kSchema     = []byte("schema")
	kReader     = []byte("reader")
	kGeneration = []byte("generation")
	kNextID     = []byte("next_id")
	kFacets     = []byte("facets")
)

// coreBuckets keep their meaning across schema versions: they are what
// Rederive rebuilds everything else from.
var coreBuckets = [][]byte{bMeta, bDocs, bRaw, bLines, bTexts, bFixes, bChanges}

// derivedBuckets are rebuilt from the documents on a schema migration.
var derivedBuckets = [][]byte{bActs, bStarts, bIdx, bLabels, bWords}

// Default lock waits. A reader waits as long as a writer: readers share
// the file, so what a reader waits for is always a write (an import's
// batch, a correction, the last step of a large document's import), and
// each is bounded. A reader that gave up after 2 s failed commands typed
// while a large document was swapped in; one that waits for the write
// to end answers a moment later instead.
const (
	defaultWriteTimeout = 5 * time.Second
	defaultReadTimeout  = defaultWriteTimeout
)

// waitNotice is how long an open waits for the file before it calls
// Options.Waiting (the wait goes on).
var waitNotice = time.Second

// Options tune a Store. The zero value is ready to use.
type Options struct {
	// LockTimeout bounds how long an operation waits for another process
	// to release the file before it returns ErrLocked, so that nothing
	// ever hangs. Zero means 5 s, for reads as for writes.
	LockTimeout time.Duration

	// Waiting, when set, is called once by an operation that has waited
	// a second for another process to release the file and goes on
	// waiting: a command line says so ("waiting: another unoct is
	// writing the store"), rather than seem to hang. A full-screen
	// viewer leaves it nil.
	Waiting func()

	// ReaderVersion is the version of the reader that produced the
	// activities this process hands to Import. Import records it with
	// each document, so that NeedsRederive can tell which documents a
	// newer reader would read differently. Leave it empty only in tools
	// that never import.
	ReaderVersion string
}

// Store is unoct's embedded store: one bbolt file holding the imported
// documents, their activities and the indexes that filter them.
//
// A Store does not keep the file open. Every operation opens it (read-only
// to read, read-write to write), does its work in one transaction and
// closes it, because bbolt's file locks make a reader and a writer exclude
// each other: a TUI that held the file open would block every import.
// A Store is safe for concurrent use by several goroutines.
type Store struct {
	path string
	opts Options

	mu sync.Mutex // guards ix
	ix *index     // in-memory facet index, nil until first query

	hmu    sync.Mutex // serializes imports; guards hashes
	hashes *hashIndex // document hashes as of the last import, nil until one

	// staging is the token of this Store's staged import while one runs
	// (see staged.go): its pending activities are not another's leftovers.
	staging atomic.Pointer[string]
}

// Open opens the store at path, creating the file (mode 0600) and its
// directory (mode 0700) when missing. It refuses a store written by a
// newer unoct (ErrNewerSchema) and a file that is not a readable store
// (ErrDamaged). A store written by an older unoct opens, but must be
// re-derived before it can be queried: see NeedsRederive. A store whose
// facet index was built under another facet set is re-indexed when the
// file can be had at once, and queried all the same when it cannot (see
// doc.go, Facets).
//
// Open does not hold the file open afterwards; see Store.
func Open(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: empty path")
	}
	s := &Store{path: filepath.Clean(path), opts: opts}
	fi, err := os.Stat(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
			return nil, fmt.Errorf("store %s: %w", s.path, err)
		}
		if err := s.update(initBuckets); err != nil {
			return nil, err
		}
		return s, nil
	case err != nil:
		return nil, fmt.Errorf("store %s: %w", s.path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("store %s: is a directory", s.path)
	case fi.Size() == 0:
		// bbolt initializes an empty file; a crash between that and our
		// first commit leaves one, so this is not damage.
		if err := s.update(initBuckets); err != nil {
			return nil, err
		}
		return s, nil
	}

	var fresh, stale bool
	err = s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bMeta) == nil {
			c := tx.Cursor()
			if k, _ := c.First(); k == nil {
				fresh = true // a bbolt file with nothing in it yet
				return nil
			}
		}
		if _, err := s.schema(tx); err != nil {
			return err
		}
		stale = !facetsCurrent(tx.Bucket(bMeta))
		return nil
	})
	if err != nil && !errors.Is(err, ErrOldSchema) {
		return nil, err
	}
	if fresh {
		if err := s.update(initBuckets); err != nil {
			return nil, err
		}
	}
	if stale {
		if err := s.reindexIfFree(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// initBuckets creates every bucket and the meta keys that are missing. It
// is idempotent, so that a store whose creation was interrupted is simply
// completed.
func initBuckets(tx *bolt.Tx) error {
	for _, name := range append(slices.Clone(coreBuckets), derivedBuckets...) {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	idx := tx.Bucket(bIdx)
	for _, d := range model.FacetDefs() {
		if _, err := idx.CreateBucketIfNotExists([]byte(d.Facet)); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bMeta)
	if meta.Get(kSchema) == nil {
		if err := putU64(meta, kSchema, SchemaVersion); err != nil {
			return err
		}
	}
	for _, k := range [][]byte{kGeneration} {
		if meta.Get(k) == nil {
			if err := putU64(meta, k, 0); err != nil {
				return err
			}
		}
	}
	if meta.Get(kNextID) == nil {
		if err := putU64(meta, kNextID, 1); err != nil {
			return err
		}
	}
	if meta.Get(kEpoch) == nil {
		if err := putU64(meta, kEpoch, newEpoch()); err != nil {
			return err
		}
	}
	// With no activity, the (empty) facet index is the current facet
	// set's: a new store, or one whose derived buckets were just dropped.
	if k, _ := tx.Bucket(bActs).Cursor().First(); k == nil {
		if err := meta.Put(kFacets, []byte(model.FacetsFingerprint())); err != nil {
			return err
		}
	}
	return nil
}

// Path is the store's file, for messages and for `unoct doctor`.
func (s *Store) Path() string { return s.path }

// IsEmpty reports whether no document has been imported yet, so that the
// CLI can offer to import instead of showing an empty screen.
func (s *Store) IsEmpty() (bool, error) {
	var empty bool
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bDocs)
		if err != nil {
			return err
		}
		k, _ := b.Cursor().First()
		empty = k == nil
		return nil
	})
	return empty, err
}

// Generation is the store's stamp: its epoch and the count of committed
// writes. A viewer compares it with the one it last saw to know whether
// to reload.
func (s *Store) Generation() (Stamp, error) {
	var st Stamp
	err := s.view(func(tx *bolt.Tx) error {
		meta, err := bucket(tx, bMeta)
		if err != nil {
			return err
		}
		st = readStamp(meta)
		return nil
	})
	return st, err
}

// docRecord is what the docs bucket holds: the document without Raw, and
// the version of the reader its activities came from.
type docRecord struct {
	model.Document
	// Imported is when this version was stored (RFC 3339, UTC); a
	// re-derivation keeps it.
	Imported string `json:"imported,omitempty"`
	// RefusedBy is the version of a reader that refused to read the
	// document again (a re-derivation after an upgrade), and Refusal its
	// reason: the document keeps the activities Reader read, and is
	// not read again by that version on every start (see Refused).
	RefusedBy string `json:"refused_by,omitempty"`
	Refusal   string `json:"refusal,omitempty"`
	// Reader comes last: NeedsRederive recognises a current record by
	// how its encoding ends (readerSuffix).
	Reader string `json:"reader"`
}

func decodeDoc(v []byte) (docRecord, error) {
	var r docRecord
	err := json.Unmarshal(v, &r)
	return r, err
}

// Documents lists the imported documents, without their raw bytes, by
// month and then name: the order a reader of the highlights expects.
// Docs gives the same with when each was imported.
func (s *Store) Documents() ([]model.Document, error) {
	infos, err := s.Docs()
	docs := make([]model.Document, len(infos))
	for i, d := range infos {
		docs[i] = d.Document
	}
	return docs, err
}

// Document returns one document with its raw bytes, for export and for
// showing an activity in its context. ErrNotFound when absent.
func (s *Store) Document(name string) (model.Document, error) {
	var doc model.Document
	err := s.view(func(tx *bolt.Tx) error {
		docs, err := bucket(tx, bDocs)
		if err != nil {
			return err
		}
		raw, err := bucket(tx, bRaw)
		if err != nil {
			return err
		}
		v := docs.Get([]byte(name))
		if v == nil {
			return notFoundDoc(s.path, name)
		}
		r, err := decodeDoc(v)
		if err != nil {
			return s.damaged(fmt.Sprintf("document %q does not decode: %v", name, err))
		}
		doc = r.Document
		doc.Raw, err = rawValue(tx, raw.Get([]byte(name)))
		if err != nil {
			return s.damaged(fmt.Sprintf("document %q: %v", name, err))
		}
		return nil
	})
	return doc, err
}

func notFoundDoc(path, name string) error {
	return newError(ErrNotFound, nil, fmt.Sprintf("store %s has no document %q", path, name))
}

// Get returns the activities with the given ids, in the order asked, in
// one read of the file: a screen asks for a page of results at once. An
// id that does not exist is an error wrapping ErrNotFound.
func (s *Store) Get(ids ...uint32) ([]model.Activity, error) {
	var out []model.Activity
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.current(tx); err != nil {
			return err
		}
		var err error
		out, err = s.getTx(tx, ids)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// getTx reads activities ids within tx.
func (s *Store) getTx(tx *bolt.Tx, ids []uint32) ([]model.Activity, error) {
	out := make([]model.Activity, len(ids))
	acts, err := bucket(tx, bActs)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		v := acts.Get(idKey(id))
		if v == nil {
			return nil, newError(ErrNotFound, nil, fmt.Sprintf("store %s has no activity %d", s.path, id))
		}
		if err := decodeActivity(v, &out[i]); err != nil {
			return nil, s.damaged(fmt.Sprintf("activity %d does not decode: %v", id, err))
		}
	}
	return out, nil
}

// Activity returns one activity; ErrNotFound when no activity has that id.
func (s *Store) Activity(id uint32) (model.Activity, error) {
	acts, err := s.Get(id)
	if err != nil {
		return model.Activity{}, err
	}
	return acts[0], nil
}

// ---- opening the file ----

// lockTimeout is how long an operation waits for the file lock.
func (s *Store) lockTimeout(write bool) time.Duration {
	if s.opts.LockTimeout > 0 {
		return s.opts.LockTimeout
	}
	if write {
		return defaultWriteTimeout
	}
	return defaultReadTimeout
}

// view runs fn in a read-only transaction on a freshly opened file.
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	return s.run(false, s.lockTimeout(false), fn)
}

// update runs fn in one read-write transaction on a freshly opened file;
// fn's error rolls everything back.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	return s.run(true, s.lockTimeout(true), fn)
}

// run runs fn in a transaction on a freshly opened file, waiting at most
// wait for the file lock (0: one try).
func (s *Store) run(write bool, wait time.Duration, fn func(tx *bolt.Tx) error) (err error) {
	// A bbolt read of a damaged page panics, and a read past the end of
	// the mapped file faults. SetPanicOnFault turns the fault into a
	// panic (for this goroutine only) and recover turns both into
	// ErrDamaged, so that a damaged store is reported, never crashes.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = s.damaged(fmt.Sprint(r))
		}
	}()
	db, err := s.openDB(write, wait)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := db.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("store %s: close: %w", s.path, cerr)
		}
		if write {
			time.Sleep(writeGap)
		}
	}()
	if write {
		return db.Update(fn)
	}
	return db.View(fn)
}

// lockPoll is how often a blocked open tries the file lock again. bbolt
// itself retries every 50 ms, which lets a folder import, committing one
// document after another, slip its next transaction in before a waiting
// viewer ever sees the file free; polling every millisecond catches the
// gaps (and writeGap makes sure there are some).
const lockPoll = time.Millisecond

// writeGap is how long a write waits, after releasing the file, before it
// returns: the window in which a waiting viewer takes its turn.
const writeGap = 2 * time.Millisecond

// openDB opens the bbolt file, waiting at most wait for the lock, after
// checking that it is not truncated (a read past its end would be a
// SIGBUS).
func (s *Store) openDB(write bool, wait time.Duration) (*bolt.DB, error) {
	if err := precheck(s.path); err != nil {
		return nil, s.damaged(err.Error())
	}
	return s.openFor(write, wait, "")
}

// openWait opens the file, waiting at most the lock timeout for another
// process to let go of it; nothing ever hangs. why is added to the
// message of a file bbolt cannot read at all.
func (s *Store) openWait(write bool, why string) (*bolt.DB, error) {
	return s.openFor(write, s.lockTimeout(write), why)
}

// openFor is openWait waiting at most wait (0: one try).
func (s *Store) openFor(write bool, wait time.Duration, why string) (*bolt.DB, error) {
	start := time.Now()
	deadline, told := start.Add(wait), false
	for {
		db, err := s.tryOpen(write)
		switch {
		case err == nil:
			return db, nil
		case errors.Is(err, berrors.ErrTimeout):
			if now := time.Now(); now.Before(deadline) {
				if !told && s.opts.Waiting != nil && now.Sub(start) >= waitNotice {
					told = true
					s.opts.Waiting()
				}
				time.Sleep(lockPoll)
				continue
			}
			return nil, lockedError(s.path, err)
		case errors.Is(err, ErrDamaged):
			return nil, err
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
			return nil, s.damaged(err.Error() + why)
		case write && (errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)):
			// Another user's store, or a read-only mount: say so, not
			// "permission denied", so that callers that can go on
			// reading (an upgrade that must wait for the owner) do.
			return nil, newError(ErrReadOnly, err, fmt.Sprintf("store %s is read-only for this user (%v): its owner must run unoct on it to change it", s.path, unwrapPathErr(err)))
		}
		return nil, fmt.Errorf("store %s: %w", s.path, err)
	}
}

// tryOpen makes one attempt at opening the file: when the lock is taken it
// returns bbolt's ErrTimeout at once.
func (s *Store) tryOpen(write bool) (db *bolt.DB, err error) {
	var file *os.File
	opts := &bolt.Options{
		Timeout:      1, // one try: openDB does the waiting
		ReadOnly:     !write,
		FreelistType: bolt.FreelistMapType,
		// InitialMmapSize stays 0: no other transaction ever shares our
		// handle, so a remap never waits, and below 16 MiB bbolt grows
		// the file to the mapping's size.
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	}
	defer func() {
		if r := recover(); r != nil {
			// bbolt panicked inside Open (a damaged freelist does that
			// to a read-write open) after taking the file lock, and
			// left the file mapped. Unlock and close the file it
			// opened, or the lock would block every later open in this
			// process (the mapping itself cannot be undone from here).
			if file != nil {
				unlockFile(file)
				_ = file.Close()
			}
			db, err = nil, s.damaged(fmt.Sprint(r))
		}
	}()
	if write && testHookOpenWrite != nil {
		if err := testHookOpenWrite(); err != nil {
			return nil, err
		}
	}
	return bolt.Open(s.path, 0o600, opts)
}

// testHookOpenWrite, when set (by tests), fails a read-write open with
// its error: a store another user owns cannot be made by a test that
// runs as root.
var testHookOpenWrite func() error

// unwrapPathErr is the system's reason of an open that failed, without
// the path the caller's message names already.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// damaged builds the ErrDamaged error for this store with a reason.
func (s *Store) damaged(reason string) error {
	return &DamageError{Path: s.path, Reason: reason}
}

// ---- schema and keys ----

// schema reads the schema version and refuses a newer one. An older one
// comes back with ErrOldSchema so callers that can work on it (Rederive,
// Documents) go on while the others stop.
func (s *Store) schema(tx *bolt.Tx) (uint64, error) {
	meta := tx.Bucket(bMeta)
	if meta == nil || meta.Get(kSchema) == nil {
		return 0, s.damaged("not an unoct store: no meta bucket")
	}
	v := getU64(meta, kSchema)
	switch {
	case v > SchemaVersion:
		return v, newError(ErrNewerSchema, nil, fmt.Sprintf(
			"store %s was written by a newer unoct (schema %d, this build knows %d); upgrade unoct", s.path, v, SchemaVersion))
	case v < SchemaVersion:
		return v, newError(ErrOldSchema, nil, fmt.Sprintf(
			"store %s was written by an older unoct (schema %d, this build knows %d); its documents must be re-derived", s.path, v, SchemaVersion))
	case upgrading(tx):
		return v, s.upgradeError(tx)
	}
	return v, nil
}

// current checks that the store has this build's schema, and returns its
// generation. In a write transaction it first re-indexes the facets when
// they were indexed under another facet set (see reindex): every write
// starts with it, so that no write ever edits an index built by other
// rules.
func (s *Store) current(tx *bolt.Tx) (Stamp, error) {
	if _, err := s.schema(tx); err != nil {
		return Stamp{}, err
	}
	meta := tx.Bucket(bMeta)
	if tx.Writable() && !facetsCurrent(meta) {
		if err := s.reindex(tx); err != nil {
			return Stamp{}, err
		}
	}
	return readStamp(meta), nil
}

// bucket returns a top-level bucket, or ErrDamaged when it is missing.
func bucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	b := tx.Bucket(name)
	if b == nil {
		return nil, &DamageError{Path: tx.DB().Path(), Reason: fmt.Sprintf("bucket %q is missing", name)}
	}
	return b, nil
}

func getU64(b *bolt.Bucket, k []byte) uint64 {
	v := b.Get(k)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func putU64(b *bolt.Bucket, k []byte, v uint64) error {
	return b.Put(k, binary.BigEndian.AppendUint64(nil, v))
}

// idKey is an activity's key: its id as an 8-byte big-endian number, so
// that keys sort by id.
func idKey(id uint32) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(id))
}

func keyID(k []byte) (uint32, bool) {
	if len(k) != 8 {
		return 0, false
	}
	v := binary.BigEndian.Uint64(k)
	return uint32(v), v>>32 == 0
}

// lineKey is a document line's key in the lines bucket: the document name,
// a NUL and the line as 4 big-endian bytes. Names cannot hold NUL, so a
// prefix scan over name+NUL finds exactly one document's lines.
func lineKey(doc string, line int) []byte {
	k := make([]byte, 0, len(doc)+5)
	k = append(k, doc...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint32(k, uint32(line))
}

func linePrefix(doc string) []byte {
	return append([]byte(doc), 0)
}

// labelKey is a facet value's key in the labels bucket.
func labelKey(f model.Facet, value string) []byte {
	k := make([]byte, 0, len(f)+1+len(value))
	k = append(k, f...)
	k = append(k, 0)
	return append(k, value...)
}
