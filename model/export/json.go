package export

import (
	"bytes"
	"encoding/json"
	"io"
)

// encodeJSON writes the records as one indented array ("[]" when there
// are none). It encodes a record at a time as the stream hands them
// over, so that a large export holds neither every record nor its whole
// text, and writes the bytes encoding the array at once would. Text is
// data: no HTML escaping.
func encodeJSON(w io.Writer, st Stream, _ int) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	sep := "[\n  "
	err := st.pages(func(r Records) error {
		for i := range r.Len() {
			buf.Reset()
			if err := enc.Encode(r.Value(i)); err != nil {
				return err
			}
			if _, err := io.WriteString(w, sep); err != nil {
				return err
			}
			if _, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))); err != nil {
				return err
			}
			sep = ",\n  "
		}
		return nil
	})
	if err != nil {
		return err
	}
	end := "\n]\n"
	if sep == "[\n  " { // no record
		end = "[]\n"
	}
	_, err = io.WriteString(w, end)
	return err
}

// encodeJSONL writes one compact JSON object per line.
func encodeJSONL(w io.Writer, st Stream, _ int) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return st.pages(func(r Records) error {
		for i := range r.Len() {
			if err := enc.Encode(r.Value(i)); err != nil {
				return err
			}
		}
		return nil
	})
}
