package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// ImportStatus says what an Import did.
type ImportStatus int

// The outcomes of an Import.
const (
	// Added: the document was new.
	Added ImportStatus = iota + 1
	// Replaced: a document of the same name with other content was
	// replaced; activities on the same lines kept their ids.
	Replaced
	// Unchanged: a document with the same content (hash) is already
	// stored, under this name or another; nothing was written.
	Unchanged
)

func (st ImportStatus) String() string {
	switch st {
	case Added:
		return "added"
	case Replaced:
		return "replaced"
	case Unchanged:
		return "unchanged"
	}
	return fmt.Sprintf("ImportStatus(%d)", int(st))
}

// ImportResult reports one Import, for the CLI's summary line.
type ImportResult struct {
	Document string
	Month    string
	Status   ImportStatus
	// Activities is how many activities the document has in the store.
	Activities int
	// Removed is how many activities the replaced version had (Replaced
	// only). All were removed and the new ones added; ids of activities
	// on the same lines were kept.
	Removed int
	// SameAs names the stored document with identical content when it is
	// stored under another name (Unchanged only).
	SameAs string
}

// errUnchanged rolls back an import that has nothing to write.
var errUnchanged = errors.New("unchanged")

// testHookImport, when set (by tests), is called inside an import's
// transaction after the activities are written and before the indexes
// are, so that a test can make the transaction fail half-way.
var testHookImport func() error

// Import stores a document and its activities in one read-write
// transaction: all of them or, on any error, none. A document is
// identified by its name. If a document with the same hash is already
// stored, under any name, nothing is written (Unchanged) and the
// generation does not move, so that importing a folder twice costs
// nothing and wakes no viewer. A document of the same name with another
// hash is replaced (Replaced): the old activities leave every index and
// the new ones enter it, with each line keeping its id.
//
// The document and activities are checked before the file is opened:
// a missing name or raw content, a month that is not YYYY-MM, a hash that
// is not the SHA-256 of Raw (an empty Hash is computed), an activity
// without a line, or two on the same line, is ErrInvalid. Activity ids
// are assigned by the store; the ones passed in are ignored. Empty
// Source.Document and Month are filled in from the document.
//
// Importing many documents, ImportMany is much faster: see there.
func (s *Store) Import(doc model.Document, acts []model.Activity) (ImportResult, error) {
	res, errs := s.ImportMany([]ImportItem{{Doc: doc, Activities: acts}})
	if errs[0] != nil && !errors.Is(errs[0], ErrInvalid) {
		return ImportResult{Document: doc.Name, Month: doc.Month}, errs[0]
	}
	return res[0], errs[0]
}

// ImportItem is one document for ImportMany.
type ImportItem struct {
	Doc        model.Document
	Activities []model.Activity
}

// ImportMany imports several documents in one read-write transaction,
// each as Import would, and returns one result and one error (nil when
// it was imported) per item, in order.
//
// A transaction costs two fsyncs, a file open and a rewrite of every
// index bitmap it touches, which is most of an Import's time, so a folder
// imports many times faster in batches of a few thousand activities than
// a document at a time. Each document stays all or nothing: one that
// Import would refuse as ErrInvalid is refused alone and the others are
// imported; a store error (ErrLocked, ErrDamaged, a failed write) rolls
// the whole batch back and is every document's error. Documents of the
// batch see the ones before them: a second copy is Unchanged, a second
// version of the same name replaces the first. The file stays locked for
// the whole batch, so a viewer waits for it: keep batches to a fraction
// of a second.
func (s *Store) ImportMany(items []ImportItem) ([]ImportResult, []error) {
	results := make([]ImportResult, len(items))
	errs := make([]error, len(items))
	type prepared struct {
		i    int
		doc  model.Document
		acts []model.Activity
	}
	var todo []prepared
	for i, it := range items {
		results[i] = ImportResult{Document: it.Doc.Name, Month: it.Doc.Month}
		doc, acts, err := prepare(it.Doc, it.Activities)
		if err == nil {
			// The record is encoded again in the transaction; one that
			// cannot be (a NaN figure) must not take the batch down.
			_, err = json.Marshal(docRecord{Document: doc})
			if err != nil {
				err = fmt.Errorf("the document does not encode: %v", err)
			}
		}
		if err != nil {
			errs[i] = newError(ErrInvalid, err, fmt.Sprintf("cannot import %q into %s: %v", doc.Name, s.path, err))
			continue
		}
		todo = append(todo, prepared{i, doc, acts})
	}
	if len(todo) == 0 {
		return results, errs
	}

	s.hmu.Lock()
	defer s.hmu.Unlock()
	var gen uint64
	err := s.update(func(tx *bolt.Tx) error {
		if _, err := s.current(tx); err != nil {
			return err
		}
		w, err := newWriter(s, tx)
		if err != nil {
			return err
		}
		hashes, err := s.hashIndex(tx)
		if err != nil {
			return err
		}
		uniform := w.uniform(s.opts.ReaderVersion)
		w.deferFlush = true
		wrote := false
		batch := make(map[string]bool, len(todo)) // names written in this batch
		for _, p := range todo {
			res, err := w.importDoc(p.doc, p.acts, hashes, batch)
			if err != nil {
				return err
			}
			results[p.i] = res
			wrote = wrote || res.Status != Unchanged
		}
		if !wrote {
			return errUnchanged
		}
		if err := w.flush(); err != nil {
			return err
		}
		if uniform {
			if err := setUniform(w.meta, s.opts.ReaderVersion); err != nil {
				return err
			}
		}
		gen = getU64(w.meta, kGeneration)
		return nil
	})
	switch {
	case errors.Is(err, errUnchanged):
	case err != nil:
		s.hashes = nil // it may hold what was rolled back
		for _, p := range todo {
			results[p.i] = ImportResult{Document: p.doc.Name, Month: p.doc.Month}
			errs[p.i] = err
		}
	default:
		s.hashes.gen = gen
	}
	return results, errs
}

// importDoc imports one prepared document within a batch. batch holds
// the names already written in it: a name written twice has the
// bitmap changes of its first version applied before the second
// replaces it.
func (w *writer) importDoc(doc model.Document, acts []model.Activity, hashes *hashIndex, batch map[string]bool) (ImportResult, error) {
	res := ImportResult{Document: doc.Name, Month: doc.Month}
	if same, ok := hashes.byHash[doc.Hash]; ok {
		rec, err := decodeDoc(w.docs.Get([]byte(same)))
		if err != nil {
			return res, w.s.damaged(fmt.Sprintf("document %q does not decode: %v", same, err))
		}
		res.Status, res.Activities, res.Month = Unchanged, rec.Activities, rec.Month
		if same != doc.Name {
			res.SameAs = same
		}
		return res, nil
	}
	res.Status = Added
	oldHash := ""
	if v := w.docs.Get([]byte(doc.Name)); v != nil {
		res.Status = Replaced
		old, err := decodeDoc(v)
		if err != nil {
			return res, w.s.damaged(fmt.Sprintf("document %q does not decode: %v", doc.Name, err))
		}
		oldHash = strings.ToLower(old.Hash)
	}
	if batch[doc.Name] {
		if err := w.flush(); err != nil {
			return res, err
		}
	}
	batch[doc.Name] = true
	rec := docRecord{Document: doc, Reader: w.s.opts.ReaderVersion}
	rec.Raw = nil
	rec.Activities = len(acts)
	removed, err := w.replace(doc.Name, &rec, doc.Raw, acts)
	if err != nil {
		return res, err
	}
	if res.Status == Replaced {
		res.Removed = removed
		if hashes.byHash[oldHash] == doc.Name {
			delete(hashes.byHash, oldHash)
		}
	}
	hashes.byHash[doc.Hash] = doc.Name
	res.Activities = len(acts)
	return res, nil
}

// hashIndex maps the hash of every stored document to its name, as of
// generation gen. Finding a document by its hash would otherwise decode
// every document record at each import: quadratic in a folder's size.
type hashIndex struct {
	gen    uint64
	byHash map[string]string
}

// hashIndex returns the store's hash index for tx's generation: the one
// kept from the last import when no one has written since, else a new
// one read from the docs bucket. The caller holds s.hmu.
func (s *Store) hashIndex(tx *bolt.Tx) (*hashIndex, error) {
	gen := getU64(tx.Bucket(bMeta), kGeneration)
	if s.hashes != nil && s.hashes.gen == gen {
		return s.hashes, nil
	}
	s.hashes = nil
	docs, err := bucket(tx, bDocs)
	if err != nil {
		return nil, err
	}
	h := &hashIndex{gen: gen, byHash: make(map[string]string)}
	var rec struct {
		Hash string `json:"hash"`
	}
	err = docs.ForEach(func(k, v []byte) error {
		rec.Hash = ""
		if err := json.Unmarshal(v, &rec); err != nil {
			return s.damaged(fmt.Sprintf("document %q does not decode: %v", k, err))
		}
		key := strings.ToLower(rec.Hash)
		if _, dup := h.byHash[key]; !dup {
			h.byHash[key] = string(k)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.hashes = h
	return h, nil
}

// Remove deletes a document, its raw bytes and its activities, in one
// transaction. ErrNotFound when no document has that name.
func (s *Store) Remove(name string) error {
	return s.update(func(tx *bolt.Tx) error {
		if _, err := s.current(tx); err != nil {
			return err
		}
		w, err := newWriter(s, tx)
		if err != nil {
			return err
		}
		if w.docs.Get([]byte(name)) == nil {
			return notFoundDoc(s.path, name)
		}
		_, err = w.replace(name, nil, nil, nil)
		return err
	})
}

// prepare checks a document and its activities before anything is
// written, and returns copies with the store's fields filled in.
func prepare(doc model.Document, acts []model.Activity) (model.Document, []model.Activity, error) {
	if doc.Name == "" {
		return doc, nil, errors.New("the document has no name")
	}
	if strings.IndexByte(doc.Name, 0) >= 0 || len(doc.Name) > maxValueLen {
		return doc, nil, errors.New("the document name is not storable (NUL or too long)")
	}
	if !validMonth(doc.Month) {
		return doc, nil, fmt.Errorf("month %q is not YYYY-MM", doc.Month)
	}
	if len(doc.Raw) == 0 {
		return doc, nil, errors.New("the document has no raw content")
	}
	sum := sha256.Sum256(doc.Raw)
	hash := hex.EncodeToString(sum[:])
	switch {
	case doc.Hash == "":
		doc.Hash = hash
	case !strings.EqualFold(doc.Hash, hash):
		return doc, nil, fmt.Errorf("hash %s is not the SHA-256 of the raw content (%s)", doc.Hash, hash)
	}
	doc.Hash = hash
	doc.Activities = len(acts)
	out, err := prepareActs(doc.Name, doc.Month, acts)
	return doc, out, err
}

func prepareActs(name, month string, acts []model.Activity) ([]model.Activity, error) {
	out := make([]model.Activity, len(acts))
	lines := make(map[int]bool, len(acts))
	for i, a := range acts {
		switch {
		case a.Source.Document == "":
			a.Source.Document = name
		case a.Source.Document != name:
			return nil, fmt.Errorf("activity %d comes from document %q", i, a.Source.Document)
		}
		switch {
		case a.Month == "":
			a.Month = month
		case a.Month != month:
			return nil, fmt.Errorf("activity on line %d has month %q, not the document's %s", a.Source.Line, a.Month, month)
		}
		if a.Source.Line <= 0 || a.Source.Line > math.MaxUint32 {
			return nil, fmt.Errorf("activity %d has no valid line (%d)", i, a.Source.Line)
		}
		if lines[a.Source.Line] {
			return nil, fmt.Errorf("two activities on line %d", a.Source.Line)
		}
		lines[a.Source.Line] = true
		var bad error
		facetTerms(&a, func(f model.Facet, value, label string) {
			if bad == nil && (len(value) > maxValueLen || len(label) > 4*maxValueLen) {
				bad = fmt.Errorf("activity on line %d: %s value too long", a.Source.Line, f)
			}
		})
		if bad != nil {
			return nil, bad
		}
		a.ID = 0
		out[i] = a
	}
	return out, nil
}

func validMonth(m string) bool {
	_, ok := parseDate(m + "-01")
	return ok && len(m) == 7
}

// ---- the writer: one transaction's changes ----

// writer applies document changes within one read-write transaction. It
// accumulates every bitmap change per term in memory and writes each
// touched bitmap once, at flush.
type writer struct {
	s                                                      *Store
	tx                                                     *bolt.Tx
	meta, docs, raw, acts, lines, starts, idx, labels, wds *bolt.Bucket

	facets map[model.Facet]map[string]*change
	words  map[string]*change
	labelV map[model.Facet]map[string]string // labels of added values
	nextID uint64

	// deferFlush leaves the bitmap changes pending after each document
	// (ImportMany flushes once per batch).
	deferFlush bool

	// terms and seen are appendWordTerms' scratch, kept from one
	// activity to the next.
	terms []string
	seen  map[string]struct{}
}

// change is one term's pending bitmap edit: ids to remove, then to add.
type change struct{ del, add *roaring.Bitmap }

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
		{&w.starts, bStarts}, {&w.idx, bIdx}, {&w.labels, bLabels}, {&w.wds, bWords}} {
		b, err := bucket(tx, p.name)
		if err != nil {
			return nil, err
		}
		*p.b = b
	}
	// New ids only grow, and a document's lines come in order, so these
	// buckets are appended to: fill their pages instead of splitting them
	// half full (bbolt's default), which would double the file. Full, not
	// 90%: an activity's JSON is about a kilobyte, and a 90% page holds
	// three where a full one holds four (a quarter of the store).
	for _, b := range []*bolt.Bucket{w.acts, w.starts, w.lines} {
		b.FillPercent = 1.0
	}
	w.nextID = max(getU64(w.meta, kNextID), 1)
	return w, nil
}

// replace removes the activities of document name and, unless rec is nil
// (a removal), stores rec, raw (when not nil) and acts in their place,
// reusing the id of every line that had one. It returns how many
// activities were removed.
func (w *writer) replace(name string, rec *docRecord, raw []byte, acts []model.Activity) (int, error) {
	prefix := linePrefix(name)
	old := make(map[uint32]uint32) // line -> id
	c := w.lines.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		id, ok := keyID(v)
		if len(k) != len(prefix)+4 || !ok {
			return 0, w.s.damaged(fmt.Sprintf("bad lines entry %q", k))
		}
		old[binary.BigEndian.Uint32(k[len(prefix):])] = id
	}
	removed := 0
	for _, id := range old {
		key := idKey(id)
		if v := w.acts.Get(key); v != nil {
			var a model.Activity
			if err := json.Unmarshal(v, &a); err != nil {
				return 0, w.s.damaged(fmt.Sprintf("activity %d does not decode: %v", id, err))
			}
			w.unindex(&a, id)
			removed++
		}
		if err := w.acts.Delete(key); err != nil {
			return 0, err
		}
		if err := w.starts.Delete(key); err != nil {
			return 0, err
		}
	}

	kept := make(map[uint32]bool, len(acts))
	for i := range acts {
		a := &acts[i]
		line := uint32(a.Source.Line)
		id, ok := old[line]
		if !ok {
			var err error
			if id, err = w.alloc(); err != nil {
				return 0, err
			}
		}
		kept[line] = true
		a.ID = id
		enc, err := json.Marshal(a)
		if err != nil {
			return 0, newError(ErrInvalid, err, fmt.Sprintf("cannot import %q into %s: activity on line %d does not encode: %v", name, w.s.path, line, err))
		}
		key := idKey(id)
		if err := w.acts.Put(key, enc); err != nil {
			return 0, err
		}
		if err := w.starts.Put(key, startValue(a)); err != nil {
			return 0, err
		}
		if err := w.lines.Put(lineKey(name, int(line)), key); err != nil {
			return 0, err
		}
		w.index(a, id)
	}
	for line := range old {
		if !kept[line] {
			if err := w.lines.Delete(lineKey(name, int(line))); err != nil {
				return 0, err
			}
		}
	}
	if testHookImport != nil {
		if err := testHookImport(); err != nil {
			return 0, err
		}
	}
	if !w.deferFlush {
		if err := w.flush(); err != nil {
			return 0, err
		}
	}

	if rec == nil {
		if err := w.docs.Delete([]byte(name)); err != nil {
			return 0, err
		}
		if err := w.raw.Delete([]byte(name)); err != nil {
			return 0, err
		}
	} else {
		enc, err := json.Marshal(rec)
		if err != nil {
			return 0, newError(ErrInvalid, err, fmt.Sprintf("cannot import %q into %s: the document does not encode: %v", name, w.s.path, err))
		}
		if err := w.docs.Put([]byte(name), enc); err != nil {
			return 0, err
		}
		if raw != nil {
			if err := w.raw.Put([]byte(name), raw); err != nil {
				return 0, err
			}
		}
	}
	return removed, w.bump()
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

// index records that a (with id) enters every index it belongs in.
func (w *writer) index(a *model.Activity, id uint32) {
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
func (w *writer) flush() error {
	for f, m := range w.facets {
		b, err := w.idx.CreateBucketIfNotExists([]byte(f))
		if err != nil {
			return err
		}
		for value, ch := range m {
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
			case label != "":
				err = w.labels.Put(lk, []byte(label))
			}
			if err != nil {
				return err
			}
		}
	}
	for word, ch := range w.words {
		if _, err := w.apply(w.wds, []byte(word), ch); err != nil {
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

// ---- re-derivation ----

// Deriver reads a stored document again: the reader, seen from the store.
// The store keeps each document's raw bytes so that a newer reader (or a
// newer schema) can rebuild every activity without the original files.
type Deriver interface {
	// Version identifies the reader's rules; a change means stored
	// activities may differ from what it would read now.
	Version() string
	// Derive reads one document. month is the month stored with it.
	Derive(name string, raw []byte, month string) (model.Document, []model.Activity, error)
}

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
func (s *Store) Rederive(d Deriver, progress func(done, total int)) error {
	migrated := false
	err := s.update(func(tx *bolt.Tx) error {
		_, err := s.schema(tx)
		if !errors.Is(err, ErrOldSchema) {
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
		err := s.rederiveOne(d, name, migrated)
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

func (s *Store) rederiveOne(d Deriver, name string, migrated bool) error {
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
		next = docRecord{Document: doc, Reader: d.Version()}
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
		_, err = w.replace(name, &next, nil, acts)
		return err
	})
	if err != nil {
		return err
	}
	if derr != nil {
		return &refusal{name: name, err: derr, dropped: true}
	}
	return nil
}

// derive calls the reader, turning a panic into a refusal: the reader
// works on documents from outside, and one bad document must not take
// the re-derivation of the others down.
func derive(d Deriver, name string, raw []byte, month string) (doc model.Document, acts []model.Activity, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the reader failed: %v", r)
		}
	}()
	return d.Derive(name, raw, month)
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
