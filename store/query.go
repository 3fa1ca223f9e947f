package store

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// Result is the answer to a Query.
type Result struct {
	// IDs are the matching activities in the query's order (model.Sort;
	// by default by their first session's start date and then id, see
	// doc.go for undated activities).
	IDs []uint32
	// Total is the number of activities in the store, for "12 of 3,456".
	Total int
	// Generation is the stamp of the store the answer describes.
	Generation Stamp
}

// Query returns the activities matching q: the values of one facet are
// alternatives, facets must all hold, and every word of q.Search must
// match a word of the activity (as a substring, so a prefix works too).
// A value the store does not know matches nothing; an empty query matches
// everything.
func (s *Store) Query(q model.Query) (Result, error) {
	var res Result
	err := s.withQuery(q, true, func(ix *index, tx *bolt.Tx, e *evaluation) error {
		ids, err := s.sorted(ix, tx, e, q.Sort)
		if err != nil {
			return err
		}
		res = Result{IDs: ids, Total: len(ix.order), Generation: ix.stamp}
		return nil
	})
	return res, err
}

// Counts returns each value of facet f with the number of activities that
// match q's filters on the other facets and its search and have that
// value: what the TUI shows beside each value, so that choosing a second
// value of the same facet widens the result by the count shown. Values
// selected in q appear even at zero; other values at zero are left out.
// Values are sorted as f's declaration says (model.FacetDef.Order): by
// count and then label, or in the facet's own order (months, pillars).
func (s *Store) Counts(q model.Query, f model.Facet) ([]model.FacetValue, error) {
	var out []model.FacetValue
	err := s.withQuery(q, false, func(ix *index, tx *bolt.Tx, e *evaluation) error {
		counts, err := s.countFacets(tx, e, q, []model.Facet{f}, nil)
		out = counts[f]
		return err
	})
	return out, err
}

// AllCounts is Counts for every facet at once, in one read of the store
// and one evaluation of the query: the TUI redraws every facet list after
// each change.
func (s *Store) AllCounts(q model.Query) (map[model.Facet][]model.FacetValue, error) {
	var out map[model.Facet][]model.FacetValue
	err := s.withQuery(q, false, func(ix *index, tx *bolt.Tx, e *evaluation) error {
		var err error
		out, err = s.countFacets(tx, e, q, model.Facets, nil)
		return err
	})
	return out, err
}

// withQuery runs fn with q evaluated against the current index, in the
// read transaction the index belongs to: Query, Counts, AllCounts and
// Screen all go through it. order loads the default order first, which
// only listing ids needs.
func (s *Store) withQuery(q model.Query, order bool, fn func(ix *index, tx *bolt.Tx, e *evaluation) error) error {
	return s.withIndex(func(ix *index, tx *bolt.Tx) error {
		if order {
			if err := ix.loadOrder(tx); err != nil {
				return s.damaged("index: " + err.Error())
			}
		}
		e, err := ix.evaluate(tx, q)
		if err != nil {
			return err
		}
		return fn(ix, tx, e)
	})
}

// countFacets counts the values of each facet of fs under q, evaluated
// as e: the one code path behind Counts, AllCounts and Screen, so that
// they always agree. A facet's values are counted within the activities
// that pass every filter but the facet's own (and the search), so that
// a second value of a facet widens the result by its count. without,
// when not nil, is told for each facet of fs that q filters on how many
// activities pass every filter but that one: what explains an empty
// result.
func (s *Store) countFacets(tx *bolt.Tx, e *evaluation, q model.Query, fs []model.Facet, without func(model.Facet, int)) (map[model.Facet][]model.FacetValue, error) {
	out := make(map[model.Facet][]model.FacetValue, len(fs))
	for _, f := range fs {
		others := e.match(f) // e.match("") when q does not filter on f
		if _, filtered := e.sets[f]; filtered && without != nil {
			without(f, e.ix.cardinality(others))
		}
		fi, err := e.ix.facet(tx, f)
		if err != nil {
			return nil, s.damaged("index: " + err.Error())
		}
		out[f] = e.counts(fi, f, others, q)
	}
	return out, nil
}

// Values returns every value of facet f with its number of activities,
// sorted as Counts sorts: the CLI lists them and completes them.
func (s *Store) Values(f model.Facet) ([]model.FacetValue, error) {
	return s.Counts(model.Query{}, f)
}

// Resolve maps what a user typed for a filter ("Mali", "ml", "unodc",
// "United Nations Office on Drugs and Crime", "western africa") to the
// stored value of facet f, comparing folded text (model.Fold) with each
// value, its label and its full name; failing that, it reads the forms
// f's declaration parses (model.FacetDef.Parse: "4" for pillar IV,
// "February 2020"), which resolve even when no activity has the value
// yet. The error reports a store that could not be read, so that
// "unknown value" is never said of a locked or damaged store.
func (s *Store) Resolve(f model.Facet, input string) (string, bool, error) {
	var (
		val string
		ok  bool
	)
	err := s.withIndex(func(ix *index, tx *bolt.Tx) error {
		fi, err := ix.facet(tx, f)
		if err != nil {
			return s.damaged("index: " + err.Error())
		}
		if fi != nil {
			val, ok = fi.resolve(input)
		}
		return nil
	})
	if err != nil {
		return "", false, err
	}
	return val, ok, nil
}

// ---- evaluation ----

// evaluation is a query resolved against one index: the union of the
// selected values of each filtered facet, and the search's matches.
type evaluation struct {
	ix     *index
	sets   map[model.Facet]*roaring.Bitmap
	search *roaring.Bitmap // nil: no search

	// all is match(""), kept once computed: a screen lists it and
	// counts every facet the query does not filter on within it.
	all     *roaring.Bitmap
	allDone bool
}

func (ix *index) evaluate(tx *bolt.Tx, q model.Query) (*evaluation, error) {
	e := &evaluation{ix: ix, sets: make(map[model.Facet]*roaring.Bitmap, len(q.Filters))}
	for f, values := range q.Filters {
		if len(values) == 0 {
			continue
		}
		fi, err := ix.facet(tx, f)
		if err != nil {
			return nil, err
		}
		var bms []*roaring.Bitmap
		if fi != nil {
			for _, v := range values {
				if from, to, ok := model.CutRange(v); ok && fi.def.Range {
					bms = append(bms, fi.between(from, to)...)
				} else if bm := fi.bitmap(v); bm != nil {
					bms = append(bms, bm)
				}
			}
		}
		switch len(bms) {
		case 0:
			e.sets[f] = roaring.New() // unknown facet or values: nothing
		case 1:
			e.sets[f] = bms[0] // shared with the index: never modified
		default:
			e.sets[f] = roaring.FastOr(bms...)
		}
	}
	search, err := ix.searchSet(tx, q.Search)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	e.search = search
	return e, nil
}

// between returns the bitmaps of the values from from to to, both
// included, in byte order (an empty end is no bound): a Range facet's
// filter "FROM..TO". The values are in byte order, as bbolt keeps them.
func (fi *facetIndex) between(from, to string) []*roaring.Bitmap {
	lo, _ := slices.BinarySearch(fi.values, from)
	hi := len(fi.values)
	if to != "" {
		i, found := slices.BinarySearch(fi.values, to)
		hi = i
		if found {
			hi++
		}
	}
	if lo >= hi {
		return nil
	}
	return fi.bms[lo:hi]
}

// match returns the ids that pass every facet filter but skip's, and the
// search; nil stands for every id. The result may be shared with the
// index and must not be modified.
func (e *evaluation) match(skip model.Facet) *roaring.Bitmap {
	if _, filtered := e.sets[skip]; !filtered {
		if !e.allDone {
			e.all, e.allDone = e.matchSkipping(""), true
		}
		return e.all
	}
	return e.matchSkipping(skip)
}

func (e *evaluation) matchSkipping(skip model.Facet) *roaring.Bitmap {
	parts := make([]*roaring.Bitmap, 0, len(e.sets)+1)
	for f, bm := range e.sets {
		if f != skip {
			parts = append(parts, bm)
		}
	}
	if e.search != nil {
		parts = append(parts, e.search)
	}
	if len(parts) == 0 {
		return nil
	}
	return and(parts)
}

// and intersects bitmaps, smallest first so the result shrinks early. A
// single bitmap is returned as it is (shared).
func and(parts []*roaring.Bitmap) *roaring.Bitmap {
	if len(parts) == 1 {
		return parts[0]
	}
	slices.SortFunc(parts, func(a, b *roaring.Bitmap) int {
		return cmp.Compare(a.GetCardinality(), b.GetCardinality())
	})
	return roaring.FastAnd(parts...)
}

// counts counts each value of f (whose index is fi, nil when f is not
// a facet) within others (nil: everything).
func (e *evaluation) counts(fi *facetIndex, f model.Facet, others *roaring.Bitmap, q model.Query) []model.FacetValue {
	selected := q.Filters[f]
	var n int
	if fi != nil {
		n = len(fi.values)
	}
	vals := make([]model.FacetValue, 0, n+len(selected))
	keys := make([]sortKey, 0, cap(vals))
	if fi != nil {
		fi.sortLabels()
		tally := fi.tally(others)
		for i, bm := range fi.bms {
			var c uint64
			switch {
			case tally != nil:
				c = tally[i]
			case others == nil:
				c = bm.GetCardinality()
			default:
				c = others.AndCardinality(bm)
			}
			if c == 0 && !slices.Contains(selected, fi.values[i]) {
				continue
			}
			vals = append(vals, model.FacetValue{Value: fi.values[i], Name: fi.names[i], Count: int(c)})
			keys = append(keys, sortKey{rank: fi.rank[i], folded: fi.folded[i]})
		}
	}
	for _, v := range selected {
		if fi != nil && fi.bitmap(v) != nil {
			continue
		}
		if slices.ContainsFunc(vals, func(fv model.FacetValue) bool { return fv.Value == v }) {
			continue
		}
		vals = append(vals, model.FacetValue{Value: v})
		keys = append(keys, sortKey{rank: -1, folded: model.Fold(v)})
	}
	return sortValues(f, vals, keys)
}

// tally counts a facet's values within others in one pass over others,
// reading each id's values from an id -> values table built from the
// facet's bitmaps on first use. Intersecting others with each value's
// bitmap costs a merge per value, each as long as others when others is
// sparse: for a facet of hundreds or thousands of values (partners,
// countries, documents) that is hundreds of passes where tally makes
// one. It returns nil for a facet of few values, where intersecting is
// cheap, and when others is nil (every id: the cardinalities are the
// counts).
func (fi *facetIndex) tally(others *roaring.Bitmap) []uint64 {
	if others == nil || len(fi.values) < 16 {
		return nil
	}
	if fi.byID == nil {
		// The table costs a pass over every bitmap of the facet: a
		// one-off count (the CLI) intersects instead, and a viewer
		// builds it at its second count.
		if fi.counted++; fi.counted < 2 {
			return nil
		}
		fi.byID = newIDValues(fi.bms)
	}
	out := make([]uint64, len(fi.values))
	start, vals := fi.byID.start, fi.byID.vals
	it := others.ManyIterator()
	buf := make([]uint32, 1024)
	for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
		for _, id := range buf[:k] {
			if int(id)+1 < len(start) {
				for _, v := range vals[start[id]:start[id+1]] {
					out[v]++
				}
			}
		}
	}
	return out
}

// idValues lists the values of each id: those of id i are
// vals[start[i]:start[i+1]], as indexes into the facet's values.
type idValues struct {
	start []uint32
	vals  []uint32
}

func newIDValues(bms []*roaring.Bitmap) *idValues {
	var maxID uint32
	var total uint64
	for _, bm := range bms {
		if !bm.IsEmpty() {
			maxID = max(maxID, bm.Maximum())
			total += bm.GetCardinality()
		}
	}
	each := func(bm *roaring.Bitmap, fn func(id uint32)) {
		it := bm.ManyIterator()
		buf := make([]uint32, 1024)
		for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
			for _, id := range buf[:k] {
				fn(id)
			}
		}
	}
	start := make([]uint32, int(maxID)+2)
	for _, bm := range bms {
		each(bm, func(id uint32) { start[id+1]++ })
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	vals := make([]uint32, total)
	next := slices.Clone(start[:len(start)-1])
	for v, bm := range bms {
		each(bm, func(id uint32) {
			vals[next[id]] = uint32(v)
			next[id]++
		})
	}
	return &idValues{start: start, vals: vals}
}

// sortKey is what sortValues orders a value by after its count: its
// place in the facet's label order when it has one (rank >= 0), else its
// folded label.
type sortKey struct {
	rank   int
	folded string
}

// sortValues orders a facet's values for display as its declaration
// says: by count (descending) and then label, chronologically (months)
// or in the facet's own order (pillars I to IV). keys holds each value's
// place in label order.
func sortValues(f model.Facet, vals []model.FacetValue, keys []sortKey) []model.FacetValue {
	def, _ := model.Def(f)
	perm := make([]int, len(vals))
	for i := range perm {
		perm[i] = i
	}
	var less func(a, b int) int
	switch def.Order {
	case model.Chronological:
		less = func(a, b int) int { return strings.Compare(vals[a].Value, vals[b].Value) }
	case model.Natural:
		less = func(a, b int) int {
			return cmp.Or(cmp.Compare(def.Rank(vals[a].Value), def.Rank(vals[b].Value)),
				strings.Compare(vals[a].Value, vals[b].Value))
		}
	default:
		less = func(a, b int) int {
			if c := cmp.Compare(vals[b].Count, vals[a].Count); c != 0 {
				return c
			}
			if keys[a].rank >= 0 && keys[b].rank >= 0 {
				return cmp.Compare(keys[a].rank, keys[b].rank)
			}
			return cmp.Or(strings.Compare(keys[a].folded, keys[b].folded),
				strings.Compare(vals[a].Value, vals[b].Value))
		}
	}
	slices.SortFunc(perm, less)
	out := make([]model.FacetValue, len(vals))
	for i, p := range perm {
		out[i] = vals[p]
	}
	return out
}

// ordered lists sel's ids (nil: all) in the default order. A small result
// is sorted by rank; a large one is laid out in a bitset indexed by rank
// and read back in one pass, which is linear in the store's size and
// beats sorting once the result is more than a sliver of it.
func (ix *index) ordered(sel *roaring.Bitmap) []uint32 {
	if sel == nil {
		return slices.Clone(ix.order)
	}
	n := int(sel.GetCardinality())
	total := len(ix.order)
	switch {
	case n == 0:
		return []uint32{}
	case n*bits.Len(uint(n)) < total/8:
		ids := sel.ToArray()
		ids = slices.DeleteFunc(ids, func(id uint32) bool { return int(id) >= len(ix.rank) })
		slices.SortFunc(ids, func(a, b uint32) int { return cmp.Compare(ix.rank[a], ix.rank[b]) })
		return ids
	}
	set := make([]uint64, (total+63)/64)
	sel.Iterate(func(id uint32) bool {
		if int(id) < len(ix.rank) {
			r := ix.rank[id]
			set[r>>6] |= 1 << (r & 63)
		}
		return true
	})
	out := make([]uint32, 0, n)
	for wi, w := range set {
		for w != 0 {
			out = append(out, ix.order[wi<<6+bits.TrailingZeros64(w)])
			w &= w - 1
		}
	}
	return out
}

// ---- resolving user input ----

// resolve finds the stored value input names: the value itself, or a
// value whose folded value, label or full name equals input's fold, or
// failing that a form the facet's declaration reads (a pillar's number, a
// month as words) even when no activity has it yet.
func (fi *facetIndex) resolve(input string) (string, bool) {
	in := strings.TrimSpace(input)
	if fi.bitmap(in) != nil {
		return in, true
	}
	key := model.Fold(in)
	if key == "" {
		return "", false
	}
	for _, v := range fi.values {
		if model.Fold(v) == key {
			return v, true
		}
	}
	fi.sortLabels()
	for i, l := range fi.folded {
		if l == key {
			return fi.values[i], true
		}
	}
	for i, n := range fi.names {
		if n != "" && model.Fold(n) == key {
			return fi.values[i], true
		}
	}
	if fi.def.Parse != nil {
		if vs, ok := fi.def.Parse(in); ok && len(vs) == 1 {
			return vs[0], true
		}
	}
	return "", false
}
