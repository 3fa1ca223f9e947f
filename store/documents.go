package store

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// kRemoved is the meta key of the documents removed by name (Remove),
// as a JSON array: the program that seeds a new store with the
// documents it ships reads it (Removed) so that a shipped document the
// user removed does not come back when the store next finds itself
// empty.
var kRemoved = []byte("removed")

// DocInfo is a stored document as `unoct docs` and the explorer's
// documents view list it: the document (without its raw bytes), when it
// was imported and by which reader.
type DocInfo struct {
	model.Document
	// Imported is when this version of the document was stored (for a
	// store rebuilt by doctor, when it was rebuilt); zero for documents
	// stored before the store kept the time.
	Imported time.Time
	// Reader is the version of the reader its activities came from.
	Reader string
}

// Docs lists the stored documents with when each was imported and the
// reader that read them, by month and then name.
func (s *Store) Docs() ([]DocInfo, error) {
	var out []DocInfo
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bDocs)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			r, err := decodeDoc(v)
			if err != nil {
				return s.damaged(fmt.Sprintf("document %q does not decode: %v", k, err))
			}
			d := DocInfo{Document: r.Document, Reader: r.Reader}
			if r.Imported != "" {
				d.Imported, _ = time.Parse(time.RFC3339, r.Imported)
			}
			out = append(out, d)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b DocInfo) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Name, b.Name))
	})
	return out, err
}

// RemoveDocument deletes a document and its activities in one
// transaction, as Remove does, and records its name among the removed
// ones (see Removed). It returns the document as it was. ErrNotFound
// when no document has that name.
func (s *Store) RemoveDocument(name string) (DocInfo, error) {
	var gone DocInfo
	err := s.write(func(tx *bolt.Tx, w *writer) error {
		v := w.docs.Get([]byte(name))
		if v == nil {
			return notFoundDoc(s.path, name)
		}
		r, err := decodeDoc(v)
		if err != nil {
			return s.damaged(fmt.Sprintf("document %q does not decode: %v", name, err))
		}
		gone = DocInfo{Document: r.Document, Reader: r.Reader}
		before, err := seriesBefore(tx, []string{name}) // its series lose it (series.go)
		if err != nil {
			return err
		}
		if _, err := w.replace(name, nil, nil, nil); err != nil {
			return err
		}
		if err := s.relinkDocs(tx, []string{name}, before); err != nil {
			return err
		}
		meta := tx.Bucket(bMeta)
		removed := readRemoved(meta)
		if !slices.Contains(removed, name) {
			removed = append(removed, name)
		}
		b, err := json.Marshal(removed)
		if err != nil {
			return err
		}
		return meta.Put(kRemoved, b)
	})
	if err != nil {
		return DocInfo{}, err
	}
	// The hash index of the last import still names the removed
	// document; it is re-read at the next import since the generation
	// moved.
	return gone, nil
}

// Removed lists the names of the documents ever removed with
// RemoveDocument, in the order they were removed.
func (s *Store) Removed() ([]string, error) {
	var out []string
	err := s.view(func(tx *bolt.Tx) error {
		meta, err := bucket(tx, bMeta)
		if err != nil {
			return err
		}
		out = readRemoved(meta)
		return nil
	})
	return out, err
}

// readRemoved reads the removed names; an unreadable value (a store
// edited by hand) counts as none rather than blocking every start.
func readRemoved(meta *bolt.Bucket) []string {
	var out []string
	if v := meta.Get(kRemoved); v != nil {
		_ = json.Unmarshal(v, &out)
	}
	return out
}

// importedNow is the time a document is recorded as imported, to the
// second.
func importedNow() string { return time.Now().UTC().Format(time.RFC3339) }
