package ref

import (
	_ "embed"
	"fmt"

	"github.com/unoct/unoct/model"
)

var (
	//go:embed entities.tsv
	entitiesTSV []byte
	//go:embed self.tsv
	selfTSV []byte
)

// Entities is the table of organizations and bodies a document may name,
// and of the office's own parts, which are never partners.
type Entities struct {
	all  []model.Entity
	self []model.Entity
	byID map[string]model.Entity // partners and the office's own parts
}

var entityKinds = map[model.EntityKind]bool{
	model.EntityUN: true, model.EntityUNBody: true, model.EntityRegional: true,
	model.EntityInternational: true, model.EntityCivilSociety: true,
	model.EntityStateBody: true, model.EntityOther: true,
}

// LoadEntities parses the embedded entity tables.
func LoadEntities() (*Entities, error) {
	e := &Entities{byID: map[string]model.Entity{}}
	read := func(name string, data []byte, into *[]model.Entity) error {
		return eachRow(name, data, 5, func(n int, c []string) error {
			if c[0] == "" || c[2] == "" {
				return fmt.Errorf("id and name are required")
			}
			k := model.EntityKind(c[3])
			if !entityKinds[k] {
				return fmt.Errorf("kind %q is not one of the entity kinds", c[3])
			}
			e := model.Entity{ID: c[0], Acronym: c[1], Name: c[2], Kind: k, Aliases: splitList(c[4])}
			if e.Acronym == "" && len(e.Name) > 40 && len(e.Aliases) > 0 {
				// "Analytical Support and Sanctions Monitoring Team
				// pursuant to ..." reads as its first alias in lists.
				e.Short = e.Aliases[0]
			}
			*into = append(*into, e)
			return nil
		})
	}
	if err := read("entities.tsv", entitiesTSV, &e.all); err != nil {
		return nil, err
	}
	if err := read("self.tsv", selfTSV, &e.self); err != nil {
		return nil, err
	}
	for _, x := range append(append([]model.Entity{}, e.all...), e.self...) {
		if _, dup := e.byID[x.ID]; dup {
			return nil, fmt.Errorf("entities.tsv, self.tsv: id %q appears twice", x.ID)
		}
		e.byID[x.ID] = x
	}
	return e, nil
}

// All returns every partner entity in table order.
func (e *Entities) All() []model.Entity { return e.all }

// Self returns the office's own parts and programmes.
func (e *Entities) Self() []model.Entity { return e.self }

// ByID finds an entity, or one of the office's own parts, by its table id.
func (e *Entities) ByID(id string) (model.Entity, bool) {
	x, ok := e.byID[id]
	return x, ok
}
