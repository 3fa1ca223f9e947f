package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

// fixFlags are the fields `unoct fix` corrects, one flag each, in the
// order model.CorrectableFields lists them.
type fixFlags struct {
	kind, branch, participants                     string
	pillars, partners, people, countries, sessions []string
	notActivity, clear                             bool
	undo                                           []string
}

// edits lists the typed edits in the order they apply: for each field,
// its values as given, the first bare value of a list starting the list
// over and the next ones adding to it.
func (ff *fixFlags) edits() []fixEdit {
	var out []fixEdit
	one := func(field, v string) {
		if v != "" {
			out = append(out, fixEdit{field, '=', v})
		}
	}
	list := func(field string, vs []string) {
		bare := false
		for _, v := range vs {
			op, val := model.SplitOp(v)
			if op == '=' {
				if bare {
					op = '+'
				}
				bare = true
			}
			out = append(out, fixEdit{field, op, val})
		}
	}
	if ff.notActivity {
		out = append(out, fixEdit{model.FixNotActivity, '=', ""})
	}
	one(model.FixKind, ff.kind)
	one(model.FixBranch, ff.branch)
	list(model.FixPillars, ff.pillars)
	list(model.FixPartners, ff.partners)
	list(model.FixPeople, ff.people)
	list(model.FixCountries, ff.countries)
	list(model.FixSessions, ff.sessions)
	one(model.FixParticipants, ff.participants)
	return out
}

type fixEdit struct {
	field string
	op    byte
	value string
}

func (a *app) fixCmd() *cobra.Command {
	var ff fixFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "fix ID [--FIELD VALUE]... [--undo FIELD] [--clear]",
		Short: "Correct what the reader got wrong in one activity",
		Long: `Correct fields of one activity: its kind, branch, pillars, partners,
people, countries, sessions or participants, or mark it as not an
activity at all (--not-activity: it leaves every list, count and filter).

A list field takes +VALUE to add a value, -VALUE to remove one, and a
bare VALUE to start the list over (the bare values given make the whole
list). Several edits of one field: repeat its flag.

Corrections are kept apart from what the reader derives and applied on
top of it, so they survive a re-import of the document, a new reader and
'doctor --rebuild'. They follow the activity by its document and its
text, not its line: lines inserted above do not move them. When the
bullet's text itself changes in a new version of the document, the
correction stays on the activity and is flagged for review ('unoct
fixes' lists it); fixing the activity again confirms it.

'unoct show ID' marks corrected fields (✎) and '--as-read' shows what
the reader read; --undo FIELD gives a field back to the reader, --clear
every field. 'unoct fixes' lists, exports and imports corrections.`,
		Example: `  unoct fix 12 --pillar +II --partner -EGM --participants 120
  unoct fix 12 --kind workshop --country ML --country +NE
  unoct fix 12 --session 2020-02-10..2020-02-14@Bamako
  unoct fix 40 --not-activity
  unoct fix 12 --undo pillars
  unoct fix 12 --clear`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			edits := ff.edits()
			if len(edits) == 0 && len(ff.undo) == 0 && !ff.clear {
				return usageErr("nothing to correct: give a field (--kind, --branch, --pillar, --partner, --person, --country, --session, --participants, --not-activity), --undo FIELD or --clear")
			}
			for _, f := range ff.undo {
				if err := new(model.Correction).Undo(f); err != nil {
					return usageErr("--undo: %v", err)
				}
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			// Names are resolved before the store is locked for the
			// write (the resolver reads the store), then replayed.
			r := &fixResolver{s: s, partners: map[string]model.Entity{}, countries: map[string]model.CountryRef{}}
			var scratch model.Correction
			for _, e := range edits {
				if err := scratch.Edit(e.field, e.op, e.value, r); err != nil {
					return usageErr("%v", err)
				}
			}
			r.s = nil
			act, err := s.Fix(id, func(c *model.Correction) error {
				if ff.clear {
					*c = model.Correction{}
				}
				for _, f := range ff.undo {
					_ = c.Undo(f)
				}
				for _, e := range edits {
					if err := c.Edit(e.field, e.op, e.value, r); err != nil {
						return usageErr("%v", err)
					}
				}
				return nil
			})
			if errors.Is(err, store.ErrNotFound) {
				return usageErr("no activity %d in %s", id, s.Path())
			}
			if err != nil {
				return err
			}
			if asJSON {
				return export.Write(a.out, export.JSONL, []model.Activity{act}, 0)
			}
			if len(act.Corrected) == 0 {
				fmt.Fprintf(a.err, "activity %d is as the reader read it\n", id)
			} else {
				fmt.Fprintf(a.err, "activity %d corrected: %s\n", id, strings.Join(act.Corrected, ", "))
			}
			writeDetail(a.out, &act, a.outWidth(), false)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&ff.kind, "kind", "", "kind: "+strings.Join(kindNames(), ", "))
	fl.StringVar(&ff.branch, "branch", "", "branch: UNCCT, SPIB, PKMCB, UNOCT, or OUSG (the Office of the Under-Secretary-General)")
	fl.StringArrayVar(&ff.pillars, "pillar", nil, "pillar, +PILLAR adds, -PILLAR removes: I, II, III, IV (or 1-4)")
	fl.StringArrayVar(&ff.partners, "partner", nil, "partner by acronym or name, +NAME adds, -NAME removes")
	fl.StringArrayVar(&ff.people, "person", nil, "person named, +NAME adds, -NAME removes")
	fl.StringArrayVar(&ff.countries, "country", nil, "country by ISO code or name, +C adds, -C removes")
	fl.StringArrayVar(&ff.sessions, "session", nil, "a session, YYYY-MM-DD[..YYYY-MM-DD][@PLACE]; the sessions given replace the reader's")
	fl.StringVar(&ff.participants, "participants", "", "people taking part: 120, ~120 (at least), or none")
	fl.BoolVar(&ff.notActivity, "not-activity", false, "the bullet is not an activity: leave it out of every list, count and filter")
	fl.StringArrayVar(&ff.undo, "undo", nil, "give FIELD back to the reader: "+strings.Join(model.CorrectableFields, ", "))
	fl.BoolVar(&ff.clear, "clear", false, "give every field back to the reader")
	fl.BoolVar(&asJSON, "json", false, "print the corrected activity as one JSON object")
	words := func(ws ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(ws, cobra.ShellCompDirectiveNoFileComp)
	}
	_ = cmd.RegisterFlagCompletionFunc("kind", words(kindNames()...))
	_ = cmd.RegisterFlagCompletionFunc("branch", words("UNCCT", "SPIB", "PKMCB", "UNOCT", "OUSG"))
	_ = cmd.RegisterFlagCompletionFunc("undo", words(model.CorrectableFields...))
	_ = cmd.RegisterFlagCompletionFunc("pillar", words("I", "II", "III", "IV", "+I", "+II", "+III", "+IV", "-I", "-II", "-III", "-IV"))
	for flag, f := range map[string]model.Facet{"partner": model.FacetPartner, "country": model.FacetCountry} {
		if d, ok := model.Def(f); ok {
			_ = cmd.RegisterFlagCompletionFunc(flag, a.completeFacet(d))
		}
	}
	return cmd
}

func kindNames() []string {
	out := make([]string, len(model.Kinds))
	for i, k := range model.Kinds {
		out[i] = string(k)
	}
	return out
}

// parseID reads an activity id as typed ("12", "#12").
func parseID(s string) (uint32, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id > math.MaxUint32 {
		return 0, usageErr("activity id %q is not a number (ids are in the first column of unoct list)", s)
	}
	return uint32(id), nil
}

// fixResolver finds partners and countries for a correction: in the
// reference tables first (they know a partner's kind), then among the
// values the store has (a partner no table knows). What it found is
// kept, so that it answers again with the store closed.
type fixResolver struct {
	s         *store.Store
	ents      *ref.Entities
	geo       *ref.Geo
	partners  map[string]model.Entity
	countries map[string]model.CountryRef
}

func (r *fixResolver) Partner(name string) (model.Entity, bool) {
	key := model.Fold(name)
	if e, ok := r.partners[key]; ok {
		return e, true
	}
	if r.s == nil {
		return model.Entity{}, false
	}
	if r.ents == nil {
		r.ents, _ = ref.LoadEntities()
	}
	if r.ents != nil {
		for _, e := range r.ents.All() {
			if key == model.Fold(e.Acronym) || key == model.Fold(e.Name) || key == model.Fold(e.Short) ||
				containsFold(e.Aliases, key) {
				r.partners[key] = e
				return e, true
			}
		}
	}
	if vals, err := r.s.Values(model.FacetPartner); err == nil {
		for _, v := range vals {
			if key == model.Fold(v.Value) || key == model.Fold(v.Name) {
				e := model.Entity{Acronym: v.Value, Name: v.Name, Kind: model.EntityUnknown}
				r.partners[key] = e
				return e, true
			}
		}
	}
	return model.Entity{}, false
}

func (r *fixResolver) Country(name string) (model.CountryRef, bool) {
	key := model.Fold(name)
	if c, ok := r.countries[key]; ok {
		return c, true
	}
	if r.s == nil {
		return model.CountryRef{}, false
	}
	if r.geo == nil {
		r.geo, _ = ref.LoadGeo()
	}
	if r.geo == nil {
		return model.CountryRef{}, false
	}
	c, ok := r.geo.Country(strings.ToUpper(strings.TrimSpace(name)))
	if !ok {
		c, ok = r.geo.CountryByName(name)
	}
	if !ok {
		return model.CountryRef{}, false
	}
	cr := model.CountryRef{Code: c.Code, Name: c.Name}
	r.countries[key] = cr
	return cr, true
}

func containsFold(xs []string, key string) bool {
	for _, x := range xs {
		if model.Fold(x) == key {
			return true
		}
	}
	return false
}
