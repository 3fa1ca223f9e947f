package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ageStore edits the store at db as an older unoct would have left it:
// every document read by reader "0-old" (and, when schema is not 0, the
// layout of that schema); edit, when not nil, changes a document record
// and raw bytes more.
func ageStore(t *testing.T, db string, schema uint64, edit func(name string, rec map[string]any, raw *[]byte)) {
	t.Helper()
	h, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	err = h.Update(func(tx *bolt.Tx) error {
		meta, docs, raws := tx.Bucket([]byte("meta")), tx.Bucket([]byte("docs")), tx.Bucket([]byte("raw"))
		for _, k := range []string{"uniform_reader", "uniform_generation"} {
			if err := meta.Delete([]byte(k)); err != nil {
				return err
			}
		}
		if schema != 0 {
			if err := meta.Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, schema)); err != nil {
				return err
			}
		}
		var names []string
		_ = docs.ForEach(func(k, _ []byte) error { names = append(names, string(k)); return nil })
		for _, name := range names {
			var rec map[string]any
			if err := json.Unmarshal(docs.Get([]byte(name)), &rec); err != nil {
				return err
			}
			rec["reader"] = "0-old"
			raw := append([]byte(nil), raws.Get([]byte(name))...)
			if edit != nil {
				edit(name, rec, &raw)
			}
			enc, _ := json.Marshal(rec)
			if err := docs.Put([]byte(name), enc); err != nil {
				return err
			}
			if err := raws.Put([]byte(name), raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpgrade_ReaderChangedOnce: after a reader upgrade the first
// command reads the documents again, says so, and answers as before;
// the next one has nothing to do and says nothing.
func TestUpgrade_ReaderChangedOnce(t *testing.T) {
	db, before := seeded(t, t.TempDir())
	ageStore(t, db, 0, nil)
	got, stderr, status := cli(t, db, "list", "--format", "jsonl")
	if status != 0 || got != before || !strings.Contains(stderr, "the reader has changed") {
		t.Fatalf("first command after a reader upgrade: status %d, %q", status, stderr)
	}
	if got, stderr, status := cli(t, db, "list", "--format", "jsonl"); status != 0 || got != before || stderr != "" {
		t.Errorf("second command: status %d, %q", status, stderr)
	}
}

// TestUpgrade_SchemaIsNotTheReader: a store of an older layout is
// upgraded by the first command, which says it is the layout, never that
// the reader changed.
func TestUpgrade_SchemaIsNotTheReader(t *testing.T) {
	db, before := seeded(t, t.TempDir())
	setStoreMeta(t, db, "schema", 1)
	got, stderr, status := cli(t, db, "list", "--format", "jsonl")
	if status != 0 || got != before || !strings.Contains(stderr, "upgrading the store to this version's layout") || strings.Contains(stderr, "reader has changed") {
		t.Fatalf("first command on an older layout: status %d, %q", status, stderr)
	}
	intact(t, db, before)
}

// TestUpgrade_RefusedDocumentWarnsOnce: a stored document the new reader
// refuses keeps its activities; the first command warns of it and
// carries on, the next ones say nothing, and doctor lists it.
func TestUpgrade_RefusedDocumentWarnsOnce(t *testing.T) {
	db, before := seeded(t, t.TempDir())
	ageStore(t, db, 0, func(name string, rec map[string]any, raw *[]byte) {
		// What the new reader refuses: a binary file (hash updated, so
		// the store is sound).
		*raw = []byte("\x00\x01\x02 not a document\x00")
		sum := sha256.Sum256(*raw)
		rec["hash"] = hex.EncodeToString(sum[:])
	})
	got, stderr, status := cli(t, db, "list", "--format", "jsonl")
	if status != 0 || got != before || !strings.Contains(stderr, "warning: 2020-02.md: the reader refuses it, so it keeps its previous activities") {
		t.Fatalf("first command: status %d, %q", status, stderr)
	}
	if got, stderr, status := cli(t, db, "list", "--format", "jsonl"); status != 0 || got != before || stderr != "" {
		t.Errorf("second command: status %d, %q; want no warning again", status, stderr)
	}
	out, stderr, status := cli(t, db, "doctor")
	if status != 0 || !strings.Contains(out, ": OK") || !strings.Contains(out, "1 document the current reader refuses") || !strings.Contains(out, "2020-02.md (2020-02): 12 activities from reader 0-old") {
		t.Errorf("doctor: status %d, %s%s", status, out, stderr)
	}
}

// TestUpgrade_UnderWayIsNotComplete: while another unoct holds a store
// whose schema upgrade is under way, a command says "upgrading, N%" and
// fails; it never shows the part already upgraded as the whole.
func TestUpgrade_UnderWayIsNotComplete(t *testing.T) {
	db, _ := seeded(t, t.TempDir())
	h, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = h.Update(func(tx *bolt.Tx) error {
		up, err := tx.CreateBucket([]byte("upgrade"))
		if err != nil {
			return err
		}
		if err := up.Put([]byte("2020-02.md"), []byte{}); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("upgrade_total"), binary.BigEndian.AppendUint64(nil, 4))
	})
	h.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Another unoct reading it: this one cannot take it to finish the
	// upgrade (it waits its lock timeout, then reads).
	h, err = bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	got, stderr, status := cli(t, db, "list", "--format", "jsonl")
	h.Close()
	if status == 0 || got != "" || !strings.Contains(stderr, "upgrading, 75% done") {
		t.Fatalf("list during another's upgrade: status %d, out %q, %q", status, got, stderr)
	}
	// Free again: the next command finishes the upgrade.
	if got, stderr, status := cli(t, db, "list", "--format", "jsonl"); status != 0 || strings.Count(got, `"month"`) != 12 {
		t.Errorf("list after: status %d, %q", status, stderr)
	}
}

func setStoreMeta(t *testing.T, db, key string, v uint64) {
	t.Helper()
	h, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if err := h.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte(key), binary.BigEndian.AppendUint64(nil, v))
	}); err != nil {
		t.Fatal(err)
	}
}
