package ref

import (
	"slices"
	"strings"
	"testing"
)

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
