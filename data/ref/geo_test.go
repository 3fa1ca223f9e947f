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

func TestCity(t *testing.T) {
	g := loadGeo(t)
	if n := g.CityCount(); n < 20000 {
		t.Errorf("only %d cities", n)
	}
	for _, tc := range []struct{ name, want string }{
		{"New York", "US"},
		{"New York City", "US"},
		{"Vienna", "AT"},
		{"Wien", "AT"},
		{"Tripoli", "LY"}, // Libya's capital, not Lebanon's Tripoli
		{"Kribi", "CM"},
		{"Douala", "CM"},
		{"Ouagadougou", "BF"},
		{"Niamey", "NE"},
		{"Baku", "AZ"},
		{"Jakarta", "ID"},
		{"Nairobi", "KE"},
		{"Bamako", "ML"},
		{"Geneva", "CH"},
		{"Genève", "CH"},
		{"geneve", "CH"},
		{"Doha", "QA"},
		{"Tashkent", "UZ"},
		{"Dushanbe", "TJ"},
		{"Abu Dhabi", "AE"},
		{"The Hague", "NL"},
		{"Addis Ababa", "ET"},
		{"Astana", "KZ"},
		{"Nur-Sultan", "KZ"},
		{"N'Djamena", "TD"},
		{"Yaoundé", "CM"},
		{"Yaounde", "CM"},
		{"Lomé", "TG"},
		{"Sana'a", "YE"},
		{"Kyiv", "UA"},
		{"Washington, D.C.", "US"},
		{"Vaduz", "LI"},     // a capital under 15,000 people
		{"Adamstown", "PN"}, // a capital of 46
		{"Xyzzyville", ""},
		{"", ""},
	} {
		c, ok := g.City(tc.name)
		if ok != (tc.want != "") || c.Country != tc.want {
			t.Errorf("City(%q) = %+v, %v; want country %q", tc.name, c, ok, tc.want)
		}
	}
	if c, _ := g.City("New York"); c.Name != "New York" || c.Population < 8000000 {
		t.Errorf("City(New York) = %+v", c)
	}
	if c, _ := g.City("Geneva"); c.Name != "Geneva" {
		t.Errorf("City(Geneva) = %+v, want the English name", c)
	}
}

// TestCityUNSpellings checks that the capitals and other cities UN texts
// name are found under the spellings the texts use, GeoNames' own name or
// not, and in the right country.
func TestCityUNSpellings(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct{ name, want string }{
		// Spellings GeoNames' main name lacks: cities.in.tsv, or GeoNames'
		// alternate names picked by gengeo.
		{"Ulaanbaatar", "MN"}, {"Ulan Bator", "MN"},
		{"Kyiv", "UA"}, {"Kiev", "UA"},
		{"Astana", "KZ"}, {"Nur-Sultan", "KZ"}, {"Nursultan", "KZ"},
		{"Yangon", "MM"}, {"Rangoon", "MM"},
		{"Chisinau", "MD"}, {"Chişinău", "MD"}, {"Kishinev", "MD"},
		{"Ashgabat", "TM"}, {"Ashkhabad", "TM"},
		{"Sana'a", "YE"}, {"Sanaa", "YE"},
		{"N'Djamena", "TD"}, {"Ndjamena", "TD"},
		{"Yaoundé", "CM"}, {"Yaounde", "CM"},
		{"Lomé", "TG"}, {"Lome", "TG"},
		{"Pretoria", "ZA"}, {"Tshwane", "ZA"},
		{"Pristina", "XK"}, {"Prishtina", "XK"},
		{"Malé", "MV"}, {"Male", "MV"},
		{"Bogotá", "CO"}, {"Bogota", "CO"},
		{"Brasília", "BR"}, {"Brasilia", "BR"},
		{"Asunción", "PY"}, {"Asuncion", "PY"},
		{"Erbil", "IQ"}, {"Arbil", "IQ"}, {"Hawler", "IQ"},
		{"Marawi", "PH"}, {"Marawi City", "PH"},
		{"Naypyidaw", "MM"}, {"Nay Pyi Taw", "MM"},
		{"Ho Chi Minh City", "VN"}, {"Saigon", "VN"},
		{"Port of Spain", "TT"}, {"Port-of-Spain", "TT"},
		{"Porto-Novo", "BJ"}, {"Porto Novo", "BJ"},
		{"Mumbai", "IN"}, {"Bombay", "IN"}, // GeoNames alternate names
		{"Beijing", "CN"}, {"Peking", "CN"},
		{"Bengaluru", "IN"}, {"Bangalore", "IN"}, // SimpleMaps' English name
		{"Hodeidah", "YE"}, {"Dayr az Zawr", "SY"},
		// Capitals and other cities UN texts name.
		{"Tbilisi", "GE"}, {"Yerevan", "AM"}, {"Dushanbe", "TJ"}, {"Bishkek", "KG"},
		{"Nouakchott", "MR"}, {"Cotonou", "BJ"}, {"Ouagadougou", "BF"}, {"Niamey", "NE"},
		{"Bamako", "ML"}, {"Conakry", "GN"}, {"Freetown", "SL"}, {"Abuja", "NG"},
		{"Kinshasa", "CD"}, {"Brazzaville", "CG"}, {"Bangui", "CF"}, {"Juba", "SS"},
		{"Khartoum", "SD"}, {"Mogadishu", "SO"}, {"Djibouti", "DJ"}, {"Asmara", "ER"},
		{"Addis Ababa", "ET"}, {"Kampala", "UG"}, {"Kigali", "RW"}, {"Dodoma", "TZ"},
		{"Dar es Salaam", "TZ"}, {"Maputo", "MZ"}, {"Lilongwe", "MW"}, {"Lusaka", "ZM"},
		{"Harare", "ZW"}, {"Windhoek", "NA"}, {"Gaborone", "BW"}, {"Antananarivo", "MG"},
		{"Port Louis", "MU"}, {"Tunis", "TN"}, {"Algiers", "DZ"}, {"Rabat", "MA"},
		{"Tripoli", "LY"}, {"Cairo", "EG"}, {"Amman", "JO"}, {"Baghdad", "IQ"},
		{"Damascus", "SY"}, {"Beirut", "LB"}, {"Riyadh", "SA"}, {"Jeddah", "SA"},
		{"Muscat", "OM"}, {"Manama", "BH"}, {"Kuwait City", "KW"}, {"Abu Dhabi", "AE"},
		{"Dubai", "AE"}, {"Tehran", "IR"}, {"Kabul", "AF"}, {"Islamabad", "PK"},
		{"New Delhi", "IN"}, {"Dhaka", "BD"}, {"Colombo", "LK"}, {"Kathmandu", "NP"},
		{"Thimphu", "BT"}, {"Bangkok", "TH"}, {"Vientiane", "LA"}, {"Phnom Penh", "KH"},
		{"Hanoi", "VN"}, {"Kuala Lumpur", "MY"}, {"Singapore", "SG"}, {"Jakarta", "ID"},
		{"Manila", "PH"}, {"Cotabato", "PH"}, {"Zamboanga", "PH"}, {"Dili", "TL"},
		{"Port Moresby", "PG"}, {"Suva", "FJ"}, {"Seoul", "KR"}, {"Tokyo", "JP"},
		{"Moscow", "RU"}, {"Minsk", "BY"}, {"Belgrade", "RS"}, {"Skopje", "MK"},
		{"Tirana", "AL"}, {"Podgorica", "ME"}, {"Sarajevo", "BA"}, {"Zagreb", "HR"},
		{"Ljubljana", "SI"}, {"Bucharest", "RO"}, {"Sofia", "BG"}, {"Budapest", "HU"},
		{"Warsaw", "PL"}, {"Prague", "CZ"}, {"Bratislava", "SK"}, {"Vienna", "AT"},
		{"Bern", "CH"}, {"Geneva", "CH"}, {"Brussels", "BE"}, {"The Hague", "NL"},
		{"Luxembourg", "LU"}, {"Paris", "FR"}, {"Madrid", "ES"}, {"Lisbon", "PT"},
		{"Rome", "IT"}, {"Valletta", "MT"}, {"Athens", "GR"}, {"Nicosia", "CY"},
		{"Ankara", "TR"}, {"Istanbul", "TR"}, {"Baku", "AZ"}, {"Tashkent", "UZ"},
		{"Samarkand", "UZ"}, {"Almaty", "KZ"}, {"Lima", "PE"}, {"Quito", "EC"},
		{"Caracas", "VE"}, {"Buenos Aires", "AR"}, {"Santiago", "CL"}, {"Montevideo", "UY"},
		{"La Paz", "BO"}, {"Panama City", "PA"}, {"Tegucigalpa", "HN"},
		{"Guatemala City", "GT"}, {"San Salvador", "SV"}, {"Managua", "NI"},
		{"Mexico City", "MX"}, {"Havana", "CU"}, {"Santo Domingo", "DO"},
		{"Port-au-Prince", "HT"}, {"Kingston", "JM"}, {"Bridgetown", "BB"},
		{"Georgetown", "GY"}, {"Paramaribo", "SR"}, {"Nassau", "BS"}, {"Ottawa", "CA"},
		{"Washington", "US"},
	} {
		c, ok := g.City(tc.name)
		if !ok || c.Country != tc.want {
			t.Errorf("City(%q) = %+v, %v; want country %q", tc.name, c, ok, tc.want)
		}
	}
	// San José is the name of San Jose, California, too, which is three
	// times as populous; City prefers the capital, and CityIn finds it in
	// Costa Rica (not the smaller San José there).
	if c, ok := g.CityIn("San José", "CR"); !ok || c.Population < 300000 {
		t.Errorf("CityIn(San José, CR) = %+v, %v", c, ok)
	}
	if c, ok := g.CityIn("San Jose", "US"); !ok || c.Population < 1000000 {
		t.Errorf("CityIn(San Jose, US) = %+v, %v", c, ok)
	}
}

// TestCityPrefersCapital checks that City takes a national capital over a
// more populous place of the same name, and otherwise the most populous.
func TestCityPrefersCapital(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct{ name, want, city string }{
		{"San José", "CR", "San José"}, // San Jose, California is three times as populous
		{"San Jose", "CR", "San José"},
		{"Tripoli", "LY", "Tripoli"},
		{"Victoria", "SC", "Victoria"}, // Victoria, British Columbia is twelve times as populous
		{"Kingston", "JM", "Kingston"}, // Norfolk Island's is a territory's capital
		{"Georgetown", "GY", "Georgetown"},
		{"Santiago", "CL", "Santiago"},
		// No independent state's capital: the most populous.
		{"Hamilton", "CA", "Hamilton"},     // Ontario; Bermuda's capital is a territory's
		{"Valencia", "VE", "Valencia"},     // Venezuela's is more populous than Spain's
		{"Alexandria", "EG", "Alexandria"}, // over Alexandria, Virginia
		{"Plymouth", "GB", "Plymouth"},     // not Montserrat's abandoned capital
		{"George Town", "MY", "George Town"},
	} {
		c, ok := g.City(tc.name)
		if !ok || c.Country != tc.want || c.Name != tc.city {
			t.Errorf("City(%q) = %+v, %v; want %s in %s", tc.name, c, ok, tc.city, tc.want)
		}
	}
	// CityIn is unchanged: the most populous place of the name in the
	// country.
	if c, ok := g.CityIn("Victoria", "CA"); !ok || c.Population < 250000 {
		t.Errorf("CityIn(Victoria, CA) = %+v, %v", c, ok)
	}
	if c, ok := g.CityIn("Hamilton", "BM"); !ok || c.Country != "BM" {
		t.Errorf("CityIn(Hamilton, BM) = %+v, %v", c, ok)
	}
}

// TestCapitalColumn checks cities.tsv's capital column: one capital for
// nearly every independent state (South Africa has three, Eswatini two),
// none for a dependent territory.
func TestCapitalColumn(t *testing.T) {
	g := loadGeo(t)
	by := map[string][]string{}
	for i, c := range g.cities {
		if g.capital[i] {
			by[c.Country] = append(by[c.Country], c.Name)
		}
	}
	if len(by) < 190 {
		t.Errorf("capitals of %d countries", len(by))
	}
	for _, tc := range []struct {
		country string
		want    []string
	}{
		{"CR", []string{"San José"}},
		{"FR", []string{"Paris"}},
		{"ZA", []string{"Bloemfontein", "Cape Town", "Pretoria"}},
		{"BM", nil},
		{"MS", nil},
	} {
		if got := by[tc.country]; !slices.Equal(got, tc.want) {
			t.Errorf("capitals of %s: %q, want %q", tc.country, got, tc.want)
		}
	}
}

// TestCapitalsNamedLikeTheirCountry checks that a capital that bears its
// country's name, or is known by it, is found as a city in that country.
func TestCapitalsNamedLikeTheirCountry(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct{ name, want, city string }{
		{"Djibouti", "DJ", "Djibouti"},
		{"Singapore", "SG", "Singapore"},
		{"Kuwait", "KW", "Kuwait City"},
		{"Kuwait City", "KW", "Kuwait City"},
		{"Panama", "PA", "Panama City"},
		{"Panamá", "PA", "Panama City"},
		{"Guatemala", "GT", "Guatemala City"},
		{"Luxembourg", "LU", "Luxembourg"},
		{"Monaco", "MC", "Monaco"},
		{"San Marino", "SM", "San Marino"},
		{"Mexico", "MX", "Mexico City"},
		{"Mexico City", "MX", "Mexico City"},
		{"Vatican City", "VA", "Vatican City"},
	} {
		c, ok := g.City(tc.name)
		if !ok || c.Country != tc.want || c.Name != tc.city {
			t.Errorf("City(%q) = %+v, %v; want %s in %s", tc.name, c, ok, tc.city, tc.want)
		}
	}
	// These names are countries' too.
	for _, name := range []string{"Djibouti", "Singapore", "Kuwait", "Panama", "Guatemala", "Luxembourg", "Monaco", "San Marino", "Mexico"} {
		if _, ok := g.CountryByName(name); !ok {
			t.Errorf("CountryByName(%q) found nothing", name)
		}
	}
}

// TestCityAltnamesBounded checks the limits gengeo keeps to: at most six
// alternate names a place (it adds none to a place given six by hand, and
// none has), and a table of modest size.
func TestCityAltnamesBounded(t *testing.T) {
	if n := len(geoCitiesTSV); n > 2500000 {
		t.Errorf("cities.tsv is %d bytes", n)
	}
	most := 0
	for _, line := range strings.Split(string(geoCitiesTSV), "\n") {
		c := strings.Split(line, "\t")
		if len(c) != 7 || strings.HasPrefix(line, "#") || c[4] == "" {
			continue
		}
		most = max(most, len(splitList(c[4])))
	}
	if most > 6 {
		t.Errorf("a place has %d alternate names", most)
	}
}

func TestCityIn(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct{ name, country, want string }{
		{"Tripoli", "LB", "LB"},
		{"Tripoli", "LBN", "LB"},
		{"Tripoli", "LY", "LY"},
		{"Vienna", "US", "US"}, // Vienna, Virginia
		{"Vienna", "FR", ""},
		{"Geneva", "US", "US"},
		{"Kribi", "cm", "CM"},
		{"Kribi", "FR", ""},
		{"Douala", "ZZ", ""},
	} {
		c, ok := g.CityIn(tc.name, tc.country)
		if ok != (tc.want != "") || c.Country != tc.want {
			t.Errorf("CityIn(%q, %q) = %+v, %v; want country %q", tc.name, tc.country, c, ok, tc.want)
		}
	}
	// CityIn picks the most populous of that name in the country.
	a, _ := g.CityIn("Tripoli", "LY")
	b, _ := g.City("Tripoli")
	if a != b {
		t.Errorf("CityIn(Tripoli, LY) = %+v, City(Tripoli) = %+v", a, b)
	}
}

func TestCapitalsAndVenues(t *testing.T) {
	g := loadGeo(t)
	for _, tc := range []struct{ name, country string }{
		{"Geneva", "CH"}, {"Vienna", "AT"}, {"Nairobi", "KE"}, {"New York", "US"}, {"Doha", "QA"},
		{"Abu Dhabi", "AE"}, {"The Hague", "NL"}, {"Bern", "CH"}, {"Valletta", "MT"},
		{"San Marino", "SM"}, {"Funafuti", "TV"}, {"Palikir", "FM"}, {"Ngerulmud", "PW"},
		{"Naypyidaw", "MM"}, {"Lobamba", "SZ"}, {"Panama City", "PA"}, {"Pristina", "XK"},
	} {
		if _, ok := g.CityIn(tc.name, tc.country); !ok {
			t.Errorf("no %s in %s", tc.name, tc.country)
		}
	}
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
