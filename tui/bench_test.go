package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/store"
)

// BenchmarkFirstFrame is a start on the seeded store: open, the first
// frame, the first query and the first full frame.
func BenchmarkFirstFrame(b *testing.B) {
	path := filepath.Join(b.TempDir(), "unoct.db")
	mustSeedStoreAt(b, path)
	opts := testOptions(b)

	for b.Loop() {
		s, err := store.Open(path, store.Options{ReaderVersion: "test"})
		if err != nil {
			b.Fatal(err)
		}
		m := New(s, opts)
		m.spinning = true
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.View()
		_, cmd := m.Update(doQuery(s, m.seq, m.query.Clone(), 60))
		runAll(m, cmd)
		if v := m.View(); v.Content == "" || !m.loaded || !strings.Contains(v.Content, "Activity ") {
			b.Fatal("empty frame")
		}
	}
}

// TestFirstFrameTime bounds the time to the first full frame.
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
	m.View()
	first := time.Since(start)
	_, cmd := m.Update(doQuery(s, m.seq, m.query.Clone(), 60))
	runAll(m, cmd)
	v := m.View()
	full := time.Since(start)
	t.Logf("first frame %v, first full frame %v", first, full)
	if v.Content == "" || len(m.res.IDs) == 0 {
		t.Fatal("no full frame")
	}
	if full > time.Second {
		t.Fatalf("the first full frame took %v", full)
	}
}

// runAll runs cmd and every command its messages lead to, dropping
// timers.
func runAll(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, spinner.TickMsg, pollMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// mustSeedStoreAt seeds a store at path with the embedded documents.
func mustSeedStoreAt(t testing.TB, path string) {
	t.Helper()
	s, err := store.Open(path, store.Options{LockTimeout: 5 * time.Second, ReaderVersion: "test"})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	seedInto(t, s)
}
