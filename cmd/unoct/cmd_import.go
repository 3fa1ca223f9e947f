package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"charm.land/bubbles/v2/progress"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

func (a *app) importCmd() *cobra.Command {
	var month string
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Read highlights documents into the store",
		Long: `Read highlights documents into the store: the office's PDFs as published,
text extracted from them (pdftotext, with or without -layout), or Markdown;
the format is told by the content. Give files or shell globs such as
reports/*.pdf; a directory is not read. Each document goes in
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
		Example: `  unoct import highlights-2021-03.pdf
  unoct import --month 2021-07 report.md
  unoct import reports/*.pdf reports/*.txt reports/*.md`,
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

// importFiles imports files through the store's import pipeline (read
// ahead on every core, stored in batches) and prints a line per document,
// in the order given, and a total.
func (a *app) importFiles(s *store.Store, rd *reader.Reader, files []string, month string) error {
	inputs := make([]store.Input, len(files))
	for i, name := range files {
		inputs[i] = store.Input{Name: name, Month: month, Load: func() ([]byte, error) { return loadFile(name) }}
	}
	bar := a.progressBar(len(files))
	failed, acts, added, reported := 0, 0, 0, 0
	stopped := false
	sig, stop, release := interrupts()
	defer release()
	err := s.ImportInputs(rd, inputs, store.ImportOptions{
		Stop:     stop,
		Progress: bar.show,
		Report: func(o store.Outcome) {
			bar.hide()
			reported++
			switch err := o.Err; {
			case err == nil:
				if o.Result.SameAs == "" {
					acts += o.Result.Activities
					added++
				}
				fmt.Fprintln(a.out, importLine(o))
			case errors.Is(err, store.ErrUnreadable):
				failed++
				fmt.Fprintln(a.err, "refused:", model.Inert(err.Error()))
			case errors.Is(err, store.ErrInvalid):
				failed++
				fmt.Fprintf(a.err, "refused: %s: %s\n", model.Inert(o.Name), model.Inert(err.Error()))
			default:
				// The store, not the document, failed (locked, damaged,
				// disk full): the whole batch is rolled back, each of its
				// documents says so, and the import stops. Once is enough.
				failed++
				if !stopped {
					fmt.Fprintf(a.err, "refused: %s: %s\n", model.Inert(o.Name), model.Inert(err.Error()))
				}
				stopped = true
			}
		},
	})
	bar.hide()
	fmt.Fprintf(a.out, "total: %s read, %s, %d refused\n", plural(added, "document", "documents"), plural(acts, "activity", "activities"), failed)
	if errors.Is(err, store.ErrInterrupted) {
		status := exitInterrupted
		if s := sig(); s == syscall.SIGTERM {
			status = exitTerminated
		}
		return &statusError{status, fmt.Errorf("interrupted after %d of %d documents; every stored document is whole, the %d not reached are not stored", reported, len(files), len(files)-reported)}
	}
	if err != nil {
		return &statusError{exitError, fmt.Errorf("import stopped: the store could not be written; it keeps what it had before the refused documents")}
	}
	if failed > 0 {
		return &statusError{exitPartial, fmt.Errorf("%d of %d documents refused", failed, len(files))}
	}
	return nil
}

// interrupts catches SIGINT and SIGTERM for an import: stop closes at the
// first, so that the import ends between batches with every stored
// document whole, and sig tells which came; release lets the signals go
// back to their default (a second Ctrl-C then ends the process at once).
func interrupts() (sig func() os.Signal, stop <-chan struct{}, release func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	stopped := make(chan struct{})
	var got atomic.Value
	go func() {
		select {
		case s := <-ch:
			got.Store(s)
			close(stopped)
			signal.Stop(ch)
		case <-done:
		}
	}()
	sig = func() os.Signal {
		s, _ := got.Load().(os.Signal)
		return s
	}
	return sig, stopped, func() { signal.Stop(ch); close(done) }
}

// bar is the progress bar of a long import on a terminal; a nil *bar
// draws nothing.
type bar struct {
	w     io.Writer
	model progress.Model
	shown bool
}

// progressBar returns a bar for importing n files when stderr is a
// terminal and there are enough files to wait for.
func (a *app) progressBar(n int) *bar {
	f, ok := a.err.(*os.File)
	if !ok || n <= 3 || !term.IsTerminal(f.Fd()) {
		return nil
	}
	return &bar{w: f, model: progress.New(progress.WithDefaultBlend(), progress.WithWidth(40))}
}

func (b *bar) show(done, total int) {
	if b == nil || done >= total {
		return
	}
	fmt.Fprintf(b.w, "\r%s %d/%d ", b.model.ViewAs(float64(done)/float64(total)), done, total)
	b.shown = true
}

// hide clears the bar's line, so that a document's line takes it.
func (b *bar) hide() {
	if b == nil || !b.shown {
		return
	}
	fmt.Fprint(b.w, "\r\x1b[K")
	b.shown = false
}

// loadFile reads one file to import.
func loadFile(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a document (give the .pdf, .txt or .md files inside it, e.g. DIR/*.pdf)", name)
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
	return raw, nil
}

// importLine describes what happened to one document.
func importLine(o store.Outcome) string {
	line := fmt.Sprintf("%s  %-9s %s  %s", o.Result.Month, o.Result.Status, plural(o.Result.Activities, "activity", "activities"), model.Inert(o.Name))
	if o.Result.SameAs != "" {
		// Nothing was stored under this name: say where the text is.
		line += fmt.Sprintf("\n    the same text is already stored as %s (%s); nothing was added", model.Inert(o.Result.SameAs), o.Result.Month)
	}
	if !o.Result.Changes.Empty() {
		line += "\n    " + changeLine(o.Result.Changes)
	}
	if n := o.Result.Review; n > 0 {
		line += fmt.Sprintf("\n    %s to review: the bullet's text changed (unoct fixes)", plural(n, "correction", "corrections"))
	}
	for _, n := range o.Derived.Notes {
		line += "\n    " + n
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
