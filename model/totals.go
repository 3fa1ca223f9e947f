package model

import (
	"strconv"
	"strings"
)

// Totals sum up a set of activities: what a count of activities is
// shown beside. Each figure says once what it counts; none adds up
// figures that may name the same thing twice (the Member States two
// activities each give are not added: they may be the same States).
type Totals struct {
	// Activities is the number of activities.
	Activities int
	// Participants is the sum of the headcounts the activities' texts
	// give ("trained 40 officials"), over the Headcounts activities that
	// give one.
	Participants int
	// LowerBound says that some headcount is a lower bound ("over 100",
	// "more than 30"), so that Participants is one too: "≥ 1,240".
	LowerBound bool
	// Estimated says that some headcount is an estimate ("some 30",
	// "about 40") and none a lower bound, so that Participants is an
	// estimate too: "about 1,240".
	Estimated bool
	// Headcounts is the number of activities that give a headcount.
	Headcounts int
	// Countries and Partners are the distinct countries the activities
	// name and the distinct partners they name, each counted once
	// however many activities name it.
	Countries, Partners int
}

// ParticipantsText is the participants figure as people read it:
// "1,240", "≥ 1,240" when some headcount is a lower bound, "about 1,240"
// when some is an estimate and none a lower bound, "–" when no activity
// gives one.
func (t Totals) ParticipantsText() string {
	if t.Headcounts == 0 {
		return "–"
	}
	if t.LowerBound {
		return "≥ " + Thousands(t.Participants)
	}
	if t.Estimated {
		return "about " + Thousands(t.Participants)
	}
	return Thousands(t.Participants)
}

// CoverageText says how many activities the participants figure rests
// on: "headcount given for 10 of 18".
func (t Totals) CoverageText() string {
	return "headcount given for " + Thousands(t.Headcounts) + " of " + Thousands(t.Activities)
}

// Thousands writes n with commas between thousands: 1,240.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// HeadcountValue is the value an activity's headcount is indexed
// under (the hidden headcount facet): "120", or "≥120" for a lower
// bound; "" when the text gives none.
func HeadcountValue(p Participants) string {
	if p.People == nil || *p.People < 0 {
		return ""
	}
	v := strconv.Itoa(*p.People)
	switch {
	case p.Estimate:
		return estimateMark + v
	case p.Approximate:
		return lowerMark + v
	}
	return v
}

const (
	lowerMark    = "≥"
	estimateMark = "~"
)

// ParseHeadcountValue reads a HeadcountValue back: lower says the count
// is a lower bound; an estimate is neither exact nor a lower bound (see
// HeadcountIsEstimate).
func ParseHeadcountValue(v string) (n int, lower, ok bool) {
	rest, lower := strings.CutPrefix(v, lowerMark)
	if !lower {
		rest, _ = strings.CutPrefix(rest, estimateMark)
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 {
		return 0, false, false
	}
	return n, lower, true
}

// HeadcountIsEstimate reports whether a HeadcountValue is an estimate
// ("some 30").
func HeadcountIsEstimate(v string) bool { return strings.HasPrefix(v, estimateMark) }

// TotalsOf sums up activities the way the store sums up a query's
// (store.Store.Totals), for callers that hold the activities already: a
// report's totals per group. A participant figure is a headcount as the
// hidden headcount facet indexes it; countries are told apart by code
// and partners by label, as the country and partner facets do. The
// activities are taken as distinct: pass each once.
func TotalsOf(acts []Activity) Totals {
	t := Totals{Activities: len(acts)}
	countries, partners := map[string]bool{}, map[string]bool{}
	for i := range acts {
		a := &acts[i]
		if v := HeadcountValue(a.Participants); v != "" {
			if n, lower, ok := ParseHeadcountValue(v); ok {
				t.Participants += n
				t.LowerBound = t.LowerBound || lower
				t.Estimated = t.Estimated || HeadcountIsEstimate(v)
				t.Headcounts++
			}
		}
		for _, c := range a.Countries {
			countries[c.Code] = true
		}
		for _, e := range a.Partners {
			partners[e.Label()] = true
		}
	}
	t.Countries, t.Partners = len(countries), len(partners)
	return t
}
