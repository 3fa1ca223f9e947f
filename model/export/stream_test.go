package export_test

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// pagesOf hands acts over size at a time, as a store listing does.
func pagesOf(acts []model.Activity, size int) func(fn func([]model.Activity) error) error {
	return func(fn func([]model.Activity) error) error {
		for i := 0; i < len(acts); i += size {
			if err := fn(acts[i:min(i+size, len(acts))]); err != nil {
				return err
			}
		}
		return nil
	}
}

// Ensure that every format, its Excel variant too, writes a stream of
// the sample months, in pages of any size, byte for byte as it writes
// the same activities held whole; an empty stream too.
func TestStream_SameAsWhole(t *testing.T) {
	acts := sample(t)
	var specs []export.Spec
	for _, s := range export.Formats() {
		specs = append(specs, s)
		if x, err := s.ForExcel(); err == nil {
			specs = append(specs, x)
		}
	}
	for _, s := range specs {
		for _, in := range [][]model.Activity{acts, nil, acts[:1]} {
			var want bytes.Buffer
			if err := s.Write(&want, export.Activities(in), 100); err != nil {
				t.Fatal(err)
			}
			for _, size := range []int{1, 2, 7, 1000} {
				var got bytes.Buffer
				if err := s.WriteStream(&got, export.ActivityPages(len(in), pagesOf(in, size)), 100); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("%s, %d activities in pages of %d: the stream's output differs from the whole's:\n%s\nwant\n%s",
						s.Format, len(in), size, got.String(), want.String())
				}
			}
		}
	}
}

// Ensure that the formats that stream say so, and the others do not.
func TestStream_Streams(t *testing.T) {
	var got []string
	for _, s := range export.Formats() {
		if s.Streams() {
			got = append(got, string(s.Format))
		}
	}
	if strings.Join(got, " ") != "table csv json jsonl md" {
		t.Errorf("streaming formats: %v", got)
	}
}

// Ensure that a streaming encoder holds no more than about a page of
// activities: 20,000 activities, made a page of 500 at a time and never
// all held, are written by each format that streams while the live heap,
// read after every page, stays far below what the activities take (the
// heap then is the page, the encoder's buffers and what the test
// itself holds). It measures memory, not time.
func TestStream_HoldsAPage(t *testing.T) {
	const n, size = 20000, 500
	text := strings.Repeat("Training on border security and the protection of critical infrastructure. ", 8)
	page := func(first int) []model.Activity {
		out := make([]model.Activity, size)
		for i := range out {
			people := 20 + i
			out[i] = model.Activity{ID: uint32(first + i + 1), Month: "2021-03", Section: "Capacity-Building", Kind: "training",
				Text:      fmt.Sprintf("%d %s", first+i, text),
				Sessions:  []model.Session{{Start: "2021-03-02", End: "2021-03-04", Place: "Bamako", City: "Bamako", Country: "ML"}},
				Partners:  []model.Entity{{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime"}},
				Countries: []model.CountryRef{{Code: "ML", Name: "Mali"}}, Regions: []string{"Western Africa"},
				Pillars:      []model.PillarMatch{{Pillar: "II", Matched: []string{"border security"}}},
				Participants: model.Participants{People: &people}, Source: model.Source{Document: "d.md", Line: first + i}}
		}
		return out
	}
	pages := func(fn func([]model.Activity) error) error {
		for first := 0; first < n; first += size {
			if err := fn(page(first)); err != nil {
				return err
			}
		}
		return nil
	}
	// What n activities take in memory, held whole.
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	var all []model.Activity
	_ = pages(func(p []model.Activity) error { all = append(all, p...); return nil })
	whole := heap() - before
	runtime.KeepAlive(all)
	all = nil
	for _, s := range export.Formats() {
		if !s.Streams() {
			continue
		}
		base := heap()
		var peak uint64
		measured := func(fn func([]model.Activity) error) error {
			return pages(func(p []model.Activity) error {
				if h := heap(); h > base {
					peak = max(peak, h-base)
				}
				return fn(p)
			})
		}
		if err := s.WriteStream(io.Discard, export.ActivityPages(n, measured), 100); err != nil {
			t.Fatal(err)
		}
		if peak > whole/8 {
			t.Errorf("%s: the heap grew by %d KB while writing %d activities (%d KB held whole)", s.Format, peak>>10, n, whole>>10)
		}
	}
}
