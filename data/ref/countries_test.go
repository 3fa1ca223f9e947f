package ref

import (
	"slices"
	"testing"

	"github.com/unoct/unoct/model"
)

func TestCountriesComplete(t *testing.T) {
	g := loadGeo(t)
	cs := g.Countries()
	// All 249 ISO 3166-1 entries, and Kosovo.
	if len(cs) != 250 {
		t.Fatalf("%d countries, want 249 ISO 3166-1 entries + XK", len(cs))
	}
	iso := 0
	for i, c := range cs {
		if i > 0 && model.Fold(cs[i-1].Name) > model.Fold(c.Name) {
			t.Errorf("Countries not sorted by name: %q before %q", cs[i-1].Name, c.Name)
		}
		if c.Code != "XK" {
			iso++
			if len(c.M49) != 3 {
				t.Errorf("%s: M49 code %q", c.Code, c.M49)
			}
		}
		if len(c.Alpha3) != 3 || c.Name == "" || c.Official == "" {
			t.Errorf("%s: incomplete row %+v", c.Code, c)
		}
		if c.Code == "AQ" {
			if c.Region != "" || c.M49Group() != "" {
				t.Errorf("Antarctica has M49 region %q", c.Region)
			}
			continue
		}
		if c.Region == "" || c.SubRegion == "" {
			t.Errorf("%s (%s) has no M49 region or sub-region", c.Code, c.Name)
		}
	}
	if iso != 249 {
		t.Errorf("%d ISO 3166-1 rows, want 249", iso)
	}
}

func TestM49Groups(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct{ code, region, sub, inter, group string }{
		{"KE", "Africa", "Sub-Saharan Africa", "Eastern Africa", "Eastern Africa"},
		{"CM", "Africa", "Sub-Saharan Africa", "Middle Africa", "Middle Africa"},
		{"BF", "Africa", "Sub-Saharan Africa", "Western Africa", "Western Africa"},
		{"ML", "Africa", "Sub-Saharan Africa", "Western Africa", "Western Africa"},
		{"ZA", "Africa", "Sub-Saharan Africa", "Southern Africa", "Southern Africa"},
		{"LY", "Africa", "Northern Africa", "", "Northern Africa"},
		{"AT", "Europe", "Western Europe", "", "Western Europe"},
		{"AL", "Europe", "Southern Europe", "", "Southern Europe"},
		{"GB", "Europe", "Northern Europe", "", "Northern Europe"},
		{"JE", "Europe", "Northern Europe", "Channel Islands", "Channel Islands"},
		{"XK", "Europe", "Southern Europe", "", "Southern Europe"},
		{"AZ", "Asia", "Western Asia", "", "Western Asia"},
		{"ID", "Asia", "South-eastern Asia", "", "South-eastern Asia"},
		{"KZ", "Asia", "Central Asia", "", "Central Asia"},
		{"TW", "Asia", "Eastern Asia", "", "Eastern Asia"},
		{"US", "Americas", "Northern America", "", "Northern America"},
		{"BR", "Americas", "Latin America and the Caribbean", "South America", "South America"},
		{"MX", "Americas", "Latin America and the Caribbean", "Central America", "Central America"},
		{"JM", "Americas", "Latin America and the Caribbean", "Caribbean", "Caribbean"},
		{"AU", "Oceania", "Australia and New Zealand", "", "Australia and New Zealand"},
	} {
		c, ok := g.Country(tc.code)
		if !ok {
			t.Errorf("no country %s", tc.code)
			continue
		}
		if c.Region != tc.region || c.SubRegion != tc.sub || c.Intermediate != tc.inter || c.M49Group() != tc.group {
			t.Errorf("%s: %q / %q / %q (group %q), want %q / %q / %q (group %q)", tc.code,
				c.Region, c.SubRegion, c.Intermediate, c.M49Group(), tc.region, tc.sub, tc.inter, tc.group)
		}
	}
	groups := g.M49Groups()
	if !slices.IsSorted(groups) {
		t.Errorf("M49Groups not sorted: %v", groups)
	}
	for _, want := range []string{"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa",
		"Northern Africa", "Central Asia", "South-eastern Asia", "Western Europe", "Caribbean",
		"South America", "Central America", "Northern America", "Melanesia", "Channel Islands"} {
		if !slices.Contains(groups, want) {
			t.Errorf("M49Groups lacks %q: %v", want, groups)
		}
	}
	for _, not := range []string{"", "Sub-Saharan Africa", "Latin America and the Caribbean", "Africa"} {
		if slices.Contains(groups, not) {
			t.Errorf("M49Groups has %q, which is never a most specific group", not)
		}
	}
}

func TestCountry(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct{ code, want string }{
		{"KE", "KE"}, {"ke", "KE"}, {"KEN", "KE"}, {"ken", "KE"}, {" gbr ", "GB"},
		{"XK", "XK"}, {"XKX", "XK"}, {"TUR", "TR"}, {"", ""}, {"ZZ", ""}, {"UK", ""},
	} {
		c, ok := g.Country(tc.code)
		if ok != (tc.want != "") || c.Code != tc.want {
			t.Errorf("Country(%q) = %q, %v; want %q", tc.code, c.Code, ok, tc.want)
		}
	}
}

func TestCountryByName(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct{ name, want string }{
		{"the UK", "GB"},
		{"UK", "GB"},
		{"U.K.", "GB"},
		{"United Kingdom", "GB"},
		{"United Kingdom of Great Britain and Northern Ireland", "GB"},
		{"Great Britain", "GB"},
		{"the US", "US"},
		{"US", "US"},
		{"U.S.", "US"},
		{"USA", "US"},
		{"United States", "US"},
		{"the United States of America", "US"},
		{"Kingdom of Saudi Arabia", "SA"},
		{"KSA", "SA"},
		{"Saudi Arabia", "SA"},
		{"Côte d'Ivoire", "CI"},
		{"Côte d’Ivoire", "CI"},
		{"Cote d'Ivoire", "CI"},
		{"COTE D IVOIRE", "CI"},
		{"Ivory Coast", "CI"},
		{"Türkiye", "TR"},
		{"Turkiye", "TR"},
		{"Turkey", "TR"},
		{"State of Qatar", "QA"},
		{"Kingdom of the Netherlands", "NL"},
		{"the Netherlands", "NL"},
		{"People's Republic of China", "CN"},
		{"PRC", "CN"},
		{"Republic of Korea", "KR"},
		{"South Korea", "KR"},
		{"DPRK", "KP"},
		{"North Korea", "KP"},
		{"Czech Republic", "CZ"},
		{"Czechia", "CZ"},
		{"Viet Nam", "VN"},
		{"Vietnam", "VN"},
		{"Lao PDR", "LA"},
		{"Syrian Arab Republic", "SY"},
		{"Syria", "SY"},
		{"Iran (Islamic Republic of)", "IR"},
		{"Iran", "IR"},
		{"Bolivia (Plurinational State of)", "BO"},
		{"North Macedonia", "MK"},
		{"Macedonia", "MK"},
		{"Eswatini", "SZ"},
		{"Swaziland", "SZ"},
		{"Cabo Verde", "CV"},
		{"Cape Verde", "CV"},
		{"State of Palestine", "PS"},
		{"Palestine", "PS"},
		{"Kosovo", "XK"},
		{"Russian Federation", "RU"},
		{"Russia", "RU"},
		{"the Gambia", "GM"},
		{"Democratic Republic of the Congo", "CD"},
		{"DRC", "CD"},
		{"Congo", "CG"},
		{"Republic of the Congo", "CG"},
		{"Burkina Faso", "BF"},
		{"Mali", "ML"},
		{"Niger", "NE"},
		{"Nigeria", "NG"},
		{"Holy See", "VA"},
		{"United Republic of Tanzania", "TZ"},
		{"Tanzania", "TZ"},
		{"Sahel", ""},
		{"", ""},
		{"the", ""},
	} {
		c, ok := g.CountryByName(tc.name)
		if ok != (tc.want != "") || c.Code != tc.want {
			t.Errorf("CountryByName(%q) = %q, %v; want %q", tc.name, c.Code, ok, tc.want)
		}
	}
}

func TestCountryByAdjective(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct{ word, want string }{
		{"Malian", "ML"},
		{"malian", "ML"},
		{"Nigerian", "NG"},
		{"Nigerien", "NE"},
		{"Iraqi", "IQ"},
		{"Afghan", "AF"},
		{"Burkinabe", "BF"},
		{"Burkinabè", "BF"},
		{"Emirati", "AE"},
		{"Filipino", "PH"},
		{"Philippine", "PH"},
		{"Congolese", "CD"},
		{"Dominican", "DO"},
		{"French", "FR"},
		{"Dutch", "NL"},
		{"American", "US"},
		{"Indian", "IN"},
		{"Norwegian", "NO"},
		{"British", "GB"},
		{"Chadian", "TD"},
		{"Cameroonian", "CM"},
		{"Kazakh", "KZ"},
		{"Kyrgyz", "KG"},
		{"Tajik", "TJ"},
		{"Uzbek", "UZ"},
		{"Turkmen", "TM"},
		{"Ivorian", "CI"},
		{"Saudi", "SA"},
		{"Turkish", "TR"},
		{"Somali", "SO"},
		{"Mali", ""},
		{"Djibouti", ""},
	} {
		c, ok := g.CountryByAdjective(tc.word)
		if ok != (tc.want != "") || c.Code != tc.want {
			t.Errorf("CountryByAdjective(%q) = %q, %v; want %q", tc.word, c.Code, ok, tc.want)
		}
	}
}

// Ensure that every M49 grouping the countries table names has its M49
// code in model's list, at the level the table puts it, so that a filter
// can name any of them by code; and that the list names no grouping the
// table lacks.
func TestM49GroupingCodes(t *testing.T) {
	g := loadGeo(t)
	used := map[string]string{}
	for _, c := range g.Countries() {
		for name, level := range map[string]string{c.Region: model.AreaM49Region,
			c.SubRegion: model.AreaM49SubRegion, c.Intermediate: model.AreaM49Intermediate} {
			if name != "" {
				used[name] = level
			}
		}
	}
	for name, level := range used {
		m, ok := model.M49ByName(name)
		if !ok || m.Level != level {
			t.Errorf("%s (%s): model.M49ByName = %+v, %v", name, level, m, ok)
		}
	}
	codes := map[string]bool{}
	for _, m := range model.M49Groupings() {
		if used[m.Name] == "" {
			t.Errorf("model lists %s %s, which no country is in", m.Code, m.Name)
		}
		if len(m.Code) != 3 || codes[m.Code] {
			t.Errorf("code %q of %s: not three digits, or twice", m.Code, m.Name)
		}
		codes[m.Code] = true
	}
	for _, c := range g.Countries() {
		if codes[c.M49] {
			t.Errorf("%s's M49 code %s is also a grouping's", c.Code, c.M49)
		}
	}
}
