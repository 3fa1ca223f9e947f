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
	s, err := store.Open(a.storePath(), store.Options{ReaderVersion: reader.CurrentVersion()})
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
	if err != nil {
		return nil, err
	}
	if stale {
		rd, err := a.reader()
		if err != nil {
			return nil, err
		}
		fmt.Fprintln(a.err, "unoct: the reader has changed since these documents were read; reading them again…")
		told := func(c store.Change) { fmt.Fprintln(a.err, "unoct:", changeLine(&c)) }
		if err := s.RederiveReport(rd, nil, told); err != nil {
			if errors.Is(err, store.ErrLocked) {
				fmt.Fprintln(a.err, "unoct: warning:", err)
				return s, nil
			}
			return nil, err
		}
	}
	return s, nil
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
