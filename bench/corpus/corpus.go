// Package corpus builds, caches and opens the synthetic corpora and
// stores that unoct's benchmarks run on (bench, and the TUI's
// benchmarks in tui). It is for tests only.
package corpus

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/unoct/unoct/data/gen"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/store"
)

// The corpora and stores benchmarks run on are built on first use and
// cached under $UNOCT_BENCH_DIR (default: $TMPDIR/unoct-bench), so that a
// second run, or another benchmark of the same size, starts at once:
//
//	corpus-<n>-<seed>-g<v>/highlights-*.md   the generated documents
//	store-<n>-<seed>-g<v>.db                 the store they import into
//
// (v is gen.Version).
//
// A store is rebuilt when the reader's version changes (the CLI would
// re-derive it on open otherwise); delete the directory to start afresh.

// Seed is the corpus seed of every benchmark.
const Seed = 1

// Sizes are the corpus sizes benchmarks run at.
var Sizes = []struct {
	label string
	n     int
	large bool
}{
	{"1k", 1_000, false},
	{"10k", 10_000, false},
	{"100k", 100_000, true},
	{"1M", 1_000_000, true},
}

// Dir is where corpora and stores are cached.
func Dir() string {
	if d := os.Getenv("UNOCT_BENCH_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "unoct-bench")
}

// RunSizes runs fn as a sub-benchmark per corpus size, n=1k to n=1M.
// The large sizes run only when UNOCT_BENCH_LARGE=1 or when the -bench
// pattern names them ("n=100k", "1M"), so that `-bench .` stays quick.
func RunSizes(b *testing.B, fn func(b *testing.B, c *Corpus)) {
	pattern := ""
	if f := flag.Lookup("test.bench"); f != nil {
		pattern = f.Value.String()
	}
	for _, sz := range Sizes {
		b.Run("n="+sz.label, func(b *testing.B) {
			if sz.large && os.Getenv("UNOCT_BENCH_LARGE") != "1" && !strings.Contains(pattern, sz.label) {
				b.Skipf("large corpus: name it in -bench (n=%s) or set UNOCT_BENCH_LARGE=1", sz.label)
			}
			fn(b, Get(b, sz.n))
		})
	}
}

// Corpus is a generated corpus held in memory and its cached store.
type Corpus struct {
	N    int    // activities
	Dir  string // where its documents are
	Docs []Doc  // in file order

	storeOnce sync.Once
	StorePath string // the cached store, once Store has been called
	storeErr  error
}

// Doc is one document of a corpus.
type Doc struct {
	Name string
	Raw  []byte
}

// The corpora of this process, generated or read once each, and the
// reader, built once: benchmarks of every size share them.
var (
	corporaMu sync.Mutex
	corpora   = map[int]*Corpus{}
	newReader = sync.OnceValues(reader.Default)
)

// Reader is the reader over the embedded tables, built once.
func Reader(b testing.TB) *reader.Reader {
	rd, err := newReader()
	if err != nil {
		b.Fatal(err)
	}
	return rd
}

// Get returns the corpus of n activities, generating its files the
// first time.
func Get(b testing.TB, n int) *Corpus {
	corporaMu.Lock()
	defer corporaMu.Unlock()
	if c, ok := corpora[n]; ok {
		return c
	}
	dir := filepath.Join(Dir(), fmt.Sprintf("corpus-%d-%d-g%d", n, Seed, gen.Version))
	plan := gen.Plan(n, Seed)
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err != nil {
		b.Logf("generating %d activities into %s", n, dir)
		_ = os.RemoveAll(dir)
		g, err := gen.New()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.Write(dir, n, Seed); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(done, []byte(fmt.Sprintf("%d documents\n", len(plan))), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	c := &Corpus{N: n, Dir: dir}
	for _, d := range plan {
		raw, err := os.ReadFile(filepath.Join(dir, d.Name))
		if err != nil {
			b.Fatal(err)
		}
		c.Docs = append(c.Docs, Doc{d.Name, raw})
	}
	corpora[n] = c
	return c
}

// Files lists the corpus's documents as paths.
func (c *Corpus) Files() []string {
	out := make([]string, len(c.Docs))
	for i, d := range c.Docs {
		out[i] = filepath.Join(c.Dir, d.Name)
	}
	return out
}

// Store opens the corpus's cached store, building it the first time
// through the real reader and the store's import pipeline, as `unoct
// import` does.
func (c *Corpus) Store(b testing.TB) *store.Store {
	c.storeOnce.Do(func() {
		c.StorePath = filepath.Join(Dir(), fmt.Sprintf("store-%d-%d-g%d.db", c.N, Seed, gen.Version))
		stamp := c.StorePath + ".reader"
		if v, err := os.ReadFile(stamp); err == nil && string(v) == reader.CurrentVersion() {
			return
		}
		b.Logf("importing %d activities into %s", c.N, c.StorePath)
		_ = os.Remove(c.StorePath)
		s, err := Open(c.StorePath)
		if err != nil {
			c.storeErr = err
			return
		}
		if _, err := ImportAll(Reader(b), s, c.Docs); err != nil {
			c.storeErr = err
			return
		}
		c.storeErr = os.WriteFile(stamp, []byte(reader.CurrentVersion()), 0o644)
	})
	if c.storeErr != nil {
		b.Fatal(c.storeErr)
	}
	s, err := Open(c.StorePath)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// Open opens a store as the CLI does (with the current reader version,
// so that nothing is re-derived).
func Open(path string) (*store.Store, error) {
	return store.Open(path, store.Options{ReaderVersion: reader.CurrentVersion()})
}

// ImportAll imports docs, held in memory, through the store's import
// pipeline, as `unoct import` does (gen.ImportAll).
func ImportAll(rd *reader.Reader, s *store.Store, docs []Doc) (int, error) {
	inputs := make([]store.Input, len(docs))
	for i, d := range docs {
		inputs[i] = store.Input{Name: d.Name, Raw: d.Raw}
	}
	return gen.ImportAll(rd, s, inputs)
}
