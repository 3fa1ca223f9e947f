package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// StreamPage is how many activities a Listing decodes at a time when
// its caller does not say: enough to amortise each page's work (a
// channel send, an madvise), few enough (about a megabyte decoded) that
// a listing of a million holds no more than a listing of a thousand.
const StreamPage = 256

// Listing is the activities that answer a query, inside the read
// transaction of Store.Stream: how many there are, and their pages, read
// as they are asked for. It is valid only during Stream's fn.
type Listing struct {
	Generation Stamp
	// Total is the number of activities in the store, for "12 of 3,456".
	Total int
	// N is how many activities the listing has.
	N int

	s   *Store
	tx  *bolt.Tx
	ids []uint32
}

// Stream answers q as List does, in one read transaction, but reads the
// activities only as fn asks for them, a page at a time
// (Listing.Pages): `unoct list` and `export` of a whole store hold one
// page of activities, not all of them. The transaction lasts as long as
// fn, writing included: ids and activities are one snapshot however
// slowly the output is written, and a writer waits for it as for any
// reader (up to its lock timeout), as it waited for List's reading of
// every activity before.
func (s *Store) Stream(q model.Query, page Page, fn func(l *Listing) error) error {
	return s.withQuery(q, true, func(ix *index, tx *bolt.Tx, e *evaluation) error {
		ids, err := s.sorted(ix, tx, e, q.Sort)
		if err != nil {
			return err
		}
		lo, hi := pageRange(len(ids), page)
		l := &Listing{Generation: ix.stamp, Total: len(ix.order), N: hi - lo, s: s, tx: tx, ids: ids[lo:hi]}
		defer func() { l.tx = nil }()
		return fn(l)
	})
}

// pageRange is the range of n matches that page asks for.
func pageRange(n int, page Page) (lo, hi int) {
	lo = min(max(page.Offset, 0), n)
	hi = n
	if page.Limit > 0 {
		hi = min(lo+page.Limit, hi)
	}
	return lo, hi
}

// Pages calls fn with the listing's activities in the query's order, size
// at a time (StreamPage when size is 0 or less), stopping at fn's first
// error, which it returns. Each page is a new slice, fn's to keep. It
// may be called more than once, and gives the same activities each time.
//
// The records are looked up a window of pages at a time (lookup) on one
// goroutine, the next window's while the pages of one are decoded on
// another, and the next page decoded while fn writes the current one:
// looking up, decoding and encoding each take a good share of a
// listing's time (at a million activities, looking up half of it), and a
// listing of everything then uses both of two cores. At most two pages
// are decoded ahead of fn, and two windows' records held.
func (l *Listing) Pages(size int, fn func([]model.Activity) error) error {
	return l.pages(size, false, fn)
}

// Borrow is Pages with each page lent to fn rather than given: the page,
// its activities' lists and their strings are fn's only until it
// returns, when the listing decodes a later page into the same memory.
// It is for encoders that write a page and keep nothing of it: a
// listing of everything then allocates little more than the records'
// bytes, where decoding into new memory made a listing's garbage, and
// the collector's work on it, about a fifth of its CPU
// (BENCHMARKS.md).
func (l *Listing) Borrow(size int, fn func([]model.Activity) error) error {
	return l.pages(size, true, fn)
}

// lentPages is how many pages Borrow decodes into, in turn: the one fn
// has, the one waiting for it, the one being decoded.
const lentPages = 3

func (l *Listing) pages(size int, lend bool, fn func([]model.Activity) error) error {
	if l.tx == nil {
		return errors.New("store: a listing was read after its Stream returned")
	}
	if size <= 0 {
		size = StreamPage
	}
	if len(l.ids) <= size {
		// One page: nothing to overlap.
		if len(l.ids) == 0 {
			return nil
		}
		var w recordWindow
		if err := l.lookup(&w, l.ids, nil); err != nil {
			return err
		}
		releaseMapped(l.tx)
		page, err := l.decode(&w, l.ids, 0, new(pageBuf))
		if err != nil {
			return err
		}
		return fn(page)
	}
	type result struct {
		page []model.Activity
		buf  *pageBuf
		err  error
	}
	type looked struct {
		w   *recordWindow
		ids []uint32
		err error
	}
	pages := make(chan result, 1)
	windows := make(chan looked, 1)
	done := make(chan struct{})
	var free chan *pageBuf
	if lend {
		free = make(chan *pageBuf, lentPages)
		for range lentPages {
			free <- new(pageBuf)
		}
	}
	// Two windows in turn: one looked up while the other is decoded.
	freeWindows := make(chan *recordWindow, 2)
	freeWindows <- new(recordWindow)
	freeWindows <- new(recordWindow)
	// The lookups, a window at a time.
	go func() {
		defer close(windows)
		// A read of a damaged page faults or panics; run() turns that
		// into ErrDamaged on its own goroutine only, so this one does
		// the same.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				select {
				case windows <- looked{err: l.s.damaged(fmt.Sprint(r))}:
				case <-done:
				}
			}
		}()
		rel := newReleaser(l.tx)
		defer rel.close()
		n := windowSize(len(l.ids), size)
		for at := 0; at < len(l.ids); at += n {
			ids := l.ids[at:min(at+n, len(l.ids))]
			var w *recordWindow
			select {
			case w = <-freeWindows:
			case <-done:
				return
			}
			err := l.lookup(w, ids, rel)
			select {
			case windows <- looked{w, ids, err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	// The decoding, a page at a time, from the records looked up.
	go func() {
		defer close(pages)
		// The lookups end before the pages do, and so before Pages
		// returns: they read the transaction.
		defer func() {
			for range windows {
			}
		}()
		defer func() {
			if r := recover(); r != nil {
				select {
				case pages <- result{err: l.s.damaged(fmt.Sprint(r))}:
				case <-done:
				}
			}
		}()
		for lw := range windows {
			err := lw.err
			for i := 0; err == nil && i < len(lw.ids); i += size {
				buf := new(pageBuf)
				if lend {
					select {
					case buf = <-free:
					case <-done:
						return
					}
				}
				var page []model.Activity
				page, err = l.decode(lw.w, lw.ids[i:min(i+size, len(lw.ids))], i, buf)
				if err == nil {
					select {
					case pages <- result{page: page, buf: buf}:
					case <-done:
						return
					}
				}
			}
			if err != nil {
				select {
				case pages <- result{err: err}:
				case <-done:
				}
				return
			}
			freeWindows <- lw.w
		}
	}()
	defer func() {
		close(done)
		for range pages { // the reader stops before Pages returns
		}
	}()
	for r := range pages {
		if r.err != nil {
			return r.err
		}
		if err := fn(r.page); err != nil {
			return err
		}
		if lend {
			free <- r.buf
		}
	}
	return nil
}

// windowSize is how many of a listing's n activities it looks up at a
// time, in pages of size: a 24th of them in whole pages, at least 16
// pages, at most 128. The ids of a listing in date order are scattered
// over the store's keys (the activities of a month come from many
// documents, each a run of ids), and each lookup by id faulted in pages
// of the mapped file the one before had not. A window's ids looked up in
// key order come in runs, which a cursor steps through; how long the
// runs are depends on the share of the listing a window holds. At
// 100,000 activities, a window of 4,096 reads 88% of the records with
// the cursor's next step; at a million, 65,536 read 93% and 4,096 32%
// (BENCHMARKS.md). A window's records are copied out of the file, and
// two windows are held at a time (one looked up while the other is
// decoded): 128 pages of 256 are about 10 MB of records each.
func windowSize(n, size int) int {
	pages := (n/24 + size - 1) / size // whole pages
	return min(max(pages, 16), 128) * size
}

// stepAhead is how far ahead of the cursor's key (in ids) a lookup
// steps with the cursor rather than seeking from the root: a leaf holds
// about a dozen records.
const stepAhead = 16

// recordWindow is a window's records, copied out of the mapped file so that
// its pages may be released while the window is read: record i is
// text[ends[i-1]:ends[i]]. Its memory serves window after window.
type recordWindow struct {
	byID []uint64
	at   []int32
	ends []int32
	text []byte
}

// lookup copies the records of the activities ids into w, record i
// the activity ids[i]. It reads them in key order: a cursor's next step
// where an id follows the one before (or a few keys further), a seek
// otherwise; rel may release the mapped file as it goes.
func (l *Listing) lookup(w *recordWindow, ids []uint32, rel *releaser) error {
	acts, err := bucket(l.tx, bActs)
	if err != nil {
		return err
	}
	// Each id with its place in ids, sorted by id.
	w.byID = w.byID[:0]
	for i, id := range ids {
		w.byID = append(w.byID, uint64(id)<<32|uint64(i))
	}
	slices.Sort(w.byID)
	// Where each record is in text, by place in ids.
	w.at = slices.Grow(w.at[:0], len(ids))[:len(ids)]
	w.ends = w.ends[:0]
	w.text = w.text[:0]
	c := acts.Cursor()
	var k, v []byte
	var key [8]byte
	for j, x := range w.byID {
		id, at := uint32(x>>32), uint32(x)
		prev := uint32(w.byID[max(j-1, 0)] >> 32)
		switch {
		case j > 0 && prev == id:
			// The same id again: the record read already.
		case j > 0 && id-prev <= stepAhead && k != nil:
			// Likely on the same leaf: step to it.
			for k, v = c.Next(); len(k) == 8 && binary.BigEndian.Uint64(k) < uint64(id); k, v = c.Next() {
			}
		default:
			binary.BigEndian.PutUint64(key[:], uint64(id))
			k, v = c.Seek(key[:])
		}
		if len(k) != 8 || binary.BigEndian.Uint64(k) != uint64(id) {
			return newError(ErrNotFound, nil, fmt.Sprintf("store %s has no activity %d", l.s.path, id))
		}
		w.text = append(w.text, v...)
		w.ends = append(w.ends, int32(len(w.text)))
		w.at[at] = int32(j)
		if j%StreamPage == StreamPage-1 {
			rel.check()
		}
	}
	return nil
}

// record is the record of the activity at place i of the window's ids.
func (w *recordWindow) record(i int) []byte {
	j := w.at[i]
	start := int32(0)
	if j > 0 {
		start = w.ends[j-1]
	}
	return w.text[start:w.ends[j]]
}

// pageBuf is the memory a page decodes into.
type pageBuf struct {
	acts []model.Activity
	ar   recordArena
}

// decode decodes the activities ids, at place from of the window w,
// into buf: into new memory the first time, into the same memory (a
// page lent by Borrow, and returned) after.
func (l *Listing) decode(w *recordWindow, ids []uint32, from int, buf *pageBuf) ([]model.Activity, error) {
	if cap(buf.acts) < len(ids) {
		buf.acts = make([]model.Activity, len(ids))
	}
	out := buf.acts[:len(ids)]
	clear(out)
	ar := &buf.ar
	ar.reset(len(ids))
	for i := range out {
		if err := decodeActivityIn(w.record(from+i), &out[i], ar); err != nil {
			return nil, l.s.damaged(fmt.Sprintf("activity %d does not decode: %v", ids[i], err))
		}
	}
	return out, nil
}

// releaser releases the store file's mapped pages (releaseMapped) while
// a listing reads, when the process holds more than mappedAllowance of
// mapped files beyond what it held when the listing began. Each release
// makes the reads after it fault the pages they touch in again, the
// B+tree's branches among them: released every 1,024 activities, a
// listing of a million spent 6 s of its 13.8 s of CPU in the kernel
// (BENCHMARKS.md). Where the resident size cannot be read, it releases
// every releaseEvery checks, as listings did before.
type releaser struct {
	tx    *bolt.Tx
	m     *mappedMeter
	limit int64
	n     int
}

// mappedAllowance is how much more of the mapped file a listing may hold
// resident than the process held when it began: a sixteenth of the
// file, at least minAllowance and at most maxAllowance. The kernel maps
// the sixteen pages around each page read (fault-around), and a store's
// records lie scattered over its file (more so after an upgrade): a
// listing of a million activities (a 2.9 GB file) passed 8 MB every
// 250 activities, and spent most of its system time faulting pages in
// again, page tables and the B+tree's branches among them, and
// releasing them (BENCHMARKS.md).
func mappedAllowance(fileSize int64) int64 {
	return min(max(fileSize/16, minAllowance), maxAllowance)
}

const (
	minAllowance = 8 << 20
	maxAllowance = 128 << 20
)

// releaseEvery is how many checks a releaser that cannot measure lets
// pass between two releases.
const releaseEvery = 4

func newReleaser(tx *bolt.Tx) *releaser {
	// What the query read (the index, the order) is not read again.
	releaseMapped(tx)
	r := &releaser{tx: tx, m: newMappedMeter()}
	if b := r.m.bytes(); b >= 0 {
		r.limit = b + mappedAllowance(tx.Size())
	}
	return r
}

// check releases the mapped pages when they pass the allowance.
func (r *releaser) check() {
	if r == nil {
		return
	}
	if r.limit == 0 {
		if r.n++; r.n%releaseEvery == 0 {
			releaseMapped(r.tx)
		}
		return
	}
	if r.m.bytes() > r.limit {
		releaseMapped(r.tx)
	}
}

func (r *releaser) close() { r.m.close() }
