package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// sampleActivities are the export package's sample months.
func sampleActivities(t *testing.T) []model.Activity {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "model", "export", "testdata", "sample.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var acts []model.Activity
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var a model.Activity
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatal(err)
		}
		acts = append(acts, a)
	}
	return acts
}

func inPages(acts []model.Activity, size int) func(fn func([]model.Activity) error) error {
	return func(fn func([]model.Activity) error) error {
		for i := 0; i < len(acts); i += size {
			if err := fn(acts[i:min(i+size, len(acts))]); err != nil {
				return err
			}
		}
		return nil
	}
}

// Ensure that --json FIELDS and the TSV of a pipe, written a page at a
// time, write what they wrote when they held every activity: the whole
// array indented at once, and the rows under their header.
func TestList_StreamedSameAsWhole(t *testing.T) {
	acts := sampleActivities(t)
	fields := []string{"id", "month", "people", "participants", "text", "areas", "source"}
	for _, in := range [][]model.Activity{acts, nil, acts[:1]} {
		wantJSON := wholeJSONFields(t, in, fields)
		wantTSV := wholeTSV(in)
		for _, size := range []int{1, 4, 1000} {
			var gotJSON, gotTSV bytes.Buffer
			if err := writeJSONFields(&gotJSON, inPages(in, size), fields); err != nil {
				t.Fatal(err)
			}
			if err := writeTSV(&gotTSV, inPages(in, size)); err != nil {
				t.Fatal(err)
			}
			if gotJSON.String() != wantJSON {
				t.Errorf("--json, %d activities in pages of %d:\n%s\nwant\n%s", len(in), size, gotJSON.String(), wantJSON)
			}
			if gotTSV.String() != wantTSV {
				t.Errorf("TSV, %d activities in pages of %d:\n%s\nwant\n%s", len(in), size, gotTSV.String(), wantTSV)
			}
		}
	}
}

// wholeJSONFields is --json as it was written before it streamed: every
// object in one array, indented at once.
func wholeJSONFields(t *testing.T, acts []model.Activity, fields []string) string {
	list := map[string]bool{}
	for _, f := range activityFields {
		list[f.name] = f.list
	}
	out := []byte{'['}
	for i := range acts {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(&acts[i]); err != nil {
			t.Fatal(err)
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(buf.Bytes(), &obj); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '{')
		for j, f := range fields {
			if j > 0 {
				out = append(out, ',')
			}
			out = strconv.AppendQuote(out, f)
			out = append(out, ':')
			switch v, ok := obj[f]; {
			case ok:
				out = append(out, v...)
			case list[f]:
				out = append(out, "[]"...)
			default:
				out = append(out, "null"...)
			}
		}
		out = append(out, '}')
	}
	out = append(out, ']')
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, out, "", "  "); err != nil {
		t.Fatal(err)
	}
	return pretty.String() + "\n"
}

// wholeTSV is the TSV as it was written before it streamed.
func wholeTSV(acts []model.Activity) string {
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	bw.WriteString(strings.Join(tsvHeader, "\t") + "\n")
	for i := range acts {
		a := &acts[i]
		var places, pillars []string
		for _, s := range a.Sessions {
			places = append(places, s.Where())
		}
		for _, p := range a.Pillars {
			pillars = append(pillars, string(p.Pillar))
		}
		cells := []string{strconv.FormatUint(uint64(a.ID), 10), a.Start(), strings.Join(places, "; "),
			string(a.Kind), strings.Join(pillars, ","), a.Text}
		for j, c := range cells {
			cells[j] = export.SafeCell(c)
		}
		bw.WriteString(strings.Join(cells, "\t") + "\n")
	}
	bw.Flush()
	return b.String()
}
