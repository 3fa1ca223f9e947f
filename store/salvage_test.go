package store_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// storedDocs reads every document with its raw bytes through the store.
func storedDocs(t *testing.T, s *store.Store) map[string]model.Document {
	t.Helper()
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Document{}
	for _, d := range docs {
		full, err := s.Document(d.Name)
		if err != nil {
			t.Fatal(err)
		}
		out[d.Name] = full
	}
	return out
}

// sameAsStored checks salvaged documents against the originals: each
// checked one must be one of them, byte for byte, with its month.
func sameAsStored(t *testing.T, got []store.SalvagedDoc, want map[string]model.Document) {
	t.Helper()
	for _, d := range got {
		w, ok := want[d.Name]
		if !d.Checked {
			continue // no record to check it against: the reader judges it
		}
		switch {
		case !ok:
			t.Errorf("salvaged %q, which the store never held", d.Name)
		case !bytes.Equal(d.Raw, w.Raw):
			t.Errorf("salvaged %q with other bytes than it had", d.Name)
		case d.Month != "" && d.Month != w.Month:
			t.Errorf("salvaged %q with month %q, want %q", d.Name, d.Month, w.Month)
		}
	}
}

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSalvage_HealthyStore_ReadsEverything(t *testing.T) {
	s := MustCreate(t)
	fill(t, s, 3, 6, 40, 0)
	want := storedDocs(t, s)
	before := fileBytes(t, s.Path())
	got, err := store.Salvage(s.Path())
	if err != nil {
		t.Fatalf("Salvage of a healthy store: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("salvaged %d documents, want %d", len(got), len(want))
	}
	sameAsStored(t, got, want)
	for _, d := range got {
		if d.Month == "" || !d.Checked {
			t.Errorf("%s: month %q, checked %v", d.Name, d.Month, d.Checked)
		}
	}
	if !bytes.Equal(before, fileBytes(t, s.Path())) {
		t.Error("Salvage changed the file")
	}
}

// TestSalvage_NewerSchema: documents keep their meaning across schemas,
// so a newer store's documents can be read back too.
func TestSalvage_NewerSchema(t *testing.T) {
	s := fixture(t)
	setMeta(t, s.Path(), "schema", store.SchemaVersion+1)
	got, err := store.Salvage(s.Path())
	if err != nil || len(got) != 2 {
		t.Fatalf("Salvage: %d documents, %v", len(got), err)
	}
}

// TestSalvage_EveryPageDamaged overwrites each page of a store in turn
// with garbage (and, separately, with zeroes) and salvages it: no panic,
// no fault, nothing read back that was not stored, and a clean result
// only when nothing was lost.
func TestSalvage_EveryPageDamaged(t *testing.T) {
	s := MustCreate(t)
	fill(t, s, 7, 8, 50, 0)
	want := storedDocs(t, s)
	orig := fileBytes(t, s.Path())
	ps := os.Getpagesize()
	pages := len(orig) / ps
	rng := rand.New(rand.NewPCG(1, 2))
	lossy := 0
	dir := t.TempDir()
	for p := 2; p < pages; p++ {
		for _, fillKind := range []string{"garbage", "zeroes"} {
			b := bytes.Clone(orig)
			page := b[p*ps : (p+1)*ps]
			for i := range page {
				if fillKind == "garbage" {
					page[i] = byte(rng.Uint32())
				} else {
					page[i] = 0
				}
			}
			path := filepath.Join(dir, "damaged.db")
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := store.Salvage(path)
			sameAsStored(t, got, want)
			if err == nil && len(got) != len(want) {
				t.Errorf("page %d (%s): %d of %d documents and no error", p, fillKind, len(got), len(want))
			}
			if err != nil {
				if !errors.Is(err, store.ErrDamaged) {
					t.Errorf("page %d (%s): %v, want ErrDamaged", p, fillKind, err)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("page %d: message %q does not name the file", p, err)
				}
				lossy++
			}
		}
	}
	t.Logf("%d pages, %d damaged copies reported losses", pages, lossy)
	if lossy == 0 {
		t.Error("no damaged page was ever noticed")
	}
}

func TestSalvage_Truncated(t *testing.T) {
	s := MustCreate(t)
	fill(t, s, 1, 6, 60, 0)
	want := storedDocs(t, s)
	size := int64(len(fileBytes(t, s.Path())))
	for _, at := range []int64{size / 2, size - 4096, 3 * 4096} {
		path := filepath.Join(t.TempDir(), "t.db")
		if err := os.WriteFile(path, fileBytes(t, s.Path())[:at], 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := store.Salvage(path)
		sameAsStored(t, got, want)
		if err == nil && len(got) != len(want) {
			t.Errorf("truncated at %d: %d of %d documents and no error", at, len(got), len(want))
		}
		t.Logf("truncated at %d of %d: %d documents, %v", at, size, len(got), err)
	}
}

func TestSalvage_NotAStore(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, bytes.Repeat([]byte("garbage!"), 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("theirs")); return err })
	_ = db.Close()
	for _, path := range []string{garbage, foreign} {
		got, err := store.Salvage(path)
		if len(got) != 0 || !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), path) {
			t.Errorf("Salvage(%s): %d documents, %v; want none and ErrDamaged naming the file", filepath.Base(path), len(got), err)
		}
	}
	if _, err := store.Salvage(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("Salvage of a missing file: no error")
	}
}

// TestSalvage_HashMismatch: raw bytes that are not what the record's
// hash says are damaged, and left out.
func TestSalvage_HashMismatch(t *testing.T) {
	s := fixture(t)
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("raw")).Put([]byte(febName), []byte("bit rot")) })
	_ = db.Close()
	got, err := store.Salvage(s.Path())
	if len(got) != 1 || got[0].Name != marName || !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), febName) {
		t.Errorf("got %d documents, %v; want only %s and an error naming %s", len(got), err, marName, febName)
	}
}

func TestSalvage_LockedByWriter(t *testing.T) {
	s := fixture(t)
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	_, err = store.Salvage(s.Path())
	if !errors.Is(err, store.ErrLocked) || !strings.Contains(err.Error(), s.Path()) {
		t.Errorf("Salvage of a locked store: %v, want ErrLocked naming the file", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("gave up after %v", d)
	}
}

// TestSalvage_CompressedDamage: a compressed document with a byte
// changed inside does not decompress (or no longer matches its hash):
// Check says so, and Salvage leaves it out and keeps the others.
func TestSalvage_CompressedDamage(t *testing.T) {
	s := fixture(t)
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error {
		raw := tx.Bucket([]byte("raw"))
		v := append([]byte(nil), raw.Get([]byte(febName))...)
		v[len(v)/2] ^= 0x5a
		return raw.Put([]byte(febName), v)
	})
	_ = db.Close()
	if err := s.Check(); !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), febName) {
		t.Errorf("Check: %v, want ErrDamaged naming %s", err, febName)
	}
	got, err := store.Salvage(s.Path())
	if len(got) != 1 || got[0].Name != marName || !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), febName) {
		t.Errorf("got %d documents, %v; want only %s and an error naming %s", len(got), err, marName, febName)
	}
}
