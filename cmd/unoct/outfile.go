package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// writeFile is writeOut guarding the store: `export -o` naming the
// store with --force would otherwise replace every stored document with
// a CSV.
func (a *app) writeFile(path string, force bool, write func(io.Writer) error) error {
	return writeOut(path, force, write, a.storePath())
}

// writeOut creates the file at path with what write puts in it. It
// writes a temporary file beside path and renames it into place only once
// write has succeeded and the data is on disk, so that a reader never
// sees half a file and a failure leaves what was there. Without force it
// never replaces a file, even one that appears while it writes; the error
// then wraps fs.ErrExist, so that a caller that can ask (the TUI's export
// dialog) asks before trying again with force.
//
// It lives here rather than beside the encoders because the model does no
// I/O; the TUI gets it through its options.
//
// It refuses what is not a regular file (a named pipe would block, a
// device would be written to) and the file at protect (when not empty),
// however path names it (a link, another spelling).
func writeOut(path string, force bool, write func(io.Writer) error, protect string) error {
	if err := writeOutFile(path, force, write, protect); err != nil {
		// Say the user's path, never the temporary file's.
		var (
			ee existsError
			pe *os.PathError
			le *os.LinkError
		)
		switch {
		case errors.As(err, &ee):
			return err
		case errors.As(err, &pe):
			err = pe.Err
		case errors.As(err, &le):
			err = le.Err
		case strings.Contains(err.Error(), path):
			return err // a refusal that names the path already
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func writeOutFile(path string, force bool, write func(io.Writer) error, protect string) error {
	// A new file gets 0666 less the umask, as other tools' files do; a
	// replaced file keeps its mode.
	mode, keep := fs.FileMode(0o666), false
	if fi, err := os.Stat(path); err == nil {
		mode, keep = fi.Mode().Perm(), true
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file (%s): give the path of a file to write", path, kindOf(fi.Mode()))
		}
		if protect != "" {
			if pi, err := os.Stat(protect); err == nil && os.SameFile(fi, pi) {
				return fmt.Errorf("%s is unoct's store: give another file to write", path)
			}
		}
	}
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return existsError{path}
		}
	}
	tmp, err := createTemp(path, mode)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if keep {
		if err := tmp.Chmod(mode); err != nil { // past the umask
			tmp.Close()
			return err
		}
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if force {
		return os.Rename(tmp.Name(), path)
	}
	// A link fails where the path has appeared meanwhile, where a rename
	// would replace it.
	err = os.Link(tmp.Name(), path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return existsError{path}
	}
	// The file system has no hard links: rename, as the check above is
	// all that can be done there.
	return os.Rename(tmp.Name(), path)
}

// createTemp creates a new file beside path, named after it, with mode
// (less the umask): os.CreateTemp would make every export 0600.
func createTemp(path string, mode fs.FileMode) (*os.File, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	for {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// kindOf names what a file that is not a regular file is.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

// existsError is writeOut's refusal to replace a file.
type existsError struct{ path string }

func (e existsError) Error() string { return e.path + " already exists (use --force to replace it)" }

// Unwrap lets callers test errors.Is(err, fs.ErrExist).
func (e existsError) Unwrap() error { return fs.ErrExist }
