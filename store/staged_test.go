package store_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// A document of more activities than a batch is stored in several
// transactions (staged.go). These tests use batches of 16 and a
// document of 100 bullets; `unoct import` uses about 4,000.
const stagedBatch = 16

// stagedVersions are two versions of one document: the first of 30
// bullets, the second of 100, where the first's bullets come again below
// two new lines, one of them reworded, and 70 are new.
func stagedVersions() (v1, v2 string, v1Texts, v2Texts []string) {
	var b1, b2 strings.Builder
	b1.WriteString("# February\n")
	b2.WriteString("# February\n\nIntroduction added.\n")
	for i := range 30 {
		t := fmt.Sprintf("Workshop %d on border security in Bamako", i)
		v1Texts = append(v1Texts, t)
		b1.WriteString("- " + t + "\n")
		if i == 7 {
			t = "Workshop 7 on border security and human rights in Bamako"
		}
		v2Texts = append(v2Texts, t)
		b2.WriteString("- " + t + "\n")
	}
	for i := range 70 {
		t := fmt.Sprintf("Training %d of prison officials in Tunis", i)
		v2Texts = append(v2Texts, t)
		b2.WriteString("- " + t + "\n")
	}
	return b1.String(), b2.String(), v1Texts, v2Texts
}

// stagedImport imports raw as 2020-02.md in batches of stagedBatch.
func stagedImport(t *testing.T, s *store.Store, raw string) store.Outcome {
	t.Helper()
	var out store.Outcome
	err := s.ImportInputs(lineReader{}, []store.Input{{Name: "2020-02.md", Raw: []byte(raw)}},
		store.ImportOptions{BatchActivities: stagedBatch, Report: func(o store.Outcome) { out = o }})
	if err != nil || out.Err != nil {
		t.Fatalf("import: %v %v", err, out.Err)
	}
	return out
}

// seen is what one reader finds of the store, each part in one read
// (Screen): every activity's text, sorted, and what the document facet
// counts; how many activities a search finds, and how many there are
// without it.
type seen struct {
	texts                []string
	docCount             int
	search, searchOfMany int
}

func look(t *testing.T, s *store.Store) seen {
	t.Helper()
	all, err := s.Screen(model.Query{}, store.Page{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out seen
	for _, a := range all.Rows {
		out.texts = append(out.texts, a.Text)
	}
	slices.Sort(out.texts)
	for _, v := range all.Counts[model.FacetDoc] {
		out.docCount += v.Count
	}
	found, err := s.Screen(model.Query{Search: "prison"}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	out.search, out.searchOfMany = len(found.IDs), found.WithoutSearch
	return out
}

// TestImportStaged_ReadersSeeWholeDocuments: a new version of a document
// too large for one batch is stored in several transactions; a reader
// between them, and one reading all along from another handle, sees the
// old version whole (never a part of the new one: not in a listing, a
// facet's counts or a search), and then the new one whole. Ids follow
// the texts and a correction stays applied, as in one transaction.
func TestImportStaged_ReadersSeeWholeDocuments(t *testing.T) {
	s := MustCreate(t)
	v1, v2, v1Texts, v2Texts := stagedVersions()
	importRaw(t, s, lineReader{}, "2020-02.md", v1)
	before := byText(t, s)
	fixed := before["Workshop 3 on border security in Bamako"].ID
	if _, err := s.Fix(fixed, func(c *model.Correction) error {
		c.Kind = model.KindBriefing
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	oldView := seen{texts: slices.Sorted(slices.Values(v1Texts)), docCount: 30}
	newView := seen{texts: slices.Sorted(slices.Values(v2Texts)), docCount: 100, search: 70}
	whole := func(who string, got seen) {
		t.Helper()
		if !slices.Equal(got.texts, oldView.texts) && !slices.Equal(got.texts, newView.texts) {
			t.Errorf("%s sees %d activities, neither version whole", who, len(got.texts))
		}
		if got.docCount != len(got.texts) {
			t.Errorf("%s: %d activities, but the document facet counts %d", who, len(got.texts), got.docCount)
		}
		if !(got.searchOfMany == 30 && got.search == 0) && !(got.searchOfMany == 100 && got.search == 70) {
			t.Errorf("%s: a search finds %d of %d activities", who, got.search, got.searchOfMany)
		}
	}

	// A reader of its own handle all along.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var looks int
	wg.Add(1)
	go func() {
		defer wg.Done()
		r := MustOpen(t, s.Path())
		for {
			select {
			case <-stop:
				return
			default:
			}
			whole("the concurrent reader", look(t, r))
			looks++
		}
	}()

	kept := before["Workshop 20 on border security in Bamako"]
	// Between the steps, a reader of a new handle sees the old version,
	// and doctor finds no damage.
	between := func(step string, pending, records int) {
		r := MustOpen(t, s.Path())
		got := look(t, r)
		if !slices.Equal(got.texts, oldView.texts) || got.docCount != 30 || got.search != 0 {
			t.Errorf("after %s: a reader sees %d activities (facet %d, search %d), not the old version", step, len(got.texts), got.docCount, got.search)
		}
		if a, err := r.Activity(fixed); err != nil || a.Kind != model.KindBriefing {
			t.Errorf("after %s: the corrected activity reads %+v, %v", step, a, err)
		}
		if a, err := r.Activity(kept.ID); err != nil || a.Source.Line != kept.Source.Line {
			t.Errorf("after %s: a kept activity reads line %d, not its old line %d, %v", step, a.Source.Line, kept.Source.Line, err)
		}
		mustCheck(t, r) // doctor: pending activities and staged records are no damage
		if n, err := store.Pending(r); err != nil || n != pending {
			t.Errorf("after %s: %d pending, %v", step, n, err)
		}
		if n, err := store.Staging(r); err != nil || n != records {
			t.Errorf("after %s: %d records staged, %v", step, n, err)
		}
	}
	var steps, prepared []int
	defer store.SetStagedHook(func(staged int) {
		steps = append(steps, staged)
		between(fmt.Sprintf("%d staged", staged), staged, 0)
	})()
	defer store.SetPreparedHook(func(records int) {
		prepared = append(prepared, records)
		between(fmt.Sprintf("%d records prepared", records), 70, records)
	})()
	planned := false
	defer store.SetSwapHook(func(p bool) { planned = p })()
	out := stagedImport(t, s, v2)
	close(stop)
	wg.Wait()

	if want := []int{16, 32, 48, 64, 70}; !slices.Equal(steps, want) {
		t.Errorf("staged in steps %v, want %v (70 new activities by 16)", steps, want)
	}
	// The 30 kept activities moved two lines down: their records change
	// (16 compared in the first step, 14 in the second); the new ones
	// are stored as staged.
	if want := []int{16, 30}; !slices.Equal(prepared, want) {
		t.Errorf("swap prepared in steps %v, want %v", prepared, want)
	}
	if !planned {
		t.Error("the swap did not apply its preparation")
	}
	if n, err := store.Staging(s); err != nil || n != 0 {
		t.Errorf("%d records left staged, %v", n, err)
	}
	if a, err := s.Activity(kept.ID); err != nil || a.Source.Line != kept.Source.Line+2 {
		t.Errorf("after the import: a kept activity on line %d, want %d (two lines down), %v", a.Source.Line, kept.Source.Line+2, err)
	}
	if out.Result.Status != store.Replaced || out.Result.Activities != 100 || out.Result.Removed != 30 {
		t.Errorf("result %+v", out.Result)
	}
	if c := out.Result.Changes; c == nil || len(c.Added) != 70 || len(c.Changed) != 1 || len(c.Removed) != 0 {
		t.Errorf("changes %+v", c)
	}
	whole("after the import", look(t, s))
	if got := look(t, s); !slices.Equal(got.texts, newView.texts) {
		t.Errorf("after the import: %d activities, want the new version's 100", len(got.texts))
	}
	after := byText(t, s)
	for text, a := range before {
		if text == "Workshop 7 on border security in Bamako" {
			text = "Workshop 7 on border security and human rights in Bamako"
		}
		if after[text].ID != a.ID {
			t.Errorf("%q: id %d, was %d", text, after[text].ID, a.ID)
		}
	}
	if a := after["Workshop 3 on border security in Bamako"]; a.Kind != model.KindBriefing || !slices.Equal(a.Corrected, []string{"kind"}) {
		t.Errorf("the correction is lost: %+v", a)
	}
	if got := lines(t, s, q("", "kind", "briefing")); len(got) != 1 {
		t.Errorf("kind briefing finds %v", got)
	}
	if n, err := store.Pending(s); err != nil || n != 0 {
		t.Errorf("%d pending after the import, %v", n, err)
	}
	mustCheck(t, s)
	t.Logf("the concurrent reader looked %d times", looks)
}

// TestImportStaged_KilledMidway: a staged import killed between its
// steps (the file as it was then, copied), while it stages its new
// activities or while it prepares its swap, leaves the old version
// whole (or, for a new document, none of it) and doctor OK; the pending
// activities, their lines and the staged records go with the next write
// once stale, and the import done again stores the new version with
// every id kept.
func TestImportStaged_KilledMidway(t *testing.T) {
	for _, tc := range []struct {
		name             string
		pending, records int  // what the killed store holds
		fresh            bool // a new document: no old version
	}{
		{"while staging", 32, 0, false},
		{"while preparing the swap", 70, 16, false},
		{"a new document while staging", 32, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := MustCreate(t)
			v1, v2, v1Texts, v2Texts := stagedVersions()
			if tc.fresh {
				v1Texts = nil
			} else {
				importRaw(t, s, lineReader{}, "2020-02.md", v1)
			}
			before := byText(t, s)
			killed := filepath.Join(t.TempDir(), "killed.db")
			kill := func(pending, records int) {
				if pending != tc.pending || records != tc.records {
					return
				}
				raw, err := os.ReadFile(s.Path())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(killed, raw, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			restore := store.SetStagedHook(func(staged int) { kill(staged, 0) })
			restore2 := store.SetPreparedHook(func(records int) { kill(70, records) })
			stagedImport(t, s, v2)
			restore()
			restore2()

			k := MustOpen(t, killed)
			if got := look(t, k); !slices.Equal(got.texts, slices.Sorted(slices.Values(v1Texts))) || got.docCount != len(v1Texts) || got.search != 0 {
				t.Fatalf("the killed store shows %d activities (facet %d, search %d), not the old version", len(got.texts), got.docCount, got.search)
			}
			if got := byText(t, k); !reflect.DeepEqual(got, before) {
				t.Errorf("the killed store's activities are not the old version's")
			}
			mustCheck(t, k)
			if n, _ := store.Pending(k); n != tc.pending {
				t.Errorf("%d pending in the killed store, want %d", n, tc.pending)
			}
			if n, _ := store.Staging(k); n != tc.records {
				t.Errorf("%d records staged in the killed store, want %d", n, tc.records)
			}

			// A write while the mark is fresh leaves it (its import may be
			// running); once stale, the next write removes it.
			importRaw(t, k, lineReader{}, "2020-03.md", "- Briefing on victims in Geneva\n")
			if n, _ := store.Pending(k); n != tc.pending {
				t.Errorf("a fresh mark: %d pending after a write, want %d", n, tc.pending)
			}
			defer store.SetPendingStale(0)()
			importRaw(t, k, lineReader{}, "2020-04.md", "- Briefing on victims in Vienna\n")
			if n, _ := store.Pending(k); n != 0 {
				t.Errorf("a stale mark: %d pending after a write, want 0", n)
			}
			if n, _ := store.Staging(k); n != 0 {
				t.Errorf("a stale mark: %d records staged after a write, want 0", n)
			}
			mustCheck(t, k)

			stagedImport(t, k, v2)
			after := byText(t, k)
			for _, text := range v2Texts {
				if _, ok := after[text]; !ok {
					t.Errorf("%q missing after the import done again", text)
				}
			}
			for text, a := range before {
				if text == "Workshop 7 on border security in Bamako" {
					text = "Workshop 7 on border security and human rights in Bamako"
				}
				if after[text].ID != a.ID {
					t.Errorf("%q: id %d, was %d", text, after[text].ID, a.ID)
				}
			}
			if len(after) != 102 {
				t.Errorf("%d activities, want 100 and the two briefings", len(after))
			}
			mustCheck(t, k)
		})
	}
}

// TestImportStaged_SameAsOneTransaction: a new document stored in steps
// answers every query as the same document stored in one transaction.
func TestImportStaged_SameAsOneTransaction(t *testing.T) {
	_, v2, _, _ := stagedVersions()
	one, staged := MustCreate(t), MustCreate(t)
	importRaw(t, one, lineReader{}, "2020-02.md", v2)
	out := stagedImport(t, staged, v2)
	if out.Result.Status != store.Added || out.Result.Activities != 100 {
		t.Errorf("result %+v", out.Result)
	}
	for _, qq := range []model.Query{{}, q("prison"), q("", "kind", "training"), q("bamako", "pillar", "IV")} {
		a, b := lines(t, one, qq), lines(t, staged, qq)
		if !slices.Equal(a, b) {
			t.Errorf("%+v: one transaction %v, staged %v", qq, a, b)
		}
	}
	mustCheck(t, staged)
	// The same text again is unchanged, and stages nothing.
	restore := store.SetStagedHook(func(int) { t.Error("the same text was staged again") })
	defer restore()
	if out := stagedImport(t, staged, v2); out.Result.Status != store.Unchanged {
		t.Errorf("again: %+v", out.Result)
	}
}

// TestImportStaged_Interrupted: Ctrl-C (ImportOptions.Stop) between the
// steps of a staged import, while it stages or while it prepares its
// swap, ends it there: the document keeps its old version, what was
// staged is removed at once, the document is not reported, and
// ImportInputs says it was interrupted.
func TestImportStaged_Interrupted(t *testing.T) {
	for _, during := range []string{"staging", "preparing"} {
		t.Run(during, func(t *testing.T) {
			s := MustCreate(t)
			v1, v2, v1Texts, _ := stagedVersions()
			importRaw(t, s, lineReader{}, "2020-02.md", v1)
			stop := make(chan struct{})
			if during == "staging" {
				defer store.SetStagedHook(func(staged int) {
					if staged == 32 {
						close(stop)
					}
				})()
			} else {
				defer store.SetPreparedHook(func(records int) {
					if records == 16 {
						close(stop)
					}
				})()
			}
			reported := 0
			err := s.ImportInputs(lineReader{}, []store.Input{{Name: "2020-02.md", Raw: []byte(v2)}},
				store.ImportOptions{BatchActivities: stagedBatch, Stop: stop, Report: func(store.Outcome) { reported++ }})
			if !errors.Is(err, store.ErrInterrupted) || reported != 0 {
				t.Fatalf("ImportInputs: %v, %d reported; want ErrInterrupted and none", err, reported)
			}
			if got := look(t, s); !slices.Equal(got.texts, slices.Sorted(slices.Values(v1Texts))) || got.docCount != 30 {
				t.Errorf("after the interruption: %d activities (facet %d), not the old version", len(got.texts), got.docCount)
			}
			if n, err := store.Pending(s); err != nil || n != 0 {
				t.Errorf("%d pending after the interruption, %v", n, err)
			}
			if n, err := store.Staging(s); err != nil || n != 0 {
				t.Errorf("%d records staged after the interruption, %v", n, err)
			}
			mustCheck(t, s)
		})
	}
}

// TestImportStaged_NewVersionSameAsOneTransaction: a new version of a
// document stored in steps, its swap prepared in read transactions,
// leaves the store as one transaction leaves it: every activity (ids,
// lines, change marks, corrections), every query, the result and the
// change record. The new version moves the old bullets two lines down,
// rewords one (corrected before: flagged for review), removes one and
// adds 70; a correction stays applied. When another process writes
// between the steps (a correction made meanwhile: while it stages, while
// it prepares the swap, or just before the swap), the preparation is not
// trusted: it is done again, or, once the tries are spent (here: one),
// the swap does the comparing itself, with the same outcome.
func TestImportStaged_NewVersionSameAsOneTransaction(t *testing.T) {
	v1, v2, _, _ := stagedVersions()
	v3 := strings.Replace(v2, "- Workshop 12 on border security in Bamako\n", "", 1)
	fix := func(t *testing.T, s *store.Store, text string, kind model.Kind) {
		t.Helper()
		a, ok := byText(t, s)[text]
		if !ok {
			t.Fatalf("no activity %q", text)
		}
		if _, err := s.Fix(a.ID, func(c *model.Correction) error {
			c.Kind = kind
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		planned bool
		// meanwhile: when another handle corrects an activity (in the
		// one-transaction store, before the import)
		meanwhile string
		tries     int // how many times the swap is prepared at most (0: the default)
	}{
		{"prepared", true, "", 0},
		{"a write while staging, prepared again", true, "staged", 0},
		{"a write while preparing, prepared again", true, "prepared", 0},
		{"a write before the swap, prepared again", true, "swap", 0},
		{"a write while staging, compared in the swap", false, "staged", 1},
		{"a write while preparing, compared in the swap", false, "prepared", 1},
		{"a write before the swap, compared in the swap", false, "swap", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.tries > 0 {
				defer store.SetPrepareTries(tc.tries)()
			}
			one, staged := MustCreate(t), MustCreate(t)
			importRaw(t, one, lineReader{}, "2020-02.md", v1)
			stagedImport(t, staged, v1)
			for _, s := range []*store.Store{one, staged} {
				fix(t, s, "Workshop 3 on border security in Bamako", model.KindBriefing)
				fix(t, s, "Workshop 7 on border security in Bamako", model.KindMeeting)
			}
			another := func() {
				fix(t, MustOpen(t, staged.Path()), "Workshop 20 on border security in Bamako", model.KindConference)
			}
			if tc.meanwhile != "" {
				fix(t, one, "Workshop 20 on border security in Bamako", model.KindConference)
			}
			done := false
			hook := func(int) {
				if !done {
					done = true
					another()
				}
			}
			switch tc.meanwhile {
			case "staged":
				defer store.SetStagedHook(hook)()
			case "prepared":
				defer store.SetPreparedHook(hook)()
			case "swap":
				defer store.SetBeforeSwapHook(func() { hook(0) })()
			}
			planned := false
			defer store.SetSwapHook(func(p bool) { planned = p })()
			want := importRaw(t, one, lineReader{}, "2020-02.md", v3).Result
			got := stagedImport(t, staged, v3).Result
			if planned != tc.planned {
				t.Errorf("the swap applied a preparation: %v, want %v", planned, tc.planned)
			}
			if got.Status != store.Replaced || got.Activities != 99 || got.Removed != 30 || got.Review != 1 {
				t.Errorf("result %+v", got)
			}
			if c := got.Changes; c == nil || len(c.Added) != 70 || len(c.Changed) != 1 || len(c.Removed) != 1 {
				t.Errorf("changes %+v", c)
			}
			for _, r := range []*store.ImportResult{&want, &got} {
				if r.Changes != nil {
					r.Changes.At = ""
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("staged: %+v\n changes %+v\none transaction: %+v\n changes %+v", got, got.Changes, want, want.Changes)
			}
			sameStores(t, one, staged)
			if n, err := store.Staging(staged); err != nil || n != 0 {
				t.Errorf("%d records left staged, %v", n, err)
			}
			mustCheck(t, staged)
		})
	}
}

// sameStores fails unless a and b hold the same activities (every field,
// ids included), answer the same queries and recorded the same changes.
func sameStores(t *testing.T, a, b *store.Store) {
	t.Helper()
	all := func(s *store.Store) map[uint32]string {
		res, err := s.Query(model.Query{})
		if err != nil {
			t.Fatal(err)
		}
		acts, err := s.Get(res.IDs...)
		if err != nil {
			t.Fatal(err)
		}
		out := make(map[uint32]string)
		for _, x := range acts {
			enc, err := json.Marshal(x)
			if err != nil {
				t.Fatal(err)
			}
			out[x.ID] = string(enc)
		}
		return out
	}
	x, y := all(a), all(b)
	if len(x) != len(y) {
		t.Errorf("%d activities against %d", len(x), len(y))
	}
	for id, enc := range x {
		if y[id] != enc {
			t.Errorf("activity %d:\n%s\nagainst\n%s", id, enc, y[id])
		}
	}
	for _, qq := range []model.Query{{}, q("prison"), q("", "kind", "training"), q("", "kind", "briefing"), q("", "change", model.ChangeNew), q("", "change", model.ChangeChanged), q("bamako", "pillar", "IV")} {
		if l1, l2 := lines(t, a, qq), lines(t, b, qq); !slices.Equal(l1, l2) {
			t.Errorf("%+v: %v against %v", qq, l1, l2)
		}
	}
	changes := func(s *store.Store) []store.Change {
		cs, err := s.Changes("")
		if err != nil {
			t.Fatal(err)
		}
		for i := range cs {
			cs[i].At = ""
		}
		return cs
	}
	if c1, c2 := changes(a), changes(b); !reflect.DeepEqual(c1, c2) {
		t.Errorf("changes:\n%+v\nagainst\n%+v", c1, c2)
	}
}

// TestRead_WaitsForAWriter: a reader that finds the file held by a
// writer (only a writer can hold it against a reader) waits for it as
// long as a writer would, rather than give up after 2 s as it did while
// a large document's swap ran; once it has waited a second it says so
// through Options.Waiting, once, and goes on waiting: here the writer
// lets go when told, and the read answers.
func TestRead_WaitsForAWriter(t *testing.T) {
	s := MustCreate(t)
	importRaw(t, s, lineReader{}, "2020-02.md", "- Workshop on border security in Bamako\n")
	defer store.SetWaitNotice(20 * time.Millisecond)()
	h, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = h.Close() }()
	told := 0
	r, err := store.Open(s.Path(), store.Options{ReaderVersion: "test-1", Waiting: func() {
		told++
		_ = h.Close() // the writer's transaction ends
	}})
	if err != nil {
		t.Fatal(err)
	}
	if told != 1 {
		t.Fatalf("Waiting called %d times while Open waited, want once", told)
	}
	if r, w := store.LockWait(r, false), store.LockWait(r, true); r != w {
		t.Errorf("a read waits %v, a write %v: want the same", r, w)
	}
	h, err = bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	told = 0
	if got := lines(t, r, model.Query{}); len(got) != 1 {
		t.Errorf("the read after the wait found %v", got)
	}
	if told != 1 {
		t.Errorf("Waiting called %d times while a read waited, want once", told)
	}
}

// TestImportStaged_SameTextMeanwhile: while a new document is staged,
// lines and all, another process stores the same text under another
// name: the staged import ends Unchanged, naming it, and takes away
// what it staged (activities, index entries and lines): doctor OK, the
// text stored once.
func TestImportStaged_SameTextMeanwhile(t *testing.T) {
	_, v2, _, v2Texts := stagedVersions()
	s := MustCreate(t)
	done := false
	defer store.SetStagedHook(func(int) {
		if !done {
			done = true
			importRaw(t, MustOpen(t, s.Path()), lineReader{}, "2020-02-copy.md", v2)
		}
	})()
	out := stagedImport(t, s, v2)
	if out.Result.Status != store.Unchanged || out.Result.SameAs != "2020-02-copy.md" {
		t.Errorf("result %+v", out.Result)
	}
	if got := look(t, s); !slices.Equal(got.texts, slices.Sorted(slices.Values(v2Texts))) || got.docCount != 100 {
		t.Errorf("%d activities (facet %d), want the copy's 100", len(got.texts), got.docCount)
	}
	if n, err := store.Pending(s); err != nil || n != 0 {
		t.Errorf("%d pending, %v", n, err)
	}
	mustCheck(t, s)
}

// TestImportStaged_SameNameMeanwhile: while a new document is staged,
// lines and all, another process stores another version of it under
// the same name. That import does not take the staged lines for an old
// version (its document is added, nothing removed); the staged import
// then finds the document changed and stops, saying to import it
// again, and takes away what it staged without touching the other's
// lines: the other version whole, doctor OK.
func TestImportStaged_SameNameMeanwhile(t *testing.T) {
	v1, v2, v1Texts, _ := stagedVersions()
	s := MustCreate(t)
	done := false
	var other store.Outcome
	defer store.SetStagedHook(func(int) {
		if !done {
			done = true
			other = importRaw(t, MustOpen(t, s.Path()), lineReader{}, "2020-02.md", v1)
		}
	})()
	var out store.Outcome
	err := s.ImportInputs(lineReader{}, []store.Input{{Name: "2020-02.md", Raw: []byte(v2)}},
		store.ImportOptions{BatchActivities: stagedBatch, Report: func(o store.Outcome) { out = o }})
	if err == nil {
		err = out.Err
	}
	if err == nil || !strings.Contains(err.Error(), "changed by another import meanwhile") {
		t.Errorf("the staged import: %v, want it refused as changed meanwhile", err)
	}
	if other.Result.Status != store.Added || other.Result.Removed != 0 {
		t.Errorf("the other import: %+v", other.Result)
	}
	if got := look(t, s); !slices.Equal(got.texts, slices.Sorted(slices.Values(v1Texts))) || got.docCount != 30 {
		t.Errorf("%d activities (facet %d), want the other version's 30", len(got.texts), got.docCount)
	}
	if n, err := store.Pending(s); err != nil || n != 0 {
		t.Errorf("%d pending, %v", n, err)
	}
	mustCheck(t, s)
}
