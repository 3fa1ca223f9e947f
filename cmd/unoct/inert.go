package main

import (
	"bytes"
	"io"

	"github.com/unoct/unoct/model"
)

// inertLines is a writer that passes each line through model.Inert
// before w: what doctor prints names documents and files whose names come
// from outside, and a name must not send an escape sequence to the
// terminal. Lines are kept; a partial line waits for its end (or Flush).
type inertLines struct {
	w   io.Writer
	buf []byte
}

func (l *inertLines) Write(p []byte) (int, error) {
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		if _, err := io.WriteString(l.w, model.Inert(string(l.buf[:i]))+"\n"); err != nil {
			return 0, err
		}
		l.buf = l.buf[i+1:]
	}
}

// Flush writes what is left of a line without its end.
func (l *inertLines) Flush() error {
	if len(l.buf) == 0 {
		return nil
	}
	_, err := io.WriteString(l.w, model.Inert(string(l.buf)))
	l.buf = nil
	return err
}
