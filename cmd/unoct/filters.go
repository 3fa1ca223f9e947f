package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// filterFlags are the query flags list, stats and export share.
type filterFlags struct {
	values map[model.Facet]*[]string
	search string
}

// filterFacets are the facets with a flag of their own.
var filterFacets = []model.Facet{model.FacetPillar, model.FacetBranch, model.FacetRegion, model.FacetCountry,
	model.FacetMonth, model.FacetPartner, model.FacetKind, model.FacetSection, model.FacetDoc}

var filterHelp = map[model.Facet]string{
	model.FacetPillar:  "pillar of the Strategy: I, II, III, IV (or 1-4)",
	model.FacetBranch:  "branch: UNCCT, SPIB, PKMCB, UNOCT, or the Office of the USG",
	model.FacetRegion:  `region: an M49 region ("Western Africa"), a policy region ("Sahel") or Global`,
	model.FacetCountry: "country: ISO code (ML) or name (Mali)",
	model.FacetMonth:   "month: YYYY-MM, or a range YYYY-MM..YYYY-MM",
	model.FacetPartner: "partner: acronym or name (UNODC, European Union)",
	model.FacetKind:    "kind: briefing, conference, launch, training, workshop, meeting, visit, mission, membership, other",
	model.FacetSection: "section of the document (Capacity-Building)",
	model.FacetDoc:     "source document (2020-02.md)",
}

func (f *filterFlags) register(cmd *cobra.Command) {
	f.values = map[model.Facet]*[]string{}
	for _, facet := range filterFacets {
		v := new([]string)
		f.values[facet] = v
		cmd.Flags().StringArrayVar(v, string(facet), nil, filterHelp[facet]+"; repeat to allow several")
	}
	cmd.Flags().StringVar(&f.search, "search", "", "words that must all appear in the text, partners, people or places")
}

// query resolves the flags into a store query: every value is looked up
// in the store (so "Mali", "ml" and "ML" all work), and an unknown value
// is a usage error that says where to find the known ones.
func (f *filterFlags) query(s *store.Store) (model.Query, error) {
	q := model.Query{Filters: map[model.Facet][]string{}, Search: f.search}
	for _, facet := range filterFacets {
		for _, raw := range *f.values[facet] {
			for _, v := range splitValues(facet, raw) {
				vals, err := resolve(s, facet, v)
				if err != nil {
					return q, err
				}
				q.Filters[facet] = append(q.Filters[facet], vals...)
			}
		}
	}
	return q, nil
}

// splitValues splits comma-separated values for facets whose values
// never hold a comma.
func splitValues(f model.Facet, v string) []string {
	switch f {
	case model.FacetPillar, model.FacetMonth, model.FacetKind, model.FacetCountry:
		var out []string
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	return []string{strings.TrimSpace(v)}
}

func resolve(s *store.Store, f model.Facet, v string) ([]string, error) {
	switch f {
	case model.FacetPillar:
		p, ok := parsePillar(v)
		if !ok {
			return nil, usageErr("unknown pillar %q: use I, II, III or IV", v)
		}
		return []string{p}, nil
	case model.FacetMonth:
		return parseMonths(v)
	}
	got, ok, err := s.Resolve(f, v)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, usageErr("no %s %q in the store (see the known ones with: unoct stats --by %s)", f, v, f)
	}
	return []string{got}, nil
}

func parsePillar(v string) (string, bool) {
	v = strings.ToUpper(strings.TrimSpace(v))
	v = strings.TrimPrefix(strings.TrimPrefix(v, "PILLAR"), " ")
	switch v {
	case "I", "1":
		return "I", true
	case "II", "2":
		return "II", true
	case "III", "3":
		return "III", true
	case "IV", "4":
		return "IV", true
	}
	return "", false
}

// parseMonths reads YYYY-MM or YYYY-MM..YYYY-MM (a range, both ends
// included) into the months it names.
func parseMonths(v string) ([]string, error) {
	from, to, isRange := strings.Cut(v, "..")
	a, err := time.Parse("2006-01", strings.TrimSpace(from))
	if err != nil {
		return nil, usageErr("month %q is not YYYY-MM or YYYY-MM..YYYY-MM", v)
	}
	if !isRange {
		return []string{a.Format("2006-01")}, nil
	}
	b, err := time.Parse("2006-01", strings.TrimSpace(to))
	if err != nil || b.Before(a) {
		return nil, usageErr("month range %q must be YYYY-MM..YYYY-MM with the first month not after the second", v)
	}
	var out []string
	for m := a; !m.After(b); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
		if len(out) > 1200 {
			return nil, usageErr("month range %q spans more than a century", v)
		}
	}
	return out, nil
}

// fetch runs a query and reads its activities.
func fetch(s *store.Store, q model.Query, limit int) ([]model.Activity, int, error) {
	res, err := s.Query(q)
	if err != nil {
		return nil, 0, err
	}
	ids := res.IDs
	if limit > 0 && len(ids) > limit {
		ids = ids[:limit]
	}
	acts, err := s.Get(ids...)
	if err != nil {
		return nil, 0, err
	}
	return acts, res.Total, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
