package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// What changed. Each time a stored document's activities are replaced
// (a new version imported, a new reader re-deriving it) the store
// records what changed against the version before, as the reader read
// both (corrections left out): activities added, removed, and changed,
// with which fields. The changes bucket: document NUL generation (8
// bytes BE) -> JSON of Change. It keeps its meaning across schema
// versions.

// Change is what one new version of a document, or one new reading of
// it, changed.
type Change struct {
	Document string `json:"document"`
	// At is when, RFC 3339; Cause is "import" for a new version of the
	// document, or "reader VERSION" for a re-derivation.
	At    string `json:"at"`
	Cause string `json:"cause"`
	Hash  string `json:"hash,omitempty"`

	Added   []ChangedActivity `json:"added,omitempty"`
	Removed []ChangedActivity `json:"removed,omitempty"`
	Changed []ChangedActivity `json:"changed,omitempty"`
}

// ChangedActivity is one activity a Change added, removed or changed.
type ChangedActivity struct {
	ID   uint32 `json:"id"`
	Text string `json:"text"`
	// Fields are the fields that changed (Changed only), by JSON name.
	Fields []string `json:"fields,omitempty"`
}

// Empty reports whether nothing changed.
func (c *Change) Empty() bool {
	return c == nil || len(c.Added)+len(c.Removed)+len(c.Changed) == 0
}

// Fields lists every field some changed activity changed, in the order
// activities list them.
func (c *Change) Fields() []string {
	var out []string
	for _, f := range diffFields {
		for _, a := range c.Changed {
			if slices.Contains(a.Fields, f.name) {
				out = append(out, f.name)
				break
			}
		}
	}
	return out
}

// Summary says it in a line: "2 added, 1 removed, 3 changed (pillars,
// partners)"; "no activity changed" when nothing did.
func (c *Change) Summary() string {
	if c.Empty() {
		return "no activity changed"
	}
	var parts []string
	if n := len(c.Added); n > 0 {
		parts = append(parts, fmt.Sprintf("%d added", n))
	}
	if n := len(c.Removed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d removed", n))
	}
	if n := len(c.Changed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d changed (%s)", n, strings.Join(c.Fields(), ", ")))
	}
	return strings.Join(parts, ", ")
}

// diffFields are the fields compared, by JSON name.
var diffFields = []struct {
	name string
	get  func(a *model.Activity) any
}{
	{"text", func(a *model.Activity) any { return a.Text }},
	{"section", func(a *model.Activity) any { return a.Section }},
	{model.FixKind, func(a *model.Activity) any { return a.Kind }},
	{model.FixBranch, func(a *model.Activity) any { return a.Branch }},
	{model.FixPillars, func(a *model.Activity) any { return a.Pillars }},
	{model.FixPartners, func(a *model.Activity) any { return a.Partners }},
	{model.FixPeople, func(a *model.Activity) any { return a.People }},
	{model.FixCountries, func(a *model.Activity) any { return a.Countries }},
	{"regions", func(a *model.Activity) any { return a.Regions }},
	{model.FixSessions, func(a *model.Activity) any { return a.Sessions }},
	{model.FixParticipants, func(a *model.Activity) any { return a.Participants }},
}

// sameJSON compares two field values by their encoding, an empty list
// and none being the same. Most values are equal, which reflect tells
// without encoding them: a re-derivation compares every stored activity.
func sameJSON(a, b any) bool {
	if reflect.DeepEqual(a, b) {
		return true
	}
	ea, _ := json.Marshal(a)
	eb, _ := json.Marshal(b)
	norm := func(e []byte) []byte {
		if string(e) == "null" {
			return []byte("[]")
		}
		return e
	}
	return bytes.Equal(norm(ea), norm(eb))
}

// diffActivities compares a document's stored activities (was, as the
// reader read them, by id; olds, every stored id with its text) with
// the new ones (acts, ids assigned, before corrections).
func diffActivities(doc string, was map[uint32]model.Activity, olds []prior, acts []model.Activity) *Change {
	c := &Change{Document: doc}
	now := make(map[uint32]bool, len(acts))
	// A set, not a scan of olds per activity: after a schema upgrade no
	// old reading is left (was is empty), and a scan would be quadratic
	// in a document's bullets.
	had := make(map[uint32]bool, len(olds))
	for _, p := range olds {
		had[p.id] = true
	}
	for i := range acts {
		a := &acts[i]
		now[a.ID] = true
		old, ok := was[a.ID]
		if !ok {
			if !had[a.ID] {
				c.Added = append(c.Added, ChangedActivity{ID: a.ID, Text: a.Text})
			}
			continue // kept, but its old reading was lost: nothing to compare
		}
		var fields []string
		for _, f := range diffFields {
			if !sameJSON(f.get(&old), f.get(a)) {
				fields = append(fields, f.name)
			}
		}
		if len(fields) > 0 {
			c.Changed = append(c.Changed, ChangedActivity{ID: a.ID, Text: a.Text, Fields: fields})
		}
	}
	for _, p := range olds {
		if !now[p.id] {
			c.Removed = append(c.Removed, ChangedActivity{ID: p.id, Text: p.text})
		}
	}
	slices.SortFunc(c.Removed, func(a, b ChangedActivity) int { return int(a.ID) - int(b.ID) })
	return c
}

// recordChange stores c, when something changed, under the generation
// the replace that found it made.
func (w *writer) recordChange(c *Change, cause, hash string) error {
	if c.Empty() {
		return nil
	}
	c.Cause, c.Hash = cause, hash
	c.At = time.Now().UTC().Format(time.RFC3339)
	enc, err := json.Marshal(c)
	if err != nil {
		return err
	}
	k := binary.BigEndian.AppendUint64(linePrefix(c.Document), getU64(w.meta, kGeneration))
	return w.changes.Put(k, enc)
}

// Changes lists what each new version or reading of document doc
// changed, oldest first; every document's when doc is "".
func (s *Store) Changes(doc string) ([]Change, error) {
	var out []Change
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.schema(tx); err != nil && !errors.Is(err, ErrOldSchema) {
			return err
		}
		b := tx.Bucket(bChanges)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		var prefix []byte
		if doc != "" {
			prefix = linePrefix(doc)
		}
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var ch Change
			if err := json.Unmarshal(v, &ch); err != nil {
				return s.damaged(fmt.Sprintf("change %q does not decode: %v", k, err))
			}
			out = append(out, ch)
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b Change) int { return strings.Compare(a.At, b.At) })
	return out, err
}

// mark sets each activity's Change (model.FacetChange) as c says, the
// others' to none: the facet that finds what the latest version or
// reading of a document added and changed.
func (c *Change) mark(acts []model.Activity) {
	is := make(map[uint32]string, len(c.Added)+len(c.Changed))
	for _, a := range c.Added {
		is[a.ID] = model.ChangeNew
	}
	for _, a := range c.Changed {
		is[a.ID] = model.ChangeChanged
	}
	for i := range acts {
		acts[i].Change = is[acts[i].ID]
	}
}
