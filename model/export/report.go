package export

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/unoct/unoct/model"
)

// Scope is what a query chose, for the report, which groups activities
// under pillars, regions and countries: a brief of pillar II work in
// Central Asia has a pillar II section with a Central Asia section,
// not one for each pillar and region its activities also touch. An
// empty list leaves that level as the activities give it.
type Scope struct {
	// Pillars ("II"), Regions (any grouping the region filter takes:
	// "Central Asia", "Africa") and Countries (ISO codes) the query
	// chose.
	Pillars, Regions, Countries []string
	// Filters says the query in words for the report's head:
	// "pillar II; region Central Asia"; "" for none.
	Filters string
	// Within tells whether a country (ISO code) lies in a region at any
	// level, M49 or policy. When nil, a country is in the regions its
	// sessions there are placed in.
	Within func(country, region string) bool
}

// Scoped are activities as a query selected them: every format writes
// them as Activities does, and the report groups them within scope.
func Scoped(acts []model.Activity, scope Scope) Records { return scoped{activities(acts), scope} }

type scoped struct {
	activities
	scope Scope
}

// reporter is a kind of record with a report layout of its own; the
// others are reported in their Markdown layout.
type reporter interface {
	report(w io.Writer) error
}

func (as activities) report(w io.Writer) error { return writeReport(w, as, Scope{}) }
func (s scoped) report(w io.Writer) error      { return writeReport(w, s.activities, s.scope) }

// encodeReport writes the records as a brief in Markdown.
func encodeReport(w io.Writer, r Records, _ int) error {
	if rep, ok := r.(reporter); ok {
		return rep.report(w)
	}
	return r.markdown(w)
}

// encodeHTML writes the report as a web page: the Markdown report
// rendered by goldmark (with tables, for counts and stats), which writes
// no raw HTML from its input, inside a page of its own.
func encodeHTML(w io.Writer, r Records, width int) error {
	var md bytes.Buffer
	if err := encodeReport(&md, r, width); err != nil {
		return err
	}
	title := reportTitle
	if s, ok := r.(scoped); ok && s.scope.Filters != "" {
		title += ": " + model.Inert(s.scope.Filters)
	}
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n",
		html.EscapeString(title), pageStyle)
	if err := goldmark.New(goldmark.WithExtensions(extension.Table)).Convert(md.Bytes(), w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "</body>\n</html>\n")
	return err
}

const pageStyle = `body{font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.45}` +
	`h2{border-bottom:1px solid #ccc}li{margin:.4em 0}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}`

const reportTitle = "UNOCT activities"

// elsewhere is the country group of a region's activities held in no
// country of it: region-wide work, or work held elsewhere for it (a
// launch in New York for Central Asia).
const elsewhere = "Region-wide or held elsewhere"

// group is a heading of the report and the activities under it.
type group struct {
	name string
	acts []int // indexes into the activities, each once
	subs []*group
}

func (g *group) sub(name string) *group {
	for _, s := range g.subs {
		if s.name == name {
			return s
		}
	}
	s := &group{name: name}
	g.subs = append(g.subs, s)
	return s
}

func (g *group) add(i int) {
	if len(g.acts) == 0 || g.acts[len(g.acts)-1] != i {
		g.acts = append(g.acts, i)
	}
}

// writeReport writes the brief: a title, the totals of every activity
// once, then a section per pillar, region and country with the totals
// of each, and in each country a sentence per activity with its source.
// An activity under two pillars or regions is listed under each; each
// total counts it once.
func writeReport(w io.Writer, as activities, scope Scope) error {
	root := &group{}
	for i := range as {
		a := &as[i]
		root.add(i)
		for _, p := range reportPillars(a, scope) {
			pg := root.sub(p)
			pg.add(i)
			for _, r := range reportRegions(a, scope) {
				rg := pg.sub(r)
				rg.add(i)
				rg.sub(reportCountries(a, r, scope)).add(i)
			}
		}
	}
	// Pillars in the Strategy's order, regions and countries by name,
	// the region-wide group last; activities by date.
	slices.SortFunc(root.subs, func(x, y *group) int { return cmp.Compare(pillarRank(x.name), pillarRank(y.name)) })
	byName := func(x, y *group) int {
		if (x.name == elsewhere) != (y.name == elsewhere) {
			if x.name == elsewhere {
				return 1
			}
			return -1
		}
		return cmp.Compare(model.Fold(x.name), model.Fold(y.name))
	}
	for _, pg := range root.subs {
		slices.SortFunc(pg.subs, byName)
		for _, rg := range pg.subs {
			slices.SortFunc(rg.subs, byName)
			for _, cg := range rg.subs {
				slices.SortStableFunc(cg.acts, func(x, y int) int {
					return cmp.Or(cmp.Compare(as[x].Start(), as[y].Start()), cmp.Compare(as[x].ID, as[y].ID))
				})
			}
		}
	}

	title := reportTitle
	if scope.Filters != "" {
		title += ": " + scope.Filters
	}
	fmt.Fprintf(w, "# %s\n\n", mdEscape(title))
	if len(as) == 0 {
		_, err := io.WriteString(w, "No activity matches.\n")
		return err
	}
	fmt.Fprintf(w, "%s\n\n", mdEscape(totalsLine(as, root)+"."))
	if from, to := span(as); from != "" {
		fmt.Fprintf(w, "Sessions from %s to %s. ", mdEscape(longDate(from)), mdEscape(longDate(to)))
	}
	fmt.Fprintf(w, "An activity under two pillars or regions is listed under each, and one in several countries of a region under all of them together; "+
		"every total counts an activity once, and participants add up the headcounts the texts give (Member States counts are never added: two activities may name the same States).\n\n")
	for _, pg := range root.subs {
		fmt.Fprintf(w, "## %s\n\n%s\n\n", mdEscape(pillarHeading(pg.name)), mdEscape(totalsLine(as, pg)+"."))
		for _, rg := range pg.subs {
			fmt.Fprintf(w, "### %s\n\n%s\n\n", mdEscape(rg.name), mdEscape(totalsLine(as, rg)+"."))
			for _, cg := range rg.subs {
				fmt.Fprintf(w, "#### %s\n\n%s\n\n", mdEscape(cg.name), mdEscape(totalsLine(as, cg)+"."))
				for _, i := range cg.acts {
					fmt.Fprintf(w, "- %s\n", reportSentence(&as[i]))
				}
				if _, err := io.WriteString(w, "\n"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

const noPillar = "No pillar"

func pillarRank(name string) int {
	if i := slices.Index(model.Pillars, model.Pillar(name)); i >= 0 {
		return i
	}
	return len(model.Pillars)
}

func pillarHeading(name string) string {
	if pillarRank(name) == len(model.Pillars) {
		return name
	}
	return "Pillar " + name + ": " + model.Pillar(name).Title()
}

// reportPillars are the activity's pillars within scope.
func reportPillars(a *model.Activity, scope Scope) []string {
	var out []string
	for _, p := range a.Pillars {
		if len(scope.Pillars) == 0 || slices.Contains(scope.Pillars, string(p.Pillar)) {
			out = append(out, string(p.Pillar))
		}
	}
	if len(out) == 0 && len(scope.Pillars) > 0 {
		// Outside the scope (not what the query chose): under its own
		// pillars rather than left out.
		return reportPillars(a, Scope{})
	}
	if len(out) == 0 {
		out = append(out, noPillar)
	}
	return out
}

// reportRegions are the regions the activity is grouped under: those
// of the scope it is inside, else its own most specific ones; when the
// scope names countries, only those regions that hold one of them (a
// brief on Mali has no Middle Africa section for a workshop that went
// on to Cameroon).
func reportRegions(a *model.Activity, scope Scope) []string {
	var out []string
	for _, r := range scope.Regions {
		in := slices.Contains(a.Regions, r) || slices.ContainsFunc(a.Areas, func(ar model.Area) bool { return ar.Name == r })
		if in {
			out = append(out, r)
		}
	}
	switch {
	case len(out) > 0:
	case len(a.Regions) == 0:
		return []string{"No region"}
	default:
		out = a.Regions
	}
	if len(scope.Countries) == 0 {
		return out
	}
	var held []string
	for _, r := range out {
		if slices.ContainsFunc(a.Countries, func(c model.CountryRef) bool {
			return slices.Contains(scope.Countries, c.Code) && scope.within(a, c.Code, r)
		}) {
			held = append(held, r)
		}
	}
	if len(held) == 0 {
		return out
	}
	return held
}

// within tells whether country lies in region, by the scope's tables or
// else by the activity's sessions there.
func (s Scope) within(a *model.Activity, country, region string) bool {
	if s.Within != nil {
		return s.Within(country, region)
	}
	return slices.ContainsFunc(a.Sessions, func(x model.Session) bool { return x.Country == country && x.Region == region })
}

// reportCountries names the country group of the activity in region:
// its countries there (within scope), by name, or elsewhere when none
// is. An activity in several countries of a region is one group of
// them ("Kazakhstan, Uzbekistan"), not listed under each: a region's
// country groups then add up to the region.
func reportCountries(a *model.Activity, region string, scope Scope) string {
	var out []string
	for _, c := range a.Countries {
		if len(scope.Countries) > 0 && !slices.Contains(scope.Countries, c.Code) {
			continue
		}
		if scope.within(a, c.Code, region) {
			out = append(out, cmp.Or(c.Name, c.Code))
		}
	}
	if len(out) == 0 {
		return elsewhere
	}
	slices.SortFunc(out, func(x, y string) int { return cmp.Compare(model.Fold(x), model.Fold(y)) })
	return strings.Join(out, ", ")
}

// totalsLine says a group's totals: "3 activities · 140 participants
// (headcount given for 1 of 3) · 4 countries · 5 partners".
func totalsLine(as activities, g *group) string {
	acts := make([]model.Activity, len(g.acts))
	for j, i := range g.acts {
		acts[j] = as[i]
	}
	t := model.TotalsOf(acts)
	parts := []string{plural(t.Activities, "activity", "activities")}
	if t.Headcounts > 0 {
		parts = append(parts, t.ParticipantsText()+" participants ("+t.CoverageText()+")")
	} else {
		parts = append(parts, "no headcount given")
	}
	parts = append(parts, plural(t.Countries, "country", "countries"), plural(t.Partners, "partner", "partners"))
	return strings.Join(parts, " · ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return model.Thousands(n) + " " + many
}

// span is the first session's start and the last session's end.
func span(as activities) (from, to string) {
	for i := range as {
		for _, s := range as[i].Sessions {
			if s.Start != "" && (from == "" || s.Start < from) {
				from = s.Start
			}
			if e := cmp.Or(s.End, s.Start); e > to {
				to = e
			}
		}
	}
	return from, to
}

// reportSentence is an activity in a sentence: its sessions (dates and
// places), what it was, its partners by their full names, its
// participants, and the source it was read from.
func reportSentence(a *model.Activity) string {
	var b strings.Builder
	var when []string
	for _, s := range a.Sessions {
		w := "**" + mdEscape(dateRange(s.Start, s.End)) + "**"
		if p := placeWords(a, s); p != "" {
			w += ", " + mdEscape(p)
		}
		when = append(when, w)
	}
	if len(when) == 0 {
		when = append(when, "**"+mdEscape("no date given (reported for "+monthWords(a.Month)+")")+"**")
	}
	b.WriteString(strings.Join(when, "; "))
	b.WriteString(": ")
	b.WriteString(mdEscape(sentence(a.Headline(1 << 20))))
	if len(a.Partners) > 0 {
		names := make([]string, len(a.Partners))
		for i, e := range a.Partners {
			names[i] = partnerWords(e)
		}
		b.WriteString(" " + mdEscape("Partners: "+strings.Join(names, "; ")+"."))
	}
	if p := a.Participants.Parts(); len(p) > 0 {
		b.WriteString(" " + mdEscape("Participants: "+strings.Join(p, ", ")+"."))
	}
	b.WriteString(" *" + mdEscape("Source: "+a.Source.String()) + "*")
	return b.String()
}

// partnerWords is a partner by its full name, its acronym after it:
// "United Nations Office on Drugs and Crime (UNODC)".
func partnerWords(e model.Entity) string {
	label := e.Label()
	if e.Name == "" || e.Name == label {
		return label
	}
	return e.Name + " (" + label + ")"
}

// placeWords is a session's place with its country's name: "Bamako,
// Mali", "online", "Vienna, Austria, and online".
func placeWords(a *model.Activity, s model.Session) string {
	country := s.Country
	for _, c := range a.Countries {
		if c.Code == s.Country && c.Name != "" {
			country = c.Name
		}
	}
	var parts []string
	if s.City != "" && s.City != country {
		parts = append(parts, s.City)
	}
	if country != "" {
		parts = append(parts, country)
	}
	where := strings.Join(parts, ", ")
	switch {
	case where == "" && s.Virtual:
		return "online"
	case s.Virtual:
		return where + ", and online"
	case where == "":
		return s.Place
	}
	return where
}

// sentence ends text with a full stop unless it ends in punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?…") {
		return s
	}
	return s + "."
}

// dateRange writes a session's dates as a report reads them: "10
// February 2020", "10–14 February 2020", "29 June – 1 July 2020",
// "28 December 2020 – 2 January 2021".
func dateRange(start, end string) string {
	s, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return start
	}
	e, err := time.Parse(time.DateOnly, end)
	if err != nil || !e.After(s) {
		return s.Format("2 January 2006")
	}
	switch {
	case s.Year() != e.Year():
		return s.Format("2 January 2006") + " – " + e.Format("2 January 2006")
	case s.Month() != e.Month():
		return s.Format("2 January") + " – " + e.Format("2 January 2006")
	}
	return s.Format("2") + "–" + e.Format("2 January 2006")
}

// longDate writes a day as "10 February 2020".
func longDate(day string) string { return dateRange(day, day) }

// monthWords writes YYYY-MM as "February 2020".
func monthWords(month string) string {
	m, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return m.Format("January 2006")
}
