package store_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// fakeReader reads inputs whose bytes name a prepared document: "doc N"
// is docs[N]; "fail" is an error, "panic" a panic.
type fakeReader struct {
	docs  []store.ImportItem
	reads *atomic.Int64
}

func (fakeReader) Version() string { return "test-1" }

func (r fakeReader) Derive(name string, raw []byte, month string) (model.Derived, error) {
	if r.reads != nil {
		r.reads.Add(1)
	}
	var n int
	switch text := string(raw); {
	case text == "fail":
		return model.Derived{}, fmt.Errorf("%s:1: not a document", name)
	case text == "panic":
		panic("index out of range")
	case strings.HasPrefix(text, "doc "):
		if _, err := fmt.Sscanf(text, "doc %d", &n); err != nil {
			return model.Derived{}, err
		}
	default:
		return model.Derived{}, fmt.Errorf("%s: unexpected input %q", name, text)
	}
	it := r.docs[n]
	doc := it.Doc
	doc.Name = name // another input's bytes: a copy under another name
	return model.Derived{Doc: doc, Activities: it.Activities, Notes: []string{"read " + name}}, nil
}

// pipelineInputs makes n inputs of per activities each (in several
// batches: more than 256 documents), and the documents they read as.
func pipelineInputs(n, per int) (fakeReader, []store.Input) {
	r := rand.New(rand.NewPCG(8, 8))
	var fr fakeReader
	inputs := make([]store.Input, n)
	for i := range inputs {
		m := month(i % 120)
		name := fmt.Sprintf("h-%s-%d.md", m, i)
		as := synth(r, m, 10, per, 20)
		fr.docs = append(fr.docs, store.ImportItem{Doc: newDoc(name, m, as), Activities: as})
		inputs[i] = store.Input{Name: name, Raw: fmt.Appendf(nil, "doc %d", i)}
	}
	return fr, inputs
}

// TestImportInputs_OrderAndBadDocuments: every input is reported once,
// in the order given, across batches; a document that cannot be loaded,
// that the reader refuses or panics on, or that the store refuses, is
// reported as such and the others are imported as one-by-one imports
// would import them.
func TestImportInputs_OrderAndBadDocuments(t *testing.T) {
	fr, inputs := pipelineInputs(600, 3)
	inputs[3].Raw = []byte("fail")
	inputs[10].Raw, inputs[10].Load = nil, func() ([]byte, error) { return nil, errors.New("h-10.md: permission denied") }
	inputs[11].Raw, inputs[11].Load = nil, func() ([]byte, error) { return []byte("doc 11"), nil }
	inputs[299].Raw = []byte("panic")
	// Two activities on one line: the store refuses the document.
	bad := &fr.docs[257]
	bad.Activities[1].Source.Line = bad.Activities[0].Source.Line
	bad.Doc = newDoc(bad.Doc.Name, bad.Doc.Month, bad.Activities)
	// The content of another document: unchanged.
	inputs[400].Raw = []byte("doc 5")
	want := map[int]string{3: "unreadable", 10: "unreadable", 299: "unreadable", 257: "invalid", 400: "unchanged"}

	s := MustCreate(t)
	var got []store.Outcome
	err := s.ImportInputs(fr, inputs, store.ImportOptions{Report: func(o store.Outcome) { got = append(got, o) }})
	if err != nil {
		t.Fatalf("ImportInputs: %v", err)
	}
	if len(got) != len(inputs) {
		t.Fatalf("%d outcomes for %d inputs", len(got), len(inputs))
	}
	one := MustCreate(t)
	var good []store.ImportItem
	for i, o := range got {
		if o.Index != i || o.Name != inputs[i].Name {
			t.Fatalf("outcome %d is input %d (%s)", i, o.Index, o.Name)
		}
		var is string
		switch {
		case errors.Is(o.Err, store.ErrUnreadable):
			is = "unreadable"
		case errors.Is(o.Err, store.ErrInvalid):
			is = "invalid"
		case o.Err != nil:
			t.Fatalf("input %d: %v", i, o.Err)
		case o.Result.Status == store.Unchanged:
			is = "unchanged"
		}
		if is != want[i] {
			t.Errorf("input %d: %q (%v), want %q", i, is, o.Err, want[i])
		}
		if o.Err == nil {
			if o.Result.Document != o.Derived.Doc.Name || len(o.Derived.Notes) != 1 {
				t.Errorf("input %d: result %+v, notes %q", i, o.Result, o.Derived.Notes)
			}
			good = append(good, store.ImportItem{Doc: o.Derived.Doc, Activities: o.Derived.Activities})
		}
	}
	// ImportMany is what one-by-one imports would do (see
	// TestStore_ImportMany_SameAsOneByOne).
	if _, errs := one.ImportMany(good); errors.Join(errs...) != nil {
		t.Fatal(errors.Join(errs...))
	}
	if msg := got[3].Err.Error(); msg != inputs[3].Name+":1: not a document" {
		t.Errorf("a reader's error is changed: %q", msg)
	}
	if msg := got[299].Err.Error(); !strings.Contains(msg, "the reader failed: index out of range") {
		t.Errorf("a reader's panic: %q", msg)
	}
	if got[400].Result.SameAs != inputs[5].Name {
		t.Errorf("copy: %+v", got[400].Result)
	}
	if a, b := contents(t, one), contents(t, s); a != b {
		t.Errorf("the pipeline stored other things than one-by-one imports")
	}
	mustCheck(t, s)
}

// TestImportInputs_Progress: the progress callback counts up from 0 to
// the number of inputs, once each, ending at done == total.
func TestImportInputs_Progress(t *testing.T) {
	fr, inputs := pipelineInputs(300, 1)
	var calls []string
	s := MustCreate(t)
	err := s.ImportInputs(fr, inputs, store.ImportOptions{Progress: func(done, total int) {
		calls = append(calls, fmt.Sprint(done, "/", total))
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != len(inputs)+1 {
		t.Fatalf("%d progress calls for %d inputs", len(calls), len(inputs))
	}
	for i, c := range calls {
		if want := fmt.Sprint(i, "/", len(inputs)); c != want {
			t.Fatalf("call %d: %s, want %s", i, c, want)
		}
	}
}

// TestImportInputs_StoreFailureStops: a store failure in the second
// batch rolls that batch back, is reported for each of its documents and
// returned, and stops the import; the first batch stays.
func TestImportInputs_StoreFailureStops(t *testing.T) {
	fr, inputs := pipelineInputs(700, 1)
	fr.reads = new(atomic.Int64)
	boom := errors.New("injected failure")
	var writes int
	restore := store.SetImportHook(func() error {
		if writes++; writes > 256 {
			return boom
		}
		return nil
	})
	defer restore()
	s := MustCreate(t)
	var got []store.Outcome
	err := s.ImportInputs(fr, inputs, store.ImportOptions{Report: func(o store.Outcome) { got = append(got, o) }})
	if !errors.Is(err, boom) {
		t.Fatalf("ImportInputs: %v, want the injected failure", err)
	}
	if len(got) != 2*256 {
		t.Fatalf("%d outcomes, want the two batches of 256", len(got))
	}
	for i, o := range got {
		if failed := errors.Is(o.Err, boom); failed != (i >= 256) {
			t.Errorf("input %d: %v", i, o.Err)
		}
	}
	docs, err := s.Documents()
	if err != nil || len(docs) != 256 {
		t.Errorf("the store holds %d documents (%v), want the first batch's 256", len(docs), err)
	}
	// Reading stops too, a window ahead of the failure at most.
	if n := fr.reads.Load(); n > 2*256+256 {
		t.Errorf("%d inputs read", n)
	}
}

// TestImportInputs_Empty: nothing to import is not an error.
func TestImportInputs_Empty(t *testing.T) {
	s := MustCreate(t)
	if err := s.ImportInputs(fakeReader{}, nil, store.ImportOptions{Report: func(store.Outcome) { t.Error("reported") }}); err != nil {
		t.Fatal(err)
	}
	if empty, _ := s.IsEmpty(); !empty {
		t.Error("not empty")
	}
}
