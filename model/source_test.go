package model

import (
	"encoding/json"
	"testing"
)

// Ensure that a source writes "line" for a document with lines and
// "page" with "text_line" for a PDF (whose rebuilt text's lines are no
// lines of the published document), and reads both back as it was.
func TestSource_JSON(t *testing.T) {
	for _, tc := range []struct {
		src  Source
		want string
	}{
		{Source{Document: "2020-02.md", Line: 41}, `{"document":"2020-02.md","line":41}`},
		{Source{Document: "2020-02.pdf", Page: 2, Line: 58}, `{"document":"2020-02.pdf","page":2,"text_line":58}`},
	} {
		b, err := json.Marshal(tc.src)
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tc.src, b, err, tc.want)
		}
		var back Source
		if err := json.Unmarshal(b, &back); err != nil || back != tc.src {
			t.Errorf("Unmarshal(%s) = %+v, %v", b, back, err)
		}
	}
}
