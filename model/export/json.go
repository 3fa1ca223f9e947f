package export

import (
	"bytes"
	"encoding/json"
	"io"
)

// encodeJSON writes the records as one indented array ("[]" when there
// are none). It encodes a record at a time, so that a large export does
// not hold its whole text in memory, and writes the bytes encoding the
// array at once would. Text is data: no HTML escaping.
func encodeJSON(w io.Writer, r Records, _ int) error {
	if r.Len() == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	sep := "[\n  "
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
	_, err := io.WriteString(w, "\n]\n")
	return err
}

// encodeJSONL writes one compact JSON object per line.
func encodeJSONL(w io.Writer, r Records, _ int) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range r.Len() {
		if err := enc.Encode(r.Value(i)); err != nil {
			return err
		}
	}
	return nil
}
