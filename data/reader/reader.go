package reader

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
)

// version names the extraction logic's generation. Version adds a hash
// of this package's source, of its decoders' versions and of the
// reference tables, so any change to one of them makes stores re-derive
// their documents; bump version only to force that for some other
// reason.
const version = "3"

// source is this package's code, hashed into Version so that no change
// to the reader can be forgotten.
//
//go:embed *.go
var source embed.FS

// Reader reads highlights documents. It is safe for concurrent use once
// built.
type Reader struct {
	geo   *ref.Geo
	ents  *ref.Entities
	rules *ref.Rules

	names   *dict // entities, the office itself, countries, adjectives, regions, non-names
	pillars *dict
	kinds   *dict // kind words and the "-" phrases that name none
	// kindSyn and kindBody are the near synonyms of kinds.tsv, the
	// second only before a body's name; otherEvent opens a clause
	// about another event (id relativeClause for a relative clause).
	kindSyn, kindBody, otherEvent *dict
	actors                        *dict
	subjects                      *dict
	counts                        *dict
	acronyms                      map[string]bool // every acronym the tables know, for section titles
	ptab                          *peopleTables   // for people, built once
	cues                          *cueTables      // cue words, built once
	// m49Equiv maps a policy region to the M49 grouping of the same name
	// ("West Africa" to "Western Africa"), so that either finds it.
	m49Equiv map[string]string
	areas    *areaTables

	version string
	// decoders read the input formats; the PDF decoder among them
	// starts its runtime on the first PDF and Close stops it.
	decoders []decode.Decoder
}

// New builds a reader over the reference tables.
func New(geo *ref.Geo, ents *ref.Entities, rules *ref.Rules) *Reader {
	r := &Reader{geo: geo, ents: ents, rules: rules, names: newDict(), pillars: newDict(),
		kinds: newDict(), kindSyn: newDict(), kindBody: newDict(), otherEvent: newDict(), actors: newDict(), subjects: newDict(), counts: newDict(), acronyms: map[string]bool{}}
	addEntity := func(e model.Entity, kind phraseKind) {
		for _, n := range append([]string{e.Acronym, e.Name}, e.Aliases...) {
			if n != "" {
				r.names.add(n, kind, e.ID, 0)
			}
		}
		if e.Acronym != "" {
			r.acronyms[e.Acronym] = true
		}
	}
	for _, e := range ents.Self() {
		addEntity(e, pkSelf)
	}
	for _, e := range ents.All() {
		addEntity(e, pkEntity)
	}
	for name, code := range geo.CountryNames() {
		r.names.add(name, pkCountry, code, 0)
	}
	for _, c := range geo.Countries() {
		// Short all-capital forms (UK, US, USA, KSA) come from the
		// aliases as written, so they match case-sensitively.
		for _, a := range c.Aliases {
			if isAcronym(a) {
				r.names.add(a, pkCountry, c.Code, 0)
			}
		}
	}
	for adj, code := range geo.AdjectiveNames() {
		r.names.add(adj, pkAdjective, code, 0)
	}
	for name, region := range geo.RegionNames() {
		r.names.add(name, pkRegion, region, 0)
	}
	for _, n := range rules.NotNames {
		r.names.add(n, pkNotName, "", 0)
		r.acronyms[n] = true
	}
	for _, t := range rules.Pillars {
		r.pillars.add(t.Text, pkTerm, string(t.Pillar), t.Line)
	}
	for _, t := range rules.Kinds {
		d := r.kinds
		switch t.Role {
		case ref.KindSynonym:
			d = r.kindSyn
		case ref.KindBodyVerb:
			d = r.kindBody
		case ref.KindOtherEvent:
			d = r.otherEvent
		case ref.KindRelative:
			r.otherEvent.add(t.Text, pkTerm, relativeClause, t.Line)
			continue
		}
		d.add(t.Text, pkTerm, string(t.Kind), t.Line)
	}
	for _, t := range rules.Branches {
		d := r.subjects
		if t.Actor {
			d = r.actors
		}
		d.add(t.Text, pkTerm, string(t.Branch), t.Line)
	}
	for _, t := range rules.Counts {
		r.counts.add(t.Text, pkTerm, t.Class, t.Line)
	}
	r.ptab = newPeopleTables(rules)
	r.cues = newCueTables(rules)
	r.m49Equiv = m49Equivalents(geo)
	r.areas = newAreaTables(geo, r.m49Equiv)
	r.version = CurrentVersion()
	r.decoders = newDecoders(&lazyWords{places: geo})
	return r
}

// Close releases what the reader started to read its inputs (the PDF
// runtime); the reader must not be used after.
func (r *Reader) Close() error {
	var err error
	for _, d := range r.decoders {
		if c, ok := d.(interface{ Close() error }); ok {
			if e := c.Close(); e != nil && err == nil {
				err = e
			}
		}
	}
	return err
}

// Version identifies the extraction logic and the tables it read.
func (r *Reader) Version() string { return r.version }

// Error is a document the reader refuses, with where and why.
type Error struct {
	File string
	Line int // 0 when the problem is the whole file
	Msg  string
	Hint string // what to do about it
}

func (e *Error) Error() string {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	s := where + ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Problem is something the reader could not read but went on without:
// an unknown name, an unreadable date.
type Problem struct {
	Line int    `json:"line"`
	Msg  string `json:"msg"`
}

func (p Problem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }

// Result is what a document yields.
type Result struct {
	Document   model.Document
	Activities []model.Activity
	Problems   []Problem
	Unknown    []Problem // names not in the reference tables, by line
	MonthFrom  string    // how the month was found
}

// Options adjust one read.
type Options struct {
	// Month, YYYY-MM, overrides the month found from the name or text.
	Month string
}

// MaxSize is the largest document the reader takes; highlights documents
// are a few tens of kilobytes.
const MaxSize = 32 << 20

// Read reads one document. name is the document's file name (its base
// name is kept as the source document).
func (r *Reader) Read(name string, raw []byte, opt Options) (*Result, error) {
	base := filepath.Base(name)
	fail := func(line int, msg, hint string) (*Result, error) {
		return nil, &Error{File: name, Line: line, Msg: msg, Hint: hint}
	}
	if len(raw) == 0 || len(bytes.TrimSpace(raw)) == 0 {
		return fail(0, "the document is empty", "give a highlights document in Markdown")
	}
	if len(raw) > MaxSize {
		return fail(0, fmt.Sprintf("the document is %d MB, more than the %d MB a highlights document can be", len(raw)>>20, MaxSize>>20), "check that this is the right file")
	}
	dec := decode.Pick(r.decoders, raw)
	if dec == nil {
		return fail(0, "the file is in no format unoct reads", "give a highlights document in Markdown")
	}
	doc, err := dec.Decode(raw)
	if err != nil {
		var de *decode.Error
		if errors.As(err, &de) {
			return fail(de.Line, de.Msg, de.Hint)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var problems []Problem
	for _, n := range doc.Notes {
		problems = append(problems, Problem{n.Line, n.Msg})
	}
	lines, secs := doc.Lines, doc.Sections
	plan := r.plan(secs)
	if len(plan) == 0 {
		return fail(0, "no activity section: no heading is followed by bullets that end in a (date, place) parenthesis",
			"is this a highlights document? activities are bullets such as “- UNOCT organized … (7 February, New York)”")
	}

	// Dates before the month is known: the month may come from them.
	raws := make([][]rawSession, len(plan))
	errs := make([]error, len(plan))
	for i, p := range plan {
		if p.inner != "" {
			raws[i], errs[i] = r.parseParen(p.inner)
		}
	}

	var month time.Time
	var how string
	switch {
	case opt.Month != "":
		m, err := ParseMonth(opt.Month)
		if err != nil {
			return fail(0, err.Error(), "give --month as YYYY-MM, e.g. --month 2020-02")
		}
		month, how = m, "--month"
	default:
		if m, ok := monthFromName(base); ok {
			month, how = m, "the file name"
		} else if m, h, ok := monthFromText(lines, raws); ok {
			month, how = m, h
		} else {
			return fail(0, "cannot tell which month this document reports: the file name holds no YYYY-MM and the text gives no year for its dates",
				"name the month with --month YYYY-MM")
		}
	}
	monthStr := month.Format("2006-01")

	res := &Result{MonthFrom: how, Problems: problems}
	defs := definitions{} // acronyms the text has defined so far
	for i, p := range plan {
		a := r.activity(p, raws[i], errs[i], month, defs, res)
		a.Month = monthStr
		a.Source = model.Source{Document: base, Page: doc.Page(p.line), Line: p.line}
		res.Activities = append(res.Activities, a)
	}
	// The hash is of what the store keeps (a PDF's rebuilt text, not
	// the PDF), so the store can check it.
	keep := raw
	if doc.Keep != nil {
		keep = doc.Keep
	}
	sum := sha256.Sum256(keep)
	res.Document = model.Document{
		Name:       base,
		Month:      monthStr,
		Hash:       hex.EncodeToString(sum[:]),
		Facts:      r.facts(secs),
		Raw:        keep,
		Activities: len(res.Activities),
	}
	return res, nil
}

// IsError reports whether err is a refusal by the reader (as opposed to
// an I/O failure), so callers can word it for users.
func IsError(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// m49Equivalents pairs policy regions with the M49 grouping their name
// or an alias denotes: "West Africa" is M49's "Western Africa", "Central
// Africa" its "Middle Africa", "Southeast Asia" its "South-eastern Asia".
func m49Equivalents(geo *ref.Geo) map[string]string {
	norm := func(s string) string {
		f := " " + model.Fold(s) + " "
		for _, rw := range [][2]string{{" southeast ", " south eastern "}, {" south east ", " south eastern "},
			{" west ", " western "}, {" east ", " eastern "}, {" north ", " northern "}, {" south ", " southern "},
			{" central africa ", " middle africa "}, {" of ", " "}} {
			f = strings.ReplaceAll(f, rw[0], rw[1])
		}
		return strings.TrimSpace(f)
	}
	groups := map[string]string{}
	for _, g := range geo.M49Groups() {
		groups[norm(g)] = g
	}
	out := map[string]string{}
	for _, pr := range geo.PolicyRegions() {
		for _, n := range append([]string{pr.Name}, pr.Aliases...) {
			if g, ok := groups[norm(n)]; ok && g != pr.Name {
				out[pr.Name] = g
				break
			}
		}
	}
	return out
}
