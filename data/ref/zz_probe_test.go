package ref

import (
	"os"
	"strings"
	"testing"
)

func TestZZProbe(t *testing.T) {
	g := loadGeo(t)
	b, _ := os.ReadFile("/tmp/probe/names.txt")
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(l, "\t")
		c, ok := g.City(f[0])
		if !ok || c.Country != f[1] {
			t.Logf("MISS %s want %s got %+v %v (in: %v)", f[0], f[1], c, ok, func() bool { _, ok := g.CityIn(f[0], f[1]); return ok }())
		}
	}
}
