package main

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// filterFlags are the query flags list, stats and export share: one
// flag per facet of the registry (model.FacetDefs), with its help, comma
// splitting and typed forms taken from the facet's declaration.
type filterFlags struct {
	values       map[model.Facet]*[]string
	search       string
	since, until string
	sort         string
	view         string // --view: a saved view, which the other flags add to
}

// facetAnnotation marks a flag as a facet's filter, so that rootCmd can
// give it completion from the store.
const facetAnnotation = "unoct_facet"

func (f *filterFlags) register(cmd *cobra.Command) {
	f.values = map[model.Facet]*[]string{}
	for _, d := range model.FacetDefs() {
		if d.Hidden {
			continue
		}
		v := new([]string)
		f.values[d.Facet] = v
		name := string(d.Facet)
		cmd.Flags().StringArrayVar(v, name, nil, d.Help+"; repeat to allow several")
		_ = cmd.Flags().SetAnnotation(name, facetAnnotation, []string{name})
	}
	cmd.Flags().StringVar(&f.search, "search", "", "words that must all appear in the text, partners, people or places")
	cmd.Flags().StringVar(&f.since, "since", "", "a session on or after this day (YYYY-MM-DD): sessions overlapping the day count")
	cmd.Flags().StringVar(&f.until, "until", "", "a session on or before this day (YYYY-MM-DD): sessions overlapping the day count")
	cmd.Flags().StringVar(&f.sort, "sort", "", "order by "+model.SortKeyNames()+" (default date); -KEY for descending: -participants")
	_ = cmd.RegisterFlagCompletionFunc("sort", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, k := range model.SortKeys {
			out = append(out, string(k)+"\t"+k.Help(), "-"+string(k)+"\t"+k.Help()+", descending")
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.Flags().StringVar(&f.view, "view", "", "start from the saved view NAME (unoct views lists them); the other flags add to it")
}

// query resolves the flags into a store query: every value is read in
// the facet's own forms (model.FacetDef.ParseInput) or else looked up in
// the store (so "Mali", "ml" and "ML" all work); a value in neither is a
// usage error that says what forms are accepted or where to find the
// known values.
func (f *filterFlags) query(s *store.Store) (model.Query, error) {
	q := model.Query{Filters: map[model.Facet][]string{}, Search: f.search}
	srt, err := model.ParseSort(f.sort)
	if err != nil {
		return q, usageErr("--sort: %v", err)
	}
	q.Sort = srt
	for _, d := range model.FacetDefs() {
		if d.Hidden {
			continue
		}
		for _, raw := range *f.values[d.Facet] {
			vals, err := parseFilter(d, raw, s.Resolve)
			if err != nil {
				return q, err
			}
			q.Filters[d.Facet] = append(q.Filters[d.Facet], vals...)
		}
	}
	if f.since != "" || f.until != "" {
		since, until, err := dayRange(f.since, f.until)
		if err != nil {
			return q, err
		}
		q.Filters[model.FacetDay] = []string{model.DayRange(since, until)}
	}
	if f.view != "" {
		return withView(s, f.view, q)
	}
	return q, nil
}

// sortStats orders stats rows (vals and their totals, side by side) as
// --sort asks: by their participants or partners, most first with a
// leading "-"; the date order is the facet's own (months in time). Place
// and kind order activities, not a facet's values: a usage error.
func sortStats(srt model.Sort, vals []model.FacetValue, totals []model.Totals) error {
	var key func(t model.Totals) int
	switch srt.Normal().Key {
	case model.SortDate:
		if srt.Desc {
			slices.Reverse(vals)
			slices.Reverse(totals)
		}
		return nil
	case model.SortParticipants:
		key = func(t model.Totals) int { return t.Participants }
	case model.SortPartners:
		key = func(t model.Totals) int { return t.Partners }
	default:
		return usageErr("stats orders its rows by participants or partners (--sort -participants: most first), not by %s", srt.Normal().Key)
	}
	perm := make([]int, len(vals))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		if srt.Desc {
			return cmp.Compare(key(totals[b]), key(totals[a]))
		}
		return cmp.Compare(key(totals[a]), key(totals[b]))
	})
	v, t := slices.Clone(vals), slices.Clone(totals)
	for i, p := range perm {
		vals[i], totals[i] = v[p], t[p]
	}
	return nil
}

// dayRange reads --since and --until, either of which may be empty.
func dayRange(since, until string) (string, string, error) {
	for _, p := range []*string{&since, &until} {
		if *p == "" {
			continue
		}
		day, ok := model.ParseDay(*p)
		if !ok {
			return "", "", usageErr("--since and --until take a day as YYYY-MM-DD, not %q", *p)
		}
		*p = day
	}
	if since != "" && until != "" && until < since {
		return "", "", usageErr("--until %s is before --since %s", until, since)
	}
	return since, until, nil
}

// resolver looks a typed value up among facet f's stored values (see
// store.Store.Resolve).
type resolver func(f model.Facet, input string) (string, bool, error)

// parseFilter reads one flag value of facet d into the values it names.
func parseFilter(d model.FacetDef, raw string, resolve resolver) ([]string, error) {
	values, parsed := d.ParseInput(raw)
	out := make([]string, 0, len(values))
	for i, v := range values {
		if parsed[i] {
			out = append(out, v)
			continue
		}
		if err := d.FormError(v); err != nil {
			return nil, usageErr("%v", err)
		}
		got, ok, err := resolve(d.Facet, v)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, usageErr("no %s %q in the store (see the known ones with: unoct stats --by %s)", d.Facet, v, d.Facet)
		}
		out = append(out, got)
	}
	return out, nil
}

// fetch runs a query and reads its activities (the first limit, 0: all)
// in one read of the store, so that an import replacing documents
// meanwhile cannot leave an id without its activity.
func fetch(s *store.Store, q model.Query, limit int) ([]model.Activity, int, error) {
	sc, err := s.List(q, store.Page{Limit: limit})
	if err != nil {
		return nil, 0, err
	}
	return sc.Rows, sc.Total, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
