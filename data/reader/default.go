package reader

import "github.com/unoct/unoct/data/ref"

// Default builds a reader over the embedded reference tables.
func Default() (*Reader, error) {
	geo, ents, rules, err := ref.Load()
	if err != nil {
		return nil, err
	}
	return New(geo, ents, rules), nil
}
