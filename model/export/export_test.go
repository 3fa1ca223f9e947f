package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// ---- CSV: formula injection ----

func TestSafeCell_NeutralisesFormulas(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"},
		{"+1+1", "'+1+1"},
		{"-1+1", "'-1+1"},
		{"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
		{"@SUM(1+1)", "'@SUM(1+1)"},
		// Tab and CR become spaces (they are control characters), and a
		// formula behind leading blanks is neutralised all the same.
		{"\t=1+1", "' =1+1"},
		{"\r=1+1", "' =1+1"},
		{"  =1+1", "'  =1+1"},
		{"\t@x", "' @x"},
		// Plain numbers, negative ones included, stay numbers.
		{"-5", "-5"},
		{"-12.5", "-12.5"},
		{"42", "42"},
		{"", ""},
		{"UNOCT met UNODC = good", "UNOCT met UNODC = good"},
		// Escape sequences are removed whole.
		{"\x1b[31m=1+1\x1b[0m", "'=1+1"},
		{"\x1b]52;c;ZWNobw==\x07text", "text"},
	} {
		if got := export.SafeCell(tc.in); got != tc.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func hostileActivity() model.Activity {
	people := 25
	return model.Activity{
		ID:      7,
		Month:   "2020-06",
		Section: "=cmd|' /C calc'!A0",
		Branch:  model.BranchUNCCT,
		Kind:    model.KindWorkshop,
		Text: "@SUM(A1:A9) \x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]52;c;ZWNobw==\x07 \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ " +
			"\u202eevil\u202c zero\u200bwidth [a link](http://evil.example) ![img](http://evil.example/x.png) " +
			"<script>alert(1)</script> <img src=x onerror=alert(1)> *bold* _em_ `code` | cell | # heading &amp; " +
			"http://evil.example www.evil.example a@evil.example " + strings.Repeat("W", 10000),
		Sessions: []model.Session{{Start: "2020-06-03", End: "2020-06-04", Place: "\x1b[2J+Vienna", City: "-Vienna\x1b[1m", Country: "AT"}},
		Partners: []model.Entity{{Acronym: "+EVIL", Name: "=Evil Org", Kind: model.EntityUnknown}},
		People:   []string{"@Mr. X", "\x1b[8mhidden"},
		Participants: model.Participants{
			People: &people,
		},
		Countries: []model.CountryRef{{Code: "AT", Name: "Austria"}},
		Regions:   []string{"-Western Europe"},
		Pillars:   []model.PillarMatch{{Pillar: model.PillarII, Matched: []string{"=border"}}},
		Source:    model.Source{Document: "=2020-06.md", Line: 3},
	}
}

func TestCSV_NoCellStartsAFormula(t *testing.T) {
	var buf bytes.Buffer
	if err := export.Write(&buf, export.CSV, []model.Activity{hostileActivity()}, 0); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(buf.Bytes(), "\x1b\x07\u202e\u200b") {
		t.Error("the CSV carries escape, bell, bidi or zero-width characters")
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	header := export.Activities(nil).Header()
	if len(rows) != 2 || len(rows[1]) != len(header) {
		t.Fatalf("got %d rows of %d cells", len(rows), len(rows[1]))
	}
	for i, cell := range rows[1] {
		if c := strings.TrimLeft(cell, " "); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			t.Errorf("column %s starts a formula: %.40q", header[i], cell)
		}
	}
	if got := rows[1][slices.Index(header, "text")]; !strings.HasPrefix(got, "'@SUM(A1:A9) red") {
		t.Errorf("text cell %.60q", got)
	}
}

// ---- JSON ----

func TestJSON_EscapesAndRoundTrips(t *testing.T) {
	a := hostileActivity()
	a.Text = "quote \" backslash \\ nul \x00 esc \x1b bell \x07 del \x7f ls \u2028 ps \u2029 <b>&amp;</b> </script> 😀"
	for _, f := range []export.Format{export.JSON, export.JSONL} {
		var buf bytes.Buffer
		if err := export.Write(&buf, f, []model.Activity{a}, 0); err != nil {
			t.Fatal(err)
		}
		for _, b := range buf.Bytes() {
			if b < 0x20 && b != '\n' {
				t.Errorf("%s: raw control byte %#x in the output", f, b)
				break
			}
		}
		if strings.Contains(buf.String(), "\u2028") || strings.Contains(buf.String(), "\u2029") {
			t.Errorf("%s: raw line separator in the output (breaks JavaScript)", f)
		}
		var back model.Activity
		data := bytes.TrimSpace(buf.Bytes())
		if f == export.JSON {
			var arr []model.Activity
			if err := json.Unmarshal(data, &arr); err != nil || len(arr) != 1 {
				t.Fatalf("%s does not decode: %v", f, err)
			}
			back = arr[0]
		} else if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%s does not decode: %v", f, err)
		}
		if back.Text != a.Text {
			t.Errorf("%s: text does not round-trip:\n got %q\nwant %q", f, back.Text, a.Text)
		}
		if !strings.Contains(buf.String(), `<b>&amp;</b>`) {
			t.Errorf("%s: HTML-ish text is mangled (it is data, and JSON needs no HTML escaping)", f)
		}
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, export.JSON, nil, 0); err != nil || strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("no activities: %q, %v; want []", buf.String(), err)
	}
}

// ---- Markdown ----

func TestMarkdown_DocumentTextIsInert(t *testing.T) {
	var buf bytes.Buffer
	if err := export.Write(&buf, export.MD, []model.Activity{hostileActivity()}, 0); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	if strings.ContainsAny(md, "\x1b\x07\u202e\u200b") {
		t.Error("the Markdown carries escape, bell, bidi or zero-width characters")
	}
	// Every Markdown-active character that came from the document is
	// escaped: no link, image, HTML tag, emphasis, code span, table cell
	// or autolink can form.
	for _, live := range []string{"[a link]", "](http", "![img]", "<script>", "<img", "*bold*", "_em_", "`code`", "| cell |",
		"http://evil.example", "www.evil.example", "a@evil.example", "&amp;"} {
		if unescaped(md, live) {
			t.Errorf("live Markdown from document text: %q", live)
		}
	}
	for _, want := range []string{`\[a link\](http\://evil.example)`, `\<script>alert(1)\</script>`, `\*bold\*`, `\_em\_`, "\\`code\\`", `\| cell \|`} {
		if !strings.Contains(md, want) {
			t.Errorf("missing the escaped form %s", want)
		}
	}
	// Lines written from document fields never start a block of their own.
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "\t") {
			t.Errorf("a line starts an indented code block: %.40q", l)
		}
	}
}

// unescaped reports whether s occurs in md without a backslash before it.
func unescaped(md, s string) bool {
	for i := 0; ; {
		j := strings.Index(md[i:], s)
		if j < 0 {
			return false
		}
		if i+j == 0 || md[i+j-1] != '\\' {
			return true
		}
		i += j + 1
	}
}

// ---- table ----

// TestTable_HostileText: the terminal table shows hostile text inert and
// keeps its layout at every width.
func TestTable_HostileText(t *testing.T) {
	acts := []model.Activity{hostileActivity(), {ID: 8, Month: "2020-06", Text: "plain", Kind: model.KindOther,
		Sessions: []model.Session{{Start: "2020-06-05", End: "2020-06-05", City: "日本語の都市名はとても長いです", Country: "JP"}}}}
	for _, width := range []int{200, 120, 80, 60, 40, 20} {
		var buf bytes.Buffer
		if err := export.Write(&buf, export.Table, acts, width); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.ContainsAny(out, "\x1b\x07\u009b\u202e\u200b\u2066") {
			t.Errorf("width %d: escape, C1, bidi or zero-width characters reach the terminal", width)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 3 {
			t.Errorf("width %d: %d lines, want a header and 2 rows", width, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > width {
				t.Errorf("width %d: a line %d cells wide: %.60q", width, w, l)
			}
			for _, r := range l {
				if unicode.IsControl(r) {
					t.Errorf("width %d: control character %U", width, r)
				}
			}
		}
	}
}

// Ensure that a person's correction is marked where an activity is
// written for people: the corrected field in Markdown, the activity's
// id in the table; the CSV names the fields in its corrected column.
func TestCorrectedIsMarked(t *testing.T) {
	a := model.Activity{ID: 7, Month: "2020-06", Text: "UNOCT held a workshop.", Kind: model.KindWorkshop,
		Corrected: []string{"kind"}}
	var md, table, csvOut bytes.Buffer
	if err := export.Write(&md, export.MD, []model.Activity{a}, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "- **Kind "+model.CorrectedMark+":** workshop") {
		t.Errorf("Markdown does not mark the corrected kind:\n%s", md.String())
	}
	if err := export.Write(&table, export.Table, []model.Activity{a}, 120); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "7"+model.CorrectedMark) {
		t.Errorf("the table does not mark the corrected activity:\n%s", table.String())
	}
	if err := export.Write(&csvOut, export.CSV, []model.Activity{a}, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(strings.TrimSpace(csvOut.String()), ",kind") {
		t.Errorf("the CSV's corrected column:\n%s", csvOut.String())
	}
}
