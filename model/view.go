package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// View is a saved view: a name for a query (filters and search), with
// the sort and columns to show it in. Views live in a file people edit
// and share, so a view keeps filter values as text, as typed ("Mali",
// "2020-Q1") or as stored ("ML", "2020-03"): whoever uses one resolves
// them against the store, as it does a command line's flags, and a value
// the store does not know is then an error that names the view.
type View struct {
	Name string
	// Filters are the values of each facet, by the facet's name (its
	// CLI flag): alternatives within a facet, all facets must hold.
	Filters map[Facet][]string
	// Since and Until bound the days of the sessions (YYYY-MM-DD), as
	// --since and --until do; either may be empty.
	Since, Until string
	Search       string
	// Sort is a sort key as text ("-participants"), kept as written and
	// applied by ApplySort.
	Sort string
	// Columns are the list's columns, where the screen lets them be
	// chosen; empty for the default ones.
	Columns []string
}

// ViewOf is the view named name of query q: the filters as q stores
// them, the hidden day range as Since and Until.
func ViewOf(name string, q Query) View {
	v := View{Name: name, Search: strings.TrimSpace(q.Search), Filters: map[Facet][]string{}}
	for f, vals := range q.Filters {
		if f == FacetDay {
			for _, r := range vals {
				v.Since, v.Until, _ = strings.Cut(r, "..")
			}
			continue
		}
		if len(vals) > 0 {
			v.Filters[f] = slices.Clone(vals)
		}
	}
	return v
}

// Facets lists the facets the view filters on, in the registry's
// order: a file written from it reads the same each time.
func (v View) Facets() []Facet {
	var out []Facet
	for _, d := range facetDefs {
		if len(v.Filters[d.Facet]) > 0 {
			out = append(out, d.Facet)
		}
	}
	// Facets the registry does not know (a file from another version)
	// come last, by name.
	rest := slices.Sorted(maps.Keys(v.Filters))
	for _, f := range rest {
		if _, ok := Def(f); !ok && len(v.Filters[f]) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// Describe is the view's query in brief, as a header names a query:
// "pillar=IV region=Western Africa search=“border”", then the day range
// and the sort. The text is inert.
func (v View) Describe() string {
	var parts []string
	for _, f := range v.Facets() {
		vals := make([]string, len(v.Filters[f]))
		for i, x := range v.Filters[f] {
			vals[i] = Inert(x)
		}
		parts = append(parts, string(f)+"="+strings.Join(vals, "|"))
	}
	if v.Since != "" {
		parts = append(parts, "since="+Inert(v.Since))
	}
	if v.Until != "" {
		parts = append(parts, "until="+Inert(v.Until))
	}
	if s := strings.TrimSpace(v.Search); s != "" {
		parts = append(parts, "search=“"+Inert(s)+"”")
	}
	if v.Sort != "" {
		parts = append(parts, "sort="+Inert(v.Sort))
	}
	if len(parts) == 0 {
		return "everything"
	}
	return strings.Join(parts, " ")
}

// ApplySort sets the view's sort on q. An empty Sort leaves q as it
// is; a key ParseSort refuses is an error that names the view.
func (v View) ApplySort(q *Query) error {
	if v.Sort == "" {
		return nil
	}
	s, err := ParseSort(v.Sort)
	if err != nil {
		return fmt.Errorf("view %q: sort %q: %w", v.Name, v.Sort, err)
	}
	q.Sort = s
	return nil
}

// maxViewName bounds a view's name: it is typed, listed and completed.
const maxViewName = 64

// CheckViewName says what is wrong with a view's name, if anything: a
// name is typed on a command line and shown on one line, so it is
// non-empty, at most 64 characters, without control characters and
// without spaces at either end.
func CheckViewName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("a view needs a name")
	case !utf8.ValidString(name):
		return fmt.Errorf("view name %q is not UTF-8", name)
	case utf8.RuneCountInString(name) > maxViewName:
		return fmt.Errorf("view name %q is longer than %d characters", Inert(name), maxViewName)
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("view name %q starts or ends with a space", Inert(name))
	case strings.ContainsFunc(name, unicode.IsControl) || Inert(name) != name:
		return fmt.Errorf("view name %q holds a control character", Inert(name))
	}
	return nil
}
