package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// bulkHeadroom is how much the heap may grow between two collections
// during bulk work, at least.
const bulkHeadroom = 384 << 20

// bulkGC spaces the garbage collector's cycles out while an import or an
// upgrade runs, and returns the function that ends it.
//
// Reading documents allocates a great deal that dies at once (tokens,
// words, candidate names) while little stays live (a batch of
// activities and the store's pages): with the default GOGC of 100 the
// collector ran every few tens of megabytes, about a fifth of an
// import's CPU (BENCHMARKS.md, "Import at full speed"). After each
// cycle this sets the next one's target to the live heap plus the
// larger of bulkHeadroom and the live heap itself, so a small heap is
// collected about every bulkHeadroom bytes and a large one (a very large
// document) exactly as by default: the peak stays within the live heap
// plus bulkHeadroom, or twice the live heap, whichever is more. A GOGC
// or GOMEMLIMIT the user set is left alone.
func bulkGC() (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	t := &gcTuner{orig: debug.SetGCPercent(100)}
	t.retune()
	t.arm()
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		if !t.stopped {
			t.stopped = true
			debug.SetGCPercent(t.orig)
		}
	}
}

// gcTuner sets the GC percentage after every collection.
type gcTuner struct {
	orig int

	mu      sync.Mutex // orders a last retune before the stop's restore
	stopped bool
	sample  [1]metrics.Sample
}

// gcSentinel is an object only the next collection frees: its cleanup
// is the tuner's cue. It is large enough not to share a tiny block.
type gcSentinel struct {
	_ [32]byte
	_ *int
}

// arm attaches the cue to a new sentinel, which is dropped at once.
func (t *gcTuner) arm() {
	runtime.AddCleanup(&gcSentinel{}, func(t *gcTuner) {
		if t.retune() {
			t.arm()
		}
	}, t)
}

// retune reads the live heap and sets the percentage that gives the
// next cycle its headroom; false once stopped.
func (t *gcTuner) retune() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return false
	}
	t.sample[0].Name = "/gc/heap/live:bytes"
	metrics.Read(t.sample[:])
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return false
	}
	live := t.sample[0].Value.Uint64()
	pct := 100
	if live > 0 && live < bulkHeadroom {
		pct = int(min(bulkHeadroom*100/live, 1000))
	} else if live == 0 {
		pct = 1000
	}
	debug.SetGCPercent(pct)
	return true
}
