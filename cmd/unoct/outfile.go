package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFile creates the file at path with what write puts in it. It
// writes a temporary file beside path and renames it into place only once
// write has succeeded and the data is on disk, so that a reader never
// sees half a file and a failure leaves what was there. Without force it
// never replaces a file, even one that appears while it writes; the error
// then wraps fs.ErrExist, so that a caller that can ask (the TUI's export
// dialog) asks before trying again with force.
//
// It lives here rather than beside the encoders because the model does no
// I/O; the TUI gets it through its options.
func writeFile(path string, force bool, write func(io.Writer) error) error {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return existsError{path}
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
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

// existsError is writeFile's refusal to replace a file.
type existsError struct{ path string }

func (e existsError) Error() string { return e.path + " already exists (use --force to replace it)" }

// Unwrap lets callers test errors.Is(err, fs.ErrExist).
func (e existsError) Unwrap() error { return fs.ErrExist }
