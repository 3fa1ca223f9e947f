package store

import (
	"errors"
	"fmt"
	"runtime/debug"

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
// The next page is read and decoded on another goroutine while fn
// writes the current one: decoding and encoding take about as long as
// each other, and a listing of everything then uses both of two cores.
// At most two pages are decoded ahead of fn.
func (l *Listing) Pages(size int, fn func([]model.Activity) error) error {
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
		page, err := l.read(l.ids)
		if err != nil {
			return err
		}
		releaseMapped(l.tx)
		return fn(page)
	}
	type result struct {
		page []model.Activity
		err  error
	}
	pages := make(chan result, 1)
	done := make(chan struct{})
	go func() {
		defer close(pages)
		// A read of a damaged page faults or panics; run() turns that
		// into ErrDamaged on its own goroutine only, so this one does
		// the same.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				pages <- result{err: l.s.damaged(fmt.Sprint(r))}
			}
		}()
		for i := 0; i < len(l.ids); i += size {
			page, err := l.read(l.ids[i:min(i+size, len(l.ids))])
			// The file's pages read so far are in the page cache and
			// need not stay in this process's resident memory: without
			// this, a listing of everything would be as large as the
			// store. Every releaseEvery pages, not every page: each
			// release makes the next reads fault the pages in again.
			if i/size%releaseEvery == releaseEvery-1 {
				releaseMapped(l.tx)
			}
			select {
			case pages <- result{page, err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
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
	}
	return nil
}

// releaseEvery is how many pages a listing reads between two releases
// of the mapped file. Since records are binary (schema 3), 1,024
// activities take about a megabyte of records: at 100,000 activities
// a listing of everything in CSV peaked at 37 MB with a release every
// page, 39 MB every 4 and 50 MB every 16, and spent 0.55, 0.25 and 0.13
// s in the kernel (BENCHMARKS.md).
const releaseEvery = 4

// read decodes the activities ids, as getTx does, through
// decodeActivity.
func (l *Listing) read(ids []uint32) ([]model.Activity, error) {
	acts, err := bucket(l.tx, bActs)
	if err != nil {
		return nil, err
	}
	out := make([]model.Activity, len(ids))
	for i, id := range ids {
		v := acts.Get(idKey(id))
		if v == nil {
			return nil, newError(ErrNotFound, nil, fmt.Sprintf("store %s has no activity %d", l.s.path, id))
		}
		if err := decodeActivity(v, &out[i]); err != nil {
			return nil, l.s.damaged(fmt.Sprintf("activity %d does not decode: %v", id, err))
		}
	}
	return out, nil
}
