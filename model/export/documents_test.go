package export_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// TestDocuments writes the documents in every format; a hostile name
// stays inert in the table and Markdown, and formula-safe in CSV.
func TestDocuments(t *testing.T) {
	n := 234
	docs := []model.DocumentInfo{
		{Name: "2020-02.pdf", Month: "2020-02", Pages: 2, Activities: 12,
			Imported: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Facts: model.Facts{IndividualsTrained: &n}},
		{Name: "=evil\x1b[31m.md", Month: "2020-03"},
	}
	want := map[export.Format][]string{
		export.Table: {"DOCUMENT     MONTH    PAGES  ACTIVITIES  CORRECTIONS  IMPORTED",
			"2020-02.pdf  2020-02      2          12            0  2026-01-02 03:04",
			"    234 individuals trained", "=evil.md"},
		export.CSV:  {"name,month,pages,activities,corrections,imported,figures", "2020-02.pdf,2020-02,2,12,0,2026-01-02 03:04,234 individuals trained", "'=evil.md,2020-03,,0,0,,"},
		export.JSON: {`"individuals_trained": 234`, `"imported": "2026-01-02T03:04:05Z"`, `"pages": 2`},
		export.MD: {`| 2020-02.pdf | 2020-02 | 2 | 12 | 0 | 2026-01-02 03:04 |`, `## 2020-02.pdf`,
			"- 234 individuals trained"},
	}
	for f, lines := range want {
		spec, _ := export.Lookup(f)
		var b bytes.Buffer
		if err := spec.Write(&b, export.Documents(docs), 0); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "\x1b") {
			t.Errorf("%s: an escape sequence went through:\n%q", f, b.String())
		}
		for _, l := range lines {
			if !strings.Contains(b.String(), l) {
				t.Errorf("%s lacks %q:\n%s", f, l, b.String())
			}
		}
	}
}
