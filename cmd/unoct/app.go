package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/adrg/xdg"

	"github.com/unoct/unoct/data"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// app holds what every command shares: where its streams go, the store
// path flag, and the reader and store once built.
type app struct {
	in       io.Reader
	out, err io.Writer

	dbPath string
	// create lets open make the store at a --db path where there is
	// none: import does, the other commands refuse a path that may be a
	// typo.
	create bool
	fresh  bool // --fresh: the explorer starts on everything, not where it was left
	rd     *reader.Reader
	// explorer: the command is the full-screen explorer, whose screen a
	// notice on stderr would break.
	explorer bool
}

// waiting tells the terminal, once a command has waited a second for
// another unoct's write (the store's Options.Waiting), that it goes on
// waiting rather than hangs.
func (a *app) waiting() {
	if !a.explorer {
		fmt.Fprintf(a.err, "unoct: waiting: another unoct is writing the store %s\n", model.Inert(a.storePath()))
	}
}

func newApp(in io.Reader, out, err io.Writer) *app {
	return &app{in: in, out: out, err: err}
}

// storePath is --db, else $UNOCT_DB, else $XDG_DATA_HOME/unoct/unoct.db.
func (a *app) storePath() string {
	if a.dbPath != "" {
		return a.dbPath
	}
	if p := os.Getenv("UNOCT_DB"); p != "" {
		return p
	}
	return filepath.Join(xdg.DataHome, "unoct", "unoct.db")
}

// mustExist refuses a --db path where there is no store, unless the
// command may create one (import): a typo must not leave new folders and
// a new store behind, and then answer from the wrong data. $UNOCT_DB and
// the default path are a setting, not a typo: a store is made there on
// first use.
func (a *app) mustExist() error {
	if a.dbPath == "" || a.create {
		return nil
	}
	if _, err := os.Stat(a.dbPath); errors.Is(err, fs.ErrNotExist) {
		return &statusError{exitError, fmt.Errorf("no store at %s (--db): check the path; to make a new store there, import into it: unoct --db %s import FILE", a.dbPath, shellQuote(a.dbPath))}
	}
	return nil
}

// shellQuote quotes a path for a command line to copy, when it needs it.
func shellQuote(p string) string {
	if p != "" && strings.Trim(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./~+,:@%") == "" {
		return p
	}
	return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
}

// reader builds the reader on first use: loading the gazetteer takes a
// few tens of milliseconds that list and show need not pay.
func (a *app) reader() (*reader.Reader, error) {
	if a.rd == nil {
		rd, err := reader.Default()
		if err != nil {
			return nil, fmt.Errorf("loading the reference tables: %w", err)
		}
		a.rd = rd
	}
	return a.rd, nil
}

// shipped is the documents unoct ships with, as inputs.
func shipped() []store.Input {
	var in []store.Input
	for _, d := range data.Documents() {
		in = append(in, store.Input{Name: d.Name, Raw: d.Raw})
	}
	return in
}

// open opens the store, creating it with the embedded documents when it
// is new, and re-derives stored documents when the reader has changed
// since they were read.
func (a *app) open() (*store.Store, error) {
	if err := a.mustExist(); err != nil {
		return nil, err
	}
	s, err := store.Open(a.storePath(), store.Options{ReaderVersion: reader.CurrentVersion(), Waiting: a.waiting})
	if err != nil {
		return nil, err
	}
	empty, err := s.IsEmpty()
	if err != nil {
		return nil, err
	}
	if empty {
		if err := a.seed(s); err != nil {
			return nil, err
		}
		return s, nil
	}
	stale, err := s.NeedsRederive(reader.CurrentVersion())
	if err != nil || !stale {
		return s, err
	}
	return s, a.upgrade(s)
}

// upgrade reads the stored documents again when the store's layout is
// older than this build's (a schema upgrade, resumed where an earlier
// one stopped) or some were read by another reader version: only those,
// in batches, with a progress bar on a terminal. A document the reader
// refuses keeps its previous activities and is warned of once (doctor
// lists it). A store this user may not write (another user's file, a
// read-only mount) is read as it is, with a warning; one whose layout
// must change first cannot be read, and the error says who can upgrade
// it. A store another unoct holds is read as it is too: that unoct is
// upgrading it, and a query says how far it is.
func (a *app) upgrade(s *store.Store) error {
	schema, err := s.SchemaUpgrade()
	if err != nil {
		return err
	}
	rd, err := a.reader()
	if err != nil {
		return err
	}
	if schema {
		fmt.Fprintln(a.err, "unoct: upgrading the store to this version's layout: reading its documents again…")
	} else {
		fmt.Fprintln(a.err, "unoct: the reader has changed since these documents were read; reading them again…")
	}
	var b *bar
	progress := func(done, total int) {
		if b == nil && done == 0 {
			b = a.progressBar(total)
		}
		b.show(done, total)
	}
	told := func(c store.Change) {
		b.hide()
		fmt.Fprintln(a.err, "unoct:", changeLine(&c))
	}
	endGC := bulkGC()
	err = s.RederiveReport(rd, progress, told)
	endGC()
	b.hide()
	refused, err := store.Refusals(err)
	for _, r := range refused {
		fmt.Fprintf(a.err, "unoct: warning: %s (`unoct doctor` lists it; this is said once)\n", model.Inert(r.Error()))
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrReadOnly) && !schema:
		fmt.Fprintf(a.err, "unoct: warning: %s was read by an older reader and needs an upgrade by its owner (it is read-only for this user): showing its activities as they were read\n", model.Inert(s.Path()))
		return nil
	case errors.Is(err, store.ErrReadOnly):
		return fmt.Errorf("store %s needs an upgrade by its owner: an older unoct wrote it, and it is read-only for this user; its owner must run unoct once", s.Path())
	case errors.Is(err, store.ErrLocked):
		fmt.Fprintln(a.err, "unoct: warning:", err)
		return nil
	}
	return err
}

// seed imports the embedded documents into a new store, but for those
// the user removed (`unoct remove`, which the store records): a removed
// sample stays removed, even once the store is empty again. They are
// read by every build's tests, so a refusal is a bug: the first one is
// the error.
func (a *app) seed(s *store.Store) error {
	removed, err := s.Removed()
	if err != nil {
		return err
	}
	inputs := slices.DeleteFunc(shipped(), func(in store.Input) bool { return slices.Contains(removed, in.Name) })
	if len(inputs) == 0 {
		return nil
	}
	rd, err := a.reader()
	if err != nil {
		return err
	}
	var refused error
	err = s.ImportInputs(rd, inputs, store.ImportOptions{Report: func(o store.Outcome) {
		switch {
		case o.Err == nil || refused != nil:
		case errors.Is(o.Err, store.ErrUnreadable):
			refused = fmt.Errorf("embedded document %s: %w", o.Name, o.Err)
		default:
			refused = o.Err
		}
	}})
	if err != nil {
		return err
	}
	return refused
}

// isUsage tells cobra's own argument errors from the rest.
func isUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "requires exactly"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
