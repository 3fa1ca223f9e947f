package store_test

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// countingReader is lineReader counting the documents it reads.
type countingReader struct {
	lineReader
	n *atomic.Int64
}

func (r countingReader) Derive(name string, raw []byte, month string) (model.Derived, error) {
	r.n.Add(1)
	return r.lineReader.Derive(name, raw, month)
}

// manyDocs imports n small documents with lineReader (test-1), more than
// one re-derivation batch holds, and returns the store and its
// activities' ids by text.
func manyDocs(t *testing.T, n int) (*store.Store, map[string]uint32) {
	t.Helper()
	s := MustCreate(t)
	inputs := make([]store.Input, n)
	for i := range inputs {
		inputs[i] = store.Input{Name: fmt.Sprintf("doc-%04d.md", i), Month: "2020-02",
			Raw: fmt.Appendf(nil, "# Doc %d\n- Workshop number %d in Bamako\n- Briefing number %d on victims\n", i, i, i)}
	}
	if err := s.ImportInputs(lineReader{}, inputs, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]uint32{}
	for text, a := range byText(t, s) {
		ids[text] = a.ID
	}
	if len(ids) != 2*n {
		t.Fatalf("%d activities stored, want %d", len(ids), 2*n)
	}
	return s, ids
}

// killAfter makes the re-derivation stop before its batch number n+1 is
// stored, as a kill would.
func killAfter(t *testing.T, n int) {
	var batches atomic.Int64
	t.Cleanup(store.SetRederiveBatchHook(func() error {
		if batches.Add(1) > int64(n) {
			return errors.New("killed")
		}
		return nil
	}))
}

// TestRederive_ResumesWhereItStopped: a re-derivation for a new reader
// killed after its first batch leaves every document whole (old or new
// reading, no activity missing), and the next one reads only the
// documents still stale, keeping every id.
func TestRederive_ResumesWhereItStopped(t *testing.T) {
	const n = 600
	s, ids := manyDocs(t, n)
	var reads atomic.Int64
	rd := countingReader{lineReader{version: "test-3"}, &reads}

	restore := store.SetRederiveBatchHook(nil)
	killAfter(t, 1)
	if err := s.Rederive(rd, nil); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("interrupted Rederive: %v", err)
	}
	restore()
	first := reads.Load()
	if first >= n {
		t.Fatalf("the first batch read %d documents: no second batch to interrupt", first)
	}
	ix, err := s.Query(model.Query{})
	if err != nil || len(ix.IDs) != 2*n {
		t.Fatalf("after the interruption: %d activities, %v; want all %d", len(ix.IDs), err, 2*n)
	}
	mustCheck(t, s)
	if need, _ := s.NeedsRederive("test-3"); !need {
		t.Fatal("NeedsRederive after an interrupted re-derivation = false")
	}

	store.SetRederiveBatchHook(nil)
	var progress []string
	if err := s.Rederive(rd, func(done, total int) { progress = append(progress, fmt.Sprint(done, "/", total)) }); err != nil {
		t.Fatal(err)
	}
	stored := int64(256) // batchDocuments: the batch stored before the kill
	if got := reads.Load() - first; got > n-stored {
		t.Errorf("the resumed run read %d documents; only %d were stale", got, n-stored)
	}
	if progress[0] != fmt.Sprint("0/", n-stored) || progress[len(progress)-1] != fmt.Sprint(n-stored, "/", n-stored) {
		t.Errorf("progress %v", progress)
	}
	if need, _ := s.NeedsRederive("test-3"); need {
		t.Error("still stale after the resumed run")
	}
	for text, a := range byText(t, s) {
		if a.ID != ids[text] {
			t.Errorf("%q: id %d, was %d", text, a.ID, ids[text])
		}
	}
	mustCheck(t, s)

	// Idempotent: one more run reads nothing.
	before := reads.Load()
	if err := s.Rederive(rd, nil); err != nil {
		t.Fatal(err)
	}
	if reads.Load() != before {
		t.Errorf("a re-derivation with nothing stale read %d documents", reads.Load()-before)
	}
}

// TestMigrate_InterruptedResumes: a schema upgrade killed midway never
// shows part of the store as the whole: queries say "upgrading, N%"
// (ErrOldSchema) until it is complete; the next run resumes it, reading
// only the documents not yet upgraded, and every id survives.
func TestMigrate_InterruptedResumes(t *testing.T) {
	const n = 2500 // more than one of an upgrade's larger batches (1,024 documents)
	s, ids := manyDocs(t, n)
	setMeta(t, s.Path(), "schema", store.SchemaVersion-1)
	if due, err := s.SchemaUpgrade(); err != nil || !due {
		t.Fatalf("SchemaUpgrade = %v, %v", due, err)
	}
	var reads atomic.Int64
	rd := countingReader{lineReader{version: "test-1"}, &reads}
	killAfter(t, 1)
	if err := s.Rederive(rd, nil); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("interrupted migration: %v", err)
	}
	first := reads.Load()

	_, err := s.Query(model.Query{})
	if !errors.Is(err, store.ErrOldSchema) || !strings.Contains(err.Error(), "upgrading, 40% done") {
		t.Errorf("Query during the upgrade: %v; want ErrOldSchema saying upgrading, 40%% done", err)
	}
	if _, err := s.Get(1); !errors.Is(err, store.ErrOldSchema) {
		t.Errorf("Get during the upgrade: %v", err)
	}
	if docs, err := s.Documents(); err != nil || len(docs) != n {
		t.Errorf("Documents during the upgrade: %d, %v", len(docs), err)
	}
	if need, err := s.NeedsRederive("test-1"); err != nil || !need {
		t.Errorf("NeedsRederive during the upgrade = %v, %v", need, err)
	}
	if due, err := s.SchemaUpgrade(); err != nil || !due {
		t.Errorf("SchemaUpgrade during the upgrade = %v, %v", due, err)
	}

	store.SetRederiveBatchHook(nil)
	if err := s.Rederive(rd, nil); err != nil {
		t.Fatal(err)
	}
	if got := reads.Load() - first; got != n-4*256 {
		t.Errorf("the resumed upgrade read %d documents, want the %d left", got, n-4*256)
	}
	ix, err := s.Query(model.Query{})
	if err != nil || len(ix.IDs) != 2*n {
		t.Fatalf("after the upgrade: %d activities, %v", len(ix.IDs), err)
	}
	for text, a := range byText(t, s) {
		if a.ID != ids[text] {
			t.Errorf("%q: id %d, was %d", text, a.ID, ids[text])
		}
	}
	if need, _ := s.NeedsRederive("test-1"); need {
		t.Error("still needs re-derivation after the upgrade")
	}
	mustCheck(t, s)
}

// TestRederive_ReadOnlyStore: a store this user may not write (another
// user's, a read-only mount) answers ErrReadOnly to a re-derivation,
// never a bare "permission denied", and keeps answering queries with
// the activities as they were read.
func TestRederive_ReadOnlyStore(t *testing.T) {
	s, _ := manyDocs(t, 3)
	t.Cleanup(store.SetOpenWriteHook(func() error { return errPermission }))
	err := s.Rederive(lineReader{version: "test-3"}, nil)
	if !errors.Is(err, store.ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("Rederive of a read-only store: %v, want ErrReadOnly", err)
	}
	if ix, err := s.Query(model.Query{}); err != nil || len(ix.IDs) != 6 {
		t.Errorf("Query of the read-only store: %d, %v", len(ix.IDs), err)
	}
}

// errPermission is what opening another user's file for writing fails
// with.
var errPermission = &fs.PathError{Op: "open", Path: "unoct.db", Err: syscall.EACCES}
