package ref

import (
	"slices"

	"github.com/unoct/unoct/model"
)

// Cities returns every place of the gazetteer, in the table's order (by
// country, then as GeoNames lists them). The slice is the caller's own.
// The synthetic corpus generator (cmd/unoct-gen) draws its venues from it.
func (g *Geo) Cities() []model.City { return slices.Clone(g.cities) }
