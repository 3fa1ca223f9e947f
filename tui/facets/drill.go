package facets

import (
	"cmp"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// This file holds a facet's full list, opened from the overview: its
// values, narrowed by typing; the months under their years and the
// regions as a tree (M49 region › sub-region › intermediate region ›
// country, then the policy regions) while nothing is typed; and the
// values ticked with space, applied together by enter.

// item is one line of an open facet's list: a value, or a group that
// opens and closes (a year, a region with regions or countries in it,
// the policy regions' heading).
type item struct {
	facet  model.Facet // the value's facet: the region tree lists countries too
	value  model.FacetValue
	label  string
	depth  int      // how far in the tree: 0 at the top
	group  string   // a group's key in Model.open; "" for a plain value
	kids   bool     // the group has lines under it
	values []string // a group without a value of its own (a year): what it toggles, in facet
	isVal  bool     // the line is a value (a region is a value and a group)
}

// tick is a value whose tick changed since the list was opened, and
// not yet applied.
type tick struct {
	f model.Facet
	v string
}

// SetRegions gives the pane the tree the region facet's values form;
// nil lists them flat.
func (m *Model) SetRegions(t *common.RegionTree) { m.regions = t }

// refilter rebuilds the open facet's lines: the values matching what is
// typed (every word in the value or its label) or, with nothing typed,
// the facet's tree or years where it has them.
func (m *Model) refilter() {
	m.items = m.items[:0]
	if !m.drilled() {
		return
	}
	words := model.Words(m.input.Value())
	f := m.drill.Facet
	switch {
	case len(words) == 0 && f == model.FacetRegion && m.regions != nil:
		m.regionTree()
		return
	case len(words) == 0 && f == model.FacetMonth:
		m.years()
		return
	}
	for _, v := range m.counts[f] {
		if len(words) > 0 {
			hay := model.Fold(v.Value + " " + m.drill.Label(v))
			ok := true
			for _, w := range words {
				if !strings.Contains(hay, w) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
		}
		m.items = append(m.items, item{facet: f, value: v, label: m.drill.Label(v), isVal: true})
	}
}

// yearGroup is the months of one year a month facet has.
type yearGroup struct {
	year   string
	months []string
	vals   []model.FacetValue
}

func (y yearGroup) label() string { return y.year + " (" + plural(len(y.months), "month") + ")" }

// yearsOf groups months ("YYYY-MM", in chronological order) by year.
func yearsOf(vals []model.FacetValue) []yearGroup {
	var out []yearGroup
	for _, v := range vals {
		y := v.Value[:min(4, len(v.Value))]
		if len(out) == 0 || out[len(out)-1].year != y {
			out = append(out, yearGroup{year: y})
		}
		g := &out[len(out)-1]
		g.months, g.vals = append(g.months, v.Value), append(g.vals, v)
	}
	return out
}

// years lists the months under their years, a year toggling its months
// as one: months are what the store counts, and a year's count cannot
// be told from its months' (an activity may span two).
func (m *Model) years() {
	for _, y := range yearsOf(m.counts[model.FacetMonth]) {
		key := "year:" + y.year
		m.items = append(m.items, item{facet: model.FacetMonth, label: y.label(), group: key, kids: true, values: y.months})
		if m.isOpen(key, true) {
			for _, v := range y.vals {
				m.items = append(m.items, item{facet: model.FacetMonth, value: v, label: m.drill.Label(v), depth: 1, isVal: true})
			}
		}
	}
}

func plural(n int, s string) string {
	return strings.TrimSpace(common.Plural(n, "1 "+s, itoa(n)+" "+s+"s"))
}

// regionTree lays out the region facet's values as the tree: each M49
// region with the groupings and countries in it, each with its count;
// then the policy regions; then the values the tree lacks (Global).
// Regions go by their short labels: the tree tells their kind.
func (m *Model) regionTree() {
	t := m.regions
	regions := map[string]model.FacetValue{}
	for _, v := range m.counts[model.FacetRegion] {
		regions[v.Value] = v
	}
	countries := map[string]model.FacetValue{}
	for _, v := range m.counts[model.FacetCountry] {
		countries[v.Value] = v
	}
	kids := map[string][]string{}
	for n, p := range t.Parent {
		kids[p] = append(kids[p], n)
	}
	ckids := map[string][]string{}
	for c, g := range t.Country {
		if _, ok := countries[c]; ok {
			ckids[g] = append(ckids[g], c)
		}
	}
	byCount := func(vals map[string]model.FacetValue) func(a, b string) int {
		return func(a, b string) int {
			return cmp.Or(cmp.Compare(vals[b].Count, vals[a].Count), cmp.Compare(a, b))
		}
	}
	// Every grouping of the tree has its place in it, shown or folded.
	placed := map[string]bool{}
	for n := range t.Parent {
		placed[n] = true
	}
	rdef, _ := model.Def(model.FacetRegion)
	cdef, _ := model.Def(model.FacetCountry)
	var walk func(name string, depth int)
	walk = func(name string, depth int) {
		v := regions[name]
		placed[name] = true
		sub := slices.DeleteFunc(slices.Clone(kids[name]), func(n string) bool { _, ok := regions[n]; return !ok })
		slices.SortFunc(sub, byCount(regions))
		cs := slices.Clone(ckids[name])
		slices.SortFunc(cs, byCount(countries))
		key := "region:" + name
		has := len(sub)+len(cs) > 0
		m.items = append(m.items, item{facet: model.FacetRegion, value: v, label: rdef.Short(v), depth: depth,
			group: key, kids: has, isVal: true})
		if !has || !m.isOpen(key, false) {
			return
		}
		for _, n := range sub {
			walk(n, depth+1)
		}
		for _, c := range cs {
			cv := countries[c]
			m.items = append(m.items, item{facet: model.FacetCountry, value: cv, label: cdef.Label(cv), depth: depth + 1, isVal: true})
		}
	}
	var top []string
	for n := range regions {
		if _, ok := t.Parent[n]; !ok && (len(kids[n]) > 0 || len(ckids[n]) > 0) {
			top = append(top, n)
		}
	}
	slices.SortFunc(top, byCount(regions))
	for _, n := range top {
		placed[n] = true
		walk(n, 0)
	}
	var policy []string
	for _, n := range t.Policy {
		if _, ok := regions[n]; ok {
			policy = append(policy, n)
		}
	}
	if len(policy) > 0 {
		slices.SortFunc(policy, byCount(regions))
		key := "policy"
		m.items = append(m.items, item{facet: model.FacetRegion, label: "Policy regions (" + itoa(len(policy)) + ")",
			group: key, kids: true})
		if m.isOpen(key, false) {
			for _, n := range policy {
				placed[n] = true
				v := regions[n]
				m.items = append(m.items, item{facet: model.FacetRegion, value: v, label: rdef.Short(v), depth: 1, isVal: true})
			}
		} else {
			for _, n := range policy {
				placed[n] = true
			}
		}
	}
	for _, v := range m.counts[model.FacetRegion] {
		if !placed[v.Value] {
			m.items = append(m.items, item{facet: model.FacetRegion, value: v, label: rdef.Short(v), isVal: true})
		}
	}
}

// isOpen says whether group key shows its lines; def is how a group
// starts.
func (m *Model) isOpen(key string, def bool) bool {
	if o, ok := m.open[key]; ok {
		return o
	}
	return def
}

// setOpen opens or closes the group under the cursor, and reports
// whether it was one that could.
func (m *Model) setOpen(open bool) bool {
	if m.dcur.Index >= len(m.items) {
		return false
	}
	it := m.items[m.dcur.Index]
	if it.group == "" || !it.kids {
		if !open && it.depth > 0 { // ← on a line inside a group: to its group
			for i := m.dcur.Index - 1; i >= 0; i-- {
				if m.items[i].depth < it.depth {
					m.dcur.Index = i
					break
				}
			}
			m.clamp()
			return true
		}
		return false
	}
	m.open[it.group] = open
	m.refilter()
	m.clamp()
	return true
}

// toggles are what ticking line it flips: its value, or a year's months
// all on, or all off when they all are.
func (m *Model) toggles(it item) []tick {
	if it.isVal {
		return []tick{{it.facet, it.value.Value}}
	}
	var out []tick
	all := true
	for _, v := range it.values {
		if !m.ticked(it.facet, v) {
			all = false
		}
	}
	for _, v := range it.values {
		if m.ticked(it.facet, v) == all {
			out = append(out, tick{it.facet, v})
		}
	}
	return out
}

// ticked is whether value v of f is ticked: in the query, unless a tick
// not yet applied changed it.
func (m *Model) ticked(f model.Facet, v string) bool {
	return m.query.Has(f, v) != m.pending[tick{f, v}]
}

// tickCursor flips the line under the cursor's ticks without applying
// them.
func (m *Model) tickCursor() {
	if m.dcur.Index >= len(m.items) {
		return
	}
	for _, t := range m.toggles(m.items[m.dcur.Index]) {
		if m.pending[t] {
			delete(m.pending, t)
		} else {
			m.pending[t] = true
		}
	}
}

// apply asks the root for the ticks not yet applied or, when there are
// none, for the line under the cursor's, in one query.
func (m *Model) apply() tea.Cmd {
	var ts []tick
	for t := range m.pending {
		ts = append(ts, t)
	}
	if len(ts) == 0 && m.dcur.Index < len(m.items) {
		ts = m.toggles(m.items[m.dcur.Index])
	}
	clear(m.pending)
	return toggleAll(ts)
}

func toggleAll(ts []tick) tea.Cmd {
	switch len(ts) {
	case 0:
		return nil
	case 1:
		return toggle(ts[0].f, ts[0].v)
	}
	slices.SortFunc(ts, func(a, b tick) int { return cmp.Or(cmp.Compare(a.f, b.f), cmp.Compare(a.v, b.v)) })
	msg := common.ToggleFacetsMsg{}
	for _, t := range ts {
		msg.Toggles = append(msg.Toggles, common.ToggleFacetMsg{Facet: t.f, Value: t.v})
	}
	return common.Cmd(msg)
}

// itemView draws a line of the open facet: its tick, its place in the
// tree, its label and count.
func (m *Model) itemView(it item, cw int, cursor, dim bool) string {
	st, w := m.Styles, m.innerW()
	mark := "  "
	switch on, some, pending := m.tickState(it); {
	case pending && on:
		mark = st.Mark.Render("+") + " "
	case pending:
		mark = st.Mark.Render("-") + " "
	case on:
		mark = st.Mark.Render("✓") + " "
	case some:
		mark = st.Mark.Render("~") + " "
	}
	lead := strings.Repeat("  ", it.depth)
	switch {
	case it.kids && m.isOpen(it.group, it.facet == model.FacetMonth):
		lead += "▾ "
	case it.kids:
		lead += "▸ "
	case it.depth > 0 || m.treeShown():
		lead += "  "
	}
	count := ""
	if it.isVal {
		count = itoa(it.value.Count)
	}
	count = strings.Repeat(" ", max(0, cw-len(count))) + count
	lw := common.Width(lead)
	label := common.Fit(it.label, max(1, w-2-lw-cw-1))
	line := mark + lead + label + common.Pad(2+lw+common.Width(label), w-cw) + st.Muted.Render(count)
	return st.CursorLine(line, w, cursor, dim)
}

// tickState says whether a line's value, or all of a year's months, is
// ticked (on), some of the months are (some), and whether the ticks
// shown are not yet applied (pending).
func (m *Model) tickState(it item) (on, some, pending bool) {
	if it.isVal {
		return m.ticked(it.facet, it.value.Value), false, m.pending[tick{it.facet, it.value.Value}]
	}
	n := 0
	for _, v := range it.values {
		if m.ticked(it.facet, v) {
			n++
		}
		pending = pending || m.pending[tick{it.facet, v}]
	}
	return n > 0 && n == len(it.values), n > 0 && n < len(it.values), pending
}

// treeShown is whether the open facet's lines are a tree (years,
// regions) rather than a flat list.
func (m *Model) treeShown() bool {
	for _, it := range m.items {
		if it.kids {
			return true
		}
	}
	return false
}

func itemsCountWidth(items []item) int {
	w := 1
	for _, it := range items {
		if it.isVal {
			w = max(w, len(itoa(it.value.Count)))
		}
	}
	return w
}
