package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// SalvagedDoc is a document read back out of a store that may be
// damaged: enough to read it again and rebuild the store.
type SalvagedDoc struct {
	Name  string
	Month string // YYYY-MM as the store recorded it; "" when its record was unreadable
	Raw   []byte
	// Checked is true when Raw matched the SHA-256 its record gives:
	// the bytes are the document's. When the record is missing or does
	// not decode, Raw is whatever the page held under that name (which
	// damage may have garbled) and the reader must judge it.
	Checked bool
}

// Salvage reads the raw text of every document it can out of the store
// file at path, for `unoct doctor --rebuild`. It opens the file
// read-only and never writes it; it skips the checks Open makes (schema,
// size) and survives what a damaged file does to bbolt: every read runs
// with recover and debug.SetPanicOnFault, so a bad page or a truncated
// file loses the documents on it, not the process. A document whose raw
// bytes do not match the hash its record gives is left out as damaged.
//
// It returns the documents it read, sorted by name, and an error listing
// what it could not read (nil when it read everything). When the file
// cannot be opened at all (both meta pages gone, not a bbolt file, locked
// by another process), the list is empty and the error says why.
func Salvage(path string) (docs []SalvagedDoc, err error) {
	s := &Store{path: filepath.Clean(path)}
	db, err := s.salvageOpen()
	if err != nil {
		return nil, err
	}
	defer func() {
		defer func() { _ = recover() }()
		_ = db.Close()
	}()

	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	// guard runs fn, turning a panic or a memory fault into a problem.
	guard := func(what string, fn func()) (ok bool) {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				add("%s: %v", what, r)
				ok = false
			}
		}()
		fn()
		return true
	}

	var tx *bolt.Tx
	if !guard("beginning a read", func() { tx, err = db.Begin(false) }) || err != nil {
		if err != nil {
			add("beginning a read: %v", err)
		}
		return nil, salvageError(s.path, problems, 0)
	}
	defer func() {
		defer func() { _ = recover() }()
		_ = tx.Rollback()
	}()

	var docsB, rawB *bolt.Bucket
	guard("finding the buckets", func() { docsB, rawB = tx.Bucket(bDocs), tx.Bucket(bRaw) })
	if rawB == nil {
		add("the raw bucket, which holds the documents' text, is missing or unreadable")
		return nil, salvageError(s.path, problems, 0)
	}

	// The names: the keys of raw and of docs. A bad page stops a cursor;
	// walking each bucket from both ends gets the keys on either side.
	names := map[string]bool{}
	collect := func(b *bolt.Bucket, what string) {
		if b == nil {
			return
		}
		guard("listing "+what, func() {
			c := b.Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				names[string(k)] = true
			}
		})
		guard("listing "+what+" backwards", func() {
			c := b.Cursor()
			for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
				names[string(k)] = true
			}
		})
	}
	collect(rawB, "the documents' text")
	collect(docsB, "the documents")

	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	slices.Sort(sorted)
	lost := 0
	for _, name := range sorted {
		var raw, rec []byte
		if !guard(fmt.Sprintf("document %q", name), func() {
			raw = bytes.Clone(rawB.Get([]byte(name)))
			if docsB != nil {
				rec = bytes.Clone(docsB.Get([]byte(name)))
			}
		}) {
			lost++
			continue
		}
		if len(raw) == 0 {
			add("document %q: its text is missing", name)
			lost++
			continue
		}
		// A store of schema 3 keeps the text compressed; the meta page
		// that says which schema may be what is damaged, and a
		// document never starts as a zstd frame does (zstdMagic), so
		// the bytes say it, and the hash checks it.
		if bytes.HasPrefix(raw, zstdMagic) {
			if plain, err := decompressRaw(raw); err == nil {
				raw = plain
			} else {
				add("document %q: its text does not decompress: %v", name, err)
				lost++
				continue
			}
		}
		d := SalvagedDoc{Name: name, Raw: raw}
		if rec != nil {
			r, err := decodeDoc(rec)
			switch {
			case err != nil:
				add("document %q: its record does not decode (%v); its month will be read again", name, err)
			case !strings.EqualFold(r.Hash, sha256Hex(raw)):
				add("document %q: its text does not match its hash: damaged", name)
				lost++
				continue
			default:
				d.Checked = true
				if validMonth(r.Month) {
					d.Month = r.Month
				}
			}
		} else {
			add("document %q: its record is missing; its text cannot be checked", name)
		}
		docs = append(docs, d)
	}
	if len(problems) > 0 {
		return docs, salvageError(s.path, problems, lost)
	}
	return docs, nil
}

// salvageOpen opens the file read-only, waiting at most the read lock
// timeout for another process to let go of it. Unlike openDB it does not
// refuse a truncated file: Salvage reads what it can of it.
func (s *Store) salvageOpen() (*bolt.DB, error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.openWait(false, "; no document can be read out of it")
}

func salvageError(path string, problems []string, lost int) error {
	msg := fmt.Sprintf("store %s: ", path)
	if lost > 0 {
		msg += fmt.Sprintf("%d documents could not be read back: ", lost)
	} else {
		msg += "not everything could be read back: "
	}
	return newError(ErrDamaged, nil, msg+"\n  "+strings.Join(problems, "\n  "))
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
