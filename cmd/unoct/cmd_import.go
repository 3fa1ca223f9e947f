package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
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
		Long: `Read highlights documents (Markdown) into the store. Each document goes in
whole or not at all: all of its activities or none. Documents are stored in
batches, one transaction each; if the store cannot be written (locked,
damaged, disk full) the import stops and the store keeps what it had
before that batch. Importing the same content again
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

// Batches: documents are read one by one and stored in batches of about
// this many activities, one transaction each (store.ImportMany), which is
// many times faster than a transaction per document; a batch stays well
// under a second, so a viewer never waits long for the file.
const (
	batchActivities = 4000
	batchDocuments  = 256
	readWindow      = 256
)

// read is a document read and waiting to be stored.
type read struct {
	name string
	res  *reader.Result
}

func (a *app) importFiles(s *store.Store, rd *reader.Reader, files []string, month string) error {
	var bar *progress.Model
	if f, ok := a.err.(*os.File); ok && len(files) > 3 && term.IsTerminal(f.Fd()) {
		p := progress.New(progress.WithDefaultBlend(), progress.WithWidth(40))
		bar = &p
	}
	failed, acts, added := 0, 0, 0
	var storeErr error
	var batch []read
	batchActs := 0
	// flush stores the batch and prints a line per document.
	flush := func() {
		if len(batch) == 0 {
			return
		}
		items := make([]store.ImportItem, len(batch))
		for i, b := range batch {
			items[i] = store.ImportItem{Doc: b.res.Document, Activities: b.res.Activities}
		}
		results, errs := s.ImportMany(items)
		for i, b := range batch {
			switch err := errs[i]; {
			case err == nil:
				acts += len(b.res.Activities)
				added++
				fmt.Fprintln(a.out, importLine(b.name, b.res, results[i]))
			case errors.Is(err, store.ErrInvalid):
				failed++
				fmt.Fprintf(a.err, "refused: %s: %v\n", b.name, err)
			default:
				// The store, not the document, failed (locked, damaged,
				// disk full): the whole batch is rolled back and the next
				// files would fail alike.
				failed++
				if storeErr == nil {
					fmt.Fprintf(a.err, "refused: %s: %v\n", b.name, err)
				}
				storeErr = err
			}
		}
		batch, batchActs = batch[:0], 0
	}
	next := readAhead(rd, files, month)
	for i, name := range files {
		if bar != nil {
			fmt.Fprintf(a.err, "\r%s %d/%d ", bar.ViewAs(float64(i)/float64(len(files))), i, len(files))
		}
		res, err := next(i)
		if bar != nil {
			fmt.Fprint(a.err, "\r\x1b[K")
		}
		if err != nil {
			failed++
			fmt.Fprintln(a.err, "refused:", err)
			continue
		}
		batch = append(batch, read{name, res})
		batchActs += len(res.Activities)
		if batchActs >= batchActivities || len(batch) >= batchDocuments {
			flush()
			if storeErr != nil {
				break
			}
		}
	}
	if storeErr == nil {
		flush()
	}
	fmt.Fprintf(a.out, "total: %s read, %s, %d refused\n", plural(added, "document", "documents"), plural(acts, "activity", "activities"), failed)
	if storeErr != nil {
		return &statusError{exitError, fmt.Errorf("import stopped: the store could not be written; it keeps what it had before the refused documents")}
	}
	if failed > 0 {
		return &statusError{exitPartial, fmt.Errorf("%d of %d documents refused", failed, len(files))}
	}
	return nil
}

// readAhead reads the files on every core, a few ahead of the one being
// stored, and returns them in order: next(i) waits for file i. The
// reader is safe for concurrent use; NumCPU documents are read at once,
// and at most readWindow are held read and not yet taken, so the readers
// keep going while a batch is written.
func readAhead(rd *reader.Reader, files []string, month string) func(i int) (*reader.Result, error) {
	type result struct {
		res *reader.Result
		err error
	}
	done := make([]chan result, len(files))
	for i := range done {
		done[i] = make(chan result, 1)
	}
	window := make(chan struct{}, readWindow)        // read and not yet taken
	workers := make(chan struct{}, runtime.NumCPU()) // reading now
	go func() {
		for i, name := range files {
			window <- struct{}{}
			workers <- struct{}{}
			go func() {
				res, err := readDocument(rd, name, month)
				<-workers
				done[i] <- result{res, err}
			}()
		}
	}()
	return func(i int) (*reader.Result, error) {
		r := <-done[i]
		<-window
		return r.res, r.err
	}
}

// readDocument reads one file with the reader.
func readDocument(rd *reader.Reader, name, month string) (*reader.Result, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a document (give the .md files inside it)", name)
	}
	if fi.Mode().IsRegular() && fi.Size() > reader.MaxSize {
		return nil, fmt.Errorf("%s: %d MB is far more than a highlights document; refusing it", name, fi.Size()>>20)
	}
	// O_NONBLOCK: a named pipe with no writer reads as empty instead of
	// blocking forever; "<(command)" still works, and a device that
	// never ends stops at MaxSize.
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	raw, err := io.ReadAll(io.LimitReader(f, reader.MaxSize+1))
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	return rd.Read(name, raw, reader.Options{Month: month})
}

// importLine describes what happened to one document.
func importLine(name string, res *reader.Result, r store.ImportResult) string {
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
	return line
}

// unwrapPath drops the path from an *os.PathError, which callers already
// print.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
