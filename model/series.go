package model

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// SeriesRule says, for people, when activities of different months are
// linked as one series; `unoct series` prints it.
const SeriesRule = `Activities reported in different months are one series when
  (programme) their texts name the same programme or project: a capitalised
      name with "Programme", "Project" or "Initiative" ("UN Global Programme on
      Countering Terrorist Travel", "Countering Terrorist Travel Programme"),
      compared by its words other than UN, UNOCT, Global, Programme, the, on,
      a possessive's s...
      (CT reads as Countering Terrorist);
      a partner's own name (United Nations Development Programme) is not one; or
  (same work) they have the same branch, kind, partners (at least one) and
      countries (at least one), and start within three months of each other.
Series link in chains: A and B, B and C make A, B and C one series.`

// Series is activities of several months linked by SeriesRule, in the
// order of their start.
type Series struct {
	// Label names the series: the programme, or the branch, kind,
	// partners and countries the activities share.
	Label string
	// Rule is "programme" or "same work": which part of the rule
	// linked the first pair.
	Rule string
	IDs  []uint32
}

// programmeRE finds a named programme: the capitalised words before
// Programme, Project or Initiative, and a title after it ("on the
// Security of Major Sporting Events").
var programmeRE = regexp.MustCompile(`(?:[A-Z][\w'’-]*\s+)*(?:Programme|Program|Project|Initiative)(?:\s+(?:on|for|of)(?:\s+(?:the|and|of|on|for|to|[A-Z][\w'’-]*))*\s+[A-Z][\w'’-]*)?`)

// programmeStop are the words a programme's key leaves out: they tell
// no programme from another.
var programmeStop = map[string]bool{
	"un": true, "united": true, "nations": true, "unoct": true, "uncct": true, "global": true,
	"programme": true, "program": true, "project": true, "initiative": true, "office": true,
	"the": true, "of": true, "on": true, "for": true, "and": true, "to": true, "in": true,
	// A possessive's s ("UNCCT’s Global Programme") and the words a
	// sentence starts with before a name ("Under UNOCT’s ...").
	"s": true, "its": true, "under": true, "through": true, "with": true, "by": true,
}

// ProgrammeKeys are the programmes an activity's text names, each as
// its key (its words but the stop words, lower case, sorted) with the
// name as written. A partner's own name is not a programme.
func ProgrammeKeys(a *Activity) map[string]string {
	out := map[string]string{}
	// The expression is slow and most texts name no programme: every
	// import, index and link asks.
	if !strings.Contains(a.Text, "Program") && !strings.Contains(a.Text, "Project") && !strings.Contains(a.Text, "Initiative") {
		return out
	}
	for _, name := range programmeRE.FindAllString(a.Text, -1) {
		// "The Countering Terrorist Travel Programme" at a sentence's
		// start: the article is no part of the name.
		name = strings.TrimPrefix(strings.TrimSpace(name), "The ")
		if slices.ContainsFunc(a.Partners, func(e Entity) bool {
			return e.Name != "" && strings.Contains(strings.ToLower(name), strings.ToLower(e.Name))
		}) {
			continue
		}
		var words []string
		for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
			return r == ' ' || r == '\n' || r == '-' || r == '’' || r == '\''
		}) {
			switch {
			case w == "ct": // "the CT Travel Programme"
				words = append(words, "countering", "terrorist")
			case !programmeStop[w]:
				words = append(words, w)
			}
		}
		if len(words) == 0 {
			continue // "the Programme": which one, the text does not say
		}
		slices.Sort(words)
		words = slices.Compact(words)
		key := strings.Join(words, " ")
		if _, ok := out[key]; !ok {
			out[key] = name
		}
	}
	return out
}

// workKey is what the same-work rule compares, or "" when an activity
// has no partner or no country.
func workKey(a *Activity) string {
	if len(a.Partners) == 0 || len(a.Countries) == 0 {
		return ""
	}
	var ps, cs []string
	for _, p := range a.Partners {
		ps = append(ps, p.Label())
	}
	for _, c := range a.Countries {
		cs = append(cs, c.Code)
	}
	slices.Sort(ps)
	slices.Sort(cs)
	return string(a.Branch) + "\x00" + string(a.Kind) + "\x00" + strings.Join(slices.Compact(ps), ",") + "\x00" + strings.Join(slices.Compact(cs), ",")
}

// seriesMonth is when an activity counts for the three months: its
// first session's month, else its document's.
func seriesMonth(a *Activity) int {
	m := a.Month
	if s := a.Start(); len(s) >= 7 {
		m = s[:7]
	}
	if len(m) != 7 {
		return 0
	}
	y, err1 := strconv.Atoi(m[:4])
	mo, err2 := strconv.Atoi(m[5:7])
	if err1 != nil || err2 != nil {
		return 0
	}
	return y*12 + mo - 1
}

// FindSeries links acts by SeriesRule and returns the series of two
// reporting months or more, the largest first.
func FindSeries(acts []Activity) []Series {
	parent := make([]int, len(acts))
	rule := make([]string, len(acts))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int, why string) {
		ri, rj := find(i), find(j)
		if ri == rj {
			return
		}
		if rj < ri {
			ri, rj = rj, ri
		}
		parent[rj] = ri
		if rule[ri] == "" {
			rule[ri] = why
		}
	}
	label := map[int]string{} // first activity with a programme -> its name
	byProg := map[string]int{}
	byWork := map[string][]int{}
	for i := range acts {
		a := &acts[i]
		keys := ProgrammeKeys(a)
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			if j, ok := byProg[k]; ok {
				union(j, i, "programme")
			} else {
				byProg[k] = i
				if _, ok := label[i]; !ok {
					label[i] = keys[k]
				}
			}
		}
		if k := workKey(a); k != "" {
			byWork[k] = append(byWork[k], i)
		}
	}
	// Two activities of one work are linked when their months differ
	// and their series months are at most 3 apart: that depends only on
	// the pair (month, series month), so the activities are grouped by it
	// and groups are linked, not pairs (one large document of thousands
	// of activities of one work made the pairs quadratic: 400,000 of them
	// ran out of memory). Every member of a linked pair of groups ends in
	// one series, as linking every pair would have it.
	type slot struct {
		month  string
		series int
	}
	for _, is := range byWork {
		groups := make(map[slot][]int)
		var order []slot
		for _, i := range is {
			k := slot{acts[i].Month, seriesMonth(&acts[i])}
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], i)
		}
		for x, a := range order {
			for _, b := range order[x+1:] {
				d := a.series - b.series
				if a.month == b.month || d < -3 || d > 3 {
					continue
				}
				ga, gb := groups[a], groups[b]
				for _, i := range ga {
					union(i, gb[0], "same work")
				}
				for _, j := range gb {
					union(ga[0], j, "same work")
				}
			}
		}
	}
	groups := map[int][]int{}
	for i := range acts {
		r := find(i)
		groups[r] = append(groups[r], i)
	}
	var out []Series
	for r, is := range groups {
		months := map[string]bool{}
		for _, i := range is {
			months[acts[i].Month] = true
		}
		if len(months) < 2 {
			continue
		}
		slices.SortFunc(is, func(x, y int) int {
			return cmp.Or(cmp.Compare(acts[x].Start(), acts[y].Start()), cmp.Compare(acts[x].ID, acts[y].ID))
		})
		s := Series{Rule: rule[r]}
		for _, i := range is {
			s.IDs = append(s.IDs, acts[i].ID)
			if s.Label == "" {
				s.Label = label[i]
			}
		}
		if s.Label == "" || s.Rule == "same work" {
			a := &acts[is[0]]
			var ps, cs []string
			for _, p := range a.Partners {
				ps = append(ps, p.Label())
			}
			for _, c := range a.Countries {
				cs = append(cs, c.Name)
			}
			s.Label = string(a.Branch) + " " + string(a.Kind) + " with " + strings.Join(ps, ", ") + " in " + strings.Join(cs, ", ")
		}
		s.Label = Inert(s.Label)
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Series) int {
		return cmp.Or(cmp.Compare(len(b.IDs), len(a.IDs)), cmp.Compare(a.IDs[0], b.IDs[0]))
	})
	return out
}

// maxSeriesLabel bounds a series' label, which the store keeps as a
// facet value: a same-work label lists every partner and country.
const maxSeriesLabel = 160

// SeriesLinks are the programmes an activity's text names, as terms
// ("programme " and the key) two activities must share for the
// programme part of SeriesRule to link them. The store indexes them
// (FacetSeriesLinks) to find, when documents change, the activities a
// series could reach without reading every one; the same-work part it
// finds through the facets it has (branch, kind, partner, country and
// the months of SeriesWindow).
func SeriesLinks(a *Activity) []string {
	var out []string
	for k := range ProgrammeKeys(a) {
		out = append(out, "programme "+k)
	}
	slices.Sort(out)
	return out
}

// SeriesWindow lists the months ("YYYY-MM") an activity that does the
// same work as a must start in (or, undated, be reported in) for the
// same-work part of SeriesRule to link them: three months either side of
// a's own. It is nil when a has no month.
func SeriesWindow(a *Activity) []string {
	m := seriesMonth(a)
	if m == 0 {
		return nil
	}
	out := make([]string, 0, 7)
	for x := m - 3; x <= m+3; x++ {
		out = append(out, fmt.Sprintf("%04d-%02d", x/12, x%12+1))
	}
	return out
}

// LinkSeries links acts by SeriesRule, as FindSeries does, and names
// each activity's series: the value Activity.Series holds and the
// series facet filters by. Activities are taken in the order of their
// start (then id) whatever order acts comes in, so that a series' label
// is its earliest programme name and does not depend on how the store
// keeps its records. Two series with one label (the same work in two
// years) are told apart by their first month: "... (2021-03)".
//
// taken, when not nil, says whether a label is already another series'
// (one among activities not in acts): such a label is told apart too.
func LinkSeries(acts []Activity, taken func(label string) bool) (map[uint32]string, []Series) {
	sorted := slices.Clone(acts)
	slices.SortFunc(sorted, func(a, b Activity) int {
		return cmp.Or(cmp.Compare(a.Start(), b.Start()), cmp.Compare(a.Month, b.Month), cmp.Compare(a.ID, b.ID))
	})
	series := FindSeries(sorted)
	month := make(map[uint32]string, len(sorted))
	for i := range sorted {
		month[sorted[i].ID] = sorted[i].Month
	}
	// The largest series keeps the bare label: it is listed first.
	used := make(map[string]bool, len(series))
	of := make(map[uint32]string)
	for i := range series {
		s := &series[i]
		label := s.Label
		if r := []rune(label); len(r) > maxSeriesLabel {
			label = string(r[:maxSeriesLabel-1]) + "…"
		}
		inUse := func(l string) bool { return used[l] || taken != nil && taken(l) }
		if inUse(label) {
			first := slices.Min(func() []string {
				var ms []string
				for _, id := range s.IDs {
					ms = append(ms, month[id])
				}
				return ms
			}())
			base := label
			label = base + " (" + first + ")"
			for n := 2; inUse(label); n++ {
				label = base + " (" + first + ", " + strconv.Itoa(n) + ")"
			}
		}
		used[label] = true
		s.Label = label
		for _, id := range s.IDs {
			of[id] = label
		}
	}
	return of, series
}
