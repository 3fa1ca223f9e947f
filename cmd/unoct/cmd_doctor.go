package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/store"
)

// doctorLockWait bounds how long doctor --rebuild waits for other unoct
// processes to let go of the store.
const doctorLockWait = 5 * time.Second

func (a *app) doctorCmd() *cobra.Command {
	var rebuild bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the store, and rebuild it if it is damaged",
		Long: `Check the store file: that bbolt can open it, that its pages are sound
(bbolt's consistency check), and that its indexes agree with its activities
and its documents with their stored text. Prints "OK" and the store's size,
or what is wrong. The store is only read.

With --rebuild, doctor makes a new store from the documents the old one
holds:
  1. the old file is copied to FILE.damaged-YYYYMMDD-HHMMSS (or
     FILE.backup-YYYYMMDD-HHMMSS when the check found nothing wrong) and
     kept there;
  2. every document whose text can still be read out of it is read again
     (a document whose text no longer matches its checksum is left out and
     named); when nothing can be read, the documents unoct ships with are
     used, and they are added in any case when missing;
  3. the new store is written to a temporary file beside the old one,
     checked, and renamed over it: the old file is replaced whole or not at
     all.
Documents that were imported but could not be read back must be imported
again (each is named).

A store written by a newer unoct is never rebuilt: upgrade unoct instead.
While doctor works no other unoct can write the store; if another one holds
it for more than a few seconds, doctor gives up and says so.

Exit status: 0 when the store is sound (or was rebuilt), 1 when it is
damaged, locked, or written by a newer unoct.`,
		Example: `  unoct doctor
  unoct doctor --rebuild
  unoct --db ~/backup/unoct.db doctor`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if rebuild {
				return a.rebuildStore()
			}
			return a.checkStore()
		},
	}
	cmd.Flags().BoolVar(&rebuild, "rebuild", false, "rebuild the store from its documents, keeping a copy of the old file")
	return cmd
}

// checkStore reports on the store without changing it.
func (a *app) checkStore() error {
	path := a.storePath()
	ok, err := a.storeExists(path)
	if err != nil || !ok {
		return err
	}
	docs, acts, err := a.diagnose(path)
	if err != nil {
		if errors.Is(err, store.ErrDamaged) {
			fmt.Fprintf(a.out, "%s: DAMAGED\n%s\n\nRun `unoct doctor --rebuild` to rebuild it from its documents (the damaged file is kept as a copy).\n", path, damageReport(err))
			return &statusError{exitError, fmt.Errorf("store %s is damaged: run `unoct doctor --rebuild`", path)}
		}
		return err
	}
	fmt.Fprintf(a.out, "%s: OK (%s, %s; pages, indexes and documents consistent)\n", path,
		plural(docs, "document", "documents"), plural(acts, "activity", "activities"))
	return nil
}

// storeExists says whether there is a store file to look at, and prints
// why not when there is none.
func (a *app) storeExists(path string) (bool, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(a.out, "%s: no store yet (unoct creates it, with the documents it ships with, on first use)\n", path)
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store %s: %w", path, unwrapPath(err))
	case fi.IsDir():
		return false, fmt.Errorf("store %s is a directory, not a store file (give another with --db)", path)
	}
	return true, nil
}

// diagnose opens and checks the store, read-only, and counts what it
// holds. A store written by an older unoct is re-derived first by any
// other command; doctor says so rather than failing.
func (a *app) diagnose(path string) (docs, acts int, err error) {
	s, err := store.Open(path, store.Options{ReaderVersion: reader.CurrentVersion()})
	if err != nil {
		return 0, 0, err
	}
	if err := s.Check(); err != nil {
		if errors.Is(err, store.ErrOldSchema) {
			fmt.Fprintf(a.out, "%s: written by an older unoct; the next command rebuilds its indexes from its documents\n", path)
			return countDocs(s)
		}
		return 0, 0, err
	}
	return countDocs(s)
}

// rebuildStore makes a new store from what the old one holds.
func (a *app) rebuildStore() error {
	path := a.storePath()
	ok, err := a.storeExists(path)
	if err != nil || !ok {
		return err
	}
	rd, err := a.reader()
	if err != nil {
		return err
	}

	// What is wrong, for the backup's name and the report.
	kind := "backup"
	_, _, derr := a.diagnose(path)
	switch {
	case derr == nil:
		fmt.Fprintf(a.out, "%s: the check finds nothing wrong; rebuilding it anyway\n", path)
	case errors.Is(derr, store.ErrNewerSchema):
		return fmt.Errorf("%w; doctor --rebuild will not rewrite it in this unoct's older layout", derr)
	case errors.Is(derr, store.ErrLocked):
		return derr
	default:
		kind = "damaged"
		fmt.Fprintf(a.out, "%s: DAMAGED\n%s\n\n", path, damageReport(derr))
	}

	// No other unoct may write the old file from here on: its changes
	// would be lost in the rename.
	release, err := lockExclusive(path, doctorLockWait)
	if err != nil {
		return err
	}
	defer release()

	backup, err := copyAside(path, kind)
	if err != nil {
		return fmt.Errorf("store %s: cannot keep a copy before rebuilding, so it is left as it is: %w", path, err)
	}
	fmt.Fprintf(a.out, "kept a copy of the old file: %s\n", backup)

	// The documents: read back from the copy, else the shipped ones.
	salvaged, serr := store.Salvage(backup)
	if serr != nil {
		fmt.Fprintf(a.out, "reading the documents back: %s\n", damageReport(serr))
	}
	type source struct {
		name, month, from string
		raw               []byte
	}
	var docs []source
	have := map[string]bool{}
	for _, d := range salvaged {
		from := "read back"
		if !d.Checked {
			from = "read back, unchecked (its record was lost)"
		}
		docs = append(docs, source{d.Name, d.Month, from, d.Raw})
		have[d.Name] = true
	}
	if len(salvaged) == 0 {
		fmt.Fprintln(a.out, "no document could be read back; rebuilding from the documents unoct ships with")
	}
	for _, d := range data.Documents() {
		if !have[d.Name] {
			docs = append(docs, source{d.Name, "", "shipped with unoct", d.Raw})
		}
	}

	// The new store, beside the old one so that the rename is atomic.
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".rebuild-*.tmp")
	if err != nil {
		return fmt.Errorf("store %s: cannot create the new store beside it: %w", path, err)
	}
	tmpPath := tmp.Name()
	_ = tmp.Close()
	defer os.Remove(tmpPath) // gone after the rename; cleans up a failure
	ns, err := store.Open(tmpPath, store.Options{ReaderVersion: rd.Version()})
	if err != nil {
		return fmt.Errorf("creating the new store: %w", err)
	}
	var left []string
	nDocs, nActs := 0, 0
	for _, d := range docs {
		res, err := rd.Read(d.name, d.raw, reader.Options{Month: d.month})
		if err != nil {
			left = append(left, fmt.Sprintf("%s (%s): %v", d.name, d.from, err))
			continue
		}
		if _, err := ns.Import(res.Document, res.Activities); err != nil {
			if errors.Is(err, store.ErrInvalid) {
				left = append(left, fmt.Sprintf("%s (%s): %v", d.name, d.from, err))
				continue
			}
			return fmt.Errorf("writing the new store: %w; the old file is untouched", err)
		}
		nDocs++
		nActs += len(res.Activities)
		fmt.Fprintf(a.out, "  %s  %-40s %s  (%s)\n", res.Document.Month, d.name, plural(len(res.Activities), "activity", "activities"), d.from)
	}
	if err := ns.Check(); err != nil {
		return fmt.Errorf("the new store fails its check, so the old file is left as it is: %w", err)
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return fmt.Errorf("store %s: cannot put the new store in its place: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	for _, l := range left {
		fmt.Fprintf(a.out, "left out: %s\n", l)
	}
	fmt.Fprintf(a.out, "rebuilt %s: %s, %s; check OK\n", path, plural(nDocs, "document", "documents"), plural(nActs, "activity", "activities"))
	if serr != nil || len(left) > 0 {
		fmt.Fprintln(a.out, "documents that could not be read back or read again must be imported again")
	}
	return nil
}

// copyAside copies path to path.KIND-YYYYMMDD-HHMMSS (never over an
// existing file) and returns the copy's name.
func copyAside(path, kind string) (string, error) {
	src, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer src.Close()
	stamp := time.Now().Format("20060102-150405")
	var dst *os.File
	var name string
	for i := 0; ; i++ {
		name = fmt.Sprintf("%s.%s-%s", path, kind, stamp)
		if i > 0 {
			name += fmt.Sprintf("-%d", i)
		}
		dst, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) && i < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		break
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(name)
		return "", err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(name)
		return "", err
	}
	if err := dst.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// syncDir makes a rename in dir durable, where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// lockedError is what doctor says when another process holds the store;
// it answers errors.Is(err, store.ErrLocked).
type lockedError struct{ path string }

func (e *lockedError) Error() string {
	return fmt.Sprintf("store %s is locked by another unoct process (an import or a viewer); try again when it finishes", e.path)
}

func (e *lockedError) Unwrap() error { return store.ErrLocked }

// damageReport is the store's damage message without its advice to run
// doctor, which is running.
func damageReport(err error) string {
	msg := err.Error()
	msg = strings.Replace(msg, " is damaged: run `unoct doctor`:", " is damaged:", 1)
	return strings.Replace(msg, ": run `unoct doctor`", "", 1)
}

// countDocs counts a store's documents and their activities.
func countDocs(s *store.Store) (docs, acts int, err error) {
	ds, err := s.Documents()
	for _, d := range ds {
		acts += d.Activities
	}
	return len(ds), acts, err
}
