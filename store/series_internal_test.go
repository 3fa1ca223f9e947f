package store

import (
	"math/rand/v2"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestIntersectWork is roaring.FastAnd of the terms and the window,
// whatever the order it takes them in.
func TestIntersectWork(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 400_000
	for c := range 200 {
		var terms []*roaring.Bitmap
		for range r.IntN(5) {
			bm := roaring.New()
			every := 1 + r.IntN(50)
			for id := uint32(r.IntN(every)); id < n; id += uint32(1 + r.IntN(2*every)) {
				bm.Add(id)
			}
			terms = append(terms, bm)
		}
		window := roaring.New()
		lo := uint64(r.IntN(n))
		window.AddRange(lo, lo+uint64(r.IntN(90_000)))
		window.RunOptimize()
		want := roaring.FastAnd(append([]*roaring.Bitmap{window}, terms...)...)
		if got := intersectWork(append([]*roaring.Bitmap(nil), terms...), window); !got.Equals(want) {
			t.Fatalf("case %d: %d ids, want %d", c, got.GetCardinality(), want.GetCardinality())
		}
	}
}

// BenchmarkIntersectWork is the same-work candidates of one activity in
// a store of a million: a branch and a kind of a third of it each, a
// partner and a country of a few per cent, spread over every id, and a
// window of three months' neighbouring ids.
func BenchmarkIntersectWork(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	const n = 1_000_000
	spread := func(share float64) *roaring.Bitmap {
		bm := roaring.New()
		for id := range uint32(n) {
			if r.Float64() < share {
				bm.Add(id)
			}
		}
		bm.RunOptimize()
		return bm
	}
	terms := []*roaring.Bitmap{spread(0.3), spread(0.3), spread(0.04), spread(0.02)}
	window := roaring.New()
	window.AddRange(500_000, 550_000)
	window.RunOptimize()
	b.ReportAllocs()
	for b.Loop() {
		intersectWork(append([]*roaring.Bitmap(nil), terms...), window)
	}
}
