package model

import (
	"strings"
)

// Query selects activities: within one facet the values are alternatives
// (OR), across facets they all must hold (AND), and every word of Search
// must match. Sort orders the matches (the zero value: by date).
type Query struct {
	Filters map[Facet][]string
	Search  string
	Sort    Sort
}

// With returns a copy of q with value toggled in facet f.
func (q Query) With(f Facet, value string) Query {
	out := q.Clone()
	vals := out.Filters[f]
	for i, v := range vals {
		if v == value {
			out.Filters[f] = append(vals[:i:i], vals[i+1:]...)
			if len(out.Filters[f]) == 0 {
				delete(out.Filters, f)
			}
			return out
		}
	}
	out.Filters[f] = append(append([]string(nil), vals...), value)
	return out
}

// Has reports whether value is selected in facet f.
func (q Query) Has(f Facet, value string) bool {
	for _, v := range q.Filters[f] {
		if v == value {
			return true
		}
	}
	return false
}

// Clone returns a deep copy of q.
func (q Query) Clone() Query {
	out := Query{Search: q.Search, Sort: q.Sort, Filters: make(map[Facet][]string, len(q.Filters))}
	for f, v := range q.Filters {
		out.Filters[f] = append([]string(nil), v...)
	}
	return out
}

// Empty reports whether q selects everything.
func (q Query) Empty() bool {
	return len(q.Filters) == 0 && strings.TrimSpace(q.Search) == ""
}

// OrderClause is the Facet of the clause that describes a query's order.
const OrderClause Facet = "sort"

// String is q's brief description (see Describe), with values as
// stored: "pillar=IV region=Western Africa search=“douala”".
func (q Query) String() string {
	var parts []string
	for _, c := range q.Describe(nil, true) {
		parts = append(parts, c.Text)
	}
	return strings.Join(parts, " ")
}

// Clause is one condition of a query as people read it: one facet's
// values, or the search (Facet ""); or, Order set, the order of a
// query sorted otherwise than by date, which selects nothing (its Facet
// is OrderClause, a name no facet has, so that code that looks a
// clause's facet up finds none).
type Clause struct {
	Facet Facet
	Text  string
	Order bool
}

// Describe writes q as text, a clause per filtered facet in the facets'
// order and then the search, so that every screen that names a query
// names it alike. name gives a value's label (nil: the value itself).
// Brief clauses suit a header line (`country=Mali|Cameroon`,
// `search=“douala”`); the others a sentence (`country = Mali or
// Cameroon`, `search “douala”`). The text is inert.
func (q Query) Describe(name func(f Facet, value string) string, brief bool) []Clause {
	is, or, search := " = ", " or ", "search “"
	if brief {
		is, or, search = "=", "|", "search=“"
	}
	var out []Clause
	for _, d := range facetDefs {
		f := d.Facet
		vals := q.Filters[f]
		if len(vals) == 0 {
			continue
		}
		labels := make([]string, len(vals))
		for i, v := range vals {
			if name != nil {
				v = name(f, v)
			}
			labels[i] = Inert(v)
		}
		out = append(out, Clause{Facet: f, Text: string(f) + is + strings.Join(labels, or)})
	}
	if s := strings.TrimSpace(q.Search); s != "" {
		out = append(out, Clause{Text: search + Inert(s) + "”"})
	}
	if !q.Sort.IsDefault() {
		text := "sorted by " + q.Sort.Describe()
		if brief {
			text = "sort=" + q.Sort.String()
		}
		out = append(out, Clause{Facet: OrderClause, Text: text, Order: true})
	}
	return out
}
