package store_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// Ensure that List gives what Query and Get give, a page at a time or
// all at once.
func TestStore_List_AgreesWithQueryAndGet(t *testing.T) {
	s := fixture(t)
	query := q("", "kind", "workshop", "kind", "meeting", "kind", "briefing")
	res, _ := s.Query(query)
	for _, page := range []store.Page{{}, {Limit: 2}, {Offset: 1, Limit: 1}, {Offset: 99}} {
		got, err := s.List(query, page)
		if err != nil {
			t.Fatal(err)
		}
		lo := min(page.Offset, len(res.IDs))
		hi := len(res.IDs)
		if page.Limit > 0 {
			hi = min(lo+page.Limit, hi)
		}
		want, _ := s.Get(res.IDs[lo:hi]...)
		if got.Total != res.Total || len(got.Rows) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got.Rows, want)) {
			t.Errorf("page %+v: %d rows of %d, want %d of %d", page, len(got.Rows), got.Total, len(want), res.Total)
		}
	}
}

// Ensure that a listing while another writer replaces a document over
// and over (its lines move, so its ids change) never fails with "has no
// activity N": the ids and the activities come from one read.
func TestStore_List_DuringReplacingImports(t *testing.T) {
	s := fixture(t)
	defer replaceOverAndOver(t, s.Path())()
	for range 200 {
		if _, err := s.List(model.Query{}, store.Page{}); err != nil {
			t.Fatalf("List during imports: %v", err)
		}
	}
}

// replaceOverAndOver has another store value on path replace one
// document again and again, its lines moving (so its ids change), until
// the function it returns is called.
func replaceOverAndOver(t *testing.T, path string) (stop func()) {
	t.Helper()
	writer := MustOpen(t, path)
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			as := acts("2020-04", act{line: 10 + i%7, text: fmt.Sprintf("version %d", i)}, act{line: 30 + i%5, text: "second"})
			if _, err := writer.Import(newDoc("apr.md", "2020-04", as), as); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
