package export

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/unoct/unoct/model"
)

// The functions in this file remain for callers not yet moved to the
// model's own wording and to a file writer handed in by the program; they
// go when the last caller has moved. New code uses Activity.Headline,
// Session.Where, and writes files as cmd/unoct's writeFile does.

// Title is Activity.Headline of an activity with the given text.
func Title(text string, n int) string { return (&model.Activity{Text: text}).Headline(n) }

// PlaceLabel is Session.Where.
func PlaceLabel(s model.Session) string { return s.Where() }

// WriteFile writes activities to path atomically: to a temporary file
// beside it, then renamed over it, so a reader never sees half a file
// and a failure leaves what was there. It refuses to replace an
// existing file unless force is set. It is this package's only file I/O
// and leaves with the TUI's last use of it.
func WriteFile(path string, f Format, acts []model.Activity, force bool) error {
	if !force {
		if _, err := os.Stat(path); err == nil {
			return fmt.Errorf("%s already exists (use --force to replace it)", path)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := Write(tmp, f, acts, 0); err != nil {
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
	if !force {
		// Link fails if the path appeared meanwhile: never overwrite.
		if err := os.Link(tmp.Name(), path); err != nil {
			if os.IsExist(err) {
				return fmt.Errorf("%s already exists (use --force to replace it)", path)
			}
			return os.Rename(tmp.Name(), path)
		}
		return nil
	}
	return os.Rename(tmp.Name(), path)
}
