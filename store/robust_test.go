package store_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// ---- locks ----

func TestStore_Import_BlockedByReader_ErrLocked(t *testing.T) {
	s0 := fixture(t)
	s, err := store.Open(s0.Path(), store.Options{LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	// Another process's viewer, holding a read-only handle.
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin(false)
	if err != nil {
		t.Fatal(err)
	}
	as := acts("2020-04", act{line: 1, text: "april"})
	start := time.Now()
	_, err = s.Import(newDoc("apr.md", "2020-04", as), as)
	elapsed := time.Since(start)
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("Import while a reader holds the file: %v, want ErrLocked", err)
	}
	if elapsed > 2*time.Second {
		t.Errorf("Import took %v to give up with a 200ms timeout", elapsed)
	}
	for _, want := range []string{s.Path(), "locked by another unoct process", "try again"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	// Readers share the file with the other reader.
	if _, err := s.Query(model.Query{}); err != nil {
		t.Errorf("Query beside another reader: %v", err)
	}
	_ = tx.Rollback()
	_ = db.Close()
	// Once the reader is gone the import goes through.
	if _, err := s.Import(newDoc("apr.md", "2020-04", as), as); err != nil {
		t.Errorf("Import after the reader left: %v", err)
	}
}

func TestStore_Query_BlockedByWriter_ErrLocked(t *testing.T) {
	s0 := fixture(t)
	s, err := store.Open(s0.Path(), store.Options{LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	for name, op := range map[string]func() error{
		"Query":      func() error { _, err := s.Query(model.Query{}); return err },
		"Counts":     func() error { _, err := s.AllCounts(model.Query{}); return err },
		"Get":        func() error { _, err := s.Get(1); return err },
		"Documents":  func() error { _, err := s.Documents(); return err },
		"Generation": func() error { _, err := s.Generation(); return err },
		"Open": func() error {
			_, err := store.Open(s.Path(), store.Options{LockTimeout: 200 * time.Millisecond})
			return err
		},
	} {
		if err := op(); !errors.Is(err, store.ErrLocked) {
			t.Errorf("%s while a writer holds the file: %v, want ErrLocked", name, err)
		}
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("six blocked operations took %v", elapsed)
	}
}

// TestStore_Concurrent runs a viewer's queries from several goroutines
// while another Store on the same path imports, as the TUI and `unoct
// import` do. Run with -race.
func TestStore_Concurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "unoct.db")
	viewer := MustOpen(t, path)
	importer := MustOpen(t, path)
	fill(t, importer, 1, 2, 40, 0)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	stop := make(chan struct{})
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var err error
				switch (g + i) % 4 {
				case 0:
					_, err = viewer.Query(q("secur", "pillar", "II"))
				case 1:
					_, err = viewer.AllCounts(q("", "kind", "training"))
				case 2:
					var res store.Result
					if res, err = viewer.Query(model.Query{}); err == nil && len(res.IDs) > 0 {
						_, err = viewer.Get(res.IDs[:min(10, len(res.IDs))]...)
						if errors.Is(err, store.ErrNotFound) {
							err = nil // replaced between the two calls
						}
					}
				case 3:
					_, _, err = viewer.Resolve(model.FacetCountry, "mali")
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	fill(t, importer, 2, 6, 40, 0) // replaces the first two, adds four
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("viewer: %v", err)
	}
	res, err := viewer.Query(model.Query{})
	if err != nil || len(res.IDs) != 240 {
		t.Errorf("viewer sees %d activities, %v; want 240", len(res.IDs), err)
	}
	mustCheck(t, viewer)
}

// ---- schema ----

// setMeta overwrites a meta key of a closed store with a raw bolt handle.
func setMeta(t *testing.T, path, key string, v uint64) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte(key), binary.BigEndian.AppendUint64(nil, v))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestStore_Open_NewerSchemaRefused(t *testing.T) {
	s := fixture(t)
	setMeta(t, s.Path(), "schema", store.SchemaVersion+1)
	_, err := store.Open(s.Path(), store.Options{})
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Fatalf("Open: %v, want ErrNewerSchema", err)
	}
	want := fmt.Sprintf("store %s was written by a newer unoct (schema %d, this build knows %d); upgrade unoct",
		s.Path(), store.SchemaVersion+1, store.SchemaVersion)
	if err.Error() != want {
		t.Errorf("message:\n got %q\nwant %q", err, want)
	}
	// A Store opened before the upgrade refuses too, and writes nothing.
	if _, err := s.Query(model.Query{}); !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("Query: %v", err)
	}
	as := acts("2020-04", act{line: 1, text: "x"})
	if _, err := s.Import(newDoc("apr.md", "2020-04", as), as); !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("Import: %v", err)
	}
	if err := s.Rederive(fakeDeriver{version: "v9"}, nil); !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("Rederive: %v", err)
	}
}

func TestStore_Rederive_MigratesOlderSchema(t *testing.T) {
	s := fixture(t)
	id10 := idOf(t, s, febName, 10)
	setMeta(t, s.Path(), "schema", store.SchemaVersion-1)
	s2, err := store.Open(s.Path(), store.Options{})
	if err != nil {
		t.Fatalf("Open of an older schema: %v", err)
	}
	if _, err := s2.Query(model.Query{}); !errors.Is(err, store.ErrOldSchema) {
		t.Errorf("Query before re-derivation: %v, want ErrOldSchema", err)
	}
	as := acts("2020-04", act{line: 1, text: "x"})
	if _, err := s2.Import(newDoc("apr.md", "2020-04", as), as); !errors.Is(err, store.ErrOldSchema) {
		t.Errorf("Import before re-derivation: %v, want ErrOldSchema", err)
	}
	if docs, err := s2.Documents(); err != nil || len(docs) != 2 {
		t.Errorf("Documents of an older schema: %d, %v", len(docs), err)
	}
	if need, err := s2.NeedsRederive("test-1"); err != nil || !need {
		t.Errorf("NeedsRederive = %v, %v; want true", need, err)
	}
	d := newFake("test-2")
	if err := s2.Rederive(d, nil); err != nil {
		t.Fatalf("Rederive: %v", err)
	}
	if need, _ := s2.NeedsRederive("test-2"); need {
		t.Error("still needs re-derivation")
	}
	if got := idOf(t, s2, febName, 10); got != id10 {
		t.Errorf("line 10 changed id across migration: %d -> %d", id10, got)
	}
	if got := lines(t, s2, q("", "kind", "other")); len(got) != 5 {
		t.Errorf("after migration: %v", got)
	}
	mustCheck(t, s2)
}

// ---- damage ----

func TestStore_Open_TruncatedFile_ErrDamaged(t *testing.T) {
	for _, size := range []int64{5000, 3 * 4096} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "unoct.db")
			s := MustOpen(t, path)
			fill(t, s, 1, 4, 60, 0)
			if err := os.Truncate(path, size); err != nil {
				t.Fatal(err)
			}
			_, err := store.Open(path, store.Options{})
			if !errors.Is(err, store.ErrDamaged) {
				t.Fatalf("Open of a truncated file: %v, want ErrDamaged", err)
			}
			for _, want := range []string{path, "truncated", "unoct doctor"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message %q lacks %q", err, want)
				}
			}
			// A Store that was open before the truncation says the same
			// instead of faulting.
			if _, err := s.Query(model.Query{}); !errors.Is(err, store.ErrDamaged) {
				t.Errorf("Query: %v", err)
			}
			as := acts("2020-04", act{line: 1, text: "x"})
			if _, err := s.Import(newDoc("apr.md", "2020-04", as), as); !errors.Is(err, store.ErrDamaged) {
				t.Errorf("Import: %v", err)
			}
		})
	}
}

func TestStore_Open_GarbageFile_ErrDamaged(t *testing.T) {
	for name, content := range map[string][]byte{
		"short":  []byte("not a database"),
		"pages":  []byte(strings.Repeat("garbage!", 4096)),
		"zeroes": make([]byte, 64<<10),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "unoct.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := store.Open(path, store.Options{}); !errors.Is(err, store.ErrDamaged) {
				t.Fatalf("Open: %v, want ErrDamaged", err)
			}
			if got, _ := os.ReadFile(path); string(got) != string(content) {
				t.Error("Open modified a file it could not read")
			}
		})
	}
}

func TestStore_Open_ForeignBoltFile_ErrDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("theirs")); return err })
	_ = db.Close()
	_, err = store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "not an unoct store") {
		t.Fatalf("Open of another program's bolt file: %v", err)
	}
}

// patchMetas rewrites a field of both bbolt meta pages and fixes their
// checksums, as bit rot that the checksum cannot catch would leave them.
func patchMetas(t *testing.T, path string, off int, v uint64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ps := int64(os.Getpagesize())
	for _, at := range []int64{0, ps} {
		meta := make([]byte, 64)
		if _, err := f.ReadAt(meta, at+16); err != nil {
			t.Fatal(err)
		}
		binary.NativeEndian.PutUint64(meta[off:], v)
		h := fnv.New64a()
		h.Write(meta[:56])
		binary.NativeEndian.PutUint64(meta[56:], h.Sum64())
		if _, err := f.WriteAt(meta, at+16); err != nil {
			t.Fatal(err)
		}
	}
}

// TestStore_WildPagePointer_ErrDamaged: a root page pointer far outside
// the file makes bbolt read unmapped memory. That fault must come back as
// ErrDamaged, not kill the process.
func TestStore_WildPagePointer_ErrDamaged(t *testing.T) {
	s := fixture(t)
	patchMetas(t, s.Path(), 16, 1<<36) // meta.root.root
	_, err := s.Query(model.Query{})
	if !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("Query: %v, want ErrDamaged", err)
	}
	if _, err := store.Open(s.Path(), store.Options{}); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Open: %v, want ErrDamaged", err)
	}
}

// TestStore_DamagedFreelist_DoesNotLeakLock: bbolt panics inside a
// read-write Open on a damaged freelist page, after taking the file lock.
// The store must report ErrDamaged every time, not ErrLocked from its own
// leaked lock, and reads (which do not load the freelist) still work.
func TestStore_DamagedFreelist_DoesNotLeakLock(t *testing.T) {
	s0 := fixture(t)
	s, err := store.Open(s0.Path(), store.Options{LockTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	ps := int64(os.Getpagesize())
	// The freelist page id of the newest meta page.
	var newest, freelist uint64
	for _, at := range []int64{0, ps} {
		meta := make([]byte, 64)
		_, _ = f.ReadAt(meta, at+16)
		if txid := binary.NativeEndian.Uint64(meta[48:]); txid >= newest {
			newest, freelist = txid, binary.NativeEndian.Uint64(meta[32:])
		}
	}
	// Clear the page type flags: no longer a freelist page.
	if _, err := f.WriteAt([]byte{0, 0}, int64(freelist)*ps+8); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()

	as := acts("2020-04", act{line: 1, text: "x"})
	for i := range 2 {
		_, err := s.Import(newDoc("apr.md", "2020-04", as), as)
		if !errors.Is(err, store.ErrDamaged) {
			t.Fatalf("Import %d on a damaged freelist: %v, want ErrDamaged", i+1, err)
		}
	}
	if _, err := s.Query(model.Query{}); err != nil {
		t.Errorf("Query on a damaged freelist: %v", err)
	}
	if err := s.Check(); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Check on a damaged freelist: %v, want ErrDamaged", err)
	}
}

// ---- Check ----

func TestStore_Check_Passes(t *testing.T) {
	s := MustCreate(t)
	fill(t, s, 5, 5, 80, 500)
	fill(t, s, 6, 3, 80, 500) // replaces three
	if err := s.Remove("highlights-" + month(4) + ".md"); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s)
}

func TestStore_Check_FindsTampering(t *testing.T) {
	for name, tamper := range map[string]func(tx *bolt.Tx) error{
		"activity deleted": func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("acts")).Delete(binary.BigEndian.AppendUint64(nil, 1))
		},
		"bitmap dropped": func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("idx")).Bucket([]byte("country")).Delete([]byte("ML"))
		},
		"word dropped": func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("words")).Delete([]byte("bamako"))
		},
		"raw changed": func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("raw")).Put([]byte(febName), []byte("other bytes"))
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := fixture(t)
			db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Update(tamper); err != nil {
				t.Fatal(err)
			}
			_ = db.Close()
			err = s.Check()
			if !errors.Is(err, store.ErrDamaged) {
				t.Fatalf("Check: %v, want ErrDamaged", err)
			}
			t.Log(err)
		})
	}
}

// ---- re-derivation ----

// fakeDeriver re-reads the fixture documents: every activity becomes kind
// "other" with the version appended to its text. Documents in fail are
// refused, and one in panic makes the reader panic.
type fakeDeriver struct {
	version string
	sources map[string][]model.Activity
	fail    map[string]bool
	panic   map[string]bool
	dupLine map[string]bool
}

var errFakeRefused = errors.New("fake reader refuses this document")

func newFake(version string) fakeDeriver {
	return fakeDeriver{version: version, sources: map[string][]model.Activity{febName: febActs(), marName: marActs()}}
}

func (d fakeDeriver) Version() string { return d.version }

func (d fakeDeriver) Derive(name string, raw []byte, month string) (model.Derived, error) {
	if d.fail[name] {
		return model.Derived{}, errFakeRefused
	}
	if d.panic[name] {
		panic("index out of range in the fake reader")
	}
	src := d.sources[name]
	out := make([]model.Activity, len(src))
	for i, a := range src {
		a.Kind = model.KindOther
		a.Text += " " + d.version
		out[i] = a
	}
	if d.dupLine[name] && len(out) > 1 {
		out[1].Source.Line = out[0].Source.Line
	}
	return model.Derived{Doc: model.Document{Name: name, Month: month, Activities: len(out)}, Activities: out}, nil
}

func TestStore_Rederive(t *testing.T) {
	s := fixture(t)
	id10, id14 := idOf(t, s, febName, 10), idOf(t, s, marName, 14)
	if need, err := s.NeedsRederive("test-1"); err != nil || need {
		t.Fatalf("NeedsRederive(same version) = %v, %v", need, err)
	}
	if need, _ := s.NeedsRederive("v2"); !need {
		t.Fatal("NeedsRederive(new version) = false")
	}
	gen := generation(t, s)
	var calls []string
	err := s.Rederive(newFake("v2"), func(done, total int) { calls = append(calls, fmt.Sprint(done, "/", total)) })
	if err != nil {
		t.Fatalf("Rederive: %v", err)
	}
	if strings.Join(calls, " ") != "0/2 2/2" {
		t.Errorf("progress calls %v", calls)
	}
	if need, _ := s.NeedsRederive("v2"); need {
		t.Error("version v2 not recorded")
	}
	if generation(t, s) <= gen {
		t.Error("generation did not move")
	}
	if got := idOf(t, s, febName, 10); got != id10 {
		t.Errorf("ids changed: %d -> %d", id10, got)
	}
	kinds, _ := s.Values(model.FacetKind)
	if len(kinds) != 1 || kinds[0].Value != "other" || kinds[0].Count != 5 {
		t.Errorf("kinds after re-derivation: %v", kinds)
	}
	if got := lines(t, s, q("v2")); len(got) != 5 {
		t.Errorf("search for re-derived text: %v", got)
	}
	mustCheck(t, s)

	// v3 refuses March and panics on nothing; March keeps its v2
	// activities, February moves to v3.
	d := newFake("v3")
	d.fail = map[string]bool{marName: true}
	err = s.Rederive(d, nil)
	if !errors.Is(err, errFakeRefused) || !strings.Contains(err.Error(), marName) {
		t.Fatalf("Rederive with a refused document: %v", err)
	}
	if strings.Contains(err.Error(), febName) {
		t.Errorf("error names the document that worked: %v", err)
	}
	a14, _ := s.Activity(id14)
	if !strings.HasSuffix(a14.Text, " v2") {
		t.Errorf("refused document's activity changed: %q", a14.Text)
	}
	a10, _ := s.Activity(id10)
	if !strings.HasSuffix(a10.Text, " v3") {
		t.Errorf("accepted document's activity not re-derived: %q", a10.Text)
	}
	// The refusal is recorded: v3 does not read March again on every
	// start, and Refused names it.
	if need, _ := s.NeedsRederive("v3"); need {
		t.Error("NeedsRederive(v3) = true after v3 refused the only document still on v2")
	}
	refused, err := s.Refused()
	if err != nil || len(refused) != 1 || refused[0].Name != marName || refused[0].RefusedBy != "v3" || refused[0].Reader != "v2" || refused[0].Activities == 0 {
		t.Errorf("Refused() = %+v, %v", refused, err)
	}
	if err := s.Rederive(d, nil); err != nil {
		t.Errorf("a second Rederive by v3: %v, want nothing to do", err)
	}
	mustCheck(t, s)

	// A reader that panics, or returns activities Import would refuse,
	// is a refusal too.
	d = newFake("v4")
	d.panic = map[string]bool{febName: true}
	d.dupLine = map[string]bool{marName: true}
	err = s.Rederive(d, nil)
	if err == nil || !strings.Contains(err.Error(), febName) || !strings.Contains(err.Error(), marName) {
		t.Fatalf("Rederive with a panicking reader: %v", err)
	}
	if a10, _ := s.Activity(id10); !strings.HasSuffix(a10.Text, " v3") {
		t.Errorf("document with a panicking reader changed: %q", a10.Text)
	}
	mustCheck(t, s)
}

// TestStore_ViewerNotStarvedByImport: a folder import commits one
// document after another; a viewer refreshing meanwhile must get in
// between them within its lock timeout rather than fail with ErrLocked.
func TestStore_ViewerNotStarvedByImport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "unoct.db")
	importer := MustOpen(t, path)
	// The viewer waits as the TUI does (the default), so that a loaded
	// machine, where one document's write can take longer, does not turn
	// this test into a timing test.
	viewer, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		defer close(done)
		r := rand.New(rand.NewPCG(8, 8))
		type doc struct {
			d  model.Document
			as []model.Activity
		}
		var docs []doc
		for d := range 40 {
			m := month(d)
			as := synth(r, m, 10, 150, 2000)
			docs = append(docs, doc{newDoc("highlights-"+m+".md", m, as), as})
		}
		for _, d := range docs { // back to back, no pause between
			if _, err := importer.Import(d.d, d.as); err != nil {
				done <- err
				return
			}
		}
	}()
	reads, failures := 0, 0
	var firstErr error
	for running := true; running; {
		select {
		case err, ok := <-done:
			if ok {
				t.Fatalf("import: %v", err)
			}
			running = false
		default:
			reads++
			if _, err := viewer.AllCounts(model.Query{}); err != nil {
				failures++
				if firstErr == nil {
					firstErr = err
				}
			}
		}
	}
	t.Logf("%d viewer reads during the import, %d failed", reads, failures)
	if failures > 0 {
		t.Errorf("viewer failed %d of %d reads during an import: %v", failures, reads, firstErr)
	}
}
