package gen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
)

// The generator draws partners from the entity table, places from the
// gazetteer, countries and their adjectives from the country table, and
// people from made-up names. Each candidate is first written into a
// bullet of a probe document and read back with the real reader: only
// the ones the reader recognises as written (the partner as a partner,
// the city in its country, the person as a person) with no problem and
// no unknown name are kept. The corpus therefore reads cleanly whatever
// the tables hold today, and stays deterministic for a seed as long as
// the tables and the reader do not change.

// partner is an entity usable in a bullet, with the forms the reader
// recognised.
type partner struct {
	e       model.Entity
	acronym string // "" when the acronym form is not usable
	name    string // "the United Nations Office on Drugs and Crime", "" when not usable
}

// form writes the partner as a bullet names it: mostly its acronym, else
// its name.
func (p partner) form(r rnd) string {
	switch {
	case p.acronym != "" && (p.name == "" || r.IntN(10) < 7):
		return p.acronym
	case p.name != "":
		return p.name
	}
	return p.acronym
}

// country is a country usable in a bullet.
type country struct {
	code   string
	name   string // as running text writes it: "the Philippines", "Mali"
	bare   string // as a place: "Philippines", "Mali"
	adj    string // "" when the adjective is not usable
	cities []string
	weight int
}

// city draws one of the country's cities, the most populous (usually
// the capital) most often.
func (c *country) city(r rnd) string {
	f := r.Float64()
	return c.cities[int(f*f*f*float64(len(c.cities)))]
}

// pools are the vetted candidates.
type pools struct {
	partners      []partner // every usable entity
	core          []partner // the office's frequent partners, when usable
	bodies        []partner // UN bodies a USG briefs
	countries     []country // usable countries
	beneficiaries []int     // indexes into countries: where activities mostly happen
	funders       []string  // funders as text writes them ("Japan", "the European Union")
	cities        []string  // every usable city
	venues        []string  // frequent venues
	people        []string  // "Karim Haddad"
	regions       []string  // policy regions as text writes them ("the Sahel")
	topics        []string
}

// coreIDs are the entity ids of the office's frequent partners in the
// real documents; they take most of the partner draws.
var coreIDs = []string{"unodc", "cted", "unicri", "unaoc", "ohchr", "undp", "iom", "icao", "interpol", "osce", "eu",
	"au", "igad", "unwomen", "un-women", "unicef", "unitar", "unidir", "gctf", "hedayah", "icss", "las", "oic", "minusma",
	"unsmil", "unama", "unami", "coe", "ecowas", "asean", "sco", "cis", "csto", "oas", "gcc", "nato", "fatf", "wco", "opcw", "iaea"}

var beneficiaryNames = []string{"Mali", "Niger", "Nigeria", "Burkina Faso", "Chad", "Cameroon", "Mauritania", "Senegal",
	"Côte d'Ivoire", "Ghana", "Togo", "Benin", "Kenya", "Somalia", "Ethiopia", "Djibouti", "Uganda", "Mozambique",
	"Sudan", "Libya", "Tunisia", "Morocco", "Egypt", "Jordan", "Iraq", "Lebanon", "Kazakhstan", "Kyrgyzstan",
	"Tajikistan", "Turkmenistan", "Uzbekistan", "Afghanistan", "Pakistan", "Bangladesh", "Sri Lanka", "Maldives",
	"Indonesia", "Philippines", "Malaysia", "Thailand", "Albania", "Bosnia and Herzegovina", "North Macedonia",
	"Montenegro", "Serbia", "Colombia", "Trinidad and Tobago", "Botswana", "Sierra Leone", "Gambia", "Guinea",
	"Qatar", "Saudi Arabia", "United Arab Emirates", "Spain", "Austria", "Switzerland", "Belgium"}

var funderNames = []string{"Japan", "Germany", "Netherlands", "Norway", "United Kingdom", "United States", "Canada",
	"Switzerland", "Spain", "Italy", "Russian Federation", "China", "Republic of Korea", "Kuwait", "Australia",
	"France", "Denmark", "Sweden", "Qatar", "Saudi Arabia", "India", "Türkiye", "Morocco", "Hungary"}

var venueNames = []string{"Vienna", "Geneva", "Nairobi", "Doha", "Madrid", "Brussels", "Bangkok", "Dakar", "Abuja",
	"Amman", "Almaty", "Tashkent", "Dushanbe", "Bishkek", "Rabat", "Tunis", "Cairo", "Istanbul", "Budapest", "Riyadh",
	"Abu Dhabi", "Jakarta", "Manila", "Kuala Lumpur", "Colombo", "Niamey", "Bamako", "Ouagadougou", "N'Djamena",
	"Nouakchott", "Mogadishu", "Addis Ababa", "Kampala", "Rome", "Paris", "London", "Berlin", "The Hague", "Oslo", "Tokyo"}

var firstNames = strings.Fields(`Amina Karim Elena Tomas Fatima Laila Omar Sofia Daniel Aigerim Nodira Kwame Ngozi Hiroshi
	Mei Carlos Ana Ivan Olga Rashid Samira Pierre Ingrid Mateo Priya Yusuf Leila Anders Chiara Nadia Farid Helena Kofi
	Aziz Marta Rania Javier Dina Emeka Yuki Ruslan Zainab Lucas Irina Hassan Beatriz Tariq Astrid Moussa Khadija`)

var lastNames = strings.Fields(`Haddad Okafor Petrova Nakamura Mensah Rahimov Castillo Lindqvist Benali Kovacs Osei
	Tanaka Novak Kariuki Diallo Ahmadi Fernandes Eriksen Moreau Abdullaev Sato Kowalski Mwangi Karimova Rossi Iqbal
	Nordin Baptiste Haidari Lozano Obi Sorensen Yilmaz Tembo Chikwanha Delacroix Nurlanov Rahman Vasquez Bakr Okonkwo
	Lund Mansour Kipchoge Salazar Fontaine Aliyev Mbeki Quispe Hakimi`)

// topics are what activities are about; most carry pillar terms.
var topicList = []string{
	"border security and management",
	"countering the financing of terrorism",
	"preventing violent extremism through education",
	"the protection of critical infrastructure from terrorist cyber-attacks",
	"the rights and needs of victims of terrorism",
	"prison management and the rehabilitation of violent extremist offenders",
	"the use of advance passenger information and passenger name record data",
	"the prosecution, rehabilitation and reintegration of returning foreign terrorist fighters",
	"human rights-compliant investigations",
	"the role of youth in preventing violent extremism",
	"gender-sensitive approaches to countering terrorism",
	"the security of major sporting events",
	"countering the terrorist use of new technologies",
	"the threat posed by unmanned aircraft systems",
	"preparedness for chemical, biological, radiological and nuclear terrorism",
	"the illicit trafficking of small arms and light weapons",
	"strategic communications and counter-narratives",
	"the development of a national strategy to prevent violent extremism",
	"the protection of soft targets",
	"maritime security",
	"interfaith dialogue and the resilience of communities",
	"criminal justice responses to terrorism and the rule of law",
	"aviation security",
	"the use of biometrics and watchlists in law enforcement",
	"the financing of terrorism through virtual assets",
	"countering hate speech",
	"the links between terrorism and organized crime",
	"the protection of vulnerable targets",
	"the implementation of the UN Global Counter-Terrorism Strategy",
	"the repatriation of women and children from camps in the region",
	"the role of women in preventing violent extremism",
	"national action plans to prevent violent extremism",
	"the investigation and prosecution of terrorism cases",
	"technical assistance to Member States",
	"inter-agency coordination on counter-terrorism",
	"the prevention of radicalization in prisons",
	"cybersecurity and the protection of critical infrastructure",
	"the detection of improvised explosive devices",
	"fair trial and due process standards in terrorism cases",
	"the sanctions regime against ISIL (Da'esh) and Al-Qaida",
}

// probe is a vetting document: one bullet per candidate, read back by
// the real reader.
type probe struct {
	b     strings.Builder
	line  int
	lines []int // the line of each bullet added
}

func newProbe() *probe {
	p := &probe{}
	p.b.WriteString("## HIGHLIGHTS\n\n")
	p.line = 3
	return p
}

func (p *probe) add(bullet string) int {
	p.b.WriteString("- ")
	p.b.WriteString(bullet)
	p.b.WriteString("\n")
	p.lines = append(p.lines, p.line)
	p.line++
	return len(p.lines) - 1
}

// read reads the probe and returns, for each bullet added, its activity
// and whether the reader raised nothing about it.
func (p *probe) read(rd *reader.Reader) ([]model.Activity, []bool, error) {
	res, err := rd.Read("probe-2020-02.md", []byte(p.b.String()), reader.Options{})
	if err != nil {
		return nil, nil, err
	}
	byLine := map[int]int{}
	for i, a := range res.Activities {
		byLine[a.Source.Line] = i
	}
	bad := map[int]bool{}
	for _, pr := range append(slices.Clone(res.Problems), res.Unknown...) {
		bad[pr.Line] = true
	}
	acts := make([]model.Activity, len(p.lines))
	ok := make([]bool, len(p.lines))
	for i, l := range p.lines {
		if j, found := byLine[l]; found {
			acts[i] = res.Activities[j]
			ok[i] = !bad[l]
		}
	}
	return acts, ok, nil
}

// theName gives an entity's name as running text writes it.
func theName(name string) string {
	first, _, _ := strings.Cut(name, " ")
	switch first {
	case "United", "International", "Office", "Organization", "Organisation", "Council", "League", "European", "African",
		"Global", "Counter-Terrorism", "Economic", "Commonwealth", "Security", "General", "Department", "World", "Inter-Parliamentary",
		"Community", "Group", "Financial", "Shanghai", "Intergovernmental", "Regional", "Arab", "Southern", "Eastern",
		"Western", "Asian", "Gulf", "Islamic", "Association", "Conference", "Union", "Institute", "Committee",
		"Programme", "Permanent", "Executive", "Parliamentary", "Collective", "Central", "Analytical", "Panel", "Human":
		return "the " + name
	}
	return name
}

// theCountry gives a country's name as running text writes it.
func theCountry(name string) string {
	switch name {
	case "Philippines", "Netherlands", "Bahamas", "Maldives", "Comoros", "Seychelles", "Gambia", "Sudan",
		"Russian Federation", "Holy See", "Czechia", "Niger", "Congo":
		return "the " + name
	}
	if strings.HasPrefix(name, "United ") || strings.Contains(name, "Republic") || strings.Contains(name, "Islands") ||
		strings.HasPrefix(name, "State of ") {
		return "the " + name
	}
	return name
}

// vet builds the pools from the tables, keeping what the reader reads
// back as written.
func vet(rd *reader.Reader, geo *ref.Geo, ents *ref.Entities) (*pools, error) {
	ps := &pools{}

	// Partners: the acronym and the name, each in its own bullet.
	type cand struct {
		e        model.Entity
		acr, nam int
	}
	var cands []cand
	pr := newProbe()
	for _, e := range ents.All() {
		c := cand{e: e, acr: -1, nam: -1}
		if e.Acronym != "" && len(e.Acronym) <= 12 {
			c.acr = pr.add(fmt.Sprintf("UNOCT, in partnership with %s, organized a workshop on border security. (7 February, Vienna)", e.Acronym))
		}
		if e.Name != "" && len(e.Name) <= 80 && !strings.ContainsAny(e.Name, "()0123456789;") {
			c.nam = pr.add(fmt.Sprintf("UNOCT, in partnership with %s, organized a workshop on border security. (7 February, Vienna)", theName(e.Name)))
		}
		cands = append(cands, c)
	}
	acts, ok, err := pr.read(rd)
	if err != nil {
		return nil, fmt.Errorf("vetting partners: %w", err)
	}
	hasPartner := func(i int, e model.Entity) bool {
		if i < 0 || !ok[i] {
			return false
		}
		for _, p := range acts[i].Partners {
			if p.Label() == e.Label() {
				return true
			}
		}
		return false
	}
	for _, c := range cands {
		p := partner{e: c.e}
		if hasPartner(c.acr, c.e) {
			p.acronym = c.e.Acronym
		}
		if hasPartner(c.nam, c.e) {
			p.name = theName(c.e.Name)
		}
		if p.acronym == "" && p.name == "" {
			continue
		}
		if c.e.Kind == model.EntityUNBody {
			// Bodies are briefed, rarely partners.
			if p.name != "" && len(p.name) < 60 {
				ps.bodies = append(ps.bodies, p)
			}
			continue
		}
		ps.partners = append(ps.partners, p)
		if slices.Contains(coreIDs, c.e.ID) {
			ps.core = append(ps.core, p)
		}
	}

	// Countries: in the text, as a place, and by adjective.
	pr = newProbe()
	type ccand struct {
		c         model.Country
		text, adj int
	}
	var ccands []ccand
	for _, c := range geo.Countries() {
		if c.Region == "" || c.M49 == "" {
			continue
		}
		cc := ccand{c: c, adj: -1}
		cc.text = pr.add(fmt.Sprintf("UNOCT organized a workshop on border security in %s. (7 February, %s)", theCountry(c.Name), c.Name))
		if len(c.Adjectives) > 0 {
			cc.adj = pr.add(fmt.Sprintf("UNOCT organized a workshop on border security for 30 %s officials. (7 February, New York)", c.Adjectives[0]))
		}
		ccands = append(ccands, cc)
	}
	acts, ok, err = pr.read(rd)
	if err != nil {
		return nil, fmt.Errorf("vetting countries: %w", err)
	}
	hasCountry := func(i int, code string, place bool) bool {
		if i < 0 || !ok[i] {
			return false
		}
		a := acts[i]
		if place && (len(a.Sessions) != 1 || a.Sessions[0].Country != code) {
			return false
		}
		return len(a.Countries) == 1 && a.Countries[0].Code == code
	}
	byCode := map[string]int{}
	for _, cc := range ccands {
		if !hasCountry(cc.text, cc.c.Code, true) {
			continue
		}
		x := country{code: cc.c.Code, name: theCountry(cc.c.Name), bare: cc.c.Name, weight: 1}
		if hasCountry(cc.adj, cc.c.Code, false) {
			x.adj = cc.c.Adjectives[0]
		}
		byCode[x.code] = len(ps.countries)
		ps.countries = append(ps.countries, x)
	}
	for _, n := range beneficiaryNames {
		if c, ok := geo.CountryByName(n); ok {
			if i, ok := byCode[c.Code]; ok {
				ps.beneficiaries = append(ps.beneficiaries, i)
			}
		}
	}
	for _, n := range funderNames {
		if c, ok := geo.CountryByName(n); ok {
			if i, ok := byCode[c.Code]; ok {
				ps.funders = append(ps.funders, ps.countries[i].name)
			}
		}
	}
	for _, p := range ps.core {
		if p.e.ID == "eu" {
			f := p.name
			if f == "" {
				f = p.acronym
			}
			ps.funders = append(ps.funders, f)
		}
	}

	// Cities: every place of 300,000 people or more, the most populous
	// place of each country and the usual venues, each as a session
	// place that must resolve to its own country.
	pr = newProbe()
	type city struct {
		name, code string
		at         int
	}
	var cities []city
	seen := map[string]bool{}
	best := map[string]bool{}
	all := geo.Cities()
	slices.SortStableFunc(all, func(a, b model.City) int {
		return cmp.Or(strings.Compare(a.Country, b.Country), b.Population-a.Population)
	})
	for _, c := range all {
		_, isCountry := byCode[c.Country]
		if !isCountry || seen[c.Name] {
			continue
		}
		if c.Population >= 300000 || !best[c.Country] || slices.Contains(venueNames, c.Name) {
			if strings.ContainsAny(c.Name, "()/,;&+0123456789") {
				continue
			}
			seen[c.Name], best[c.Country] = true, true
			cities = append(cities, city{name: c.Name, code: c.Country,
				at: pr.add(fmt.Sprintf("UNOCT organized a workshop on border security. (7 February, %s)", c.Name))})
		}
	}
	acts, ok, err = pr.read(rd)
	if err != nil {
		return nil, fmt.Errorf("vetting cities: %w", err)
	}
	for _, c := range cities {
		a := acts[c.at]
		if !ok[c.at] || len(a.Sessions) != 1 || a.Sessions[0].Country != c.code || a.Sessions[0].Virtual {
			continue
		}
		ps.cities = append(ps.cities, c.name)
		i := byCode[c.code]
		ps.countries[i].cities = append(ps.countries[i].cities, c.name)
		if slices.Contains(venueNames, c.name) {
			ps.venues = append(ps.venues, c.name)
		}
	}

	// People: a title and a made-up name.
	pr = newProbe()
	type person struct {
		name string
		at   int
	}
	var people []person
	for i, f := range firstNames {
		for j, l := range lastNames {
			if (i*7+j*3)%5 != 0 { // a fifth of the combinations is plenty
				continue
			}
			n := f + " " + l
			people = append(people, person{n, pr.add(fmt.Sprintf("USG Voronkov met with Mr. %s to discuss border security. (7 February, New York)", n))})
		}
	}
	acts, ok, err = pr.read(rd)
	if err != nil {
		return nil, fmt.Errorf("vetting people: %w", err)
	}
	for _, p := range people {
		if ok[p.at] && slices.Contains(acts[p.at].People, p.name) {
			ps.people = append(ps.people, p.name)
		}
	}

	// Policy regions and topics: no problem and no unknown name.
	pr = newProbe()
	var regs []string
	var regAt []int
	for _, r := range geo.PolicyRegions() {
		n := r.Name
		if n == "European Union" || n == "Arab States" {
			continue
		}
		if n != "Lake Chad Basin" && n != "Great Lakes" && !strings.Contains(n, " and ") || strings.HasPrefix(n, "Middle East") {
			n = "the " + n
		}
		if n == "Gulf" || n == "the Gulf" {
			n = "the Gulf region"
		}
		if n == "Lake Chad Basin" || n == "Great Lakes" {
			n = "the " + n + " region"
		}
		regs = append(regs, n)
		regAt = append(regAt, pr.add(fmt.Sprintf("UNOCT organized a workshop on border security in %s. (7 February, Vienna)", n)))
	}
	var topAt []int
	for _, t := range topicList {
		topAt = append(topAt, pr.add(fmt.Sprintf("UNOCT organized a workshop on %s. (7 February, Vienna)", t)))
	}
	acts, ok, err = pr.read(rd)
	if err != nil {
		return nil, fmt.Errorf("vetting regions and topics: %w", err)
	}
	for i, at := range regAt {
		if ok[at] && len(acts[at].Regions) > 0 && acts[at].Regions[0] != model.RegionGlobal {
			ps.regions = append(ps.regions, regs[i])
		}
	}
	for i, at := range topAt {
		if ok[at] {
			ps.topics = append(ps.topics, topicList[i])
		}
	}

	switch {
	case len(ps.partners) < 20, len(ps.core) < 5, len(ps.bodies) < 3:
		return nil, fmt.Errorf("too few usable partners (%d, %d core, %d bodies)", len(ps.partners), len(ps.core), len(ps.bodies))
	case len(ps.countries) < 50, len(ps.beneficiaries) < 10, len(ps.funders) < 5:
		return nil, fmt.Errorf("too few usable countries (%d, %d beneficiaries, %d funders)", len(ps.countries), len(ps.beneficiaries), len(ps.funders))
	case len(ps.cities) < 100, len(ps.venues) < 5:
		return nil, fmt.Errorf("too few usable cities (%d, %d venues)", len(ps.cities), len(ps.venues))
	case len(ps.people) < 20, len(ps.regions) < 5, len(ps.topics) < 20:
		return nil, fmt.Errorf("too few usable people, regions or topics (%d, %d, %d)", len(ps.people), len(ps.regions), len(ps.topics))
	}
	return ps, nil
}
