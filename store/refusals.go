package store

// Documents a new reader refuses to read again keep the activities an
// older reader gave them; these are how a re-derivation reports them and
// how the store remembers them, so that the same reader does not try
// again on every command.

import (
	"bytes"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// RefusalError is a stored document a new reader would not read again
// (Rederive). It wraps the reader's error.
type RefusalError struct {
	Name   string
	Reader string // the version that refused it
	Err    error
	// Dropped: after a schema upgrade the document has no activities
	// until a reader can read it; else it keeps its previous ones.
	Dropped bool
}

func (r *RefusalError) Error() string {
	if r.Dropped {
		return fmt.Sprintf("%s: the reader refuses it, so it has no activities until it can be read: %v", r.Name, r.Err)
	}
	return fmt.Sprintf("%s: the reader refuses it, so it keeps its previous activities: %v", r.Name, r.Err)
}

func (r *RefusalError) Unwrap() error { return r.Err }

// Refusals splits Rederive's error into the documents the reader
// refused, which stopped nothing, and the rest (nil when there is none),
// which did.
func Refusals(err error) ([]*RefusalError, error) {
	var refused []*RefusalError
	var rest []error
	var walk func(error)
	walk = func(e error) {
		switch e := e.(type) {
		case nil:
		case *RefusalError:
			refused = append(refused, e)
		case *storeError, *DamageError:
			rest = append(rest, e)
		case interface{ Unwrap() []error }: // errors.Join
			for _, e := range e.Unwrap() {
				walk(e)
			}
		default:
			rest = append(rest, e)
		}
	}
	walk(err)
	return refused, errors.Join(rest...)
}

// RefusedDocument is a stored document the reader of version RefusedBy
// refused to read again: it keeps the activities reader Reader read
// (none, Activities 0, when the refusal came with a schema upgrade).
type RefusedDocument struct {
	Name, Month       string
	Reader, RefusedBy string
	Reason            string
	Activities        int
}

// Refused lists the documents some reader refused to read again, by
// name, for `unoct doctor`: a re-derivation warns of them once, and they
// stay listed until a reader reads them (or a new version is imported).
func (s *Store) Refused() ([]RefusedDocument, error) {
	var out []RefusedDocument
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.schema(tx); err != nil && !errors.Is(err, ErrOldSchema) {
			return err
		}
		docs, err := bucket(tx, bDocs)
		if err != nil {
			return err
		}
		return docs.ForEach(func(k, v []byte) error {
			if !bytes.Contains(v, []byte(`"refused_by":`)) {
				return nil
			}
			r, err := decodeDoc(v)
			if err != nil {
				return s.damaged(fmt.Sprintf("document %q does not decode: %v", k, err))
			}
			if r.RefusedBy == "" {
				return nil
			}
			out = append(out, RefusedDocument{Name: r.Name, Month: r.Month, Reader: r.Reader, RefusedBy: r.RefusedBy, Reason: r.Refusal, Activities: r.Activities})
			return nil
		})
	})
	return out, err
}
