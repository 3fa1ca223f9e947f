package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Health is what Diagnose found in a store it could read.
type Health struct {
	Documents, Activities int
	// OldSchema: an older unoct wrote the store. Its documents are
	// intact and counted; its indexes, which the next command to open it
	// rebuilds from them (Rederive), were not checked.
	OldSchema bool
	// Refused lists the documents a new reader refused to read again:
	// they keep the activities an earlier reader read (see Refused).
	Refused []RefusedDocument
}

// Diagnose opens the store at path, checks it (Check) and counts what it
// holds, for `unoct doctor`. It writes nothing to a store that exists
// (Open creates a missing one: look first). The error is what Open or
// Check found (ErrDamaged, ErrLocked, ErrNewerSchema...); a store an
// older unoct wrote is no error, its Health says so.
func Diagnose(path string) (Health, error) {
	var h Health
	s, err := Open(path, Options{})
	if err != nil {
		return h, err
	}
	if err := s.Check(); errors.Is(err, ErrOldSchema) {
		h.OldSchema = true
	} else if err != nil {
		return h, err
	}
	if h.Refused, err = s.Refused(); err != nil {
		return h, err
	}
	docs, err := s.Documents()
	for _, d := range docs {
		h.Activities += d.Activities
	}
	h.Documents = len(docs)
	return h, err
}

// Origin says where a document of a rebuilt store came from.
type Origin int

const (
	// ReadBack: read back out of the old file, its text matching the
	// hash its record gives.
	ReadBack Origin = iota + 1
	// ReadBackUnchecked: read back, but its record was lost, so its text
	// could not be checked; the reader judged it.
	ReadBackUnchecked
	// Shipped: one of RebuildOptions.Shipped.
	Shipped
)

// RebuildOptions are how Rebuild reads the documents again and tells
// what it does.
type RebuildOptions struct {
	// Reader reads every document again; the new store records its
	// version.
	Reader Reader
	// Shipped are the documents unoct ships with: added when the old
	// store lacks them (by name), so that a store that lost everything
	// is rebuilt from them.
	Shipped []Input
	// LockTimeout bounds how long Rebuild waits for other processes to
	// let go of the file; zero means 5 s.
	LockTimeout time.Duration

	// Each of these, when not nil, hears of one step as it happens, for
	// a person watching. Diagnosed: what the check of the old file
	// found, before anything is done (nil: nothing wrong). BackedUp: the
	// copy of the old file kept. Salvaged: how many documents could be
	// read back out of the copy, and what could not (nil: everything).
	// Imported: what became of each document read again, in order, and
	// where it came from.
	Diagnosed func(Health, error)
	BackedUp  func(backup string)
	Salvaged  func(n int, lost error)
	Imported  func(Outcome, Origin)
}

// RebuildResult is what Rebuild made.
type RebuildResult struct {
	// Backup is the copy of the old file.
	Backup                string
	Documents, Activities int
	// LeftOut are the documents read back that the reader or the store
	// refused: they must be imported again.
	LeftOut []LeftOut
	// Lost says what could not be read back out of the old file (nil
	// when everything could): those documents must be imported again too.
	Lost error
}

// LeftOut is a document a rebuild could not put in the new store.
type LeftOut struct {
	Name string
	From Origin
	Err  error
}

// Rebuild makes a new store from the documents the store at path holds,
// for `unoct doctor --rebuild`:
//
//  1. it diagnoses the file, refusing one a newer unoct wrote
//     (ErrNewerSchema: never rewrite a layout this build does not know)
//     or one another process holds (ErrLocked);
//  2. it takes the file's exclusive lock, held to the end, so that no
//     other unoct writes what the rename would lose;
//  3. it copies the file aside, as path.damaged-YYYYMMDD-HHMMSS, or
//     path.backup-... when the check found nothing wrong, and keeps it;
//  4. it reads every document it can back out of the copy (Salvage) and
//     adds opts.Shipped when missing;
//  5. it imports them into a new store beside the old one (the import
//     pipeline, with opts.Reader), checks it, and renames it over the
//     old file: the old file is replaced whole or not at all.
//
// On any error before the rename the old file is left as it was.
func Rebuild(path string, opts RebuildOptions) (RebuildResult, error) {
	var res RebuildResult
	// A link to the store (a store on another disk) is rebuilt where it
	// points: renaming over the link would leave the real store as it was.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	kind := "backup"
	h, derr := Diagnose(path)
	switch {
	case derr == nil:
	case errors.Is(derr, ErrNewerSchema), errors.Is(derr, ErrLocked):
		return res, derr
	default:
		kind = "damaged"
	}
	if opts.Diagnosed != nil {
		opts.Diagnosed(h, derr)
	}

	wait := opts.LockTimeout
	if wait <= 0 {
		wait = defaultWriteTimeout
	}
	release, err := lockExclusive(path, wait)
	if err != nil {
		return res, err
	}
	defer release()
	removeStaleTemps(path)

	if res.Backup, err = copyAside(path, kind); err != nil {
		return res, fmt.Errorf("store %s: cannot keep a copy before rebuilding, so it is left as it is: %w", path, err)
	}
	if opts.BackedUp != nil {
		opts.BackedUp(res.Backup)
	}

	salvaged, lost := Salvage(res.Backup)
	res.Lost = lost
	if opts.Salvaged != nil {
		opts.Salvaged(len(salvaged), lost)
	}
	var inputs []Input
	var from []Origin
	have := map[string]bool{}
	for _, d := range salvaged {
		inputs = append(inputs, Input{Name: d.Name, Month: d.Month, Raw: d.Raw})
		if d.Checked {
			from = append(from, ReadBack)
		} else {
			from = append(from, ReadBackUnchecked)
		}
		have[d.Name] = true
	}
	for _, d := range opts.Shipped {
		if !have[d.Name] {
			inputs = append(inputs, d)
			from = append(from, Shipped)
		}
	}

	// The new store, beside the old one so that the rename is atomic.
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".rebuild-*.tmp")
	if err != nil {
		return res, fmt.Errorf("store %s: cannot create the new store beside it: %w", path, err)
	}
	tmpPath := tmp.Name()
	_ = tmp.Close()
	defer os.Remove(tmpPath) // gone after the rename; cleans up a failure
	ns, err := Open(tmpPath, Options{ReaderVersion: opts.Reader.Version()})
	if err != nil {
		return res, fmt.Errorf("creating the new store: %w", err)
	}
	// Ids and corrections survive the rebuild (see ids.go, plant).
	if err := ns.plant(readSeed(res.Backup)); err != nil {
		return res, fmt.Errorf("writing the new store: %w; the old file is untouched", err)
	}
	err = ns.ImportInputs(opts.Reader, inputs, ImportOptions{Report: func(o Outcome) {
		switch {
		case o.Err == nil:
			res.Documents++
			res.Activities += len(o.Derived.Activities)
		case errors.Is(o.Err, ErrUnreadable), errors.Is(o.Err, ErrInvalid):
			res.LeftOut = append(res.LeftOut, LeftOut{Name: o.Name, From: from[o.Index], Err: o.Err})
		default:
			return // the store failed: ImportInputs says so
		}
		if opts.Imported != nil {
			opts.Imported(o, from[o.Index])
		}
	}})
	if err != nil {
		return res, fmt.Errorf("writing the new store: %w; the old file is untouched", err)
	}
	if err := ns.dropUnplanted(); err != nil {
		return res, fmt.Errorf("writing the new store: %w; the old file is untouched", err)
	}
	if err := ns.Check(); err != nil {
		return res, fmt.Errorf("the new store fails its check, so the old file is left as it is: %w", err)
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return res, fmt.Errorf("store %s: cannot put the new store in its place: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return res, nil
}

// copyAside copies path to path.KIND-YYYYMMDD-HHMMSS (never over an
// existing file) and returns the copy's name. The copy is written under a
// temporary name and given its name only once whole, so that a rebuild
// killed midway never leaves a truncated copy that looks like a backup.
func copyAside(path, kind string) (string, error) {
	src, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer src.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"."+kind+"-*.tmp")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // linked to its name, or a failure
	_, err = io.Copy(tmp, src)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	stamp := time.Now().Format("20060102-150405")
	for i := 0; i < 100; i++ {
		name := fmt.Sprintf("%s.%s-%s", path, kind, stamp)
		if i > 0 {
			name += fmt.Sprintf("-%d", i)
		}
		// A link never replaces a file: the next free name wins.
		switch err := os.Link(tmp.Name(), name); {
		case err == nil:
			syncDir(filepath.Dir(path))
			return name, nil
		case errors.Is(err, fs.ErrExist):
			continue
		default:
			// No hard links here: a rename, where the name is free.
			if _, serr := os.Lstat(name); serr == nil {
				continue
			}
			if err := os.Rename(tmp.Name(), name); err != nil {
				return "", err
			}
			return name, nil
		}
	}
	return "", fmt.Errorf("no free name for a copy of %s", path)
}

// removeStaleTemps removes what an earlier rebuild of path killed midway
// left beside it: its new store and its copy under their temporary names
// (".unoct.db.rebuild-….tmp", ".unoct.db.backup-….tmp"). The caller holds
// the store's exclusive lock, so no other rebuild is writing them.
func removeStaleTemps(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	for _, kind := range []string{"rebuild", "backup", "damaged"} {
		olds, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+"."+kind+"-*.tmp"))
		for _, f := range olds {
			_ = os.Remove(f)
		}
	}
}

// globEscape escapes the characters filepath.Match treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// syncDir makes a rename in dir durable, where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
