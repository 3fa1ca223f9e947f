package reader_test

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
)

// TestWordingOfOtherYears reads the forms EXTRACTION.md gives for the
// office's documents of 2019 and 2020, one rule each, in a document
// whose file name names no month.
func TestWordingOfOtherYears(t *testing.T) {
	doc := `# AUGUST 2019 IN REVIEW

## Counter-Terrorism Leadership

- USG Voronkov addressed the Fifth Committee on the Office's budget (5 August).
- USG Voronkov held talks with the Director General, Mr. John Roe, of the Agency (7 August, Geneva).

**Capacity-Building**

- 120 individuals trained in 9 workshops
- Following the visit to Rome in July, UNCCT organized a workshop for 20 officials on the border with Libya (12-13 August, Tunis).
- UNCCT delivered a handbook, in line with resolution 2482 (2019).
- UNOCT held a tabletop exercise on the security of the 2022 FIFA World Cup in Qatar with 30 Omani officials (20 August).
`
	res, err := mustReader(t).Read("review.md", []byte(doc), reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Document.Month != "2019-08" {
		t.Errorf("month %s (from %s), want 2019-08 from the title", res.Document.Month, res.MonthFrom)
	}
	if f := res.Document.Facts; f.IndividualsTrained == nil || *f.IndividualsTrained != 120 || f.WorkshopsOrganized == nil || *f.WorkshopsOrganized != 9 {
		t.Errorf("facts %+v: want 120 trained in 9 workshops", f)
	}
	if len(res.Activities) != 5 {
		t.Fatalf("%d activities, want 5 (the figure bullet is no activity)", len(res.Activities))
	}
	a := res.Activities
	want := []struct {
		section string
		kind    model.Kind
	}{
		{"Political Leadership", model.KindBriefing}, // "addressed" a body
		{"Political Leadership", model.KindMeeting},  // "held talks"
		{"Capacity-Building", model.KindWorkshop},    // not the other event's visit
		{"Capacity-Building", model.KindOther},
		{"Capacity-Building", model.KindOther},
	}
	for i, w := range want {
		if a[i].Section != w.section || a[i].Kind != w.kind {
			t.Errorf("line %d: %s/%s, want %s/%s", a[i].Source.Line, a[i].Section, a[i].Kind, w.section, w.kind)
		}
	}
	if !slices.Contains(a[1].People, "John Roe") || slices.Contains(a[1].People, "General") {
		t.Errorf("people %v: want John Roe and no job title", a[1].People)
	}
	for _, c := range a[2].Countries {
		if c.Code == "LY" {
			t.Errorf("Libya, only the place of a border, is among the countries %v", a[2].Countries)
		}
	}
	if len(a[3].Sessions) != 0 || a[3].Text != "UNCCT delivered a handbook, in line with resolution 2482 (2019)." {
		t.Errorf("a final parenthesis that is no date: sessions %v, text %q", a[3].Sessions, a[3].Text)
	}
	if len(a[4].Partners) != 0 || len(a[4].Countries) != 1 || a[4].Countries[0].Code != "OM" {
		t.Errorf("an event's name and venue: partners %v, countries %v; want none and Oman", a[4].Partners, a[4].Countries)
	}
	if s := a[0].Sessions; len(s) != 1 || s[0].Start != "2019-08-05" || s[0].Country != "" {
		t.Errorf("a date parenthesis with no place: %+v", s)
	}
}

// TestWordingRules reads one bullet a case, each in a wording of the
// office's documents of 2019-2022 that a rule of the reader or of its
// tables is there for, and checks what that rule decides.
func TestWordingRules(t *testing.T) {
	codes := func(a model.Activity) []string {
		var out []string
		for _, c := range a.Countries {
			out = append(out, c.Code)
		}
		return out
	}
	partners := func(a model.Activity) []string {
		var out []string
		for _, p := range a.Partners {
			out = append(out, p.Label())
		}
		return out
	}
	for _, tc := range []struct {
		name, bullet string
		check        func(a model.Activity) string // what is wrong, or ""
		heading      string                        // "Highlights" when empty
	}{
		{"addressing a part of a body is a briefing",
			"UNOCT addressed the 42nd session of the Human Rights Council on human rights (19 September, Geneva).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindBriefing, "kind %s, want briefing", a.Kind)
			}, ""},
		{"a course is a training when no kind is named",
			"UNCCT delivered the fourth session of its online course for twenty prison officials (1, 8 and 15 September, online).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindTraining && len(a.Sessions) == 3, "kind %s with %d sessions, want training with 3", a.Kind, len(a.Sessions))
			}, ""},
		{"discussions are a meeting",
			"UNOCT held discussions with the League of Arab States on a joint project (12 September, Cairo).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindMeeting, "kind %s, want meeting", a.Kind)
			}, ""},
		{"a project launched in an earlier year is another event",
			"UNCCT handed over equipment to the police, as part of a project launched in 2018 with the support of Japan (24 September, Manila).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindOther, "kind %s, want other", a.Kind)
			}, ""},
		{"an event of an earlier year and its place are another event's",
			"UNOCT published a report, drawing on the 2018 visit to Kazakhstan and Uzbekistan (A/73/123).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindOther && len(a.Countries) == 0, "kind %s, countries %v: want other and none", a.Kind, codes(a))
			}, ""},
		{"last year's event is another event",
			"UNOCT presented its findings on prisons, following up on last year's conference in Doha (3 September, Vienna).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindOther && !slices.Contains(codes(a), "QA"), "kind %s, countries %v: want other, not Qatar", a.Kind, codes(a))
			}, ""},
		{"the outcome of another event: not its venue",
			"The Under-Secretary-General updated the Group of Friends of Victims of Terrorism on the outcome of the consultations held in Geneva (18 September).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindBriefing && len(a.Countries) == 0, "kind %s, countries %v: want briefing and none", a.Kind, codes(a))
			}, ""},
		{"a State's body the activity served is no partner",
			"The Programme delivered the goTravel software to the Passenger Information Unit of Botswana (9 September, Gaborone).",
			func(a model.Activity) string {
				return want(len(a.Partners) == 0 && slices.Contains(codes(a), "BW"), "partners %v, countries %v: want none and Botswana", partners(a), codes(a))
			}, ""},
		{"a State's body the office works with is a partner",
			"UNOCT trained 25 police officers in cooperation with the Ministry of Interior of Uzbekistan (14-18 September, Tashkent).",
			func(a model.Activity) string {
				ok := slices.ContainsFunc(partners(a), func(p string) bool { return strings.Contains(p, "Uzbekistan") })
				return want(ok, "partners %v, want Uzbekistan or its ministry", partners(a))
			}, ""},
		{"educators are people",
			"UNOCT and UNESCO launched a guide at an online event attended by 300 educators from 45 countries (24 September, online).",
			func(a model.Activity) string {
				p := a.Participants
				return want(p.People != nil && *p.People == 300 && p.MemberStates != nil && *p.MemberStates == 45, "participants %+v, want 300 from 45", p)
			}, ""},
		{"The Hague keeps its article",
			"UNOCT organised an international conference on returning foreign terrorist fighters (23-24 September, The Hague).",
			func(a model.Activity) string {
				s := a.Sessions
				return want(len(s) == 1 && s[0].City == "The Hague" && s[0].Country == "NL", "sessions %+v, want The Hague, NL", s)
			}, ""},
		{"a State's adjective before its Chairmanship names the State",
			"USG Voronkov addressed the OSCE-wide Counter-Terrorism Conference, hosted by the Albanian OSCE Chairmanship (13-14 September, Vienna and online).",
			func(a model.Activity) string {
				return want(slices.Contains(partners(a), "Albania") && slices.Contains(codes(a), "AL"), "partners %v, countries %v: want Albania in both", partners(a), codes(a))
			}, ""},
		{"a State's adjective before its people is no partner",
			"UNCCT held a workshop with Malian authorities on prison management (9 September, Bamako).",
			func(a model.Activity) string {
				return want(len(a.Partners) == 0 && slices.Contains(codes(a), "ML"), "partners %v, countries %v: want none and Mali", partners(a), codes(a))
			}, ""},
		{"a State's adjective after the support of names the State",
			"UNCCT organized a study visit to Spain for 12 officials of the Nigerian Ministry of Justice, with the support of the Spanish Government (20-24 September, Madrid).",
			func(a model.Activity) string {
				return want(slices.Equal(partners(a), []string{"Spain"}) && slices.Contains(codes(a), "NG"), "partners %v, countries %v: want Spain, and Nigeria a country", partners(a), codes(a))
			}, ""},
		{"the programme of the heading gives the subject",
			"The Programme launched its online course on the use of sport to prevent violent extremism (1 September, online).",
			func(a model.Activity) string {
				return want(a.Branch == model.BranchSPIB, "branch %s, want SPIB", a.Branch)
			}, "GLOBAL PROGRAMME ON SECURITY OF MAJOR SPORTING EVENTS"},
		{"a lead actor still wins over the heading's subject",
			"UNCCT launched its online course on the use of sport to prevent violent extremism (1 September, online).",
			func(a model.Activity) string {
				return want(a.Branch == model.BranchUNCCT, "branch %s, want UNCCT", a.Branch)
			}, "GLOBAL PROGRAMME ON SECURITY OF MAJOR SPORTING EVENTS"},
		{"a State's official's whole title names the State",
			"USG Voronkov co-chaired, with the Minister of Foreign Affairs of Spain, Ms. Arancha González Laya, the launch of the network (3 September, Madrid and online).",
			func(a model.Activity) string {
				return want(slices.Contains(partners(a), "Spain"), "partners %v, want Spain", partners(a))
			}, ""},
		{"a head of State's name and title before of name the State",
			"USG Voronkov addressed the Fifth Ministerial Meeting of the Aqaba Process, hosted by King Abdullah II of Jordan (2 September, Amman).",
			func(a model.Activity) string {
				return want(slices.Contains(partners(a), "Jordan"), "partners %v, want Jordan", partners(a))
			}, ""},
		{"exchanged views is a meeting",
			"USG Voronkov exchanged views with the European Union Special Representative for Central Asia (14 September, Brussels).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindMeeting, "kind %s, want meeting", a.Kind)
			}, ""},
		{"spoke with is a meeting",
			"USG Voronkov spoke with the Secretary-General of INTERPOL, Mr. Jürgen Stock, about the joint biometrics project (8 September).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindMeeting, "kind %s, want meeting", a.Kind)
			}, ""},
		{"the event on whose margins it was held is another event, at the same place",
			"On the margins of the Dushanbe Water Conference, USG Voronkov met the President of Tajikistan (6 September, Dushanbe).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindMeeting && slices.Contains(codes(a), "TJ"), "kind %s, countries %v: want meeting in Tajikistan", a.Kind, codes(a))
			}, ""},
		{"the officers of a State's body were served by it",
			"UNCCT delivered a national training of trainers for nearly fifty prison officers of the Ministry of Justice of Mauritania (11-15 September, Nouakchott).",
			func(a model.Activity) string {
				return want(len(a.Partners) == 0 && slices.Contains(codes(a), "MR"), "partners %v, countries %v: want none and Mauritania", partners(a), codes(a))
			}, ""},
		{"an event's venue in the text is not the activity's",
			"UNOCT organized a briefing for Member States on the security of major sporting events, drawing on the 2022 Commonwealth Games in Birmingham (14 September, online).",
			func(a model.Activity) string {
				return want(len(a.Countries) == 0, "countries %v, want none", codes(a))
			}, ""},
		{"a kind word in a whose clause is another event's",
			"The Programme handed over passenger data equipment to the Passenger Information Unit of Ghana, whose staff were trained in June (21 September, Accra).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindOther, "kind %s, want other", a.Kind)
			}, ""},
		{"a videoconference with an official is a meeting",
			"USG Voronkov held a videoconference with the Minister of Foreign Affairs of Kazakhstan (3 September, virtual).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindMeeting, "kind %s, want meeting", a.Kind)
			}, ""},
		{"a video conference is no conference",
			"USG Voronkov held a video conference with the Minister of Foreign Affairs of Kazakhstan (3 September, virtual).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindMeeting, "kind %s, want meeting", a.Kind)
			}, ""},
		{"a ToT is a training",
			"UNCCT delivered a ToT for 20 officers (4 September, Tunis).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindTraining, "kind %s, want training", a.Kind)
			}, ""},
		{"travelled to a place is a visit when no kind is named",
			"USG Voronkov travelled to Addis Ababa (6 September, Addis Ababa).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindVisit, "kind %s, want visit", a.Kind)
			}, ""},
		{"travelled to a place where he met is a meeting",
			"USG Voronkov travelled to Kabul, where he met the Chief Executive of Afghanistan (9-10 September).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindMeeting, "kind %s, want meeting", a.Kind)
			}, ""},
		{"the place of the event lessons are drawn from is not the activity's",
			"UNOCT held a workshop on lessons learned from the attacks in New Zealand (3 September, Sydney).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindWorkshop && !slices.Contains(codes(a), "NZ"), "kind %s, countries %v: want a workshop, not New Zealand", a.Kind, codes(a))
			}, ""},
		{"a possessive goes on the lead actor's name",
			"The Office's Special Projects and Innovation Branch (SPIB) held a workshop on prisons (4 September, Vienna).",
			func(a model.Activity) string {
				return want(a.Branch == model.BranchSPIB, "branch %s, want SPIB", a.Branch)
			}, ""},
		{"a publication's title ends before to and a body's name, which is briefed",
			"UNOCT presented its Handbook on Children Affected by the Foreign-Fighter Phenomenon to the Group of Friends of Children and Armed Conflict, chaired by Canada (16 September, New York).",
			func(a model.Activity) string {
				ok := slices.Contains(a.Unknown, "Group of Friends of Children and Armed Conflict") &&
					slices.Contains(partners(a), "Group of Friends of Children and Armed Conflict") && slices.Contains(partners(a), "Canada")
				return want(ok, "unknown names %q, partners %v: want the Group of Friends on its own, a partner being briefed, and its chair", a.Unknown, partners(a))
			}, ""},
		{"a possessive with a typographic apostrophe goes on the lead actor's name",
			"The Office’s Special Projects and Innovation Branch (SPIB) held a workshop on prisons (4 September, Vienna).",
			func(a model.Activity) string {
				return want(a.Branch == model.BranchSPIB, "branch %s, want SPIB", a.Branch)
			}, ""},
		{"a military rank abbreviated is a title, not a name",
			"UNOCT held a meeting with Lt. Gen. Ahmed Musa on prisons (3 September, Abuja).",
			func(a model.Activity) string {
				return want(slices.Equal(a.People, []string{"Ahmed Musa"}), "people %q, want Ahmed Musa", a.People)
			}, ""},
		{"inaugurated is a launch",
			"UNOCT and the Government of Morocco inaugurated the Programme Office in Rabat (25 September, Rabat).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindLaunch, "kind %s, want launch", a.Kind)
			}, ""},
		{"a newest member is a membership",
			"The Compact welcomed the International Organization for Migration (IOM) as its newest member (26 September).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindMembership, "kind %s, want membership", a.Kind)
			}, ""},
		{"a panel discussion is no meeting",
			"UNOCT held an online panel discussion with 250 participants (28 September, online).",
			func(a model.Activity) string {
				return want(a.Kind == model.KindOther, "kind %s, want other", a.Kind)
			}, ""},
		{"the EU's coordinator names the EU",
			"USG Voronkov held a meeting with Mr. Gilles de Kerchove (EU Counter-Terrorism Coordinator) on the partnership (6 September, Brussels).",
			func(a model.Activity) string {
				return want(slices.Equal(partners(a), []string{"EU"}), "partners %v, want the EU", partners(a))
			}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			heading := cmp.Or(tc.heading, "Highlights")
			doc := "# SEPTEMBER 2019 IN REVIEW\n\n## " + heading + "\n\n- " + tc.bullet + "\n"
			res, err := mustReader(t).Read("2019-09.md", []byte(doc), reader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Activities) != 1 {
				t.Fatalf("%d activities, want 1", len(res.Activities))
			}
			if msg := tc.check(res.Activities[0]); msg != "" {
				t.Error(msg)
			}
		})
	}
}

// want is "" when ok, else the message.
func want(ok bool, format string, args ...any) string {
	if ok {
		return ""
	}
	return fmt.Sprintf(format, args...)
}

// TestFiguresInBoldInASentence: "**640** individuals trained in **24**
// workshops" gives the year's figures, and a figure alone in bold is no
// KPI box of its own.
func TestFiguresInBoldInASentence(t *testing.T) {
	doc := "# MARCH 2020 IN REVIEW\n\n## Capacity-Building\n\nUNCCT – From January to March 2020: **640** individuals trained in **24** workshops.\n\n- UNCCT trained 20 officers (3 March, Tunis).\n"
	res, err := mustReader(t).Read("review.md", []byte(doc), reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Document.Facts
	if f.IndividualsTrained == nil || *f.IndividualsTrained != 640 || f.WorkshopsOrganized == nil || *f.WorkshopsOrganized != 24 || len(f.Other) != 0 {
		t.Errorf("facts %+v (other %v): want 640 trained in 24 workshops and no other figure", f, f.Other)
	}
}
