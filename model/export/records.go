package export

import (
	"cmp"
	"io"
	"strconv"
	"strings"

	"github.com/unoct/unoct/model"
)

// Records is a list of records of one kind (activities, a facet's
// counts) as the formats see them, so that one encoder per format serves
// every kind: CSV writes the header and rows, JSON each record's value;
// the table and Markdown formats, which lay records out for people, ask
// the kind for its own layout. Activities and Counts make them; a new
// kind of record is a type in this package.
type Records interface {
	Len() int
	// Header names the columns of Row: the CSV header.
	Header() []string
	// Row is record i as cells, in Header's order. Cells are data as
	// stored; the encoder makes them inert and formula-safe.
	Row(i int) []string
	// Value is record i as JSON encodes it.
	Value(i int) any

	// table writes the records as a terminal table at most width cells
	// wide (0: no limit).
	table(w io.Writer, width int) error
	// markdown writes the records as a Markdown document.
	markdown(w io.Writer) error
}

// Activities are activities as records: one CSV row, JSON object or
// report section each.
func Activities(acts []model.Activity) Records { return activities(acts) }

type activities []model.Activity

func (as activities) Len() int { return len(as) }

func (as activities) Header() []string {
	return []string{"id", "month", "start", "end", "section", "branch", "kind", "pillars", "pillar_names", "partners",
		"partner_names", "countries", "country_names", "regions", "places", "virtual", "people", "participants", "approximate",
		"member_states", "organizations", "document", "page", "line", "text", "corrected"}
}

func (as activities) Row(i int) []string {
	a := &as[i]
	start, end := a.Start(), ""
	virtual := false
	for _, s := range a.Sessions {
		end = s.End
		virtual = virtual || s.Virtual
	}
	page := ""
	if a.Source.Page > 0 {
		page = strconv.Itoa(a.Source.Page)
	}
	// Each coded column has its names in the next one, in the same
	// order: programs keep the codes, people read the names. A full
	// listing builds these for every activity: joinEach makes no list
	// and, for one value, no string.
	return []string{strconv.FormatUint(uint64(a.ID), 10), a.Month, start, end, a.Section, string(a.Branch), string(a.Kind),
		joinEach(a.Pillars, func(p *model.PillarMatch) string { return string(p.Pillar) }),
		joinEach(a.Pillars, func(p *model.PillarMatch) string { return p.Pillar.Title() }),
		joinEach(a.Partners, func(p *model.Entity) string { return p.Label() }),
		joinEach(a.Partners, func(p *model.Entity) string { return cmp.Or(p.Name, p.Label()) }),
		joinEach(a.Countries, func(c *model.CountryRef) string { return c.Code }),
		joinEach(a.Countries, func(c *model.CountryRef) string { return cmp.Or(c.Name, c.Code) }),
		strings.Join(a.Regions, "; "), joinEach(a.Sessions, func(s *model.Session) string { return s.Where() }), strconv.FormatBool(virtual),
		strings.Join(a.People, "; "), intCell(a.Participants.People), strconv.FormatBool(a.Participants.Approximate),
		intCell(a.Participants.MemberStates), intCell(a.Participants.Organizations),
		a.Source.Document, page, strconv.Itoa(a.Source.Line), a.Text, strings.Join(a.Corrected, "; ")}
}

// joinEach is strings.Join of f of each of xs, with "; ".
func joinEach[T any](xs []T, f func(*T) string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return f(&xs[0])
	}
	var b strings.Builder
	for i := range xs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f(&xs[i]))
	}
	return b.String()
}

func (as activities) Value(i int) any { return &as[i] }

func intCell(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// Counts are a facet's values, each with how many activities have it:
// what `unoct stats` writes.
func Counts(def model.FacetDef, vals []model.FacetValue) Records {
	c := counts{vals: vals, labels: make([]string, len(vals))}
	for i, v := range vals {
		c.labels[i] = def.Label(v)
	}
	return c
}

type counts struct {
	vals   []model.FacetValue
	labels []string // each value's label, inert
}

// countRow is a count as JSON writes it.
type countRow struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

func (c counts) Len() int         { return len(c.vals) }
func (c counts) Header() []string { return []string{"value", "label", "count"} }

func (c counts) Row(i int) []string {
	return []string{c.vals[i].Value, c.labels[i], strconv.Itoa(c.vals[i].Count)}
}

func (c counts) Value(i int) any { return countRow{c.vals[i].Value, c.labels[i], c.vals[i].Count} }
