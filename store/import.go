package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

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
	// replaced; activities with the same (or a similar) text kept their
	// ids, wherever their lines went.
	Replaced
	// Unchanged: a document with the same content (hash) is already
	// stored, under this name or another; nothing was written.
	Unchanged
	// Refiled: a document with the same content was stored under
	// another month, and the caller gave this one (ImportItem.Refile):
	// it was moved, under its stored name, its activities keeping their
	// ids and corrections.
	Refiled
)

func (st ImportStatus) String() string {
	switch st {
	case Added:
		return "added"
	case Replaced:
		return "replaced"
	case Unchanged:
		return "unchanged"
	case Refiled:
		return "refiled"
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
	// with the same text were kept.
	Removed int
	// SameAs names the stored document with identical content when it is
	// stored under another name (Unchanged only).
	SameAs string
	// Changes is what the new version changed against the one before
	// (Replaced only): activities added, removed and changed.
	Changes *Change
	// Review is how many corrections the new version flagged for review:
	// the text of their bullet changed (see Store.Fixes).
	Review int
	// FromMonth is the month the document was filed under before
	// (Refiled only).
	FromMonth string
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
// the new ones enter it, each activity keeping its id (see ids.go) and
// its corrections (see fixes.go).
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
	// Refile says that the caller gave the document's month (import
	// --month): a document with the same content stored under another
	// month was filed wrongly, and is moved to this one (Refiled)
	// rather than left as it is (Unchanged).
	Refile bool
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
	var todo []prepared
	for i, it := range items {
		results[i] = ImportResult{Document: it.Doc.Name, Month: it.Doc.Month}
		doc, acts, err := s.prepareItem(it)
		if err != nil {
			errs[i] = err
			continue
		}
		todo = append(todo, prepared{i: i, doc: doc, acts: acts, refile: it.Refile})
	}
	s.importTodo(todo, results, errs, false)
	return results, errs
}

// todoActs is how many activities todo holds.
func todoActs(todo []prepared) int {
	n := 0
	for _, p := range todo {
		n += len(p.acts)
	}
	return n
}

// importTodo imports prepared documents in one transaction, setting
// results[p.i] and errs[p.i] of each. With later, their series may be
// linked by a later batch (see linkSeries).
func (s *Store) importTodo(todo []prepared, results []ImportResult, errs []error, later bool) {
	if len(todo) == 0 {
		return
	}
	s.hmu.Lock()
	defer s.hmu.Unlock()
	res, errs2 := s.importPrepared(todo, nil, later)
	for k, p := range todo {
		results[p.i], errs[p.i] = res[k], errs2[k]
	}
}

// prepared is an item ImportMany found valid, with its place among the
// items.
type prepared struct {
	i      int
	doc    model.Document
	acts   []model.Activity
	refile bool
	z      []byte // doc.Raw compressed (compressRaw), when done ahead; else nil
	err    error  // why the document is refused (ErrInvalid), when prepared ahead
}

// prepareItem checks one item before anything is written (see prepareInto);
// its error is ErrInvalid.
func (s *Store) prepareItem(it ImportItem) (model.Document, []model.Activity, error) {
	return s.prepareItemInto(it, make([]model.Activity, len(it.Activities)))
}

// prepareItemInto is prepareItem writing the activities into out (see
// prepareInto).
func (s *Store) prepareItemInto(it ImportItem, out []model.Activity) (model.Document, []model.Activity, error) {
	doc, acts, err := prepareInto(it.Doc, it.Activities, out)
	if err == nil {
		// The record is encoded again in the transaction; one that
		// cannot be (a NaN figure) must not take the batch down.
		_, err = json.Marshal(docRecord{Document: doc})
		if err != nil {
			err = fmt.Errorf("the document does not encode: %v", err)
		}
	}
	if err != nil {
		return doc, nil, newError(ErrInvalid, err, fmt.Sprintf("cannot import %q into %s: %v", doc.Name, s.path, err))
	}
	return doc, acts, nil
}

// importPrepared imports prepared items in one transaction and returns
// a result and an error per item, in todo's order. With st, todo is the
// one document a staged import stored the new activities of (see
// staged.go), and this is its last step. The caller holds s.hmu.
func (s *Store) importPrepared(todo []prepared, st *staged, later bool) ([]ImportResult, []error) {
	results := make([]ImportResult, len(todo))
	errs := make([]error, len(todo))
	var stamp Stamp
	err := s.write(func(tx *bolt.Tx, w *writer) error {
		if st != nil {
			if err := w.takeStaged(st, todo[0].doc.Name); err != nil {
				return err
			}
		}
		hashes, err := s.hashIndex(tx)
		if err != nil {
			return err
		}
		names := make([]string, len(todo))
		for i, p := range todo {
			names[i] = p.doc.Name
		}
		before := map[string]bool(nil)
		if w.plan != nil {
			before = w.plan.before // read as the swap was prepared (staged.go)
		} else if before, err = seriesBefore(tx, names); err != nil { // see series.go
			return err
		}
		uniform := w.uniform(s.opts.ReaderVersion)
		w.deferFlush = true
		wrote := false
		batch := make(map[string]bool, len(todo)) // names written in this batch
		for k, p := range todo {
			w.rawZ = p.z
			res, err := w.importDoc(p.doc, p.acts, p.refile, hashes, batch)
			w.rawZ = nil
			if err != nil {
				return err
			}
			results[k] = res
			// A staged import whose text turned up meanwhile clears its
			// pending activities all the same.
			wrote = wrote || res.Status != Unchanged || st != nil
		}
		if st != nil {
			acts := todo[0].acts
			if results[0].Status == Unchanged {
				acts = nil
			}
			if err := w.dropUnstaged(st, acts); err != nil {
				return err
			}
		}
		if !wrote {
			return errUnchanged
		}
		if err := w.flush(); err != nil {
			return err
		}
		var known map[uint32]*model.Activity
		if st != nil {
			known = make(map[uint32]*model.Activity, len(todo[0].acts))
			for i := range todo[0].acts {
				known[todo[0].acts[i].ID] = &todo[0].acts[i]
			}
		}
		if err := w.linkSeries(names, before, known, todoActs(todo), later); err != nil {
			return err
		}
		if uniform {
			if err := setUniform(w.meta, s.opts.ReaderVersion); err != nil {
				return err
			}
		}
		stamp = readStamp(w.meta)
		return nil
	})
	switch {
	case errors.Is(err, errUnchanged):
	case err != nil:
		s.hashes = nil // it may hold what was rolled back
		for k, p := range todo {
			results[k] = ImportResult{Document: p.doc.Name, Month: p.doc.Month}
			errs[k] = err
		}
	default:
		s.hashes.stamp = stamp
	}
	return results, errs
}

// importDoc imports one prepared document within a batch. batch holds
// the names already written in it: a name written twice has the
// bitmap changes of its first version applied before the second
// replaces it.
func (w *writer) importDoc(doc model.Document, acts []model.Activity, refile bool, hashes *hashIndex, batch map[string]bool) (ImportResult, error) {
	res := ImportResult{Document: doc.Name, Month: doc.Month}
	from := ""
	if same, ok := hashes.byHash[doc.Hash]; ok {
		rec, err := decodeDoc(w.docs.Get([]byte(same)))
		if err != nil {
			return res, w.s.damaged(fmt.Sprintf("document %q does not decode: %v", same, err))
		}
		if !refile || rec.Month == doc.Month {
			res.Status, res.Activities, res.Month = Unchanged, rec.Activities, rec.Month
			if same != doc.Name {
				res.SameAs = same
			}
			return res, nil
		}
		// The same text, filed under another month than the caller
		// gives now: a wrong --month corrected. Move the stored
		// document (under its stored name) to this month.
		from = rec.Month
		if same != doc.Name {
			res.SameAs = same
			doc.Name = same
			for i := range acts {
				acts[i].Source.Document = same
			}
		}
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
	rec := docRecord{Document: doc, Reader: w.s.opts.ReaderVersion, Imported: importedNow()}
	rec.Raw = nil
	rec.Activities = len(acts)
	removed, err := w.replace(doc.Name, &rec, doc.Raw, acts)
	if err != nil {
		return res, err
	}
	if from != "" {
		res.Status, res.FromMonth = Refiled, from
	}
	if res.Status == Replaced || res.Status == Refiled {
		res.Removed = removed
		res.Changes, res.Review = w.change, w.reviews
		cause := "import"
		if from != "" {
			cause = "import --month " + doc.Month + " (was " + from + ")"
		}
		if err := w.recordChange(w.change, cause, doc.Hash); err != nil {
			return res, err
		}
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
	stamp  Stamp
	byHash map[string]string
}

// hashIndex returns the store's hash index for tx's generation: the one
// kept from the last import when no one has written since, else a new
// one read from the docs bucket. The caller holds s.hmu.
func (s *Store) hashIndex(tx *bolt.Tx) (*hashIndex, error) {
	stamp := readStamp(tx.Bucket(bMeta))
	if s.hashes != nil && s.hashes.stamp == stamp {
		return s.hashes, nil
	}
	s.hashes = nil
	docs, err := bucket(tx, bDocs)
	if err != nil {
		return nil, err
	}
	h := &hashIndex{stamp: stamp, byHash: make(map[string]string)}
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
	return s.write(func(tx *bolt.Tx, w *writer) error {
		if w.docs.Get([]byte(name)) == nil {
			return notFoundDoc(s.path, name)
		}
		before, err := seriesBefore(tx, []string{name}) // see series.go
		if err != nil {
			return err
		}
		if _, err = w.replace(name, nil, nil, nil); err != nil {
			return err
		}
		return s.relinkDocs(tx, []string{name}, before)
	})
}

// prepareInto checks a document and its activities before anything is
// written, and returns them with the store's fields filled in, the
// activities written into out: a copy (ImportMany), or acts itself (the
// pipeline prepares a large document's activities in place rather than
// hold two copies of them).
func prepareInto(doc model.Document, acts, out []model.Activity) (model.Document, []model.Activity, error) {
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
	out, err := prepareActsInto(doc.Name, doc.Month, acts, out)
	return doc, out, err
}

func prepareActs(name, month string, acts []model.Activity) ([]model.Activity, error) {
	return prepareActsInto(name, month, acts, make([]model.Activity, len(acts)))
}

func prepareActsInto(name, month string, acts, out []model.Activity) ([]model.Activity, error) {
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
