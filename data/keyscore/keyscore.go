// Package keyscore checks activities against an answer key in the
// format of the seed's highlights-2020-02.expected.json, the way the
// acceptance scorer does: the reader's tests and the CLI's scripts
// share it, so both hold the project to the same bar.
package keyscore

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/unoct/unoct/model"
)

// Key is an answer key in the format of the seed's
// highlights-2020-02.expected.json.
type Key struct {
	Document   string          `json:"document"`
	Month      string          `json:"month"`
	Facts      json.RawMessage `json:"facts"`
	Activities []Activity      `json:"activities"`
}

// Activity is one activity of a key.
type Activity struct {
	Line             int       `json:"line"`
	Section          string    `json:"section"`
	Branch           string    `json:"branch"`
	Kind             string    `json:"kind"`
	Sessions         []Session `json:"sessions"`
	Partners         []string  `json:"partners"`
	PartnersOptional []string  `json:"partners_optional"`
	People           []string  `json:"people"`
	Participants     *int      `json:"participants"`
	MemberStates     *int      `json:"member_states"`
	Organizations    *int      `json:"organizations"`
	Countries        []string  `json:"countries"`
	Regions          []string  `json:"regions"`
	Pillars          []string  `json:"pillars"`
}

// Session is one session of a key's activity.
type Session struct {
	Start, End, City, Country string
	Virtual                   bool
}

// FromActivities makes a key of activities already read, as a reading
// to compare another reading of the same document with (the PDF of a
// document against its Markdown): each activity keeps its source line,
// so the other reading's activities are found by line, or by their first
// session as the scorer does for a line it does not find.
func FromActivities(document, month string, acts []model.Activity) *Key {
	k := &Key{Document: document, Month: month}
	for _, a := range acts {
		ka := Activity{Line: a.Source.Line, Section: a.Section, Branch: string(a.Branch), Kind: string(a.Kind),
			People: a.People, Regions: a.Regions, Participants: a.Participants.People,
			MemberStates: a.Participants.MemberStates, Organizations: a.Participants.Organizations}
		for _, s := range a.Sessions {
			ka.Sessions = append(ka.Sessions, Session{Start: s.Start, End: s.End, City: s.City, Country: s.Country, Virtual: s.Virtual})
		}
		for _, p := range a.Partners {
			ka.Partners = append(ka.Partners, p.Label())
		}
		for _, c := range a.Countries {
			ka.Countries = append(ka.Countries, c.Code)
		}
		for _, p := range a.Pillars {
			ka.Pillars = append(ka.Pillars, string(p.Pillar))
		}
		k.Activities = append(k.Activities, ka)
	}
	return k
}

// Load reads a key file.
func Load(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var k Key
	if err := json.Unmarshal(b, &k); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &k, nil
}

// kfold is the scorer's fold: accents off, & as and, hyphens as spaces,
// lower case, spaces collapsed.
func kfold(s string) string {
	return model.Fold(strings.ReplaceAll(s, "-", " "))
}

// kmatch is the scorer's name match: equal, or one holds the other when
// that one has four characters or more.
func kmatch(term string, names ...string) bool {
	t := kfold(term)
	for _, n := range names {
		n = kfold(n)
		if n == "" {
			continue
		}
		if t == n || (len(t) >= 4 && strings.Contains(n, t)) || (len(n) >= 4 && strings.Contains(t, n)) {
			return true
		}
	}
	return false
}

var branchKeys = map[string]string{
	"office of the under secretary general": "ousg", "ousg": "ousg", "spib": "spib",
	"special projects and innovation branch": "spib", "pkmcb": "pkmcb", "uncct": "uncct", "unoct": "unoct",
}

func branchKey(s string) string {
	if k, ok := branchKeys[kfold(s)]; ok {
		return k
	}
	return kfold(s)
}

// Score checks activities against a key the way the acceptance scorer
// (shared/tools/score-extraction) does, and returns the failed checks
// and the number of checks.
func Score(k *Key, acts []model.Activity) (fails []string, total int) {
	check := func(ok bool, format string, args ...any) {
		total++
		if !ok {
			fails = append(fails, fmt.Sprintf(format, args...))
		}
	}
	check(len(acts) == len(k.Activities), "activity count: want %d, got %d", len(k.Activities), len(acts))
	byLine := map[int]*model.Activity{}
	for i := range acts {
		byLine[acts[i].Source.Line] = &acts[i]
	}
	for _, ka := range k.Activities {
		tag := fmt.Sprintf("line %d", ka.Line)
		pa := byLine[ka.Line]
		if pa == nil {
			pa = bySession(acts, ka)
		}
		if pa == nil {
			// A missing activity fails every check its key holds: counting
			// them as passed made an empty output score 90%.
			for range missingChecks(ka) {
				check(false, "%s: activity not found (no source line %d)", tag, ka.Line)
			}
			continue
		}
		check(kfold(pa.Month) == kfold(k.Month), "%s: month %q != %q", tag, pa.Month, k.Month)
		check(kfold(pa.Section) == kfold(ka.Section), "%s: section %q != %q", tag, pa.Section, ka.Section)
		check(branchKey(string(pa.Branch)) == branchKey(ka.Branch), "%s: branch %q != %q", tag, pa.Branch, ka.Branch)
		check(kfold(string(pa.Kind)) == kfold(ka.Kind), "%s: kind %q != %q", tag, pa.Kind, ka.Kind)
		check(len(pa.Sessions) == len(ka.Sessions), "%s: %d sessions, want %d", tag, len(pa.Sessions), len(ka.Sessions))
		for i, ks := range ka.Sessions {
			var p model.Session
			if i < len(pa.Sessions) {
				p = pa.Sessions[i]
			}
			check(p.Start == ks.Start && p.End == ks.End, "%s session %d: dates %s..%s != %s..%s", tag, i+1, p.Start, p.End, ks.Start, ks.End)
			if ks.Virtual {
				check(p.Virtual, "%s session %d: not marked virtual", tag, i+1)
			}
			if ks.City != "" {
				check(kfold(p.City) == kfold(ks.City), "%s session %d: city %q != %q", tag, i+1, p.City, ks.City)
			}
			if ks.Country != "" {
				check(strings.EqualFold(p.Country, ks.Country), "%s session %d: country %q != %q", tag, i+1, p.Country, ks.Country)
			}
		}
		// Only what the JSON export carries: aliases are not exported.
		names := func(e model.Entity) []string { return []string{e.Acronym, e.Short, e.Name} }
		var got []string
		for _, p := range pa.Partners {
			got = append(got, p.Label())
		}
		for _, kp := range ka.Partners {
			found := false
			for _, p := range pa.Partners {
				found = found || kmatch(kp, names(p)...)
			}
			check(found, "%s: partner %q missing (got %v)", tag, kp, got)
		}
		allowed := append(append([]string{}, ka.Partners...), ka.PartnersOptional...)
		for _, p := range pa.Partners {
			ok := false
			for _, a := range allowed {
				ok = ok || kmatch(a, names(p)...)
			}
			check(ok, "%s: partner %q not in the text's partners", tag, p.Label())
		}
		for _, kp := range ka.People {
			check(kmatch(kp, pa.People...), "%s: person %q missing (got %v)", tag, kp, pa.People)
		}
		num := func(want, got *int, what string) {
			ok := (want == nil && (got == nil || *got == 0)) || (want != nil && got != nil && *want == *got)
			check(ok, "%s: %s %v != %v", tag, what, show(got), show(want))
		}
		num(ka.Participants, pa.Participants.People, "participants")
		num(ka.MemberStates, pa.Participants.MemberStates, "member_states")
		num(ka.Organizations, pa.Participants.Organizations, "organizations")
		codes := map[string]bool{}
		for _, c := range pa.Countries {
			codes[c.Code] = true
		}
		for _, c := range ka.Countries {
			check(codes[c], "%s: country %s missing (got %v)", tag, c, pa.Countries)
		}
		for _, r := range ka.Regions {
			check(kmatch(r, pa.Regions...), "%s: region %q missing (got %v)", tag, r, pa.Regions)
		}
		for _, r := range ka.Pillars {
			ok := false
			for _, p := range pa.Pillars {
				ok = ok || string(p.Pillar) == r
			}
			check(ok, "%s: pillar %s missing (got %v)", tag, r, pa.Pillars)
		}
	}
	return fails, total
}

// bySession finds the activity whose first session starts on the key's
// first session's date in its city, as the acceptance scorer does when no
// activity has the key's line.
func bySession(acts []model.Activity, ka Activity) *model.Activity {
	if len(ka.Sessions) == 0 {
		return nil
	}
	s0 := ka.Sessions[0]
	for i := range acts {
		if ss := acts[i].Sessions; len(ss) > 0 && ss[0].Start == s0.Start {
			place := ss[0].City
			if place == "" {
				place = ss[0].Place
			}
			if kfold(place) == kfold(s0.City) {
				return &acts[i]
			}
		}
	}
	return nil
}

// missingChecks is the number of checks a key activity holds: five
// fields, three counts, one per partner, person, country, region and
// pillar, and per session its dates plus one for each of virtual, city
// and country the key gives.
func missingChecks(ka Activity) int {
	n := 5 + 3 + len(ka.Partners) + len(ka.People) + len(ka.Countries) + len(ka.Regions) + len(ka.Pillars)
	for _, s := range ka.Sessions {
		n++
		for _, given := range []bool{s.Virtual, s.City != "", s.Country != ""} {
			if given {
				n++
			}
		}
	}
	return n
}

func show(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
