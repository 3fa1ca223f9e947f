package ref

import (
	"slices"
	"strings"
	"testing"

	"github.com/unoct/unoct/model"
)

func loadGeo(t testing.TB) *Geo {
	t.Helper()
	g, err := LoadGeo()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestPolicyRegions(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct {
		name, canonical string
		has, hasNot     []string
	}{
		{"the Sahel", "Sahel", []string{"BF", "ML", "NE", "TD", "MR"}, []string{"KE"}},
		{"Sahel region", "Sahel", nil, nil},
		{"G5 Sahel countries", "G5 Sahel", []string{"BF", "ML", "MR", "NE", "TD"}, []string{"SN"}},
		{"Lake Chad Basin", "Lake Chad Basin", []string{"NG", "NE", "TD", "CM"}, []string{"ML"}},
		{"the Horn of Africa", "Horn of Africa", []string{"DJ", "ER", "ET", "SO", "KE", "SD"}, []string{"NG"}},
		{"East of Africa", "East Africa", []string{"KE", "UG", "TZ"}, []string{"NG"}},
		{"Eastern Africa", "East Africa", nil, nil},
		{"West Africa", "West Africa", []string{"NG", "GH", "SN", "BF"}, []string{"CM"}},
		{"Central Africa", "Central Africa", []string{"CM", "TD", "CF"}, []string{"NG"}},
		{"West and Central African countries", "West and Central Africa", []string{"NG", "CM", "TD", "SN"}, []string{"KE"}},
		{"North Africa", "North Africa", []string{"LY", "TN", "EG"}, nil},
		{"Southern Africa", "Southern Africa", []string{"ZA", "MZ"}, nil},
		{"Great Lakes region", "Great Lakes", []string{"CD", "RW"}, nil},
		{"the Maghreb", "Maghreb", []string{"MA", "DZ"}, []string{"EG"}},
		{"Central Asia", "Central Asia", []string{"KZ", "KG", "TJ", "TM", "UZ"}, []string{"AF"}},
		{"Central Asian countries", "Central Asia", nil, nil},
		{"South Asia", "South Asia", []string{"IN", "PK", "AF"}, nil},
		{"South-East Asia", "South-East Asia", []string{"ID", "PH", "MY"}, nil},
		{"Southeast Asia", "South-East Asia", nil, nil},
		{"the Middle East", "Middle East", []string{"IQ", "SY", "JO"}, nil},
		{"MENA", "Middle East and North Africa", []string{"IQ", "LY", "MA"}, nil},
		{"the Gulf", "Gulf", []string{"QA", "SA", "AE"}, []string{"IQ"}},
		{"Gulf region", "Gulf", nil, nil},
		{"the Levant", "Levant", []string{"SY", "LB"}, nil},
		{"Western Balkans", "Western Balkans", []string{"AL", "BA", "XK", "ME", "MK", "RS"}, []string{"HR"}},
		{"South Caucasus", "South Caucasus", []string{"AM", "AZ", "GE"}, nil},
		{"the Caucasus", "South Caucasus", nil, nil},
		{"Eastern Europe", "Eastern Europe", []string{"UA", "PL"}, nil},
		{"Latin America", "Latin America", []string{"BR", "MX"}, []string{"US"}},
		{"the Caribbean", "Caribbean", []string{"JM", "TT"}, nil},
		{"Central America", "Central America", []string{"GT", "PA"}, nil},
		{"Pacific Islands", "Pacific", []string{"FJ", "PG"}, []string{"AU"}},
		{"the Pacific", "Pacific", nil, nil},
		{"European Union", "European Union", []string{"FR", "DE", "AT"}, []string{"GB", "CH"}},
		{"EU", "European Union", nil, nil},
	} {
		r, ok := g.PolicyRegion(tc.name)
		if !ok || r.Name != tc.canonical {
			t.Errorf("PolicyRegion(%q) = %q, %v; want %q", tc.name, r.Name, ok, tc.canonical)
			continue
		}
		for _, c := range tc.has {
			if !slices.Contains(r.Countries, c) {
				t.Errorf("%s lacks %s: %v", r.Name, c, r.Countries)
			}
		}
		for _, c := range tc.hasNot {
			if slices.Contains(r.Countries, c) {
				t.Errorf("%s has %s: %v", r.Name, c, r.Countries)
			}
		}
	}
	if _, ok := g.PolicyRegion("Atlantis"); ok {
		t.Error("PolicyRegion(Atlantis) found")
	}
	if r, _ := g.PolicyRegion("European Union"); len(r.Countries) != 27 {
		t.Errorf("European Union has %d members", len(r.Countries))
	}
	wca, _ := g.PolicyRegion("West and Central Africa")
	wa, _ := g.PolicyRegion("West Africa")
	ca, _ := g.PolicyRegion("Central Africa")
	for _, c := range append(wa.Countries, ca.Countries...) {
		if !slices.Contains(wca.Countries, c) {
			t.Errorf("West and Central Africa lacks %s", c)
		}
	}
	rs := g.PolicyRegions()
	if len(rs) < 28 {
		t.Errorf("%d policy regions", len(rs))
	}
	// The returned values are copies.
	rs[0].Countries[0] = "ZZ"
	if again := g.PolicyRegions(); again[0].Countries[0] == "ZZ" {
		t.Error("PolicyRegions shares its slices with the table")
	}
}

func TestPhraseIndexes(t *testing.T) {
	g := loadGeo(t)
	names := g.CountryNames()
	for k, want := range map[string]string{
		"cote d ivoire": "CI", "united kingdom": "GB", "uk": "GB", "the us": "US", "u s": "US",
		"kingdom of saudi arabia": "SA", "turkey": "TR", "turkiye": "TR", "burkina faso": "BF",
		"united kingdom of great britain and northern ireland": "GB",
	} {
		if names[k] != want {
			t.Errorf("CountryNames()[%q] = %q, want %q", k, names[k], want)
		}
	}
	for _, k := range []string{"us", "car", "the uk", ""} {
		if _, ok := names[k]; ok {
			t.Errorf("CountryNames() has %q", k)
		}
	}
	for k := range names {
		if model.Fold(k) != k {
			t.Errorf("CountryNames() key %q is not folded", k)
		}
	}
	adj := g.AdjectiveNames()
	if adj["malian"] != "ML" || adj["burkinabe"] != "BF" || adj["emirati"] != "AE" {
		t.Errorf("AdjectiveNames() = %v...", adj["malian"])
	}
	regions := g.RegionNames()
	for k, want := range map[string]string{
		"sahel": "Sahel", "east of africa": "East Africa", "horn of africa": "Horn of Africa",
		"west and central african countries": "West and Central Africa", "central asia": "Central Asia",
	} {
		if regions[k] != want {
			t.Errorf("RegionNames()[%q] = %q, want %q", k, regions[k], want)
		}
	}
	// The maps are the caller's own.
	names["cote d ivoire"] = "ZZ"
	if g.CountryNames()["cote d ivoire"] != "CI" {
		t.Error("CountryNames shares its map with the table")
	}

	order := LongestFirst(names)
	if len(order) != len(names) {
		t.Fatalf("LongestFirst has %d keys of %d", len(order), len(names))
	}
	pos := func(k string) int { return slices.Index(order, k) }
	if pos("south sudan") > pos("sudan") || pos("guinea bissau") > pos("guinea") ||
		pos("democratic republic of the congo") > pos("congo") {
		t.Error("LongestFirst does not put longer names first")
	}
}

// TestScanSentence shows how a reader finds places in a folded sentence
// with the phrase indexes: the longest phrase at each word wins.
func TestScanSentence(t *testing.T) {
	g := loadGeo(t)
	index := map[string]string{}
	for k, v := range g.CountryNames() {
		index[k] = "country:" + v
	}
	for k, v := range g.AdjectiveNames() {
		index[k] = "adjective:" + v
	}
	for k, v := range g.RegionNames() {
		index[k] = "region:" + v
	}
	maxWords := 0
	for k := range index {
		maxWords = max(maxWords, strings.Count(k, " ")+1)
	}
	text := model.Fold("UNOCT trained 35 Malian officers from the Sahel, with Côte d’Ivoire, the UK and West and Central African countries")
	words := strings.Fields(text)
	var found []string
	for i := 0; i < len(words); {
		n := min(maxWords, len(words)-i)
		for ; n > 0; n-- {
			if v, ok := index[strings.Join(words[i:i+n], " ")]; ok {
				found = append(found, v)
				break
			}
		}
		i += max(n, 1)
	}
	want := []string{"adjective:ML", "region:Sahel", "country:CI", "country:GB", "region:West and Central Africa"}
	if !slices.Equal(found, want) {
		t.Errorf("found %v, want %v", found, want)
	}
}

func TestGeneratedKeysFoldConsistently(t *testing.T) {
	// The generator has its own copy of Fold; the tables it wrote must
	// load without two countries or regions sharing a folded name under
	// this package's Fold (LoadGeo checks), and each folded city key must
	// be stable.
	g := loadGeo(t)
	for k := range g.cityBy {
		if model.Fold(k) != k {
			t.Fatalf("city key %q is not folded", k)
		}
	}
}

func BenchmarkLoadGeo(b *testing.B) {
	for b.Loop() {
		if _, err := LoadGeo(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLoadGeoErrorsNameTheLine(t *testing.T) {
	const header = "alpha2\talpha3\tm49\tname\tofficial\tregion\tsubregion\tintermediate\tadjectives\taliases\n"
	const mali = "ML\tMLI\t466\tMali\tRepublic of Mali\tAfrica\tSub-Saharan Africa\tWestern Africa\tMalian\t\n"
	for _, tc := range []struct{ name, data, want string }{
		{"bad code", "# c\n" + header + "M\tMLI\t466\tMali\t\tAfrica\t\t\t\t\n", "countries.tsv:3"},
		{"bad region", header + mali + "NE\tNER\t562\tNiger\t\tAfrika\t\t\t\t\n", "countries.tsv:3"},
		{"shared name", header + mali + "NE\tNER\t562\tNiger\t\tAfrica\t\t\t\tMali\n", "countries.tsv:3"},
		{"shared adjective", header + mali + "NE\tNER\t562\tNiger\t\tAfrica\t\t\tMalian\t\n", "countries.tsv:3"},
		{"extra column", header + mali + "NE\tNER\t562\tNiger\t\tAfrica\t\t\t\t\t\t\n", "countries.tsv:3"},
	} {
		err := (&Geo{}).loadCountries([]byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming %s", tc.name, err, tc.want)
		}
	}

	g := &Geo{}
	if err := g.loadCountries([]byte(header + mali)); err != nil {
		t.Fatal(err)
	}
	const cities = "name\tascii\tcountry\tpopulation\taltnames\tgeonameid\tcapital\n"
	if err := g.loadCities([]byte(cities + "Bamako\tBamako\tML\tmany\t\t\t1\n")); err == nil || !strings.Contains(err.Error(), "cities.tsv:2") {
		t.Errorf("bad population: %v", err)
	}
	if err := g.loadCities([]byte(cities + "Niamey\tNiamey\tNE\t1\t\t\n")); err == nil || !strings.Contains(err.Error(), "cities.tsv:2") {
		t.Errorf("unknown country: %v", err)
	}
	if err := g.loadCities([]byte(cities + "Bamako\tBamako\tML\t1\t\t\tyes\n")); err == nil || !strings.Contains(err.Error(), "cities.tsv:2") {
		t.Errorf("bad capital: %v", err)
	}
	if err := g.loadCities([]byte("name\tascii\tcountry\tpopulation\taltnames\tgeonameid\n")); err == nil || !strings.Contains(err.Error(), "cities.tsv:1") {
		t.Errorf("six-column header: %v", err)
	}
	if err := g.loadCities([]byte(cities + "Kati\tKati\tML\t90000\n" + "Bamako\tBamako\tML\t2000\t\t\t1\n" + "Kati\tKati\tML\t100\t\t\t1\n")); err != nil {
		t.Fatal(err)
	}
	if c, _ := g.City("Kati"); c.Population != 100 {
		t.Errorf("City(Kati) = %+v, want the capital", c)
	}
	if c, _ := g.CityIn("Kati", "ML"); c.Population != 90000 {
		t.Errorf("CityIn(Kati, ML) = %+v, want the most populous", c)
	}
	if c, _ := g.City("Bamako"); c.Population != 2000 {
		t.Errorf("City(Bamako) = %+v", c)
	}
	const regions = "name\taliases\tcountries\tbasis\n"
	if err := g.loadRegions([]byte(regions + "Sahel\t\tML|ZZ\tx\n")); err == nil || !strings.Contains(err.Error(), "regions.tsv:2") {
		t.Errorf("unknown region country: %v", err)
	}
}
