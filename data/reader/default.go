package reader

import "github.com/unoct/unoct/data/ref"

// Default builds a reader over the embedded reference tables.
func Default() (*Reader, error) {
	geo, err := ref.LoadGeo()
	if err != nil {
		return nil, err
	}
	ents, err := ref.LoadEntities()
	if err != nil {
		return nil, err
	}
	rules, err := ref.LoadRules()
	if err != nil {
		return nil, err
	}
	return New(geo, ents, rules), nil
}
