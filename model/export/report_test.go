package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

func write(t *testing.T, f export.Format, r export.Records) string {
	t.Helper()
	s, ok := export.Lookup(f)
	if !ok {
		t.Fatalf("no format %s", f)
	}
	var buf bytes.Buffer
	if err := s.Write(&buf, r, 0); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func ip(n int) *int { return &n }

// twoTrainings are two activities in Mali naming 14 and 12 Member
// States, which may be the same: a report never adds them up.
func twoTrainings() []model.Activity {
	unodc := model.Entity{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime", Kind: model.EntityUN}
	mali := model.CountryRef{Code: "ML", Name: "Mali"}
	return []model.Activity{
		{ID: 2, Month: "2020-02", Kind: model.KindTraining, Text: "UNCCT trained 40 officials. More text.",
			Sessions:     []model.Session{{Start: "2020-02-10", End: "2020-02-14", City: "Bamako", Country: "ML", Region: "Western Africa"}},
			Partners:     []model.Entity{unodc},
			Participants: model.Participants{People: ip(40), MemberStates: ip(14)},
			Countries:    []model.CountryRef{mali}, Regions: []string{"Western Africa"},
			Pillars: []model.PillarMatch{{Pillar: model.PillarII}}, Source: model.Source{Document: "2020-02.pdf", Page: 2, Line: 14}},
		{ID: 1, Month: "2020-01", Kind: model.KindWorkshop, Text: "UNOCT held a workshop",
			Sessions:     []model.Session{{Start: "2020-01-29", End: "2020-02-01", City: "Bamako", Country: "ML", Region: "Western Africa", Virtual: true}},
			Partners:     []model.Entity{unodc, {Acronym: "EU", Name: "European Union"}},
			Participants: model.Participants{People: ip(30), Approximate: true, MemberStates: ip(12)},
			Countries:    []model.CountryRef{mali}, Regions: []string{"Western Africa"},
			Pillars: []model.PillarMatch{{Pillar: model.PillarII}, {Pillar: model.PillarIV}}, Source: model.Source{Document: "2020-01.md", Line: 7}},
	}
}

// Ensure that the report groups by pillar, region and country with the
// totals of each (each activity once, no Member States added), says
// each activity in a sentence with its dates, places, partners' full
// names and source (with the page of a PDF), and keeps to its scope.
func TestReport(t *testing.T) {
	md := write(t, export.Report, export.Activities(twoTrainings()))
	for _, want := range []string{
		"# UNOCT activities\n",
		"2 activities · ≥ 70 participants (headcount given for 2 of 2) · 1 country · 2 partners.",
		"Sessions from 29 January 2020 to 14 February 2020.",
		"## Pillar II: Preventing and combating terrorism\n\n2 activities · ≥ 70 participants",
		"## Pillar IV: Human rights and the rule of law\n\n1 activity · ≥ 30 participants (headcount given for 1 of 1) · 1 country · 2 partners.",
		"### Western Africa\n", "#### Mali\n",
		"- **29 January – 1 February 2020**, Bamako, Mali, and online: UNOCT held a workshop. " +
			"Partners: United Nations Office on Drugs and Crime (UNODC); European Union (EU). Participants: over 30 people, 12 Member States. " +
			"*Source: 2020-01.md, line 7*\n",
		"- **10–14 February 2020**, Bamako, Mali: UNCCT trained 40 officials. Partners: United Nations Office on Drugs and Crime (UNODC). " +
			"Participants: 40 people, 14 Member States. *Source: 2020-02.pdf, page 2, line 14*\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "26 Member States") {
		t.Error("Member States counts added up across activities")
	}
	// Within a group, activities by date.
	if i, j := strings.Index(md, "UNOCT held"), strings.Index(md, "UNCCT trained"); i < 0 || j < i {
		t.Error("the activities of a group are not in date order")
	}

	one := twoTrainings()[1:]
	one[0].Areas = []model.Area{{Name: "Africa", Kind: model.AreaM49Region}, {Name: "Western Africa", Kind: model.AreaM49Intermediate}}
	scoped := write(t, export.Report, export.Scoped(one, export.Scope{Pillars: []string{"IV"}, Regions: []string{"Africa"},
		Filters: "pillar IV; region Africa", Within: func(c, r string) bool { return c == "ML" && r == "Africa" }}))
	for _, want := range []string{"# UNOCT activities: pillar IV; region Africa\n", "## Pillar IV", "### Africa\n", "#### Mali\n"} {
		if !strings.Contains(scoped, want) {
			t.Errorf("the scoped report lacks %q:\n%s", want, scoped)
		}
	}
	if strings.Contains(scoped, "Pillar II") || strings.Contains(scoped, "Western Africa") {
		t.Errorf("the scoped report has groups outside its scope:\n%s", scoped)
	}
}

// Ensure that document text stays text in the report and its web page:
// no markup, link, script or escape sequence of its own.
func TestReport_HostileText(t *testing.T) {
	acts := []model.Activity{hostileActivity()}
	md := write(t, export.Report, export.Activities(acts))
	page := write(t, export.HTML, export.Activities(acts))
	for name, out := range map[string]string{"report": md, "html": page} {
		if strings.ContainsAny(out, "\x1b\x07\u202e\u200b") {
			t.Errorf("%s: escape, bell, bidi or zero-width characters", name)
		}
	}
	for _, live := range []string{"<script", "<img", "<a ", "<em>bold", "<code>", "<table"} {
		if strings.Contains(page, live) {
			t.Errorf("html: live markup %q from document text", live)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.HasPrefix(page, "<!DOCTYPE html>") {
		t.Errorf("html: the text is not shown as text:\n%.2000s", page)
	}
	// A brief on Mali has no section for a region the activity went on
	// to, nor a group for the country there.
	two := twoTrainings()[:1]
	two[0].Countries = append(two[0].Countries, model.CountryRef{Code: "CM", Name: "Cameroon"})
	two[0].Regions = append(two[0].Regions, "Middle Africa")
	two[0].Sessions = append(two[0].Sessions, model.Session{Start: "2020-02-17", End: "2020-02-21", City: "Douala", Country: "CM", Region: "Middle Africa"})
	mali := write(t, export.Report, export.Scoped(two, export.Scope{Countries: []string{"ML"}}))
	if !strings.Contains(mali, "### Western Africa\n") || !strings.Contains(mali, "#### Mali\n") || strings.Contains(mali, "Middle Africa\n") ||
		!strings.Contains(mali, "**17–21 February 2020**, Douala, Cameroon") {
		t.Errorf("a report on Mali:\n%s", mali)
	}
	if got := write(t, export.Report, export.Activities(nil)); got != "# UNOCT activities\n\nNo activity matches.\n" {
		t.Errorf("no activities: %q", got)
	}
	// Counts and stats have no report layout: their Markdown table.
	if got := write(t, export.Report, hostileCounts()); !strings.HasPrefix(got, "| value | label | count |") {
		t.Errorf("counts as a report:\n%s", got)
	}
}

// Ensure that the CSV has each code's names beside it, and that its
// Excel variant starts with a byte order mark and ends lines in CRLF,
// the same rows otherwise.
func TestCSV_NamesAndExcel(t *testing.T) {
	acts := twoTrainings()
	plain := write(t, export.CSV, export.Activities(acts))
	rows, err := csv.NewReader(strings.NewReader(plain)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for name, want := range map[string]string{
		"pillars": "II; IV", "pillar_names": "Preventing and combating terrorism; Human rights and the rule of law",
		"partners": "UNODC; EU", "partner_names": "United Nations Office on Drugs and Crime; European Union",
		"countries": "ML", "country_names": "Mali", "document": "2020-01.md", "page": "", "line": "7",
	} {
		if got := rows[2][col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if rows[1][col["page"]] != "2" {
		t.Errorf("a PDF's page %q", rows[1][col["page"]])
	}

	s, _ := export.Lookup(export.CSV)
	excel, err := s.ForExcel()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := excel.Write(&buf, export.Activities(acts), 0); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	body, ok := strings.CutPrefix(out, "\uFEFF")
	if !ok {
		t.Fatal("no byte order mark")
	}
	if strings.Count(out, "\n") != 3 || strings.Count(out, "\r\n") != 3 {
		t.Errorf("line ends are not CRLF: %q", out)
	}
	if strings.ReplaceAll(body, "\r\n", "\n") != plain {
		t.Error("the Excel CSV has other rows than the CSV")
	}
	j, _ := export.Lookup(export.JSON)
	if _, err := j.ForExcel(); err == nil || !strings.Contains(err.Error(), "only csv") {
		t.Errorf("json for Excel: %v", err)
	}
}
