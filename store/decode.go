package store

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/unoct/unoct/model"
)

// decodeActivityJSON decodes an older store's JSON activity record (see
// record.go) as json.Unmarshal does, into a zero a. A full export
// decoded every record, and
// encoding/json's reflection was 85% of its time (BENCHMARKS.md): the
// fast path reads the record's own shape directly, and anything it does
// not expect (a field it does not know, an escape in a string, a number
// that is not a plain integer, invalid UTF-8) falls back to
// json.Unmarshal for the whole record, so that the result is always
// Unmarshal's (TestDecodeActivity_SameAsUnmarshal).
func decodeActivityJSON(v []byte, a *model.Activity) error {
	if utf8.Valid(v) {
		d := decoder{b: v, s: string(v)}
		if d.activity(a) && d.end() {
			return nil
		}
		*a = model.Activity{}
	}
	return json.Unmarshal(v, a)
}

// decoder reads JSON from b at i. Its methods return errSlow at the
// first thing the fast path does not take.
//
// s is b as one string, of which every string decoded is a part: one
// allocation a record instead of one a field.
type decoder struct {
	b []byte
	s string
	i int
}

var errSlow = errors.New("not for the fast path")

func (d *decoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek is the next byte after blanks, 0 at the end.
func (d *decoder) peek() byte {
	d.ws()
	if d.i < len(d.b) {
		return d.b[d.i]
	}
	return 0
}

func (d *decoder) eat(c byte) bool {
	if d.peek() == c {
		d.i++
		return true
	}
	return false
}

func (d *decoder) end() bool { d.ws(); return d.i == len(d.b) }

// literal takes the word w (null, true, false).
func (d *decoder) literal(w string) bool {
	d.ws()
	if len(d.b)-d.i >= len(w) && string(d.b[d.i:d.i+len(w)]) == w {
		d.i += len(w)
		return true
	}
	return false
}

// str reads a string. One with an escape (json.Marshal writes & as
// \u0026) is handed to json.Unmarshal.
func (d *decoder) str() (string, error) {
	if !d.eat('"') {
		return "", errSlow
	}
	escaped := false
	for j := d.i; j < len(d.b); j++ {
		switch c := d.b[j]; {
		case c == '\\':
			escaped = true
			j++
		case c == '"':
			s := d.s[d.i:j]
			if escaped {
				var ok bool
				if s, ok = unquote(d.b[d.i-1 : j+1]); !ok {
					return "", errSlow
				}
			}
			d.i = j + 1
			return s, nil
		case c < 0x20:
			return "", errSlow
		}
	}
	return "", errSlow
}

// unquote is the string literal q with its escapes read, by
// json.Unmarshal (apart, so that str's result does not escape to the
// heap).
func unquote(q []byte) (string, bool) {
	var s string
	err := json.Unmarshal(q, &s)
	return s, err == nil
}

// object calls field with each key of an object, which must read its
// value.
func (d *decoder) object(field func(key string) error) error {
	if !d.eat('{') {
		return errSlow
	}
	if d.eat('}') {
		return nil
	}
	for {
		k, err := d.str()
		if err != nil {
			return err
		}
		if !d.eat(':') {
			return errSlow
		}
		if err := field(k); err != nil {
			return err
		}
		if d.eat('}') {
			return nil
		}
		if !d.eat(',') {
			return errSlow
		}
	}
}

// array calls elem for each element of an array, after start: null
// leaves the slice nil, as Unmarshal does, and [] makes it empty (start
// makes it), which JSON writes back as [].
func (d *decoder) array(start func(), elem func() error) error {
	if d.literal("null") {
		return nil
	}
	if !d.eat('[') {
		return errSlow
	}
	start()
	if d.eat(']') {
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		if d.eat(']') {
			return nil
		}
		if !d.eat(',') {
			return errSlow
		}
	}
}

func (d *decoder) strings(dst *[]string) error {
	err := d.array(func() { *dst = []string{} }, func() error {
		s, err := d.str()
		*dst = append(*dst, s)
		return err
	})
	return err
}

func (d *decoder) integer() (int, error) {
	d.ws()
	j := d.i
	if j < len(d.b) && d.b[j] == '-' {
		j++
	}
	for j < len(d.b) && d.b[j] >= '0' && d.b[j] <= '9' {
		j++
	}
	if j < len(d.b) && (d.b[j] == '.' || d.b[j] == 'e' || d.b[j] == 'E') {
		return 0, errSlow
	}
	n, err := strconv.Atoi(string(d.b[d.i:j]))
	if err != nil {
		return 0, errSlow
	}
	d.i = j
	return n, nil
}

func (d *decoder) optInt() (*int, error) {
	if d.literal("null") {
		return nil, nil
	}
	n, err := d.integer()
	return &n, err
}

func (d *decoder) boolean() (bool, error) {
	switch {
	case d.literal("true"):
		return true, nil
	case d.literal("false"):
		return false, nil
	}
	return false, errSlow
}

func (d *decoder) activity(a *model.Activity) bool {
	err := d.object(func(k string) (err error) {
		switch k {
		case "id":
			var n int
			n, err = d.integer()
			if n < 0 || uint64(n) > 1<<32-1 {
				return errSlow
			}
			a.ID = uint32(n)
		case "month":
			a.Month, err = d.str()
		case "section":
			a.Section, err = d.str()
		case "branch":
			var s string
			s, err = d.str()
			a.Branch = model.Branch(s)
		case "kind":
			var s string
			s, err = d.str()
			a.Kind = model.Kind(s)
		case "text":
			a.Text, err = d.str()
		case "sessions":
			err = d.array(func() { a.Sessions = []model.Session{} }, func() error {
				a.Sessions = append(a.Sessions, model.Session{})
				return d.session(&a.Sessions[len(a.Sessions)-1])
			})
		case "partners":
			err = d.array(func() { a.Partners = []model.Entity{} }, func() error {
				a.Partners = append(a.Partners, model.Entity{})
				return d.entity(&a.Partners[len(a.Partners)-1])
			})
		case "people":
			err = d.strings(&a.People)
		case "participants":
			err = d.participants(&a.Participants)
		case "countries":
			err = d.array(func() { a.Countries = []model.CountryRef{} }, func() error {
				var c model.CountryRef
				err := d.object(func(k string) (err error) {
					switch k {
					case "code":
						c.Code, err = d.str()
					case "name":
						c.Name, err = d.str()
					default:
						err = errSlow
					}
					return err
				})
				a.Countries = append(a.Countries, c)
				return err
			})
		case "regions":
			err = d.strings(&a.Regions)
		case "areas":
			err = d.array(func() { a.Areas = []model.Area{} }, func() error {
				var ar model.Area
				err := d.object(func(k string) (err error) {
					switch k {
					case "name":
						ar.Name, err = d.str()
					case "kind":
						ar.Kind, err = d.str()
					default:
						err = errSlow
					}
					return err
				})
				a.Areas = append(a.Areas, ar)
				return err
			})
		case "pillars":
			err = d.array(func() { a.Pillars = []model.PillarMatch{} }, func() error {
				var p model.PillarMatch
				err := d.object(func(k string) (err error) {
					switch k {
					case "pillar":
						var s string
						s, err = d.str()
						p.Pillar = model.Pillar(s)
					case "matched":
						err = d.strings(&p.Matched)
					default:
						err = errSlow
					}
					return err
				})
				a.Pillars = append(a.Pillars, p)
				return err
			})
		case "source":
			err = d.source(&a.Source)
		case "unknown":
			err = d.strings(&a.Unknown)
		case "series":
			a.Series, err = d.str()
		case "corrected":
			err = d.strings(&a.Corrected)
		case "not_activity":
			a.NotActivity, err = d.boolean()
		default:
			err = errSlow // as_read among them: rare, left to encoding/json
		}
		return err
	})
	return err == nil
}

func (d *decoder) session(s *model.Session) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "start":
			s.Start, err = d.str()
		case "end":
			s.End, err = d.str()
		case "place":
			s.Place, err = d.str()
		case "city":
			s.City, err = d.str()
		case "country":
			s.Country, err = d.str()
		case "region":
			s.Region, err = d.str()
		case "virtual":
			s.Virtual, err = d.boolean()
		default:
			err = errSlow
		}
		return err
	})
}

func (d *decoder) entity(e *model.Entity) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "acronym":
			e.Acronym, err = d.str()
		case "short":
			e.Short, err = d.str()
		case "name":
			e.Name, err = d.str()
		case "kind":
			var s string
			s, err = d.str()
			e.Kind = model.EntityKind(s)
		default:
			err = errSlow
		}
		return err
	})
}

func (d *decoder) participants(p *model.Participants) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "people":
			p.People, err = d.optInt()
		case "approximate":
			p.Approximate, err = d.boolean()
		case "estimate":
			p.Estimate, err = d.boolean()
		case "member_states":
			p.MemberStates, err = d.optInt()
		case "organizations":
			p.Organizations, err = d.optInt()
		default:
			err = errSlow
		}
		return err
	})
}

// source reads what model.Source's MarshalJSON writes: "line" for a
// document with lines, "text_line" (and "page") for a PDF.
func (d *decoder) source(s *model.Source) error {
	var line, textLine *int
	err := d.object(func(k string) (err error) {
		switch k {
		case "document":
			s.Document, err = d.str()
		case "page":
			s.Page, err = d.integer()
		case "line":
			line, err = d.optInt()
		case "text_line":
			textLine, err = d.optInt()
		default:
			err = errSlow
		}
		return err
	})
	switch {
	case line != nil:
		s.Line = *line
	case textLine != nil:
		s.Line = *textLine
	}
	return err
}

// recordArena is where binary records decode their lists from. A lone
// record (decodeActivity) gets one of its own, each list cut to its
// length, as separate allocations would be. A listing decodes a page of
// records into one arena (reset): their bytes copied into a few large
// strings and their sessions, partners, lists and counts cut from a few
// large slices, a handful of allocations a page where each record took
// eight, which with the garbage they made the collector follow were a
// fifth of a CSV listing's CPU (BENCHMARKS.md); a page lent
// (Listing.Borrow) decodes into the same slices again. Every list is cut
// with its capacity at its length, so that an append to it copies it and
// leaves its neighbours alone.
type recordArena struct {
	// big is how many elements a new slice holds at least (0: just
	// what is asked), and 256 times it how many bytes a new string.
	big int

	buf       strings.Builder
	sessions  []model.Session
	partners  []model.Entity
	countries []model.CountryRef
	areas     []model.Area
	pillars   []model.PillarMatch
	strs      []string
	ints      []int
}

// reset readies the arena for n more records, its slices' memory
// reused from the start (their old elements are overwritten) and a new
// string for their bytes.
func (ar *recordArena) reset(n int) {
	ar.big = n
	ar.buf = strings.Builder{}
	ar.sessions, ar.partners, ar.countries = ar.sessions[:0], ar.partners[:0], ar.countries[:0]
	ar.areas, ar.pillars, ar.strs, ar.ints = ar.areas[:0], ar.pillars[:0], ar.strs[:0], ar.ints[:0]
}

// chunk is how many elements to allocate for n of them: n for a lone
// record's lists (or small, for those it cuts from again), big for a
// listing's.
func (ar *recordArena) chunk(small int) int { return max(small, ar.big) }

// text is body as a string of the arena's, on which the record's
// strings are cut: a copy, since body is the store's mapped file.
func (ar *recordArena) text(body []byte) string {
	if ar.big == 0 {
		return string(body)
	}
	if ar.buf.Cap()-ar.buf.Len() < len(body) {
		// A new string; the records already cut from the old one keep
		// it.
		ar.buf = strings.Builder{}
		ar.buf.Grow(max(len(body), ar.big*256))
	}
	ar.buf.Write(body)
	all := ar.buf.String()
	return all[len(all)-len(body):]
}

// cut is n elements from *slab, a new slab of at least chunk elements
// when it has too few left. n == 0 gives an empty list, not nil.
func cut[T any](slab *[]T, n, chunk int) []T {
	if n == 0 {
		return []T{}
	}
	if cap(*slab)-len(*slab) < n {
		// Twice the last one: a reused arena soon has one slice of
		// each that holds a page's.
		*slab = make([]T, 0, max(n, chunk, 2*cap(*slab)))
	}
	at := len(*slab)
	*slab = (*slab)[:at+n]
	return (*slab)[at : at+n : at+n]
}
