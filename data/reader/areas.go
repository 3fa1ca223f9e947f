package reader

import (
	"slices"
	"strings"

	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
)

// areaTables are what Activity.Areas is read from: each M49 grouping's
// kind and the groupings above it, each country's policy regions.
type areaTables struct {
	kinds    map[string][]string // name -> its kinds (model.AreaM49Region...)
	parents  map[string][]string // M49 grouping -> the groupings above it
	policies map[string][]string // alpha-2 -> the policy regions with it as a member
	equiv    map[string]string   // policy region -> M49 grouping of the same name
}

func newAreaTables(geo *ref.Geo, equiv map[string]string) *areaTables {
	t := &areaTables{kinds: map[string][]string{}, parents: map[string][]string{}, policies: map[string][]string{}, equiv: equiv}
	addKind := func(name, kind string) {
		if name != "" && !slices.Contains(t.kinds[name], kind) {
			t.kinds[name] = append(t.kinds[name], kind)
		}
	}
	for _, c := range geo.Countries() {
		addKind(c.Region, model.AreaM49Region)
		addKind(c.SubRegion, model.AreaM49SubRegion)
		addKind(c.Intermediate, model.AreaM49Intermediate)
		if c.SubRegion != "" && c.Region != "" {
			t.parents[c.SubRegion] = []string{c.Region}
		}
		if c.Intermediate != "" {
			t.parents[c.Intermediate] = slices.DeleteFunc([]string{c.SubRegion, c.Region}, func(s string) bool { return s == "" })
		}
	}
	for _, pr := range geo.PolicyRegions() {
		addKind(pr.Name, model.AreaPolicy)
		for _, code := range pr.Countries {
			t.policies[code] = append(t.policies[code], pr.Name)
		}
	}
	return t
}

// areas lists the groupings an activity located in countries (the
// countries it takes place in, not those only named as partners at the
// headquarters) and naming the regions named is inside.
func (t *areaTables) areas(geo *ref.Geo, countries, named []string) []model.Area {
	var names []string
	add := func(n string) {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	addM49 := func(g string) {
		add(g)
		for _, p := range t.parents[g] {
			add(p)
		}
	}
	for _, code := range countries {
		c, ok := geo.Country(code)
		if !ok {
			continue
		}
		add(c.Region)
		add(c.SubRegion)
		add(c.Intermediate)
		for _, p := range t.policies[code] {
			add(p)
		}
	}
	for _, r := range named {
		addM49(r)
		if g, ok := t.equiv[r]; ok {
			addM49(g)
		}
	}
	out := make([]model.Area, 0, len(names))
	for _, n := range names {
		if kinds := t.kinds[n]; len(kinds) > 0 {
			out = append(out, model.Area{Name: n, Kind: strings.Join(kinds, ", ")})
		}
	}
	return out
}
