package store

import (
	"errors"
	"fmt"
	"runtime"

	"github.com/unoct/unoct/model"
)

// The import pipeline. Every way documents enter a store (`unoct
// import`, the seeding of a new store, the rebuild of a damaged one, the
// corpus generator and the benchmarks) goes through ImportInputs, so that
// reading ahead on every core, batching, and keeping each document all or
// nothing exist once.

// Reader reads one input into a document and its activities: the
// document formats, seen from the store, which knows none of them. The
// same reader imports new inputs and re-derives stored documents (the
// store keeps each document's raw bytes so that a newer reader, or a
// newer schema, can rebuild every activity without the original files).
type Reader interface {
	// Version identifies the reader's rules; a change means stored
	// activities may differ from what it would read now.
	Version() string
	// Derive reads one input: name is its name, raw its bytes, month the
	// month its caller gives for it or the month stored with it ("" lets
	// the reader tell). The pipeline reads several inputs at once, so
	// Derive must be safe for concurrent use.
	Derive(name string, raw []byte, month string) (model.Derived, error)
}

// Input is one named input to import.
type Input struct {
	Name string
	// Month, YYYY-MM, is the month the caller says the input reports;
	// "" lets the reader tell.
	Month string
	// Raw is the input's bytes, unless Load is set.
	Raw []byte
	// Load, when set, fetches the bytes (a file from disk). It runs on
	// the pipeline's reading goroutines, so that fetching, like reading,
	// overlaps the store's writes. Its error refuses the input as
	// ErrUnreadable, with the error's message as it is.
	Load func() ([]byte, error)
}

// Outcome is what became of one input.
type Outcome struct {
	// Index is the input's place among those given.
	Index int
	Name  string
	// Derived is the input as the reader read it: zero when it could not
	// be read.
	Derived model.Derived
	// Result says how the document was stored, when Err is nil.
	Result ImportResult
	// Err says why the document is not stored: ErrUnreadable (it could
	// not be loaded or read), ErrInvalid (the store refused it), or the
	// store's own failure (ErrLocked, ErrDamaged, a failed write), which
	// stopped the import and is ImportInputs' error too.
	Err error

	refile bool // the input's month was given (Input.Month): see ImportItem.Refile

	// prep is the document prepared for the store by the goroutine that
	// read it (prepareOutcome), nil when it was not.
	prep *prepared
}

// ImportOptions are how ImportInputs tells what it does.
type ImportOptions struct {
	// Report, when not nil, is told what became of each input, in the
	// order the inputs were given, as soon as that is known: a batch at a
	// time. The inputs after a store failure are neither imported nor
	// reported.
	Report func(Outcome)
	// Progress, when not nil, is called with how many inputs have been
	// read and handed to the store, and how many there are: before the
	// pipeline waits for each input, and once everything is stored
	// (done == total). It is for a progress bar.
	Progress func(done, total int)
	// Stop, when not nil, ends the import once it is closed (a Ctrl-C):
	// the batch being stored is stored whole, nothing after it is read
	// or stored, and ImportInputs returns ErrInterrupted. Every stored
	// document stays whole.
	Stop <-chan struct{}
	// BatchActivities bounds the activities a transaction stores (0:
	// about 4,000). A document of more is stored in several
	// transactions of at most this many, and appears to readers whole,
	// once the last one commits (see staged.go).
	BatchActivities int
}

// ErrInterrupted is ImportInputs' error when ImportOptions.Stop closed
// before every input was stored.
var ErrInterrupted = errors.New("import interrupted")

// Read-ahead and batching. A transaction costs two fsyncs and a rewrite
// of every index bitmap it touches, so documents are stored in batches
// of about batchActivities activities or batchDocuments documents, one
// transaction each (see ImportMany): many times faster than one per
// document, and well under a second, so that a viewer never waits long
// for the file. Meanwhile every core reads the next documents, at most
// readAhead of them read and not yet stored, which bounds the memory
// held.
const (
	batchActivities = 4000
	batchDocuments  = 256
	readAhead       = 256
)

// ImportInputs reads inputs with r, on every core and ahead of the
// writes, and imports them in batches (ImportMany), each document all or
// nothing. An input that cannot be loaded or read, or that the store
// refuses, is reported (ImportOptions.Report) and the others go on;
// nothing of it is written. A store failure (locked, damaged, disk full)
// rolls back the batch it happened in, whose every document reports it,
// and stops the import: ImportInputs returns it, the store keeping the
// batches before. The error is nil otherwise, whatever was refused.
func (s *Store) ImportInputs(r Reader, inputs []Input, opts ImportOptions) error {
	b := batch{limit: opts.BatchActivities}
	if b.limit <= 0 {
		b.limit = batchActivities
	}
	reads := startReading(r, inputs, func(o *Outcome) { s.prepareOutcome(o, b.limit) })
	defer reads.stop()
	first := make(map[string]string, len(inputs)) // document name -> the input that gave it first
	for i := range inputs {
		if opts.Progress != nil {
			opts.Progress(i, len(inputs))
		}
		o, ok := reads.nextOrStop(i, opts.Stop)
		if !ok {
			if err := s.storeBatch(&b, opts.Report, false); err != nil {
				return err
			}
			if err := s.linkSeriesDue(); err != nil {
				return err
			}
			return ErrInterrupted
		}
		if o.Err == nil {
			o.Err = sameName(first, o.Derived.Doc.Name, inputs[i].Name)
		}
		if o.Err == nil && len(o.Derived.Activities) > b.limit {
			// Too large for one batch: the batch so far, then this
			// document in steps of its own.
			if err := s.storeBatch(&b, opts.Report, true); err != nil {
				return err
			}
			if err := s.storeLarge(o, b.limit, opts); err != nil {
				return err
			}
			continue
		}
		b.add(o)
		if b.full() {
			if err := s.storeBatch(&b, opts.Report, true); err != nil {
				return err
			}
		}
	}
	if err := s.storeBatch(&b, opts.Report, false); err != nil {
		return err
	}
	// The last batch linked the series the batches before it left to
	// link, unless it wrote nothing.
	if err := s.linkSeriesDue(); err != nil {
		return err
	}
	if opts.Progress != nil {
		opts.Progress(len(inputs), len(inputs))
	}
	return nil
}

// sameName refuses an input whose document has the name of one an
// earlier input of the same import gave (a/report.md, b/report.md): the
// store keeps one document per name, so the second would silently
// replace the first. The same input given twice is no conflict.
func sameName(first map[string]string, doc, input string) error {
	prev, ok := first[doc]
	if !ok {
		first[doc] = input
		return nil
	}
	if prev == input {
		return nil
	}
	return newError(ErrInvalid, nil, fmt.Sprintf("%q is also the file name of %s in this import, and the store keeps one document per file name: this one would replace it (rename one, or import this one alone if it is a new version)", doc, prev))
}

// batch is the outcomes read and not yet stored, in input order. Those
// that could not be read wait with the others, so that every outcome is
// reported in order.
type batch struct {
	pending    []Outcome
	docs, acts int // how many of pending are to be stored, and their activities
	limit      int // the most activities a batch stores
}

func (b *batch) add(o Outcome) {
	b.pending = append(b.pending, o)
	if o.Err == nil {
		b.docs++
		b.acts += len(o.Derived.Activities)
	}
}

func (b *batch) full() bool {
	return b.acts >= b.limit || b.docs >= batchDocuments
}

// storeLarge stores one document of more activities than a batch in
// several transactions of at most limit activities (see staged.go),
// and reports it. It returns the store's failure, if any, or
// ErrInterrupted when opts.Stop closed between the steps (the document
// is then not stored, nor reported).
func (s *Store) storeLarge(o Outcome, limit int, opts ImportOptions) error {
	// The pipeline owns the activities read: prepared in place, not
	// copied (at 400,000 activities a copy is 340 MB).
	doc, acts, err := s.prepareItemInto(ImportItem{Doc: o.Derived.Doc, Activities: o.Derived.Activities, Refile: o.refile}, o.Derived.Activities)
	if err == nil {
		o.Result, err = s.importStaged(doc, acts, o.refile, limit, opts.Stop)
	}
	if errors.Is(err, ErrInterrupted) {
		return err
	}
	o.Err = err
	if opts.Report != nil {
		opts.Report(o)
	}
	if err != nil && !errors.Is(err, ErrInvalid) {
		return err
	}
	return nil
}

// storeBatch imports the batch in one transaction, reports every outcome
// in it in order, and empties it. It returns the store's failure, if
// any.
//
// With later, the batch's series may be linked by a later batch of the
// same import (see linkSeries): the batches of ImportInputs but its
// last.
func (s *Store) storeBatch(b *batch, report func(Outcome), later bool) error {
	// results and errs are by place in b.pending, as prepared.i is.
	var todo []prepared
	results := make([]ImportResult, len(b.pending))
	errs := make([]error, len(b.pending))
	for i, o := range b.pending {
		if o.Err != nil {
			continue
		}
		p := o.prep
		if p == nil {
			p = &prepared{refile: o.refile}
			p.doc, p.acts, p.err = s.prepareItem(ImportItem{Doc: o.Derived.Doc, Activities: o.Derived.Activities, Refile: o.refile})
		}
		if p.err != nil {
			results[i] = ImportResult{Document: o.Derived.Doc.Name, Month: o.Derived.Doc.Month}
			errs[i] = p.err
			continue
		}
		p.i = i
		todo = append(todo, *p)
	}
	s.importTodo(todo, results, errs, later)
	var failed error
	for i := range b.pending {
		if b.pending[i].Err != nil {
			continue
		}
		b.pending[i].Result, b.pending[i].Err = results[i], errs[i]
		if errs[i] != nil && !errors.Is(errs[i], ErrInvalid) {
			failed = errs[i]
		}
	}
	if report != nil {
		for _, o := range b.pending {
			report(o)
		}
	}
	clear(b.pending) // let the activities go
	b.pending, b.docs, b.acts = b.pending[:0], 0, 0
	return failed
}

// reading reads inputs on every core, in any order, and hands them out
// in input order: next(i) waits for input i.
type reading struct {
	out    []chan Outcome
	window chan struct{} // a token per input read, or being read, and not yet taken
	done   chan struct{} // closed by stop
}

// prep, when not nil, is called on each outcome read without an error,
// on the goroutine that read it.
func startReading(r Reader, inputs []Input, prep func(*Outcome)) *reading {
	rd := &reading{
		out:    make([]chan Outcome, len(inputs)),
		window: make(chan struct{}, readAhead),
		done:   make(chan struct{}),
	}
	for i := range rd.out {
		rd.out[i] = make(chan Outcome, 1) // a reader never waits for next
	}
	todo := make(chan int)
	go func() {
		defer close(todo)
		for i := range inputs {
			select {
			case rd.window <- struct{}{}:
			case <-rd.done:
				return
			}
			select {
			case todo <- i:
			case <-rd.done:
				return
			}
		}
	}()
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		go func() {
			for i := range todo {
				o := readInput(r, i, inputs[i])
				if prep != nil && o.Err == nil {
					prep(&o)
				}
				rd.out[i] <- o
			}
		}()
	}
	return rd
}

func (rd *reading) next(i int) Outcome {
	o := <-rd.out[i]
	<-rd.window
	return o
}

// nextOrStop is next, unless stop closes first (false).
func (rd *reading) nextOrStop(i int, stop <-chan struct{}) (Outcome, bool) {
	if stop == nil {
		return rd.next(i), true
	}
	select {
	case <-stop:
		return Outcome{}, false
	case o := <-rd.out[i]:
		<-rd.window
		return o, true
	}
}

// stop lets the reading goroutines go when the import ends early: they
// finish the inputs they hold and read no more.
func (rd *reading) stop() { close(rd.done) }

// prepareOutcome prepares a document read for the store, as ImportMany
// would in its transaction (prepareItem), and compresses its bytes: on
// the goroutine that read it, so that every core does this work and the
// single writer does not. A document of more than limit activities is
// left alone: storeLarge prepares it in steps.
func (s *Store) prepareOutcome(o *Outcome, limit int) {
	if len(o.Derived.Activities) > limit {
		return
	}
	p := &prepared{refile: o.refile}
	// Into a copy, as ImportMany does: a Reader may give two documents
	// the same activities (a cache, a test's reader).
	p.doc, p.acts, p.err = s.prepareItem(ImportItem{Doc: o.Derived.Doc, Activities: o.Derived.Activities, Refile: o.refile})
	if p.err == nil && len(p.doc.Raw) > 0 {
		z, err := compressRaw(p.doc.Raw)
		if err != nil {
			p.err = err
		}
		p.z = z
	}
	o.prep = p
}

// readInput loads and reads one input.
func readInput(r Reader, i int, in Input) Outcome {
	o := Outcome{Index: i, Name: in.Name, refile: in.Month != ""}
	p, err := loadAndRead(r, in)
	if err != nil {
		o.Err = newError(ErrUnreadable, err, err.Error())
		return o
	}
	o.Derived = p
	return o
}

func loadAndRead(r Reader, in Input) (d model.Derived, err error) {
	defer readerPanic(&err)
	raw := in.Raw
	if in.Load != nil {
		if raw, err = in.Load(); err != nil {
			return model.Derived{}, err
		}
	}
	return r.Derive(in.Name, raw, in.Month)
}

// readerPanic, deferred, turns a panic of the reader into its error: the
// reader works on documents from outside, and one bad document must not
// take the others, or the process, down.
func readerPanic(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("the reader failed: %v", r)
	}
}
