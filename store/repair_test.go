package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// rawReader reads a document back from its raw bytes, as the real reader
// would: each raw text is one of the documents it was made with.
type rawReader map[string]store.ImportItem

func (rawReader) Version() string { return "test-1" }

func (r rawReader) Derive(name string, raw []byte, month string) (model.Derived, error) {
	it, ok := r[string(raw)]
	if !ok {
		return model.Derived{}, fmt.Errorf("%s: not a document", name)
	}
	return model.Derived{Doc: it.Doc, Activities: it.Activities}, nil
}

// rebuildFixture is the fixture store, the reader of its documents, and
// the documents "shipped": one it has, one it lacks, one unreadable.
func rebuildFixture(t *testing.T) (*store.Store, rawReader, []store.Input) {
	t.Helper()
	s := fixture(t)
	r := rawReader{}
	feb, mar := febActs(), marActs()
	for _, it := range []store.ImportItem{
		{Doc: newDoc(febName, "2020-02", feb), Activities: feb},
		{Doc: newDoc(marName, "2020-03", mar), Activities: mar},
		{Doc: newDoc("shipped.md", "2020-02", feb[:2]), Activities: feb[:2]},
	} {
		r[string(it.Doc.Raw)] = it
	}
	shipped := []store.Input{
		{Name: febName, Raw: newDoc(febName, "2020-02", feb).Raw},
		{Name: "shipped.md", Raw: newDoc("shipped.md", "2020-02", feb[:2]).Raw},
		{Name: "bad.md", Raw: []byte("garbage")},
	}
	return s, r, shipped
}

// TestRebuild_SoundStore: a sound store rebuilt keeps a .backup- copy and
// everything it held, gains the shipped document it lacked, and names
// the one the reader refused.
func TestRebuild_SoundStore(t *testing.T) {
	s, r, shipped := rebuildFixture(t)
	want := MustCreate(t) // what Rebuild reads, in its order: the old documents by name, then the shipped
	for _, name := range []string{febName, marName, "shipped.md"} {
		for _, it := range r {
			if it.Doc.Name == name {
				mustImport(t, want, it.Doc, it.Activities)
			}
		}
	}
	var steps []string
	res, err := store.Rebuild(s.Path(), store.RebuildOptions{
		Reader: r, Shipped: shipped,
		Diagnosed: func(h store.Health, err error) {
			steps = append(steps, fmt.Sprint("diagnosed ", h.Documents, " ", err))
		},
		BackedUp: func(string) { steps = append(steps, "backed up") },
		Salvaged: func(n int, lost error) { steps = append(steps, fmt.Sprint("salvaged ", n, " ", lost)) },
		Imported: func(o store.Outcome, from store.Origin) {
			steps = append(steps, fmt.Sprint(o.Name, " ", from, " ", o.Err != nil))
		},
	})
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	wantSteps := []string{"diagnosed 2 <nil>", "backed up", "salvaged 2 <nil>",
		febName + " 1 false", marName + " 1 false", "shipped.md 3 false", "bad.md 3 true"}
	if strings.Join(steps, "\n") != strings.Join(wantSteps, "\n") {
		t.Errorf("steps:\n%s\nwant:\n%s", strings.Join(steps, "\n"), strings.Join(wantSteps, "\n"))
	}
	if !strings.HasPrefix(res.Backup, s.Path()+".backup-") || res.Documents != 3 || res.Lost != nil {
		t.Errorf("result %+v", res)
	}
	if len(res.LeftOut) != 1 || res.LeftOut[0].Name != "bad.md" || res.LeftOut[0].From != store.Shipped {
		t.Errorf("left out: %+v", res.LeftOut)
	}
	if a, b := contents(t, want), contents(t, MustOpen(t, s.Path())); a != b {
		t.Errorf("rebuilt store:\n%s\nwant:\n%s", b, a)
	}
	if _, err := os.Stat(res.Backup); err != nil {
		t.Error(err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), ".*.tmp")); len(tmp) > 0 {
		t.Errorf("left behind: %v", tmp)
	}
}

// TestRebuild_DamagedStore: a file nothing can be read back from is
// rebuilt from the shipped documents, keeping a .damaged- copy; the
// damage is a DamageError whose report leaves out the advice.
func TestRebuild_DamagedStore(t *testing.T) {
	s, r, shipped := rebuildFixture(t)
	if err := os.WriteFile(s.Path(), bytes.Repeat([]byte("garbage!"), 8192), 0o600); err != nil {
		t.Fatal(err)
	}
	var diagnosis error
	res, err := store.Rebuild(s.Path(), store.RebuildOptions{Reader: r, Shipped: shipped,
		Diagnosed: func(_ store.Health, err error) { diagnosis = err }})
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	var d *store.DamageError
	if !errors.As(diagnosis, &d) || !errors.Is(diagnosis, store.ErrDamaged) {
		t.Fatalf("diagnosis %v: not a DamageError", diagnosis)
	}
	if rep := d.Report(); strings.Contains(rep, "doctor") || !strings.Contains(diagnosis.Error(), rep) {
		t.Errorf("report %q of %q", rep, diagnosis)
	}
	if !strings.HasPrefix(res.Backup, s.Path()+".damaged-") || res.Lost == nil || res.Documents != 2 {
		t.Errorf("result %+v", res)
	}
	mustCheck(t, MustOpen(t, s.Path()))
}

// TestRebuild_NewerSchema: a store a newer unoct wrote is never rebuilt
// nor copied.
func TestRebuild_NewerSchema(t *testing.T) {
	s, r, shipped := rebuildFixture(t)
	setMeta(t, s.Path(), "schema", store.SchemaVersion+1)
	before, _ := os.ReadFile(s.Path())
	_, err := store.Rebuild(s.Path(), store.RebuildOptions{Reader: r, Shipped: shipped,
		Diagnosed: func(store.Health, error) { t.Error("diagnosed") }})
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Fatalf("Rebuild: %v", err)
	}
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(before, after) {
		t.Error("the store changed")
	}
	if copies, _ := filepath.Glob(s.Path() + ".*"); len(copies) > 0 {
		t.Errorf("copies made: %v", copies)
	}
}

// Ensure that a store reached through a symbolic link is rebuilt where
// the link points (the link stays a link, the real file is replaced),
// that the copy kept is the old file whole, and that what a rebuild
// killed midway left beside the store (its temporary new store and
// copy) is cleaned up by the next one.
func TestRebuild_SymlinkAndStaleTemps(t *testing.T) {
	s, r, shipped := rebuildFixture(t)
	real := s.Path()
	before, err := os.ReadFile(real)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "unoct.db")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(real)
	stale := []string{
		filepath.Join(dir, "."+filepath.Base(real)+".rebuild-123.tmp"),
		filepath.Join(dir, "."+filepath.Base(real)+".backup-456.tmp"),
	}
	for _, f := range stale {
		if err := os.WriteFile(f, []byte("half a file"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	res, err := store.Rebuild(link, store.RebuildOptions{Reader: r, Shipped: shipped})
	if err != nil {
		t.Fatalf("Rebuild through a link: %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v %v", fi.Mode(), err)
	}
	if !strings.HasPrefix(res.Backup, real+".backup-") {
		t.Errorf("backup %q, want it beside the real store", res.Backup)
	}
	if got, _ := os.ReadFile(res.Backup); !bytes.Equal(got, before) {
		t.Errorf("the backup is not the old file whole (%d bytes of %d)", len(got), len(before))
	}
	if got, _ := os.ReadFile(real); bytes.Equal(got, before) {
		t.Error("the real store was not rebuilt")
	}
	if res.Documents != 3 {
		t.Errorf("rebuilt %d documents, want 3", res.Documents)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
