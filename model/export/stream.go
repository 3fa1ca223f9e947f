package export

import (
	"bufio"
	"io"

	"github.com/unoct/unoct/model"
)

// Stream is records of one kind handed over a page at a time, in order:
// what an export of a whole store writes as it reads, so that no encoder
// holds every record. The formats that write record after record (table,
// csv, json, jsonl, md) encode a stream as it comes (Spec.Streams); those
// that group or sort records first (report, html, ics) gather it.
type Stream struct {
	// kind is a Records of the stream's kind: its header and layout
	// serve when there are no records.
	kind Records
	n    int
	// pages calls fn with each page in order; it may be called again
	// and gives the same records each time.
	pages func(fn func(Records) error) error
	// gather is every record as one Records.
	gather func() (Records, error)
}

// Len is how many records the stream holds in all, known before the
// first page (Markdown's heading counts them).
func (st Stream) Len() int { return st.n }

// One is r as a stream of one page: how Spec.Write encodes, so that a
// gathered export and a streamed one share one encoder.
func One(r Records) Stream {
	return Stream{kind: r, n: r.Len(),
		pages:  func(fn func(Records) error) error { return fn(r) },
		gather: func() (Records, error) { return r, nil }}
}

// ActivityPages is n activities that pages hands to its fn a page at a
// time, in the order they are written. Encoders may call pages more than
// once (the table measures its columns on a first pass), so it must give
// the same activities each time, as one read transaction does. A page
// belongs to the encoder only during fn.
func ActivityPages(n int, pages func(fn func([]model.Activity) error) error) Stream {
	return Stream{kind: activities(nil), n: n,
		pages: func(fn func(Records) error) error {
			return pages(func(p []model.Activity) error { return fn(activities(p)) })
		},
		gather: func() (Records, error) {
			all := make([]model.Activity, 0, n)
			err := pages(func(p []model.Activity) error {
				all = append(all, p...)
				return nil
			})
			return activities(all), err
		}}
}

// StreamBuffer is the size of the buffer WriteStream writes through: a
// listing of everything is tens or hundreds of megabytes, which 4 KB
// writes (bufio's default) turn into tens of thousands of system calls.
const StreamBuffer = 64 << 10

// Streams tells whether the format writes a stream as it comes (true
// for table, csv, json, jsonl and md), holding one page of records at a
// time; the others gather every record first, since they group or sort
// them.
func (s Spec) Streams() bool { return s.Stream != nil }

// WriteStream encodes the stream to w through a buffer, page by page
// when the format streams (Streams), else gathered. The output is the
// same as Write's for the same records, byte for byte.
func (s Spec) WriteStream(w io.Writer, st Stream, width int) error {
	bw := bufio.NewWriterSize(w, StreamBuffer)
	var err error
	if s.Stream != nil {
		err = s.Stream(bw, st, width)
	} else {
		var r Records
		if r, err = st.gather(); err == nil {
			err = s.Encode(bw, r, width)
		}
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}
