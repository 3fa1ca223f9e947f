package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/store"
)

func (a *app) doctorCmd() *cobra.Command {
	var rebuild bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the store, and rebuild it if it is damaged",
		Long: `Check the store file: that bbolt can open it, that its pages are sound
(bbolt's consistency check), and that its indexes agree with its activities
and its documents with their stored text. Prints "OK" and the store's size,
or what is wrong, and lists the documents a newer reader refused to read
again (they keep the activities an earlier reader read). The store is only
read.

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
			// Document and file names come from outside: inert on the way out.
			out := &inertLines{w: a.out}
			defer func(w io.Writer) { _ = out.Flush(); a.out = w }(a.out)
			a.out = out
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
	h, err := store.Diagnose(path)
	a.oldSchema(path, h)
	if err != nil {
		if errors.Is(err, store.ErrDamaged) {
			fmt.Fprintf(a.out, "%s: DAMAGED\n%s\n\nRun `unoct doctor --rebuild` to rebuild it from its documents (the damaged file is kept as a copy).\n", path, damageReport(err))
			return &statusError{exitError, fmt.Errorf("store %s is damaged: run `unoct doctor --rebuild`", path)}
		}
		return err
	}
	fmt.Fprintf(a.out, "%s: OK (%s, %s; pages, indexes and documents consistent)\n", path,
		plural(h.Documents, "document", "documents"), plural(h.Activities, "activity", "activities"))
	a.refusedDocs(h.Refused)
	return nil
}

// refusedDocs lists the documents a newer reader refused to read again:
// the store is sound, but their activities are an earlier reader's (or
// none, after a schema upgrade). Importing a new version of one, or a
// reader that reads it, ends it.
func (a *app) refusedDocs(docs []store.RefusedDocument) {
	if len(docs) == 0 {
		return
	}
	fmt.Fprintf(a.out, "%s the current reader refuses, kept as an earlier reader read them:\n", plural(len(docs), "document", "documents"))
	for _, d := range docs {
		fmt.Fprintf(a.out, "  %s (%s): %s from reader %s; reader %s refuses it: %s\n", d.Name, d.Month,
			plural(d.Activities, "activity", "activities"), d.Reader, d.RefusedBy, d.Reason)
	}
	fmt.Fprintln(a.out, "  To replace one, import a corrected version of it (unoct import FILE).")
}

// storeExists says whether there is a store file to look at, and prints
// why not when there is none.
func (a *app) storeExists(path string) (bool, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := a.mustExist(); err != nil {
			return false, err
		}
		fmt.Fprintf(a.out, "%s: no store yet (unoct creates it, with the documents it ships with, on first use)\n", path)
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store %s: %w", path, unwrapPath(err))
	case fi.IsDir():
		return false, fmt.Errorf("store %s is a directory, not a store file (give another with --db)", path)
	}
	return true, nil
}

// oldSchema says that an older unoct wrote the store: any other command
// re-derives it, so doctor reports it rather than failing.
func (a *app) oldSchema(path string, h store.Health) {
	if h.OldSchema {
		fmt.Fprintf(a.out, "%s: written by an older unoct; the next command rebuilds its indexes from its documents\n", path)
	}
}

// rebuildStore makes a new store from what the old one holds
// (store.Rebuild), printing each step.
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
	defer bulkGC()()
	res, err := store.Rebuild(path, store.RebuildOptions{
		Reader:  rd,
		Shipped: shipped(),
		Diagnosed: func(h store.Health, err error) {
			a.oldSchema(path, h)
			if err == nil {
				fmt.Fprintf(a.out, "%s: the check finds nothing wrong; rebuilding it anyway\n", path)
			} else {
				fmt.Fprintf(a.out, "%s: DAMAGED\n%s\n\n", path, damageReport(err))
			}
		},
		BackedUp: func(backup string) {
			fmt.Fprintf(a.out, "kept a copy of the old file: %s\n", backup)
		},
		Salvaged: func(n int, lost error) {
			if lost != nil {
				fmt.Fprintf(a.out, "reading the documents back: %s\n", damageReport(lost))
			}
			if n == 0 {
				fmt.Fprintln(a.out, "no document could be read back; rebuilding from the documents unoct ships with")
			}
		},
		Imported: func(o store.Outcome, from store.Origin) {
			if o.Err == nil {
				fmt.Fprintf(a.out, "  %s  %-40s %s  (%s)\n", o.Derived.Doc.Month, o.Name,
					plural(len(o.Derived.Activities), "activity", "activities"), origin(from))
			}
		},
	})
	if errors.Is(err, store.ErrNewerSchema) {
		return fmt.Errorf("%w; doctor --rebuild will not rewrite it in this unoct's older layout", err)
	}
	if err != nil {
		return err
	}
	for _, l := range res.LeftOut {
		fmt.Fprintf(a.out, "left out: %s (%s): %v\n", l.Name, origin(l.From), l.Err)
	}
	fmt.Fprintf(a.out, "rebuilt %s: %s, %s; check OK\n", path, plural(res.Documents, "document", "documents"), plural(res.Activities, "activity", "activities"))
	if res.Lost != nil || len(res.LeftOut) > 0 {
		fmt.Fprintln(a.out, "documents that could not be read back or read again must be imported again")
	}
	return nil
}

// origin says where a rebuilt document came from.
func origin(o store.Origin) string {
	switch o {
	case store.ReadBack:
		return "read back"
	case store.ReadBackUnchecked:
		return "read back, unchecked (its record was lost)"
	}
	return "shipped with unoct"
}

// damageReport is the store's damage message without its advice to run
// doctor, which is running.
func damageReport(err error) string {
	var d *store.DamageError
	if errors.As(err, &d) {
		return d.Report()
	}
	return err.Error()
}
