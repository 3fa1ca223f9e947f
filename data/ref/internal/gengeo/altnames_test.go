package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestAltCandidate(t *testing.T) {
	for _, a := range []string{
		"Bombay", "Peking", "Rangoon", "N'Djamena", "Sana'a", "Ulaanbaatar", "Dayr az Zawr",
		"Deir ez-Zor", "Hodeidah", "Léopoldville", "Xi'an", "T'ai-pei", "Al Mawsil",
	} {
		if !altCandidate(a) {
			t.Errorf("altCandidate(%q) = false", a)
		}
	}
	for _, a := range []string{
		"ULN", "NQZ", // airport codes
		"wu lan ba tuo",                // a romanization in lower case
		"Улан-Батор", "ウランバートル", "Ula", // not Latin; three letters
		"Mumbaj", "Tajpej", "Kijev", "Szanghaj", "Csengtu", "Schanghai", "Sjanghai", "Dzhakarta", // other languages' letters
		"Ntaka", "Mponkota", // Greek
		"Mel'burn", "Shen'chzhen'", "Tajan'", // soft signs
		"Ciudad de Guatemala", "Guatemala-Stadt", "Lungsod ng Lima", "Kuwait by", // translations
		"Stgo.", "CiudadSantiago", "Tong-koan-chhi",
	} {
		if altCandidate(a) {
			t.Errorf("altCandidate(%q) = true", a)
		}
	}
}

func TestAffixed(t *testing.T) {
	bases := []string{"kiev", "ho chi minh", "pekin", "guatemala"}
	for k, want := range map[string]bool{
		"kievu": true, "kievom": true, "kiev osh": true, "cathair ho chi minh": true,
		"guatemala stadt": true, "pekino": true,
		"peking": false, "kiev": false, "kijev": false, "guatemala city x": true, "nueva guatemala": true,
	} {
		if got := affixed(k, bases); got != want {
			t.Errorf("affixed(%q) = %v, want %v", k, got, want)
		}
	}
}

func TestWithinOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"kiev", "kiev", true}, {"kiev", "kief", true}, {"kiev", "kiiev", true}, {"kiev", "kie", true},
		{"kiev", "iev", true}, {"", "a", true}, {"", "", true},
		{"kiev", "kyiv", false}, {"kiev", "kievom", false}, {"rangoon", "yangon", false}, {"ab", "ba", false},
	} {
		if got := withinOneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("withinOneEdit(%q, %q) = %v", tc.a, tc.b, got)
		}
		if got := withinOneEdit(tc.b, tc.a); got != tc.want {
			t.Errorf("withinOneEdit(%q, %q) = %v", tc.b, tc.a, got)
		}
	}
}

func TestRankAltnames(t *testing.T) {
	c := &city{name: "Kyiv", country: "UA"}
	alts := []string{"IEV", "Kiev", "Kíev", "Kiew", "Kievu", "Kiev osh", "Kijev", "Kyiv", "Київ", "Kiova",
		"Kiovia", "Kænugarður", "kiv", "Kuyiv", "Küyiv", "Sambatas"}
	got := rankAltnames(c, alts)
	// Kiev (near Kíev, Kiew, Kiev osh's "kiev"...) first; Kiew is within one
	// edit of it and goes. The city's own name is ranked too (addAltnames
	// skips it) and takes Kuyiv's place. Kiova and Kiovia count for each
	// other; Kænugarður and Sambatas have no other spelling near them;
	// IEV, kiv and Київ are not shaped like names; Kievu and Kiev osh are
	// Kiev inflected; Kijev has Dutch "ij".
	want := []string{"Kiev", "Kyiv", "Kiova"}
	if !slices.Equal(got, want) {
		t.Errorf("rankAltnames = %q, want %q", got, want)
	}
}

func TestAddAltnames(t *testing.T) {
	countries := []*country{
		{alpha2: "MM", name: "Myanmar", official: "Republic of the Union of Myanmar", aliases: []string{"Burma"}, capitals: []string{"Naypyidaw"}},
		{alpha2: "KW", name: "Kuwait", official: "State of Kuwait", capitals: []string{"Kuwait City"}},
	}
	yangon := &city{id: 1, name: "Yangon", country: "MM", population: 4000000, featureCode: "PPLA"}
	dagon := &city{id: 2, name: "Dagon", country: "MM", population: 10000}
	bago := &city{id: 3, name: "Bago", country: "MM", population: 300000, altnames: []string{"Pegu"}}
	naypyidaw := &city{id: 4, name: "Nay Pyi Taw", country: "MM", population: 900000, featureCode: "PPLC", altnames: []string{"Naypyidaw"}}
	kuwait := &city{id: 5, name: "Kuwait City", country: "KW", population: 60000, featureCode: "PPLC"}
	small := &city{id: 6, name: "Jangon", country: "MM", population: 900000}
	full := &city{id: 7, name: "Full", country: "MM", population: 1, altnames: []string{"A1", "A2", "A3", "A4", "A5"}}
	cs := []*city{yangon, dagon, bago, naypyidaw, kuwait, small, full}
	geo := map[int64]*geoEntry{
		1: {name: "Yangon", lat: 16.8, lon: 96.16, alts: []string{"RGN", "Rangoon", "Rangun", "Rangún", "Dagon", "Dagun", "Burma", "Burmah", "Jangon", "Jangun"}},
		2: {name: "Dagon", lat: 16.85, lon: 96.2},
		3: {name: "Bago", lat: 17.3, lon: 96.5, alts: []string{"Pegu", "Pegou", "Pégou"}},
		4: {name: "Naypyidaw", lat: 19.7, lon: 96.1, alts: []string{"Burma", "Burmah"}},
		5: {name: "Kuwait City", ascii: "Kuwait City", lat: 29.37, lon: 47.98, alts: []string{"Kuwait", "Kuweit", "Kuwayt", "Koweit", "Koweït"}},
		6: {name: "Jangon", lat: 0, lon: 0},
		7: {name: "Fuller", lat: 1, lon: 1, alts: []string{"Fullerton", "Fullertown"}},
	}
	sm := []smCity{
		{"Rangoon", "MM", 16.795, 96.16},  // Yangon's English name
		{"Dagon", "MM", 16.85, 96.2},      // Dagon itself
		{"Pegu", "MM", 17.3, 96.5},        // already Bago's
		{"Burmah", "MM", 45, 10},          // too far from anything
		{"Kuweit", "KW", 29.37, 47.98},    // taken as English, being SimpleMaps'
		{"Kuwait City", "KW", 29.4, 47.9}, // the place itself
	}
	addAltnames(cs, countries, geo, sm)
	for _, tc := range []struct {
		c    *city
		want []string
	}{
		// Rangoon first (SimpleMaps'), though only one language spells it
		// so. Of the rest, Jangun and Rangun are most alike to the others,
		// and one edit apart: Jangun, first alphabetically, stands for
		// both. Dagon and Jangon are other places' names, Burma a
		// country's.
		{yangon, []string{"Rangoon", "Jangun"}},
		{dagon, nil},
		// Pegou is within one edit of Pegu, which Bago has already.
		{bago, []string{"Pegu"}},
		// A country's name goes to its capital only.
		{naypyidaw, []string{"Naypyidaw", "Burma"}},
		// Kuweit, SimpleMaps', stands for Kuwait and Koweit too.
		{kuwait, []string{"Kuweit", "Kuwayt"}},
		{small, nil},
		{full, []string{"A1", "A2", "A3", "A4", "A5", "Fuller"}},
	} {
		if !slices.Equal(tc.c.altnames, tc.want) {
			t.Errorf("%s: altnames %q, want %q", tc.c.name, tc.c.altnames, tc.want)
		}
	}
}

func TestEnglishNamesShadowing(t *testing.T) {
	// An English name that is another place's own name goes to a place at
	// least shadowRatio times as populous, never over a capital.
	countries := []*country{{alpha2: "DE", name: "Germany"}, {alpha2: "BO", name: "Bolivia", capitals: []string{"Sucre"}}}
	main := &city{id: 1, name: "Frankfurt am Main", country: "DE", population: 700000}
	oder := &city{id: 2, name: "Frankfurt", country: "DE", population: 58000}
	halle := &city{id: 3, name: "Halle (Saale)", country: "DE", population: 200000}
	halleW := &city{id: 4, name: "Halle", country: "DE", population: 50000}
	santa := &city{id: 5, name: "Santa Cruz de la Sierra", country: "BO", population: 1400000}
	sucre := &city{id: 6, name: "Santa Cruz", country: "BO", population: 10, featureCode: "PPLC"}
	cs := []*city{main, oder, halle, halleW, santa, sucre}
	geo := map[int64]*geoEntry{
		1: {lat: 50.1, lon: 8.7, alts: []string{"Frankfurt"}},
		2: {lat: 52.3, lon: 14.5},
		3: {lat: 51.5, lon: 12, alts: []string{"Halle"}},
		4: {lat: 52.1, lon: 8.4},
		5: {lat: -17.8, lon: -63.2, alts: []string{"Santa Cruz"}},
		6: {lat: -19, lon: -65},
	}
	sm := []smCity{{"Frankfurt", "DE", 50.11, 8.68}, {"Halle", "DE", 51.48, 11.97}, {"Santa Cruz", "BO", -17.8, -63.2}}
	addAltnames(cs, countries, geo, sm)
	if !slices.Equal(main.altnames, []string{"Frankfurt"}) {
		t.Errorf("Frankfurt am Main: %q", main.altnames)
	}
	if halle.altnames != nil { // 200,000 is not five times 50,000
		t.Errorf("Halle (Saale): %q", halle.altnames)
	}
	if santa.altnames != nil { // Santa Cruz here is a capital
		t.Errorf("Santa Cruz de la Sierra: %q", santa.altnames)
	}
}

func TestReadGeoNamesDump(t *testing.T) {
	dir := t.TempDir()
	row := func(id, name, alts string) string {
		c := make([]string, 19)
		c[0], c[1], c[2], c[3], c[4], c[5] = id, name, name, alts, "47.9", "106.9"
		return strings.Join(c, "\t")
	}
	path := filepath.Join(dir, "cities500.txt")
	data := row("2028462", "Ulan Bator", "Ulaanbaatar,ULN,Улаанбаатар") + "\n" + row("1", "Elsewhere", "") + "\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readGeoNamesDump(path, map[int64]bool{2028462: true})
	if err != nil {
		t.Fatal(err)
	}
	e := got[2028462]
	if len(got) != 1 || e == nil || e.name != "Ulan Bator" || e.lat != 47.9 || !slices.Equal(e.alts, []string{"Ulaanbaatar", "ULN", "Улаанбаатар"}) {
		t.Errorf("read %+v", got)
	}
	if err := os.WriteFile(path, []byte("1\tshort\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readGeoNamesDump(path, nil); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("short row: %v", err)
	}
}

func TestReadSimpleMaps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cities.json")
	data := `[{"city":"Rangoon","city_ascii":"Rangoon","lat":"16.7950","lng":"96.1600","iso2":"MM","population":"5209541"}]`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readSimpleMaps(path)
	if err != nil || len(got) != 1 || got[0] != (smCity{"Rangoon", "MM", 16.795, 96.16}) {
		t.Errorf("read %+v, %v", got, err)
	}
	if err := os.WriteFile(path, []byte(`[{"city":"X","lat":"a","lng":"1","iso2":"MM"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readSimpleMaps(path); err == nil {
		t.Error("bad latitude accepted")
	}
}

func TestDedupeNames(t *testing.T) {
	c := &city{name: "Panama City", altnames: []string{"Panamá", "Panama", "panama city", "Panama-City", "Ciudad de Panamá"}}
	if got := dedupeNames(c); !slices.Equal(got, []string{"Panamá", "Ciudad de Panamá"}) {
		t.Errorf("dedupeNames = %q", got)
	}
}
