package reader_test

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/unoct/unoct/data/reader"
)

// minimalPDF is a one-page PDF whose page says text, written the way PDF
// writers write one: a binary comment after the header, and the page's
// content in a stream, deflated when compress is set (its bytes then
// hold NULs and are not UTF-8) or plain.
func minimalPDF(text string, compress bool) []byte {
	content := []byte(fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text))
	filter := ""
	if compress {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(content)
		w.Write(make([]byte, 64)) // padding that deflates to NULs and back
		w.Close()
		content, filter = z.Bytes(), " /Filter /FlateDecode"
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	b.WriteString("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	b.WriteString("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n")
	b.WriteString("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n")
	fmt.Fprintf(&b, "4 0 obj << /Length %d%s >>\nstream\n", len(content), filter)
	b.Write(content)
	b.WriteString("\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}

// TestRead_PDF: a PDF, whether its streams are deflated or not, is
// refused with a message that says what the file is and what to do.
func TestRead_PDF(t *testing.T) {
	r := mustReader(t)
	text := "- UNOCT organized a workshop with UNODC on border security. (3 June 2020, Vienna)"
	for _, tc := range []struct {
		name     string
		compress bool
		want     string
	}{
		{"2020-06-deflated.pdf", true, "the file is a PDF, which this version of unoct does not read"},
		{"2020-06-plain.pdf", false, "the file is a PDF, which this version of unoct does not read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := readWithDeadline(t, r, tc.name, minimalPDF(text, tc.compress), reader.Options{})
			var re *reader.Error
			if !errors.As(err, &re) || res != nil {
				t.Fatalf("got %v, %v; want a refusal", res, err)
			}
			if !strings.Contains(re.Msg, tc.want) || re.Hint == "" || re.File != tc.name {
				t.Errorf("refusal %q, want one of %s that says %q and what to do", re.Error(), tc.name, tc.want)
			}
			t.Logf("%s", re.Error())
		})
	}
}
