package main

import (
	"encoding/binary"
	"slices"
	"testing"
)

func TestASCIIName(t *testing.T) {
	for in, want := range map[string]string{
		"Genève":      "Geneve",
		"Al Ḩudaydah": "Al Hudaydah",
		"Łódź":        "Lodz",
		"Nukuʻalofa":  "Nuku'alofa",
		"Đà Nẵng":     "Da Nang",
		"Zürich":      "Zurich",
		"Tórshavn":    "Torshavn",
		"Plain Name":  "Plain Name",
		"Бережани":    "",
		"Hagåtña  x ": "Hagatna x",
	} {
		if got := asciiName(in); got != want {
			t.Errorf("asciiName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitDemonym(t *testing.T) {
	if got := splitDemonym("Antiguan, Barbudan"); !slices.Equal(got, []string{"Antiguan", "Barbudan"}) {
		t.Errorf("got %q", got)
	}
	if got := splitDemonym("Kittitian or Nevisian"); !slices.Equal(got, []string{"Kittitian", "Nevisian"}) {
		t.Errorf("got %q", got)
	}
}

func TestDecodeCity(t *testing.T) {
	var m []byte
	str := func(f int, s string) {
		m = binary.AppendUvarint(m, uint64(f<<3|2))
		m = binary.AppendUvarint(m, uint64(len(s)))
		m = append(m, s...)
	}
	m = binary.AppendUvarint(m, 1<<3)
	m = binary.AppendUvarint(m, 2*2229761) // zigzag of 2229761
	str(2, "Kribi")
	str(3, "CM")
	str(7, "PPLA2")
	m = binary.AppendUvarint(m, 9<<3)
	m = binary.AppendUvarint(m, 55224)
	m = binary.AppendUvarint(m, 10<<3)
	m = binary.AppendUvarint(m, 3) // zigzag -2
	c, err := decodeCity(m)
	if err != nil {
		t.Fatal(err)
	}
	if c.id != 2229761 || c.name != "Kribi" || c.country != "CM" || c.featureCode != "PPLA2" || c.population != 55224 {
		t.Errorf("decoded %+v", c)
	}
}

func TestUnquoteJS(t *testing.T) {
	for in, want := range map[string]string{`'Côte d\'Ivoire'`: "Côte d'Ivoire", `"Lao People's"`: "Lao People's", `'004'`: "004", `4`: "4"} {
		if got := unquoteJS(in); got != want {
			t.Errorf("unquoteJS(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestNationalCapitals(t *testing.T) {
	countries := []*country{
		{alpha2: "CR", name: "Costa Rica", independent: true, capitals: []string{"San José"}},
		{alpha2: "ZA", name: "South Africa", independent: true, capitals: []string{"Pretoria", "Cape Town"}},
		{alpha2: "NL", name: "Netherlands", independent: true, capitals: []string{"Amsterdam"}},
		{alpha2: "BM", name: "Bermuda", capitals: []string{"Hamilton"}},
	}
	sanJose := &city{id: 1, name: "San José", country: "CR", population: 335007, featureCode: "PPLC"}
	otherSanJose := &city{id: 2, name: "San José", country: "CR", population: 31430, featureCode: "PPL"}
	pretoria := &city{id: 3, name: "Pretoria", country: "ZA", population: 1619438, featureCode: "PPLA"}
	capeTown := &city{id: 4, name: "Cape Town", country: "ZA", population: 3433441, featureCode: "PPLA"}
	smallCapeTown := &city{id: 5, name: "Cape Town", country: "ZA", population: 100}
	amsterdam := &city{id: 6, name: "Amsterdam", country: "NL", population: 741636, featureCode: "PPLC"}
	theHague := &city{id: 7, name: "The Hague", country: "NL", population: 474292, featureCode: "PPLG"}
	hamilton := &city{id: 8, name: "Hamilton", country: "BM", population: 902, featureCode: "PPLC"}
	cs := []*city{sanJose, otherSanJose, pretoria, capeTown, smallCapeTown, amsterdam, theHague, hamilton}

	// capitalSet marks territories' capitals too, and one place per name
	// and country: the PPLC, else the most populous.
	all := capitalSet(cs, countries)
	national := nationalCapitals(cs, countries)
	for _, tc := range []struct {
		c             *city
		all, national bool
	}{
		{sanJose, true, true},
		{otherSanJose, false, false},
		{pretoria, true, true},
		{capeTown, true, true},
		{smallCapeTown, false, false},
		{amsterdam, true, true},
		{theHague, false, false},
		{hamilton, true, false},
	} {
		if all[tc.c] != tc.all || national[tc.c] != tc.national {
			t.Errorf("%s, %s: capitalSet %v, nationalCapitals %v; want %v, %v",
				tc.c.name, tc.c.country, all[tc.c], national[tc.c], tc.all, tc.national)
		}
	}
}
