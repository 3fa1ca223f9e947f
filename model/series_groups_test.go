package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestFindSeries_GroupsLinkAsPairs: FindSeries links the activities of
// one work by groups of (month, series month), not pair by pair (which
// was quadratic in a large document); the series it finds are the ones
// linking every pair by the rule finds, on random activities of a few
// works over a few years, with starts in and out of their month.
func TestFindSeries_GroupsLinkAsPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	partners := []Entity{{Acronym: "UNODC"}, {Acronym: "UNDP"}}
	countries := []CountryRef{{Code: "ML", Name: "Mali"}, {Code: "TG", Name: "Togo"}}
	for round := range 50 {
		acts := make([]Activity, 60+r.IntN(60))
		for i := range acts {
			m := fmt.Sprintf("2020-%02d", 1+r.IntN(12))
			start := m
			if r.IntN(4) == 0 {
				start = fmt.Sprintf("20%02d-%02d", 19+r.IntN(3), 1+r.IntN(12))
			}
			acts[i] = Activity{ID: uint32(i + 1), Month: m, Text: fmt.Sprintf("Work %d", i), Branch: BranchUNCCT,
				Kind:      []Kind{KindTraining, KindMeeting}[r.IntN(2)],
				Partners:  partners[r.IntN(2):][:1],
				Countries: countries[r.IntN(2):][:1],
				Sessions:  []Session{{Start: start + "-10", End: start + "-10"}}}
		}
		// Every pair, as the rule says.
		parent := make([]int, len(acts))
		for i := range parent {
			parent[i] = i
		}
		var find func(int) int
		find = func(i int) int {
			if parent[i] != i {
				parent[i] = find(parent[i])
			}
			return parent[i]
		}
		for i := range acts {
			for j := i + 1; j < len(acts); j++ {
				d := seriesMonth(&acts[i]) - seriesMonth(&acts[j])
				if workKey(&acts[i]) == workKey(&acts[j]) && acts[i].Month != acts[j].Month && d >= -3 && d <= 3 {
					parent[find(j)] = find(i)
				}
			}
		}
		groups := map[int][]uint32{}
		for i := range acts {
			groups[find(i)] = append(groups[find(i)], acts[i].ID)
		}
		var want [][]uint32
		for _, ids := range groups {
			months := map[string]bool{}
			for _, id := range ids {
				months[acts[id-1].Month] = true
			}
			if len(months) >= 2 {
				slices.Sort(ids)
				want = append(want, ids)
			}
		}
		var got [][]uint32
		for _, s := range FindSeries(acts) {
			ids := slices.Clone(s.IDs)
			slices.Sort(ids)
			got = append(got, ids)
		}
		cmpIDs := func(a, b []uint32) int { return slices.Compare(a, b) }
		slices.SortFunc(want, cmpIDs)
		slices.SortFunc(got, cmpIDs)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("round %d: FindSeries %v, every pair %v", round, got, want)
		}
	}
}
