package model

import (
	"fmt"
	"strings"
)

// SortKey is what a list of activities can be ordered by.
type SortKey string

// The sort keys, in the order help lists them. SortDate is the default
// order: the first session's start, then the document line.
const (
	SortDate         SortKey = "date"
	SortPlace        SortKey = "place"
	SortKind         SortKey = "kind"
	SortParticipants SortKey = "participants"
	SortPartners     SortKey = "partners"
)

// SortKeys lists every key, in the order help lists them and the
// explorer cycles through them.
var SortKeys = []SortKey{SortDate, SortPlace, SortKind, SortParticipants, SortPartners}

// sortHelp says what each key orders by, for help and usage errors.
var sortHelp = map[SortKey]string{
	SortDate:         "first session's start (the default)",
	SortPlace:        "first session's place, alphabetically",
	SortKind:         "kind (briefing, conference, ...), alphabetically",
	SortParticipants: "headcount the text gives",
	SortPartners:     "number of partners",
}

// Help is what the key orders by.
func (k SortKey) Help() string { return sortHelp[k] }

// Sort is an order of activities: a key, ascending unless Desc. An
// activity the key says nothing of (no place, no headcount) comes last
// either way, and ties keep the date order. The zero value is the
// default, by date ascending.
type Sort struct {
	Key  SortKey
	Desc bool
}

// IsDefault reports whether s is the default order, by date ascending.
func (s Sort) IsDefault() bool { return (s.Key == "" || s.Key == SortDate) && !s.Desc }

// key is s's key, the zero key read as date.
func (s Sort) key() SortKey {
	if s.Key == "" {
		return SortDate
	}
	return s.Key
}

// Normal is s with its key spelled out (date for the zero key).
func (s Sort) Normal() Sort { return Sort{Key: s.key(), Desc: s.Desc} }

// String is s as typed and as a saved view keeps it: the key, with a
// leading "-" for descending ("participants", "-date"). ParseSort reads
// it back.
func (s Sort) String() string {
	if s.Desc {
		return "-" + string(s.key())
	}
	return string(s.key())
}

// Describe is s in words: "participants ↓", "date ↑".
func (s Sort) Describe() string {
	if s.Desc {
		return string(s.key()) + " ↓"
	}
	return string(s.key()) + " ↑"
}

// Next is the order after s in the explorer's cycle: each key ascending
// and then descending, in SortKeys' order, the counts (participants,
// partners) descending first, since most first is what one asks of them.
func (s Sort) Next() Sort {
	cycle := sortCycle()
	cur := s.Normal()
	for i, c := range cycle {
		if c == cur {
			return cycle[(i+1)%len(cycle)]
		}
	}
	return cycle[0]
}

func sortCycle() []Sort {
	var out []Sort
	for _, k := range SortKeys {
		first := k == SortParticipants || k == SortPartners
		out = append(out, Sort{Key: k, Desc: first}, Sort{Key: k, Desc: !first})
	}
	return out
}

// ParseSort reads a sort as typed: a key ("participants"), with a
// leading "-" for descending ("-participants"); case is ignored and an
// empty text is the default. An unknown key is an error that lists the
// known ones.
func ParseSort(text string) (Sort, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "" {
		return Sort{}, nil
	}
	var s Sort
	if rest, ok := strings.CutPrefix(t, "-"); ok {
		s.Desc, t = true, rest
	}
	for _, k := range SortKeys {
		if string(k) == t {
			s.Key = k
			if s.IsDefault() {
				return Sort{}, nil
			}
			return s, nil
		}
	}
	return Sort{}, fmt.Errorf("unknown sort %q: the keys are %s (a leading - sorts descending: -participants)", Inert(text), SortKeyNames())
}

// SortKeyNames lists the keys: "date, place, kind, participants, partners".
func SortKeyNames() string {
	names := make([]string, len(SortKeys))
	for i, k := range SortKeys {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
