package export_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// update rewrites the golden files: go test ./model/export -update,
// then read the diff.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sample are the activities of two sample months (testdata/highlights
// 2020-11.md and highlights-q.md, as `unoct list --format jsonl` writes
// them), the input of the golden files.
func sample(t *testing.T) []model.Activity {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sample.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var acts []model.Activity
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a model.Activity
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		acts = append(acts, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(acts) < 20 {
		t.Fatalf("the sample has %d activities", len(acts))
	}
	return acts
}

// requireGolden compares out with testdata/golden/name byte for byte
// (CRLF and a byte order mark are part of some formats).
func requireGolden(t *testing.T, name string, out []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(out, want) {
		i := 0
		for i < len(out) && i < len(want) && out[i] == want[i] {
			i++
		}
		lo := max(0, i-80)
		t.Errorf("%s differs from the golden file at byte %d:\n got %q\nwant %q", name, i, out[lo:min(len(out), i+80)], want[lo:min(len(want), i+80)])
	}
}

// Ensure that every format writes the sample months as its golden file
// says, the CSV for Excel and a report within a query's scope too.
func TestGolden_SampleMonths(t *testing.T) {
	acts := sample(t)
	write := func(s export.Spec, r export.Records, width int) []byte {
		var buf bytes.Buffer
		if err := s.Write(&buf, r, width); err != nil {
			t.Fatalf("%s: %v", s.Format, err)
		}
		return buf.Bytes()
	}
	for _, s := range export.Formats() {
		ext := s.Ext()
		if ext == "" {
			ext = ".txt"
		}
		requireGolden(t, "sample"+ext, write(s, export.Activities(acts), 100))
	}
	csvSpec, _ := export.Lookup(export.CSV)
	excel, err := csvSpec.ForExcel()
	if err != nil {
		t.Fatal(err)
	}
	requireGolden(t, "sample.excel.csv", write(excel, export.Activities(acts), 0))

	report, _ := export.Lookup(export.Report)
	scope := export.Scope{Pillars: []string{"II"}, Regions: []string{"Central Asia"}, Filters: "pillar II; region Central Asia"}
	var inScope []model.Activity
	for _, a := range acts {
		if hasPillar(a, "II") && inArea(a, "Central Asia") {
			inScope = append(inScope, a)
		}
	}
	if len(inScope) < 3 {
		t.Fatalf("%d sample activities of pillar II in Central Asia", len(inScope))
	}
	requireGolden(t, "central-asia-ii.report.md", write(report, export.Scoped(inScope, scope), 0))
}

func hasPillar(a model.Activity, p string) bool {
	for _, m := range a.Pillars {
		if string(m.Pillar) == p {
			return true
		}
	}
	return false
}

func inArea(a model.Activity, name string) bool {
	for _, ar := range a.Areas {
		if ar.Name == name {
			return true
		}
	}
	return false
}
