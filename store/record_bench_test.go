package store_test

import (
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// BenchmarkRecord encodes and decodes the records of a generated corpus
// of 1,000 activities, a record per op.
func BenchmarkRecord(b *testing.B) {
	s := generated(b, 1000)
	all, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		b.Fatal(err)
	}
	acts := all.Rows
	var encs [][]byte
	for i := range acts {
		enc, err := store.EncodeActivity(&acts[i])
		if err != nil {
			b.Fatal(err)
		}
		encs = append(encs, enc)
	}
	b.Run("encode", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := store.EncodeActivity(&acts[i%len(acts)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			var a model.Activity
			if err := store.DecodeActivity(encs[i%len(encs)], &a); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}
