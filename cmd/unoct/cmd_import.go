package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"charm.land/bubbles/v2/progress"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/store"
)

func (a *app) importCmd() *cobra.Command {
	var month string
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Read highlights documents into the store",
		Long: `Read highlights documents (Markdown) into the store, one transaction per
document: all of its activities or none. Importing the same content again
changes nothing; a new version of a document (same file name, other
content) replaces its activities.

A document's month comes from --month, else a YYYY-MM in its file name,
else its text; a document whose month cannot be told is refused.
A refused document does not stop the others; the exit status is 3 when
any was refused.`,
		Example: `  unoct import highlights-2021-03.md
  unoct import --month 2021-07 report.md
  unoct import reports/*.md`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if month != "" {
				if _, err := reader.ParseMonth(month); err != nil {
					return usageErr("--month: %v", err)
				}
			}
			rd, err := a.reader()
			if err != nil {
				return err
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			return a.importFiles(s, rd, args, month)
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "the reporting month, YYYY-MM, for every file given")
	return cmd
}

func (a *app) importFiles(s *store.Store, rd *reader.Reader, files []string, month string) error {
	var bar *progress.Model
	if f, ok := a.err.(*os.File); ok && len(files) > 3 && term.IsTerminal(f.Fd()) {
		p := progress.New(progress.WithDefaultBlend(), progress.WithWidth(40))
		bar = &p
	}
	failed, acts, added := 0, 0, 0
	var storeErr error
	for i, name := range files {
		if bar != nil {
			fmt.Fprintf(a.err, "\r%s %d/%d ", bar.ViewAs(float64(i)/float64(len(files))), i, len(files))
		}
		line, n, err := a.importOne(s, rd, name, month)
		if bar != nil {
			fmt.Fprint(a.err, "\r\x1b[K")
		}
		if err != nil {
			failed++
			fmt.Fprintln(a.err, "refused:", err)
			var sf *storeFailure
			if errors.As(err, &sf) {
				// The store, not the document, failed (locked, damaged,
				// disk full): the next files would fail alike.
				storeErr = err
				break
			}
			continue
		}
		acts += n
		added++
		fmt.Fprintln(a.out, line)
	}
	fmt.Fprintf(a.out, "total: %s read, %s, %d refused\n", plural(added, "document", "documents"), plural(acts, "activity", "activities"), failed)
	if storeErr != nil {
		return &statusError{exitError, fmt.Errorf("import stopped: the store could not be written; it keeps what it had before the refused document")}
	}
	if failed > 0 {
		return &statusError{exitPartial, fmt.Errorf("%d of %d documents refused", failed, len(files))}
	}
	return nil
}

// importOne reads and stores one file, and describes what happened.
func (a *app) importOne(s *store.Store, rd *reader.Reader, name, month string) (string, int, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	if fi.IsDir() {
		return "", 0, fmt.Errorf("%s: is a directory, not a document (give the .md files inside it)", name)
	}
	if fi.Mode().IsRegular() && fi.Size() > reader.MaxSize {
		return "", 0, fmt.Errorf("%s: %d MB is far more than a highlights document; refusing it", name, fi.Size()>>20)
	}
	// O_NONBLOCK: a named pipe with no writer reads as empty instead of
	// blocking forever; "<(command)" still works, and a device that
	// never ends stops at MaxSize.
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	raw, err := io.ReadAll(io.LimitReader(f, reader.MaxSize+1))
	f.Close()
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	res, err := rd.Read(name, raw, reader.Options{Month: month})
	if err != nil {
		return "", 0, err
	}
	r, err := s.Import(res.Document, res.Activities)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", name, &storeFailure{err})
	}
	status := map[store.ImportStatus]string{store.Added: "added", store.Replaced: "replaced", store.Unchanged: "unchanged"}[r.Status]
	line := fmt.Sprintf("%s  %-9s %s  %s", res.Document.Month, status, plural(len(res.Activities), "activity", "activities"), name)
	if len(res.Unknown) > 0 {
		var u []string
		for _, p := range res.Unknown {
			u = append(u, fmt.Sprintf("%s (line %d)", p.Msg, p.Line))
		}
		line += "\n    unknown: " + strings.Join(u, ", ")
	}
	for _, p := range res.Problems {
		line += "\n    note: " + p.String()
	}
	return line, len(res.Activities), nil
}

// storeFailure marks an import error that is the store's (locked,
// damaged, disk full), not the document's.
type storeFailure struct{ err error }

func (e *storeFailure) Error() string { return e.err.Error() }
func (e *storeFailure) Unwrap() error { return e.err }

// unwrapPath drops the path from an *os.PathError, which callers already
// print.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
