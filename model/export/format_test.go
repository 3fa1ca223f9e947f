package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// Ensure that a file's extension names its format, that a name without
// one takes the default, and that an extension no format claims is an
// error listing the ones that are.
func TestFromPath(t *testing.T) {
	for path, want := range map[string]export.Format{
		"out.csv": export.CSV, "OUT.CSV": export.CSV, "a/b.json": export.JSON, "x.jsonl": export.JSONL,
		"x.ndjson": export.JSONL, "r.md": export.MD, "r.markdown": export.MD,
		"brief.report.md": export.Report, "BRIEF.REPORT.MD": export.Report, "x.report.md.md": export.MD, "p.html": export.HTML,
		"p.htm": export.HTML, "c.ics": export.ICS, "a.b/c.d.csv": export.CSV,
		"noext": export.JSONL, "dir.d/noext": export.JSONL,
	} {
		s, err := export.FromPath(path, export.JSONL)
		if err != nil || s.Format != want {
			t.Errorf("FromPath(%q) = %s, %v; want %s", path, s.Format, err, want)
		}
	}
	// The table is for terminals: no file is written as one because of
	// its name, and ".txt" is refused like ".xlsx".
	for _, path := range []string{"report.xlsx", "y.txt", "x.report", "notes.mdx"} {
		_, err := export.FromPath(path, export.CSV)
		if err == nil {
			t.Fatalf("%s: an unknown extension gave no error", path)
		}
		for _, s := range export.Formats() {
			for _, e := range s.Exts {
				if !strings.Contains(err.Error(), e) {
					t.Errorf("the error does not list %s: %v", e, err)
				}
			}
		}
	}
}

// Ensure that TrimExt takes off the extension a format claims, the
// longest, and nothing else: what the export dialog swaps when another
// format is chosen.
func TestTrimExt(t *testing.T) {
	for in, want := range map[string]string{
		"a/x.report.md": "a/x", "x.md": "x", "x.CSV": "x", "x.txt": "x.txt", "x": "x", "v1.2/notes": "v1.2/notes", ".md": ".md",
	} {
		if got := export.TrimExt(in); got != want {
			t.Errorf("TrimExt(%q) = %q, want %q", in, got, want)
		}
	}
}

// Ensure that every format is declared whole: a name ParseFormat reads
// back, an extension FromPath maps back to it, help and an encoder.
func TestFormats_Declared(t *testing.T) {
	seen := map[string]export.Format{}
	for _, s := range export.Formats() {
		if p, err := export.ParseFormat(strings.ToUpper(string(s.Format))); err != nil || p.Format != s.Format {
			t.Errorf("ParseFormat(%s) = %s, %v", s.Format, p.Format, err)
		}
		if (len(s.Exts) == 0) != (s.Format == export.Table) || s.Help == "" || s.Encode == nil {
			t.Errorf("%s: extensions, help or encoder missing", s.Format)
		}
		if s.Dialog && s.Ext() == "" {
			t.Errorf("%s: the dialog offers it but it names no file", s.Format)
		}
		for _, e := range s.Exts {
			if other, ok := seen[e]; ok {
				t.Errorf("%s claimed by %s and %s", e, other, s.Format)
			}
			seen[e] = s.Format
			if p, err := export.FromPath("f"+e, export.Table); err != nil || p.Format != s.Format {
				t.Errorf("FromPath(f%s) = %s, %v", e, p.Format, err)
			}
		}
		if !strings.Contains(export.Names(), string(s.Format)) {
			t.Errorf("Names() leaves out %s", s.Format)
		}
	}
	if _, err := export.ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), "table, csv, json, jsonl, md, report, html, ics") {
		t.Errorf("ParseFormat(xml): %v", err)
	}
	var dialog []export.Format
	for _, s := range export.Formats() {
		if s.Dialog {
			dialog = append(dialog, s.Format)
		}
	}
	if !slices.Equal(dialog, []export.Format{export.CSV, export.JSON, export.MD, export.Report, export.ICS}) {
		t.Errorf("the dialog offers %v", dialog)
	}
}

func hostileCounts() export.Records {
	def, _ := model.Def(model.FacetPartner)
	return export.Counts(def, []model.FacetValue{
		{Value: "=EVIL", Name: "@Evil, \"Org\"\x1b[31m", Count: 3},
		{Value: "UNODC", Name: "United Nations Office on Drugs and Crime", Count: 2},
		{Value: "-5", Count: 1},
	})
}

// Ensure that counts go through the same encoders as activities: a CSV
// with no formula, JSON that decodes, a Markdown table with its text
// escaped, and a table of labels and counts.
func TestCounts_Formats(t *testing.T) {
	var buf bytes.Buffer
	csvSpec, _ := export.Lookup(export.CSV)
	if err := csvSpec.Write(&buf, hostileCounts(), 0); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"value", "label", "count"}, {"'=EVIL", "'=EVIL — @Evil, \"Org\"", "3"},
		{"UNODC", "UNODC — United Nations Office on Drugs and Crime", "2"}, {"-5", "-5", "1"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("CSV rows %q, want %q", rows, want)
	}

	buf.Reset()
	jsonSpec, _ := export.Lookup(export.JSON)
	if err := jsonSpec.Write(&buf, hostileCounts(), 0); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Value, Label string
		Count        int
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil || len(got) != 3 || got[1].Count != 2 {
		t.Errorf("JSON %s: %v", buf.Bytes(), err)
	}

	buf.Reset()
	mdSpec, _ := export.Lookup(export.MD)
	if err := mdSpec.Write(&buf, hostileCounts(), 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `| =EVIL | =EVIL — @Evil, "Org" | 3 |`) || !strings.Contains(buf.String(), `| -5 | -5 | 1 |`) {
		t.Errorf("Markdown:\n%s", buf.String())
	}

	buf.Reset()
	tableSpec, _ := export.Lookup(export.Table)
	if err := tableSpec.Write(&buf, hostileCounts(), 0); err != nil {
		t.Fatal(err)
	}
	if want := "-5                                                     1\n"; !strings.HasSuffix(buf.String(), want) {
		t.Errorf("table:\n%s", buf.String())
	}
}

// Ensure that stats carry each value's totals and a last record that
// sums up every activity once, in every format, the figures named.
func TestStats_Formats(t *testing.T) {
	def, _ := model.Def(model.FacetPillar)
	vals := []model.FacetValue{{Value: "II", Count: 3}, {Value: "IV", Count: 2}}
	per := []model.Totals{{Activities: 3, Participants: 1240, LowerBound: true, Headcounts: 2, Countries: 4, Partners: 5},
		{Activities: 2, Countries: 1, Partners: 1}}
	all := model.Totals{Activities: 4, Participants: 1240, LowerBound: true, Headcounts: 2, Countries: 4, Partners: 5}
	r := export.Stats(def, vals, per, all)
	write := func(f export.Format) string {
		var buf bytes.Buffer
		spec, _ := export.Lookup(f)
		if err := spec.Write(&buf, r, 0); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	rows, err := csv.NewReader(strings.NewReader(write(export.CSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"value", "label", "activities", "participants", "participants_lower_bound", "headcounts", "countries", "partners"},
		{"II", "II Preventing and combating terrorism", "3", "1240", "true", "2", "4", "5"},
		{"IV", "IV Human rights and the rule of law", "2", "0", "false", "0", "1", "1"},
		{"", "All (each activity once)", "4", "1240", "true", "2", "4", "5"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("CSV rows %q, want %q", rows, want)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(write(export.JSON)), &got); err != nil || len(got) != 3 || got[2]["total"] != true || got[0]["participants"] != 1240.0 {
		t.Errorf("JSON %v: %v", got, err)
	}
	table := write(export.Table)
	for _, line := range []string{
		"                                       ACTIVITIES  PARTICIPANTS  HEADCOUNTS  COUNTRIES  PARTNERS",
		"II Preventing and combating terrorism           3       ≥ 1,240           2          4         5",
		"IV Human rights and the rule of law             2             –           0          1         1  ████████████████████\n"} {
		if !strings.Contains(table, line) {
			t.Errorf("table lacks %q:\n%s", line, table)
		}
	}
	if md := write(export.MD); !strings.Contains(md, "| **All (each activity once)** | **4** | **≥ 1,240** |") || !strings.Contains(md, "Member States") {
		t.Errorf("Markdown:\n%s", md)
	}
}
