package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/unoct/unoct/data/gen"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

// generated is a store of n activities of the synthetic corpus (data/gen),
// read by the real reader: every shape of record the reader writes.
func generated(t testing.TB, n int) *store.Store {
	t.Helper()
	dir := t.TempDir()
	g, err := gen.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Write(dir, n, 3); err != nil {
		t.Fatal(err)
	}
	rd, err := reader.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(dir, "unoct.db"), store.Options{ReaderVersion: rd.Version()})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := gen.ImportAll(rd, s, gen.Inputs(dir, n, 3)); err != nil || got != n {
		t.Fatalf("ImportAll: %d activities, %v; want %d", got, err, n)
	}
	return s
}

// streamed is every activity Stream hands over for q and page, in
// pages of size, checking that no page is larger.
func streamed(t *testing.T, s *store.Store, q model.Query, page store.Page, size int) (acts []model.Activity, n, total int) {
	t.Helper()
	err := s.Stream(q, page, func(l *store.Listing) error {
		n, total = l.N, l.Total
		return l.Pages(size, func(p []model.Activity) error {
			if len(p) > max(size, 1) && size > 0 || size <= 0 && len(p) > store.StreamPage {
				return fmt.Errorf("a page of %d activities, asked for %d", len(p), size)
			}
			acts = append(acts, p...)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return acts, n, total
}

// Ensure that Stream gives, page by page, what List gives at once (which
// decodes with encoding/json, Stream with its own decoder), in the
// query's order, for pages of any size, and never a page larger than
// asked for: a listing holds a page of activities.
func TestStore_Stream_SameAsList(t *testing.T) {
	s := generated(t, 3000)
	queries := []model.Query{{}, {Sort: model.Sort{Key: model.SortParticipants, Desc: true}}, {Search: "border security"}}
	for _, q := range queries {
		for _, page := range []store.Page{{}, {Limit: 250}, {Offset: 1000, Limit: 1001}, {Offset: 5000}} {
			want, err := s.List(q, page)
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []int{0, 1, 7, 1000} {
				got, n, total := streamed(t, s, q, page, size)
				if n != len(want.Rows) || total != want.Total || len(got) != len(want.Rows) || len(got) > 0 && !reflect.DeepEqual(got, want.Rows) {
					t.Fatalf("query %+v page %+v size %d: %d of %d (n %d), want %d of %d", q, page, size, len(got), total, n,
						len(want.Rows), want.Total)
				}
			}
		}
	}
}

// Ensure that a streamed export writes the bytes the gathered one does,
// for every format, on a generated corpus of a few thousand activities.
func TestStore_Stream_ExportSameAsGathered(t *testing.T) {
	s := generated(t, 3000)
	all, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range export.Formats() {
		specs := []export.Spec{spec}
		if x, err := spec.ForExcel(); err == nil {
			specs = append(specs, x)
		}
		for _, spec := range specs {
			var want bytes.Buffer
			if err := spec.Write(&want, export.Activities(all.Rows), 100); err != nil {
				t.Fatal(err)
			}
			// Pages given, and, for the formats that stream, pages lent
			// (as list and export write them).
			lends := []bool{false}
			if spec.Streams() {
				lends = append(lends, true)
			}
			for _, lend := range lends {
				var got bytes.Buffer
				err := s.Stream(model.Query{}, store.Page{}, func(l *store.Listing) error {
					pages := func(fn func([]model.Activity) error) error { return l.Pages(333, fn) }
					if lend {
						pages = func(fn func([]model.Activity) error) error { return l.Borrow(333, fn) }
					}
					return spec.WriteStream(&got, export.ActivityPages(l.N, pages), 100)
				})
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("%s (lent %v): the streamed export (%d bytes) differs from the gathered one (%d bytes)", spec.Format, lend,
						got.Len(), want.Len())
				}
			}
		}
	}
}

// Ensure that the store's fast decoding of activity records gives what
// json.Unmarshal gives, on every record of a generated corpus and on
// records the fast path hands over to Unmarshal (escapes, nulls, fields it
// does not know, a PDF's source, malformed records).
func TestDecodeActivity_SameAsUnmarshal(t *testing.T) {
	s := generated(t, 1000)
	all, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	var records [][]byte
	for i := range all.Rows {
		b, err := json.Marshal(&all.Rows[i])
		if err != nil {
			t.Fatal(err)
		}
		records = append(records, b)
	}
	for _, r := range []string{
		`{"id":1,"month":"2020-01","text":"a \"quoted\" <b> & \u00e9 \\ text","sessions":null,"partners":[],"people":["A"],"participants":{"people":null,"approximate":true,"member_states":3,"organizations":-2},"countries":[{"code":"ML","name":"Mali"}],"regions":[],"pillars":[{"pillar":"I","matched":null}],"source":{"document":"a.pdf","page":3,"text_line":7}}`,
		`{"id":2,"text":null,"participants":null,"source":null}`,
		`{"id":3,"corrected":["text"],"text":"x"}`,
		`{"id":15,"series":"CT Travel Programme","not_activity":true,"corrected":[],"text":"x"}`,
		`{"id":16,"series":null,"not_activity":null,"corrected":null}`,
		`{"id":17,"as_read":{"kind":"other"},"corrected":["kind"],"kind":"training"}`,
		`{"ID":4,"Text":"case"}`,
		`{"id":5,"text":"x","id":6}`,
		`{"id":7.0}`, `{"id":-1}`, `{"id":99999999999}`, `{"id":8,"text":"bad utf8 ` + "\xff" + `"}`,
		`{"id":9,"sessions":[{"start":"2020-01-02","virtual":true,"region":"Sahel"}],"areas":[{"name":"Africa","kind":"M49 region"}]}`,
		`{"id":10,"participants":{"people":1,"estimate":true},"unknown":["X"],"source":{"document":"d.md","line":4}}`,
		` { "id" : 11 , "people" : [ "a" , "b" ] } `,
		`{"id":12,}`, `{"id":13`, `[1]`, `{"id":14} x`, `{"text":"a` + "\n" + `b"}`,
	} {
		records = append(records, []byte(r))
	}
	for _, r := range records {
		var want, got model.Activity
		werr := json.Unmarshal(r, &want)
		gerr := store.DecodeActivity(r, &got)
		if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\ngot  %+v (%v)\nwant %+v (%v)", r, got, gerr, want, werr)
		}
	}
}

// Ensure that a streaming listing while another writer replaces a
// document over and over never fails with "has no activity N", however
// long its pages take: ids and activities come from one read, the
// streaming twin of TestStore_List_DuringReplacingImports.
func TestStore_Stream_DuringReplacingImports(t *testing.T) {
	s := fixture(t)
	defer replaceOverAndOver(t, s.Path())()
	for range 200 {
		err := s.Stream(model.Query{}, store.Page{}, func(l *store.Listing) error {
			seen := 0
			err := l.Pages(1, func(p []model.Activity) error {
				seen += len(p)
				return nil
			})
			if err == nil && seen != l.N {
				err = fmt.Errorf("%d activities in the pages, %d listed", seen, l.N)
			}
			return err
		})
		if err != nil {
			t.Fatalf("Stream during imports: %v", err)
		}
	}
}

// Ensure that Borrow lends, page after page, the activities Pages gives,
// in the same order, while the pages' memory is reused: each page read
// during fn is the page Pages gives, and a page kept past fn is written
// over by a later one (what Borrow warns of), for pages of any size.
func TestStore_Borrow_SameAsPages(t *testing.T) {
	s := generated(t, 3000)
	for _, q := range []model.Query{{}, {Sort: model.Sort{Key: model.SortParticipants, Desc: true}}} {
		for _, size := range []int{0, 1, 7, 1000} {
			want, _, _ := streamed(t, s, q, store.Page{}, size)
			var got []string
			var kept []model.Activity
			err := s.Stream(q, store.Page{}, func(l *store.Listing) error {
				return l.Borrow(size, func(p []model.Activity) error {
					if kept == nil {
						kept = p
					}
					for i := range p {
						b, err := json.Marshal(&p[i])
						if err != nil {
							return err
						}
						got = append(got, string(b))
					}
					return nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("query %+v size %d: %d activities lent, %d given", q, size, len(got), len(want))
			}
			for i := range want {
				if b, _ := json.Marshal(&want[i]); string(b) != got[i] {
					t.Fatalf("query %+v size %d: activity %d lent as\n%s\ngiven as\n%s", q, size, i, got[i], b)
				}
			}
			if size > 0 && size < len(want)/3 && kept[0].ID == want[0].ID {
				t.Errorf("query %+v size %d: the first page's memory was not lent again", q, size)
			}
		}
	}
}

// Ensure that a listing stops at fn's first error and returns it, lent
// or given, with its reading done before it returns (the transaction
// ends then: go test -race would see a read after it).
func TestStore_Pages_StopAtError(t *testing.T) {
	s := generated(t, 3000)
	stop := errors.New("stop")
	for _, lend := range []bool{false, true} {
		for _, size := range []int{1, 7, 256} {
			seen := 0
			err := s.Stream(model.Query{}, store.Page{}, func(l *store.Listing) error {
				fn := func(p []model.Activity) error {
					if seen++; seen == 3 {
						return stop
					}
					return nil
				}
				if lend {
					return l.Borrow(size, fn)
				}
				return l.Pages(size, fn)
			})
			if !errors.Is(err, stop) || seen != 3 {
				t.Errorf("lend %v, size %d: %v after %d pages, want %v after 3", lend, size, err, seen, stop)
			}
		}
	}
}
