package tui

import (
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/store"
)

// BenchmarkFirstFrame measures what the user waits for when unoct opens on
// the embedded data: a new Store handle (its index not loaded yet), New,
// the first query as Init sends it, and the first full frame at 120×40
// (facets, list and the detail of the first activity).
func BenchmarkFirstFrame(b *testing.B) {
	path := filepath.Join(b.TempDir(), "unoct.db")
	mustSeedStoreAt(b, path)
	opts := testOptions(b)
	opts.RegionOf = nil
	for b.Loop() {
		s, err := store.Open(path, store.Options{ReaderVersion: "test"})
		if err != nil {
			b.Fatal(err)
		}
		m := New(s, opts)
		m.spinning = true // the spinner's timer is not part of the frame
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		_ = m.View() // the frame drawn while the query runs
		_, cmd := m.Update(doQuery(s, m.seq, m.query.Clone(), 60))
		runAll(m, cmd)
		if v := m.View(); len(v.Content) == 0 || !m.list.loaded || !m.detail.has {
			b.Fatal("no full frame")
		}
	}
}

// TestFirstFrameTime logs how long the first full frame takes; it fails
// only when it is far off the 100 ms budget.
func TestFirstFrameTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "unoct.db")
	mustSeedStoreAt(t, path)
	opts := testOptions(t)
	start := time.Now()
	s, err := store.Open(path, store.Options{ReaderVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	m := New(s, opts)
	m.spinning = true
	m.Init()
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	first := m.View()
	loading := time.Since(start)
	_, cmd := m.Update(doQuery(s, m.seq, m.query.Clone(), 60))
	runAll(m, cmd)
	full := m.View()
	elapsed := time.Since(start)
	t.Logf("first frame %v, first full frame %v", loading, elapsed)
	if len(first.Content) == 0 || len(full.Content) == 0 {
		t.Fatal("empty frame")
	}
	if elapsed > time.Second {
		t.Fatalf("the first full frame took %v", elapsed)
	}
}

// runAll runs cmd and what it leads to, synchronously.
func runAll(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// mustSeedStoreAt seeds a store at path.
func mustSeedStoreAt(tb testing.TB, path string) *store.Store {
	tb.Helper()
	s, err := store.Open(path, store.Options{ReaderVersion: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	seedInto(tb, s)
	return s
}
