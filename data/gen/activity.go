package gen

import (
	"fmt"
	"slices"
	"strings"
)

// actx is what a bullet's text says about its sessions.
type actx struct {
	country  *country // where it takes place, when the text says
	hq       bool     // at UN Headquarters
	virtual  bool     // most likely online
	strict   bool     // always in country, never online
	sessions int      // 0: one, or sometimes several
	form     dateForm // dfAny: any
}

// ---- drawing names ----

func (w *docWriter) partner() partner {
	if w.r.IntN(100) < 65 {
		return pick(w.r, w.g.ps.core)
	}
	return pick(w.r, w.g.ps.partners)
}

// partners draws k distinct partners, as text writes them.
func (w *docWriter) partners(k int) []string {
	var out []string
	for tries := 0; len(out) < k && tries < 4*k; tries++ {
		f := w.partner().form(w.r)
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func (w *docWriter) country() *country {
	ps := w.g.ps
	if w.r.IntN(100) < 75 {
		return &ps.countries[pick(w.r, ps.beneficiaries)]
	}
	return &ps.countries[w.r.IntN(len(ps.countries))]
}

// countries draws k distinct countries.
func (w *docWriter) countries(k int) []*country {
	var out []*country
	for tries := 0; len(out) < k && tries < 4*k; tries++ {
		c := w.country()
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func names(cs []*country) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

func (w *docWriter) topic() string { return pick(w.r, w.g.ps.topics) }

func (w *docWriter) person() string {
	return pick(w.r, []string{"Mr.", "Ms.", "H.E.", "Dr.", "Ambassador"}) + " " + pick(w.r, w.g.ps.people)
}

// and joins names as prose does: "A", "A and B", "A, B and C".
func and(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// funding is a funder clause, or "".
func (w *docWriter) funding() string {
	if w.r.IntN(100) >= 35 {
		return ""
	}
	f := pick(w.r, w.g.ps.funders)
	return pick(w.r, []string{", with funding from %s", ", funded by %s", ", with the generous funding of %s", ", with the support of %s"}) + "|" + f
}

func expand(s string) string {
	if s == "" {
		return ""
	}
	f, arg, _ := strings.Cut(s, "|")
	return fmt.Sprintf(f, arg)
}

// where is " in Mali", " in the Sahel" or "".
func (w *docWriter) where(c *country) string {
	switch k := w.r.IntN(10); {
	case c != nil && k < 6:
		return " in " + c.name
	case k < 8:
		return " in " + pick(w.r, w.g.ps.regions)
	}
	return ""
}

// audience is who attended: " for 35 Malian officials", ", attended by
// over 300 participants from 50 Member States", or "".
func (w *docWriter) audience(c *country) string {
	r := w.r
	noun := pick(r, []string{"officials", "officers", "participants", "representatives", "experts", "practitioners",
		"judges and prosecutors", "border guards", "law enforcement officers", "parliamentarians", "young leaders",
		"civil society representatives", "investigators", "analysts", "prison officers", "trainers"})
	switch k := r.IntN(10); {
	case k < 3 && c != nil && c.adj != "":
		return fmt.Sprintf(" for %s %s %s", headcount(r, 12, 90), c.adj, noun)
	case k < 5 && c != nil:
		return fmt.Sprintf(" for %s %s from %s", headcount(r, 12, 90), noun, c.name)
	case k < 7:
		return fmt.Sprintf(", attended by %s %s from %d Member States", headcount(r, 40, 600), noun, 5+r.IntN(140))
	case k < 8:
		return fmt.Sprintf(", bringing together %s %s from %d countries", headcount(r, 30, 300), noun, 3+r.IntN(40))
	}
	return ""
}

// ---- bullets ----

// activity writes one bullet of a section: its text and its final
// parenthesis.
func (w *docWriter) activity(sec int) (string, string) {
	var text string
	var c actx
	switch sec {
	case secPL:
		text, c = w.leadership()
	case secHL, secPKMCB:
		text, c = w.highlight(sec == secPKMCB)
	case secCB:
		text, c = w.capacity()
	case secSPIB, secTravel:
		text, c = w.spib(sec == secTravel)
	case secVictims:
		text, c = w.victims()
	}
	return text, w.paren(c)
}

func (w *docWriter) usg() string {
	return pick(w.r, []string{"USG Voronkov", "USG Voronkov", "USG Voronkov and ASG Coninsx", "ASG Coninsx (UNCTED)",
		"The Under-Secretary-General"})
}

func (w *docWriter) leadership() (string, actx) {
	r := w.r
	ps := w.g.ps
	switch r.IntN(6) {
	case 0, 1:
		body := pick(r, ps.bodies)
		t := fmt.Sprintf("%s briefed %s on %s.", w.usg(), body.name, w.topic())
		if r.IntN(2) == 0 {
			t += fmt.Sprintf(" %s representatives of Member States, UN entities and civil society followed the discussion.", capFirst(headcount(r, 50, 400)))
		}
		return t, actx{hq: r.IntN(3) > 0, virtual: r.IntN(3) == 0}
	case 2:
		cs := w.countries(1)
		role := pick(r, []string{"Minister of Foreign Affairs", "Minister of Interior", "Minister of Justice", "National Security Adviser", "Permanent Representative to the United Nations"})
		virt := r.IntN(2) == 0
		met := "met with"
		if virt {
			met = "met virtually with"
		}
		return fmt.Sprintf("USG Voronkov %s %s, %s of %s, to discuss %s and %s.", met, w.person(), role, cs[0].name, w.topic(), w.topic()),
			actx{hq: !virt, virtual: virt}
	case 3:
		cs := w.countries(3)
		return fmt.Sprintf("USG Voronkov held bilateral meetings with the Permanent Representatives of %s to discuss UNOCT technical assistance on %s.", and(names(cs)), w.topic()),
			actx{hq: true, form: dfList}
	case 4:
		p := w.partners(1)
		host := w.country()
		return fmt.Sprintf("USG Voronkov addressed the high-level conference on %s, organized by %s and hosted by %s, and highlighted the close coordination between UNOCT and %s in support of Member States.",
			w.topic(), p[0], host.name, p[0]), actx{country: host, virtual: r.IntN(4) == 0}
	}
	c := w.country()
	return fmt.Sprintf("%s concluded a %s-day visit to %s. The visit aimed at strengthening the partnership with the government of %s on %s and exploring programmatic cooperation.",
		w.usg(), inWords(2+r.IntN(3)), c.name, c.name, w.topic()), actx{country: c, strict: true}
}

func (w *docWriter) highlight(coordination bool) (string, actx) {
	r := w.r
	ps := w.g.ps
	if coordination || r.IntN(8) == 0 {
		ws := w.partners(2)
		n := 10 + r.IntN(35)
		switch r.IntN(3) {
		case 0:
			return fmt.Sprintf("The Compact inter-agency working group on %s, co-chaired by %s, held %s virtual meetings with %d Compact entities to align their support to Member States.",
				w.topic(), and(ws), inWords(2+r.IntN(3)), n), actx{virtual: true, form: dfList}
		case 1:
			return fmt.Sprintf("USG Voronkov chaired a meeting of the Coordination Committee of the UN Global Counter-Terrorism Coordination Compact, which brought together the heads of %d Compact entities to review %s.",
				n, w.topic()), actx{hq: true, virtual: r.IntN(2) == 0}
		}
		p := ps.partners[r.IntN(len(ps.partners))]
		name := p.name
		if name == "" {
			name = p.acronym
		}
		if p.acronym != "" && p.name != "" && r.IntN(2) == 0 {
			name += " (" + p.acronym + ")"
		}
		return fmt.Sprintf("%s became a participating member of the UN Global Counter-Terrorism Coordination Compact. The total number of participating entities is now %d, including %d members and %d observers.",
			capFirst(name), 40+r.IntN(9), 36+r.IntN(6), 5+r.IntN(2)), actx{hq: true}
	}
	lead := pick(r, []string{"UNOCT", "UNOCT", "UNCCT", "UNOCT and %s", "UNOCT, %s and %s", "UNCCT and %s"})
	switch strings.Count(lead, "%s") {
	case 1:
		lead = fmt.Sprintf(lead, w.partners(1)[0])
	case 2:
		ps2 := w.partners(2)
		lead = fmt.Sprintf(lead, ps2[0], ps2[1])
	}
	c := w.country()
	switch r.IntN(5) {
	case 0:
		t := fmt.Sprintf("%s jointly organized a %s-day high-level %s conference on %s%s.", lead, inWords(2+r.IntN(2)),
			pick(r, []string{"regional", "international", "global"}), w.topic(), expand(w.funding()))
		t += fmt.Sprintf(" %s representatives from more than %d Member States, UN entities, international and regional organizations, as well as %d civil society organizations participated in the conference.",
			capFirst(headcount(r, 100, 600)), 10+r.IntN(90), 5+r.IntN(40))
		return t, actx{country: c}
	case 1:
		t := fmt.Sprintf("%s launched %s on %s%s%s.", lead, pick(r, []string{"a joint initiative", "a project", "a global programme", "a regional programme"}),
			w.topic(), w.where(c), expand(w.funding()))
		if r.IntN(2) == 0 {
			t += fmt.Sprintf(" The launch event was attended by %s participants from %d Member States.", headcount(r, 50, 900), 10+r.IntN(100))
		}
		return t, actx{country: c, virtual: r.IntN(3) == 0}
	case 2:
		return fmt.Sprintf("%s published a joint policy paper on %s, drawing on contributions from %d civil society organizations in %s.",
			lead, w.topic(), 5+r.IntN(30), and(names(w.countries(1+r.IntN(3))))), actx{hq: true}
	case 3:
		return fmt.Sprintf("%s co-organized a regional meeting on %s%s, attended by %s participants from %d Member States.",
			lead, w.topic(), w.where(c), headcount(r, 40, 300), 3+r.IntN(30)), actx{country: c, virtual: r.IntN(3) == 0}
	}
	return fmt.Sprintf("USG Voronkov, %s and %s concluded a %s-day visit to %s to discuss %s.", pick(r, []string{"ASG Coninsx (UNCTED)", "Mr. Edmund Fitton-Brown"}),
		w.person(), inWords(2+r.IntN(3)), c.name, w.topic()), actx{country: c, strict: true}
}

func (w *docWriter) capacity() (string, actx) {
	r := w.r
	lead := "UNCCT"
	switch r.IntN(4) {
	case 0:
		lead = fmt.Sprintf("UNCCT, in partnership with %s,", and(w.partners(1+r.IntN(2))))
	case 1:
		lead = fmt.Sprintf("UNCCT and %s", w.partners(1)[0])
	case 2:
		lead = fmt.Sprintf("UNCCT, in collaboration with %s,", and(w.partners(2+r.IntN(2))))
	}
	c := w.country()
	switch r.IntN(8) {
	case 0, 1:
		return fmt.Sprintf("%s delivered a %s training on %s%s%s.", lead, pick(r, []string{"national", "regional", "online", "five-day"}),
			w.topic(), w.audience(c), expand(w.funding())), actx{country: c}
	case 2:
		cs := w.countries(2)
		return fmt.Sprintf("%s delivered %d training-of-trainers workshops in %s for senior and mid-level law enforcement and security officials.",
			lead, 2+r.IntN(3), and(names(cs))), actx{country: cs[0], sessions: 2 + r.IntN(2)}
	case 3, 4:
		return fmt.Sprintf("%s organized a %s workshop on %s%s%s.", lead, pick(r, []string{"national", "regional", "sub-regional", "virtual"}),
			w.topic(), w.audience(c), expand(w.funding())), actx{country: c}
	case 5:
		return fmt.Sprintf("%s conducted a joint needs assessment mission to %s on %s, in cooperation with the Government of %s.",
			lead, c.name, w.topic(), c.name), actx{country: c, strict: true}
	case 6:
		dest := w.country()
		who := "officials"
		if c.adj != "" {
			who = c.adj + " officials"
		}
		return fmt.Sprintf("%s organized a study visit for %d %s to %s on %s.", lead, 8+r.IntN(20), who, dest.name, w.topic()),
			actx{country: dest, strict: true}
	}
	return fmt.Sprintf("%s held a consultative meeting with %s on %s%s.", lead, and(w.partners(1+r.IntN(3))), w.topic(), w.where(c)),
		actx{country: c, virtual: r.IntN(2) == 0}
}

func (w *docWriter) spib(travel bool) (string, actx) {
	r := w.r
	c := w.country()
	k := r.IntN(7)
	if travel {
		k = r.IntN(2) * 2
	}
	switch k {
	case 0:
		who := "officials"
		if c.adj != "" {
			who = c.adj + " officials"
		}
		return fmt.Sprintf("UNOCT, together with %s, organized national workshops for %s on the legal and operational framework for collecting, analysing and sharing passenger data.",
			and(w.partners(2+r.IntN(3))), who), actx{country: c, sessions: max(0, r.IntN(4)-1)}
	case 1:
		return fmt.Sprintf("UNOCT and %s held an online briefing for Member States on %s, attended by %s participants from %d Member States.",
			w.partners(1)[0], w.topic(), headcount(r, 100, 1500), 20+r.IntN(120)), actx{virtual: true}
	case 2:
		return fmt.Sprintf("UNOCT delivered the goTravel software and a legislative assistance package to %s, in partnership with %s.",
			c.name, and(w.partners(2+r.IntN(3)))), actx{country: c, virtual: r.IntN(2) == 0}
	case 3:
		return fmt.Sprintf("UNOCT held a virtual expert group meeting with %s on %s, with %s experts from sports organizations, law enforcement and academia.",
			and(w.partners(2)), w.topic(), headcount(r, 15, 80)), actx{virtual: true}
	case 4:
		return fmt.Sprintf("UNOCT concluded a joint mission with %s to %s to facilitate cooperation on %s.",
			and(w.partners(2)), c.name, w.topic()), actx{country: c}
	case 5:
		return fmt.Sprintf("UNOCT and the Government of %s signed a Memorandum of Understanding on %s.", c.name, w.topic()),
			actx{country: c, form: dfYear}
	}
	return fmt.Sprintf("UNOCT, together with %s, organized a workshop on %s with focal points and representatives of civil aviation agencies from %d %s countries.",
			and(w.partners(2+r.IntN(3))), w.topic(), 5+r.IntN(15), pick(r, []string{"West and Central African", "Central Asian", "Southeast Asian", "Caribbean"})),
		actx{country: c}
}

func (w *docWriter) victims() (string, actx) {
	r := w.r
	if r.IntN(2) == 0 {
		return fmt.Sprintf("UNOCT, %s and the Inter-Parliamentary Union (IPU) held a virtual expert workshop on model legislative provisions to support the needs and protect the rights of victims of terrorism, with %d parliamentarians and experts from %d Member States.",
			w.partners(1)[0], 20+r.IntN(40), 5+r.IntN(20)), actx{virtual: true, form: dfList}
	}
	return fmt.Sprintf("%s met with representatives of %d victims' associations from %d countries to discuss %s.",
		w.usg(), 5+r.IntN(20), 3+r.IntN(15), w.topic()), actx{virtual: r.IntN(2) == 0, hq: true}
}

// ---- the parenthesis ----

// paren writes a bullet's final parenthesis: one session, or several
// separated by semicolons.
func (w *docWriter) paren(c actx) string {
	r := w.r
	n := c.sessions
	if n == 0 {
		n = 1
		if r.IntN(100) < 6 {
			n = 2 + r.IntN(2)
		}
	}
	if n == 1 {
		f := c.form
		if f == dfAny {
			f = anyDateForm(r)
		}
		return w.dates(f) + ", " + w.place(c)
	}
	// Several sessions: consecutive windows of the month, each a day or
	// a range, in the same country where there is one.
	dim := daysIn(w.y, w.m)
	win := dim / n
	parts := make([]string, n)
	for i := range n {
		s := i*win + 1 + r.IntN(max(1, win-4))
		d := fmt.Sprint(s)
		if r.IntN(3) > 0 {
			d = fmt.Sprintf("%d%s%d", s, dash(r), s+1+r.IntN(3))
		}
		parts[i] = d + " " + monthName(w.m) + ", " + w.place(c)
	}
	return strings.Join(parts, "; ")
}

// place writes a session's place: a city (of the activity's country
// where the text names one), the country itself, UN Headquarters, or
// online, alone or hybrid.
func (w *docWriter) place(c actx) string {
	r := w.r
	ps := w.g.ps
	k := r.IntN(100)
	if c.strict && c.country != nil {
		if len(c.country.cities) == 0 || k < 5 {
			return c.country.bare
		}
		return c.country.city(r)
	}
	if c.virtual && k < 60 {
		return pick(r, []string{"virtual", "virtual", "online", "videoconference"})
	}
	city := func() string {
		if c.country != nil && len(c.country.cities) > 0 && r.IntN(10) < 8 {
			return c.country.city(r)
		}
		if r.IntN(2) == 0 {
			return pick(r, ps.venues)
		}
		return pick(r, ps.cities)
	}
	switch {
	case c.hq && k < 85:
		if k < 10 {
			return pick(r, []string{"New York/virtual", "New York and online"})
		}
		return "New York"
	case k < 8:
		return pick(r, []string{"virtual", "online", "videoconference"})
	case k < 13:
		return city() + pick(r, []string{" and online", "/virtual", " (hybrid)"})
	case k < 18 && c.country != nil:
		return c.country.bare
	case k < 22:
		return "New York"
	}
	return city()
}
