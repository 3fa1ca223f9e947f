package ref

import (
	"os"
	"sort"
	"testing"
)

func TestZZRegress(t *testing.T) {
	g := loadGeo(t)
	old := &Geo{}
	if err := old.loadCountries(geoCountriesTSV); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile("/tmp/probe/old_cities.tsv")
	if err := old.loadCities(b); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range old.cityBy {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	n := 0
	for _, k := range keys {
		a, _ := old.City(k)
		c, _ := g.City(k)
		if a.Name != c.Name || a.Country != c.Country {
			n++
			t.Logf("%q: %s %s %d -> %s %s %d", k, a.Name, a.Country, a.Population, c.Name, c.Country, c.Population)
		}
	}
	t.Logf("%d of %d changed", n, len(keys))
}
