package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// MustCreate opens a new store in a fresh temporary directory (in a
// subdirectory, so that Open has to create it).
func MustCreate(t testing.TB) *store.Store {
	t.Helper()
	return MustOpen(t, filepath.Join(t.TempDir(), "data", "unoct.db"))
}

// MustOpen opens the store at path with the test options.
func MustOpen(t testing.TB, path string) *store.Store {
	t.Helper()
	s, err := store.Open(path, store.Options{LockTimeout: time.Second, ReaderVersion: "test-1"})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	return s
}

// mustImport imports and fails the test on error.
func mustImport(t testing.TB, s *store.Store, doc model.Document, acts []model.Activity) store.ImportResult {
	t.Helper()
	res, err := s.Import(doc, acts)
	if err != nil {
		t.Fatalf("Import(%s): %v", doc.Name, err)
	}
	return res
}

// newDoc makes a document whose raw bytes are the activities' text, so
// that different activities give a different hash.
func newDoc(name, month string, acts []model.Activity) model.Document {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n", name, month)
	for _, a := range acts {
		fmt.Fprintf(&b, "%d %s %v %v\n", a.Source.Line, a.Text, a.Partners, a.Kind)
	}
	raw := []byte(b.String())
	sum := sha256.Sum256(raw)
	return model.Document{Name: name, Month: month, Raw: raw, Hash: hex.EncodeToString(sum[:])}
}

// act builds one activity with the fields the tests set by hand.
type act struct {
	line     int
	text     string
	start    string
	kind     model.Kind
	branch   model.Branch
	section  string
	pillars  []model.Pillar
	partners []model.Entity
	people   []string
	country  []model.CountryRef
	regions  []string
	city     string
}

func (a act) activity(month string) model.Activity {
	out := model.Activity{
		Month:     month,
		Text:      a.text,
		Kind:      a.kind,
		Branch:    a.branch,
		Section:   a.section,
		Partners:  a.partners,
		People:    a.people,
		Countries: a.country,
		Regions:   a.regions,
		Source:    model.Source{Line: a.line},
	}
	for _, p := range a.pillars {
		out.Pillars = append(out.Pillars, model.PillarMatch{Pillar: p, Matched: []string{"x"}})
	}
	if a.start != "" {
		s := model.Session{Start: a.start, End: a.start, City: a.city}
		if len(a.country) > 0 {
			s.Country = a.country[0].Code
		}
		out.Sessions = []model.Session{s}
	}
	return out
}

func acts(month string, as ...act) []model.Activity {
	out := make([]model.Activity, len(as))
	for i, a := range as {
		out[i] = a.activity(month)
	}
	return out
}

// Reference values for hand-made and synthetic activities.
var (
	unodc    = model.Entity{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime", Kind: model.EntityUN}
	cted     = model.Entity{Acronym: "CTED", Name: "Counter-Terrorism Committee Executive Directorate", Kind: model.EntityUN}
	eu       = model.Entity{Acronym: "EU", Name: "European Union", Kind: model.EntityRegional}
	hedayah  = model.Entity{Name: "Hedayah", Kind: model.EntityInternational}
	interpol = model.Entity{Acronym: "INTERPOL", Name: "International Criminal Police Organization", Kind: model.EntityInternational}
	au       = model.Entity{Acronym: "AU", Name: "African Union", Kind: model.EntityRegional}

	mali   = model.CountryRef{Code: "ML", Name: "Mali"}
	niger  = model.CountryRef{Code: "NE", Name: "Niger"}
	kenya  = model.CountryRef{Code: "KE", Name: "Kenya"}
	civ    = model.CountryRef{Code: "CI", Name: "Côte d’Ivoire"}
	uzbek  = model.CountryRef{Code: "UZ", Name: "Uzbekistan"}
	iraq   = model.CountryRef{Code: "IQ", Name: "Iraq"}
	phil   = model.CountryRef{Code: "PH", Name: "Philippines"}
	colomb = model.CountryRef{Code: "CO", Name: "Colombia"}
)

var (
	synthPartners  = []model.Entity{unodc, cted, eu, hedayah, interpol, au}
	synthCountries = []model.CountryRef{mali, niger, kenya, civ, uzbek, iraq, phil, colomb}
	synthRegion    = map[string]string{"ML": "Western Africa", "NE": "Western Africa", "KE": "Eastern Africa",
		"CI": "Western Africa", "UZ": "Central Asia", "IQ": "Western Asia", "PH": "South-eastern Asia", "CO": "South America"}
	synthKinds    = []model.Kind{model.KindBriefing, model.KindConference, model.KindLaunch, model.KindTraining, model.KindWorkshop, model.KindMeeting, model.KindVisit}
	synthBranches = []model.Branch{model.BranchOUSG, model.BranchUNCCT, model.BranchSPIB, model.BranchPKMCB}
	synthSections = []string{"Counter-Terrorism Coordination", "Capacity-building", "Victims of terrorism", "Special Projects and Innovation", "Resource mobilization"}
	synthWords    = strings.Fields(`counterterrorism workshop training border security prevention violent extremism
		victims terrorism capacity building aviation financing cybersecurity youth gender human rights
		dialogue regional national strategy parliament prison rehabilitation reintegration returnees
		foreign fighters biometric data evidence investigation prosecution judicial cooperation technology`)
)

// synth makes n synthetic activities of one document with varied facets:
// 1 to 3 partners, 1 or 2 countries and their regions, 1 or 2 pillars,
// kinds, branches, sections and dates spread over the month. vocab is the
// size of the made-up vocabulary mixed into the text (0: the real words
// only).
func synth(r *rand.Rand, month string, firstLine, n, vocab int) []model.Activity {
	out := make([]model.Activity, n)
	for i := range out {
		a := &out[i]
		a.Month = month
		a.Source.Line = firstLine + i*2
		a.Kind = synthKinds[r.IntN(len(synthKinds))]
		a.Branch = synthBranches[r.IntN(len(synthBranches))]
		a.Section = synthSections[r.IntN(len(synthSections))]
		for _, p := range r.Perm(len(model.Pillars))[:1+r.IntN(2)] {
			a.Pillars = append(a.Pillars, model.PillarMatch{Pillar: model.Pillars[p], Matched: []string{"x"}})
		}
		for _, p := range r.Perm(len(synthPartners))[:1+r.IntN(3)] {
			a.Partners = append(a.Partners, synthPartners[p])
		}
		seen := map[string]bool{}
		for _, c := range r.Perm(len(synthCountries))[:1+r.IntN(2)] {
			cr := synthCountries[c]
			a.Countries = append(a.Countries, cr)
			if reg := synthRegion[cr.Code]; !seen[reg] {
				seen[reg] = true
				a.Regions = append(a.Regions, reg)
			}
		}
		words := make([]string, 0, 40)
		for range 10 + r.IntN(20) {
			words = append(words, synthWords[r.IntN(len(synthWords))])
		}
		if vocab > 0 {
			for range 10 + r.IntN(10) {
				// Roughly Zipf: most made-up words are rare.
				k := int(float64(vocab) * r.Float64() * r.Float64() * r.Float64())
				words = append(words, fmt.Sprintf("w%x", k*2654435761%1000003))
			}
		}
		a.Text = strings.Join(words, " ")
		if r.IntN(10) > 0 {
			day := 1 + r.IntN(28)
			a.Sessions = []model.Session{{Start: fmt.Sprintf("%s-%02d", month, day), End: fmt.Sprintf("%s-%02d", month, day),
				City: "Bamako", Country: a.Countries[0].Code}}
		}
	}
	return out
}

// month returns the i-th month from 2015-01.
func month(i int) string {
	return fmt.Sprintf("%04d-%02d", 2015+i/12, 1+i%12)
}

// fill imports docs documents of per activities each.
func fill(t testing.TB, s *store.Store, seed uint64, docs, per, vocab int) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	for d := range docs {
		m := month(d)
		as := synth(r, m, 10, per, vocab)
		mustImport(t, s, newDoc("highlights-"+m+".md", m, as), as)
	}
}
