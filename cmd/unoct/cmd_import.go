package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"charm.land/bubbles/v2/progress"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

func (a *app) importCmd() *cobra.Command {
	var month string
	var quiet bool
	cmd := &cobra.Command{
		Use:   "import FILE|FOLDER|-...",
		Short: "Read highlights documents into the store",
		Long: `Read highlights documents into the store: the office's PDFs as published,
text extracted from them (pdftotext, with or without -layout), or Markdown;
the format is told by the content. Give files, shell globs such as
reports/*.pdf, folders (every .pdf, .txt, .md and .markdown file in them
and their subfolders, hidden ones left out, is read), or - for standard
input. Each document goes in
whole or not at all: all of its activities or none. Documents are stored in
batches, one transaction each; if the store cannot be written (locked,
damaged, disk full) the import stops and the store keeps what it had
before that batch. Importing the same content again
changes nothing; a new version of a document (same file name, other
content) replaces its activities.

A document's month comes from --month, else a YYYY-MM in its file name,
else its text; a document whose month cannot be told is refused. A document
stored under a wrong month is re-filed by importing it again with the right
--month (its activities keep their ids and corrections).
A refused document does not stop the others; the exit status is 3 when
any was refused.

Standard input (-) is stored as the document "stdin-YYYY-MM", its month
from --month or else its text (text that gives no year is refused: give
--month). Importing standard input again for the same month replaces
that document, as a new version of a file does.`,
		Example: `  unoct import highlights-2021-03.pdf
  unoct import --month 2021-07 report.md
  unoct import reports/*.pdf reports/*.txt reports/*.md
  unoct import ~/Downloads/highlights/
  pdftotext -layout highlights.pdf - | unoct import --month 2021-03 -`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr("import needs documents to read: give files (report.pdf), shell globs (reports/*.pdf), folders (reports/) or - for standard input")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if month != "" {
				if _, err := reader.ParseMonth(month); err != nil {
					return usageErr("--month: %v", err)
				}
			}
			if n := slices.Index(args, "-"); n >= 0 && slices.Index(args[n+1:], "-") >= 0 {
				return usageErr("- (standard input) is given twice; it can be read once")
			}
			rd, err := a.reader()
			if err != nil {
				return err
			}
			a.create = true
			s, err := a.open()
			if err != nil {
				return err
			}
			inputs, err := a.importInputs(rd, args, month)
			if err != nil {
				return err
			}
			return a.importFiles(s, rd, inputs, quiet)
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "the reporting month, YYYY-MM, for every document given")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but refusals and errors (on standard error)")
	return cmd
}

// docExts are the extensions of the files import reads in a folder: the
// formats the reader reads (it tells them by content; these are the
// names they go by).
var docExts = []string{".pdf", ".txt", ".md", ".markdown"}

// importInputs turns import's arguments into the inputs to read, in the
// order given: a file is itself, a folder the documents in it (see
// docExts), in name order, and - standard input.
func (a *app) importInputs(rd *reader.Reader, args []string, month string) ([]store.Input, error) {
	var inputs []store.Input
	file := func(name string) store.Input {
		return store.Input{Name: name, Month: month, Load: func() ([]byte, error) { return loadFile(name, a.waitingFor) }}
	}
	for _, arg := range args {
		if arg == "-" {
			in, err := a.stdinInput(rd, month)
			if err != nil {
				return nil, err
			}
			inputs = append(inputs, in)
			continue
		}
		if fi, err := os.Stat(arg); err != nil || !fi.IsDir() {
			inputs = append(inputs, file(arg)) // loadFile says what is wrong
			continue
		}
		var found []string
		err := filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case path != arg && strings.HasPrefix(d.Name(), "."):
				if d.IsDir() {
					return filepath.SkipDir
				}
			case !d.IsDir() && slices.Contains(docExts, strings.ToLower(filepath.Ext(path))):
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading the folder %s: %w", model.Inert(arg), err)
		}
		if len(found) == 0 {
			// Refused as any other input is, so that the others go on.
			inputs = append(inputs, store.Input{Name: arg, Load: func() ([]byte, error) {
				return nil, fmt.Errorf("%s: a folder with no document in it (no %s file)", arg, strings.Join(docExts, ", "))
			}})
		}
		for _, f := range found {
			inputs = append(inputs, file(f))
		}
	}
	return inputs, nil
}

// stdinInput reads standard input whole, as the document
// "stdin-YYYY-MM": a name that holds its month, so that standard input
// of another month is another document and that of the same month a new
// version of it. The month is --month, else the one the reader finds in
// the text; when it finds none the input is named "stdin", and the
// import refuses it asking for --month.
func (a *app) stdinInput(rd *reader.Reader, month string) (store.Input, error) {
	if f, ok := a.in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprintln(a.err, "unoct: reading the document from the terminal; end it with Ctrl-D")
	}
	raw, err := io.ReadAll(io.LimitReader(a.in, reader.MaxSize+1))
	if err != nil {
		return store.Input{}, fmt.Errorf("reading standard input: %w", err)
	}
	in := store.Input{Name: "stdin", Month: month, Raw: raw}
	if month == "" {
		if res, err := rd.Read("stdin", raw, reader.Options{}); err == nil {
			month = res.Document.Month
		}
	}
	if month != "" {
		if m, err := reader.ParseMonth(month); err == nil {
			in.Name = "stdin-" + m.Format("2006-01")
		}
	}
	return in, nil
}

// importFiles imports inputs through the store's import pipeline (read
// ahead on every core, stored in batches) and prints a line per document,
// in the order given, and a total; quiet prints only refusals.
func (a *app) importFiles(s *store.Store, rd *reader.Reader, inputs []store.Input, quiet bool) error {
	files := inputs
	var bar *bar
	if !quiet {
		bar = a.progressBar(len(files))
	}
	failed, acts, added, reported := 0, 0, 0, 0
	stopped := false
	sig, stop, release := interrupts()
	defer release()
	defer bulkGC()()
	err := s.ImportInputs(rd, inputs, store.ImportOptions{
		Stop:     stop,
		Progress: bar.show,
		Report: func(o store.Outcome) {
			bar.hide()
			reported++
			switch err := o.Err; {
			case err == nil:
				if o.Result.SameAs == "" || o.Result.Status == store.Refiled {
					acts += o.Result.Activities
					added++
				}
				if !quiet {
					fmt.Fprintln(a.out, importLine(o))
				}
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
	if !quiet {
		fmt.Fprintf(a.out, "total: %s read, %s, %d refused\n", plural(added, "document", "documents"), plural(acts, "activity", "activities"), failed)
	}
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

// waitNotice is how long a pipe or device may give nothing before
// import says that it waits for it.
const waitNotice = time.Second

// waitingFor tells the user that import waits for input on a pipe (a
// FIFO whose writer has not written, a <(command) still running): else
// a silent wait looks like a hang.
func (a *app) waitingFor(name string) {
	fmt.Fprintf(a.err, "unoct: waiting for input on %s (Ctrl-C stops the import)\n", model.Inert(name))
}

// loadFile reads one file to import. When it is not a regular file (a
// pipe, a device) and gives nothing for waitNotice, waiting, when not
// nil, is told its name, once.
func loadFile(name string, waiting func(name string)) ([]byte, error) {
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
	var r io.Reader = f
	if !fi.Mode().IsRegular() && waiting != nil {
		t := time.AfterFunc(waitNotice, func() { waiting(name) })
		defer t.Stop()
		r = &firstRead{r: f, first: func() { t.Stop() }}
	}
	raw, err := io.ReadAll(io.LimitReader(r, reader.MaxSize+1))
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	return raw, nil
}

// firstRead calls first when its reader first gives bytes or ends.
type firstRead struct {
	r     io.Reader
	first func()
}

func (f *firstRead) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if (n > 0 || err != nil) && f.first != nil {
		f.first()
		f.first = nil
	}
	return n, err
}

// importLine describes what happened to one document.
func importLine(o store.Outcome) string {
	line := fmt.Sprintf("%s  %-9s %s  %s", o.Result.Month, o.Result.Status, plural(o.Result.Activities, "activity", "activities"), model.Inert(o.Name))
	switch r := o.Result; {
	case r.Status == store.Refiled && r.SameAs != "":
		line += fmt.Sprintf("\n    the same text was stored as %s under %s; moved to %s (--month), under its stored name", model.Inert(r.SameAs), r.FromMonth, r.Month)
	case r.Status == store.Refiled:
		line += fmt.Sprintf("\n    moved from %s to %s (--month)", r.FromMonth, r.Month)
	case r.SameAs != "":
		// Nothing was stored under this name: say where the text is.
		line += fmt.Sprintf("\n    the same text is already stored as %s (%s); nothing was added; to file it under another month, import it with --month YYYY-MM", model.Inert(r.SameAs), r.Month)
	case r.Status == store.Unchanged && o.Derived.Doc.Month != "" && o.Derived.Doc.Month != r.Month:
		line += fmt.Sprintf("\n    stored under %s; this reading says %s: to file it there, import it with --month %s", r.Month, o.Derived.Doc.Month, o.Derived.Doc.Month)
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
