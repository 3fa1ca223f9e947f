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
