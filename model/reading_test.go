package model

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestSession_Wording(t *testing.T) {
	for _, tc := range []struct {
		s                   Session
		where, dates, short string
	}{
		{Session{Start: "2020-02-10", End: "2020-02-10", City: "Vienna", Country: "AT"}, "Vienna, AT", "2020-02-10", "2020-02-10"},
		{Session{Start: "2020-02-10", End: "2020-02-14", City: "Vienna", Country: "AT", Virtual: true}, "Vienna, AT + online", "2020-02-10 – 2020-02-14", "2020-02-10–14"},
		{Session{Start: "2020-02-24", End: "2020-03-02", Virtual: true}, "virtual", "2020-02-24 – 2020-03-02", "2020-02-24–03-02"},
		{Session{Start: "2020-12-28", End: "2021-01-02", Country: "ML"}, "ML", "2020-12-28 – 2021-01-02", "2020-12-28–2021-01-02"},
		{Session{Start: "2020-02-10", Place: "the Sahel"}, "the Sahel", "2020-02-10", "2020-02-10"},
	} {
		if got := tc.s.Where(); got != tc.where {
			t.Errorf("Where(%+v) = %q, want %q", tc.s, got, tc.where)
		}
		if got := tc.s.Dates(); got != tc.dates {
			t.Errorf("Dates(%+v) = %q, want %q", tc.s, got, tc.dates)
		}
		if got := tc.s.ShortDates(); got != tc.short {
			t.Errorf("ShortDates(%+v) = %q, want %q", tc.s, got, tc.short)
		}
	}
}

func TestEntity_Wording(t *testing.T) {
	for _, tc := range []struct {
		e    Entity
		want string
	}{
		{Entity{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime"}, "UNODC — United Nations Office on Drugs and Crime"},
		{Entity{Short: "Monitoring Team", Name: "Analytical Support and Sanctions Monitoring Team"}, "Monitoring Team — Analytical Support and Sanctions Monitoring Team"},
		{Entity{Name: "Mali"}, "Mali"},
		{Entity{Acronym: "IOM", Name: "IOM"}, "IOM"},
		{Entity{Acronym: "X"}, "X"},
	} {
		if got := tc.e.FullLabel(); got != tc.want {
			t.Errorf("FullLabel(%+v) = %q, want %q", tc.e, got, tc.want)
		}
	}
	if EntityUN.Words() != "UN entity" || EntityUnknown.Words() != "other" || EntityKind("new-kind").Words() != "new-kind" {
		t.Error("entity kinds in words")
	}
}

func TestParticipants_Summary(t *testing.T) {
	n, m, o := 300, 15, 38
	for _, tc := range []struct {
		p    Participants
		want string
	}{
		{Participants{}, ""},
		{Participants{People: &n, Approximate: true, MemberStates: &m, Organizations: &o}, "over 300 people · 15 Member States · 38 organizations"},
		{Participants{People: &n}, "300 people"},
		{Participants{People: &n, Approximate: true, Estimate: true}, "about 300 people"},
		{Participants{MemberStates: &m}, "15 Member States"},
	} {
		if got := tc.p.Summary(); got != tc.want {
			t.Errorf("Summary() = %q, want %q", got, tc.want)
		}
		if tc.p.Any() != (tc.want != "") {
			t.Errorf("Any() for %q", tc.want)
		}
	}
}

func TestPillarMatch_Why(t *testing.T) {
	for _, tc := range []struct {
		p    PillarMatch
		want string
	}{
		{PillarMatch{Pillar: PillarII, Matched: []string{"law enforcement", "border"}}, "assigned by “law enforcement”, “border”"},
		{PillarMatch{Pillar: PillarIII}, "no term matched; counted under III by default"},
		{PillarMatch{Pillar: PillarIV}, ""},
	} {
		if got := tc.p.Why(); got != tc.want {
			t.Errorf("Why(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestActivity_Headline(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"UNOCT met Mr. Edmund Fitton-Brown in Vienna. The meeting was long.", "UNOCT met Mr. Edmund Fitton-Brown in Vienna"},
		{"One sentence only", "One sentence only"},
		{"H.E. Ms. Coninsx spoke. Then more.", "H.E. Ms. Coninsx spoke"},
		{"Dr. A and Dr. B met", "Dr. A and Dr. B met"},
	} {
		if got := (&Activity{Text: tc.in}).Headline(200); got != tc.want {
			t.Errorf("Headline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := (&Activity{Text: "abcdef"}).Headline(4); got != "abc…" {
		t.Errorf("Headline cut to 4: %q", got)
	}
}

func readingActivity() Activity {
	people := 30
	return Activity{
		ID: 10, Month: "2020-02", Section: "Capacity-Building", Branch: BranchUNCCT, Kind: KindTraining,
		Text:     "UNCCT \x1b[31mtrained\x1b[0m officials.",
		Sessions: []Session{{Start: "2020-02-10", End: "2020-02-14", City: "Bamako", Country: "ML"}},
		Partners: []Entity{{Acronym: "OHCHR", Name: "Office of the United Nations High Commissioner for Human Rights", Kind: EntityUN},
			{Name: "Mali\u202e", Kind: EntityMemberState}},
		People:       []string{"Mr. X"},
		Participants: Participants{People: &people, Approximate: true},
		Countries:    []CountryRef{{Code: "ML", Name: "Mali"}},
		Regions:      []string{"Western Africa"},
		Pillars:      []PillarMatch{{Pillar: PillarII, Matched: []string{"law\x07 enforcement"}}},
		Source:       Source{Document: "2020-02.md", Line: 41},
	}
}

// Ensure that the reading lists every part in one order, with the words
// the model gives them, and that no text from the document stays live.
func TestActivity_Reading(t *testing.T) {
	a := readingActivity()
	r := a.Reading()
	if r.ID != 10 || !slices.Equal(r.Byline, []string{"2020-02", "training", "UNCCT"}) || r.Text != "UNCCT trained officials." {
		t.Errorf("head %d %q %q", r.ID, r.Byline, r.Text)
	}
	got := map[FieldKey]string{}
	var keys []FieldKey
	for _, f := range r.Fields {
		keys = append(keys, f.Key)
		got[f.Key] = f.Joined()
		for _, l := range f.Lines {
			for _, s := range l {
				for _, c := range s.Text {
					if unicode.IsControl(c) || unicode.Is(unicode.Cf, c) {
						t.Errorf("%s: control or format character %U", f.Key, c)
					}
				}
			}
		}
	}
	want := []FieldKey{FieldSessions, FieldPartners, FieldPeople, FieldParticipants, FieldPillars,
		FieldCountries, FieldRegions, FieldBranch, FieldKind, FieldSection, FieldSource}
	if !slices.Equal(keys, want) {
		t.Errorf("fields %v, want %v", keys, want)
	}
	for k, v := range map[FieldKey]string{
		FieldSessions:     "2020-02-10 – 2020-02-14, Bamako, ML",
		FieldPartners:     "OHCHR — Office of the United Nations High Commissioner for Human Rights (UN entity); Mali (Member State)",
		FieldParticipants: "over 30 people",
		FieldPillars:      "II Preventing and combating terrorism — assigned by “law enforcement”",
		FieldCountries:    "Mali (ML)",
		FieldSource:       "2020-02.md, line 41",
	} {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if l := r.Fields[1].Lines[0]; l[0].Role != Key || l[0].Text != "OHCHR" || l[len(l)-1].Role != Aside {
		t.Errorf("partner spans %+v", l)
	}
}

// Ensure that parts an activity lacks are left out, except those every
// activity should have, which stay as empty fields for a placeholder.
func TestActivity_Reading_Empty(t *testing.T) {
	a := Activity{ID: 1, Month: "2020-02", Kind: KindOther, Branch: BranchUNOCT, Source: Source{Document: "d.md", Line: 3}}
	var keys []string
	for _, f := range a.Reading().Fields {
		k := string(f.Key)
		if len(f.Lines) == 0 {
			k += "(empty)"
		}
		keys = append(keys, k)
	}
	if got := strings.Join(keys, " "); got != "sessions(empty) countries(empty) regions(empty) branch kind section(empty) source" {
		t.Errorf("fields: %s", got)
	}
}
