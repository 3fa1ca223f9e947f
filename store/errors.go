package store

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Every error the store returns for one of these
// conditions wraps the sentinel (test with errors.Is) and carries a message
// that names the store file and says what to do, so that the CLI and the
// TUI can print it as it is.

// Opening a store, or any operation (each one opens the file):
var (
	// ErrLocked: another process (an import or a viewer) holds the file
	// and did not let go within Options.LockTimeout. Trying again later
	// is the remedy; nothing is wrong with the store.
	ErrLocked = errors.New("store locked")

	// ErrDamaged: the file is not a readable unoct store: truncated,
	// overwritten, not a bbolt file, or a bbolt file of another program,
	// or bbolt panicked while reading it. `unoct doctor` is the remedy.
	ErrDamaged = errors.New("store damaged")

	// ErrNewerSchema: the store was written by a newer unoct whose layout
	// this build does not know. Upgrading unoct is the remedy; the store
	// is left untouched.
	ErrNewerSchema = errors.New("store written by a newer unoct")

	// ErrOldSchema: the store was written by an older unoct. Its documents
	// are intact but its indexes must be rebuilt with Rederive before
	// they can be queried or changed. NeedsRederive reports it too.
	ErrOldSchema = errors.New("store written by an older unoct")

	// ErrReadOnly: a write was asked of a store this process may only
	// read (another user's file, a read-only mount). Reading works; the
	// store's owner must make the change (an upgrade, an import).
	ErrReadOnly = errors.New("store is read-only")
)

// Importing or removing a document:
var (
	// ErrInvalid: the document or its activities were refused before
	// anything was written (no name, a bad month, a hash that is not the
	// SHA-256 of Raw, two activities on the same line, a value that
	// cannot be stored, a document that cannot be encoded).
	ErrInvalid = errors.New("invalid document")

	// ErrUnreadable: an input of ImportInputs could not be loaded or
	// read (its Load or the Reader refused it). Nothing of it was
	// written; the message is the loader's or the reader's own.
	ErrUnreadable = errors.New("unreadable input")
)

// Reading:
var (
	// ErrNotFound: no document of that name, or no activity of that id.
	ErrNotFound = errors.New("not found")
)

// storeError is an error with a full, human message that still answers
// errors.Is for its sentinel and for the underlying cause.
type storeError struct {
	msg   string
	kind  error
	cause error
}

func (e *storeError) Error() string { return e.msg }

func (e *storeError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

func newError(kind, cause error, msg string) error {
	return &storeError{msg: msg, kind: kind, cause: cause}
}

// DamageError is the error for a damaged store. It answers
// errors.Is(err, ErrDamaged), and keeps what is wrong apart from the
// advice its message ends with, so that `unoct doctor`, which is that
// advice, can show the damage alone (Report) without editing the text.
type DamageError struct {
	Path string
	// Reason says in a few words what is wrong (a bbolt failure, a
	// truncated file); Problems, when there are several, lists them one
	// to a line instead (what Check found).
	Reason   string
	Problems []string
}

// advice is what every damage message ends with.
const advice = "run `unoct doctor`"

func (e *DamageError) Error() string {
	if len(e.Problems) > 0 {
		return fmt.Sprintf("store %s is damaged: %s:\n  %s", e.Path, advice, strings.Join(e.Problems, "\n  "))
	}
	return fmt.Sprintf("store %s is damaged (%s): %s", e.Path, e.Reason, advice)
}

// Report is the message without the advice to run doctor.
func (e *DamageError) Report() string {
	if len(e.Problems) > 0 {
		return fmt.Sprintf("store %s is damaged:\n  %s", e.Path, strings.Join(e.Problems, "\n  "))
	}
	return fmt.Sprintf("store %s is damaged (%s)", e.Path, e.Reason)
}

func (e *DamageError) Unwrap() error { return ErrDamaged }

// lockedError is ErrLocked for the store file at path: every wait for
// the file, bbolt's and doctor's exclusive one, gives up with it.
func lockedError(path string, cause error) error {
	return newError(ErrLocked, cause, fmt.Sprintf(
		"store %s is locked by another unoct process (an import or a viewer); try again when it finishes", path))
}
