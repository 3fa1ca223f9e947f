package store

// The activity record (schema 3): a hand-written binary codec.
//
// A listing of everything decodes every record, and decoding JSON was
// most of its time (BENCHMARKS.md, "Streaming listings"); the JSON
// records, with their key names repeated in each, were also most of the
// store's size. A record is now one tag byte (recordBinary), then the
// activity's fields in a fixed order: integers as varints, lists with
// their length first, and each string either as its length and bytes or,
// when it is one of the names that recur across activities (countries,
// partners, regions, areas, kinds, pillar terms, dates), as its place in
// recordstrings.txt: one varint instead of the name, decoded with no
// copy. That table was drawn from the records of a generated corpus
// (TestBuildRecordStrings) and is frozen: records name its entries by
// place, so it may only grow at its end (TestRecordStrings_Frozen).
//
// zstd per record, with a dictionary, made the records smaller still
// but cost more to decode than the JSON decoder did, and 30 µs or more
// a record to encode (it resets its dictionary's tables for each
// frame). Documents' bytes, a few kilobytes each and read only to read
// a document again, are compressed with it (compressRaw).
//
// A record that starts with '{' is an older store's JSON, which
// decodeActivity still reads (a store is listed before its upgrade, and
// an upgrade reads the activities it drops).
//
// The codec keeps what JSON kept and nothing else: decoding a record
// gives what json.Unmarshal gave of json.Marshal of the same activity
// (TestRecord_SameAsJSON): fields JSON leaves out (Entity's ID and
// aliases), lists it omits when empty (nil after decoding), and invalid
// UTF-8 replaced as json.Marshal replaces it.

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// recordBinary is the tag byte that starts a record.
const recordBinary = 0x01

// recordStringsFile is the table of recurring strings, one a line, in
// the order records name them by.
//
//go:embed recordstrings.txt
var recordStringsFile string

// recordTable is recordStringsFile read: the strings by place, and the
// place of each. Built once a process, on first use, and never changed.
type recordTable struct {
	list  []string
	place map[string]uint64
}

var recordStrings = sync.OnceValue(func() *recordTable {
	t := &recordTable{list: strings.Split(strings.TrimSuffix(recordStringsFile, "\n"), "\n")}
	t.place = make(map[string]uint64, len(t.list))
	for i, s := range t.list {
		if _, dup := t.place[s]; !dup {
			t.place[s] = uint64(i)
		}
	}
	return t
})

// rawDict is the zstd dictionary of documents' bytes: a highlights
// document of a few kilobytes, compressed alone, shrank 2.5 times;
// with the headings, names and phrases documents share in a dictionary,
// 8 times. Its id is in every document compressed with it: a new
// dictionary takes a new id, and the old one stays registered with the
// decoder.
//
//go:embed rawdict.zst
var rawDict []byte

// rawDictID is rawDict's id.
const rawDictID = 1

// zcodec holds zstd's encoder and decoder of documents' bytes. Building
// them costs a few hundred microseconds and they are safe for
// concurrent use, so a process builds them once, on first use; nothing
// in them changes afterwards.
type zcodec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
	err error
}

// maxRawSize bounds what a stored document may decompress to: a
// document is at most 32 MB, so more is damage.
const maxRawSize = 64 << 20

var zcodecs = sync.OnceValue(func() *zcodec {
	z := &zcodec{}
	z.enc, z.err = zstd.NewWriter(nil, zstd.WithEncoderDict(rawDict), zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	if z.err != nil {
		return z
	}
	z.dec, z.err = zstd.NewReader(nil, zstd.WithDecoderDicts(rawDict), zstd.WithDecoderMaxMemory(maxRawSize), zstd.WithDecoderConcurrency(2))
	return z
})

// encodeActivity is a's record.
func encodeActivity(a *model.Activity) ([]byte, error) {
	return appendActivity(append(make([]byte, 0, 512), recordBinary), a)
}

// decodeActivity decodes an activity record (either of its forms) into
// a zero a.
func decodeActivity(v []byte, a *model.Activity) error {
	return decodeActivityIn(v, a, &recordArena{})
}

// decodeActivityIn is decodeActivity with a binary record's strings and
// lists cut from ar.
func decodeActivityIn(v []byte, a *model.Activity, ar *recordArena) error {
	if len(v) == 0 {
		return errors.New("empty record")
	}
	if v[0] == recordBinary {
		return readActivityIn(ar.text(v[1:]), a, ar)
	}
	return decodeActivityJSON(v, a)
}

// compressRaw is a document's bytes as the raw bucket keeps them
// (schema 3).
func compressRaw(raw []byte) ([]byte, error) {
	z := zcodecs()
	if z.err != nil {
		return nil, z.err
	}
	return z.enc.EncodeAll(raw, make([]byte, 0, len(raw)/3)), nil
}

// decompressRaw reads what compressRaw wrote.
func decompressRaw(v []byte) ([]byte, error) {
	z := zcodecs()
	if z.err != nil {
		return nil, z.err
	}
	return z.dec.DecodeAll(v, nil)
}

// zstdMagic starts every zstd frame. No document starts with it: it is
// not UTF-8, and a PDF starts with %PDF.
var zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}

// ---- encoding ----

// recordWriter appends a body to b.
type recordWriter struct {
	b     []byte
	table *recordTable
}

func (w *recordWriter) uint(n uint64) { w.b = binary.AppendUvarint(w.b, n) }
func (w *recordWriter) int(n int)     { w.b = binary.AppendVarint(w.b, int64(n)) }

func (w *recordWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// str writes s as json.Marshal keeps it (invalid UTF-8 becomes
// U+FFFD, a byte at a time): one varint, the place of s in the table
// times two plus one, or its length times two and its bytes.
func (w *recordWriter) str(s string) {
	if !utf8.ValidString(s) {
		s = jsonValid(s)
	}
	if i, ok := w.table.place[s]; ok {
		w.uint(i<<1 | 1)
		return
	}
	w.uint(uint64(len(s)) << 1)
	w.b = append(w.b, s...)
}

// count writes a list's length: 0 for nil (JSON's null), n+1 otherwise.
// omitEmpty writes an empty list as nil, as a field JSON omits when
// empty decodes.
func (w *recordWriter) count(n int, isNil, omitEmpty bool) bool {
	if isNil || omitEmpty && n == 0 {
		w.uint(0)
		return false
	}
	w.uint(uint64(n) + 1)
	return true
}

func (w *recordWriter) strs(ss []string, omitEmpty bool) {
	if w.count(len(ss), ss == nil, omitEmpty) {
		for _, s := range ss {
			w.str(s)
		}
	}
}

func (w *recordWriter) optInt(p *int) {
	if p == nil {
		w.uint(0)
		return
	}
	w.uint(1)
	w.int(*p)
}

func jsonValid(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// appendActivity appends a's binary body to b. The order of the fields
// is the format: a change to it is a new tag.
func appendActivity(b []byte, a *model.Activity) ([]byte, error) {
	w := recordWriter{b: b, table: recordStrings()}
	w.uint(uint64(a.ID))
	w.str(a.Month)
	w.str(a.Section)
	w.str(string(a.Branch))
	w.str(string(a.Kind))
	w.str(a.Text)
	if w.count(len(a.Sessions), a.Sessions == nil, false) {
		for _, s := range a.Sessions {
			w.str(s.Start)
			w.str(s.End)
			w.str(s.Place)
			w.str(s.City)
			w.str(s.Country)
			w.str(s.Region)
			w.bool(s.Virtual)
		}
	}
	if w.count(len(a.Partners), a.Partners == nil, false) {
		for _, e := range a.Partners {
			w.str(e.Acronym)
			w.str(e.Short)
			w.str(e.Name)
			w.str(string(e.Kind))
		}
	}
	w.strs(a.People, false)
	p := a.Participants
	w.optInt(p.People)
	w.bool(p.Approximate)
	w.bool(p.Estimate)
	w.optInt(p.MemberStates)
	w.optInt(p.Organizations)
	if w.count(len(a.Countries), a.Countries == nil, false) {
		for _, c := range a.Countries {
			w.str(c.Code)
			w.str(c.Name)
		}
	}
	w.strs(a.Regions, false)
	if w.count(len(a.Areas), a.Areas == nil, true) {
		for _, ar := range a.Areas {
			w.str(ar.Name)
			w.str(ar.Kind)
		}
	}
	if w.count(len(a.Pillars), a.Pillars == nil, false) {
		for _, pm := range a.Pillars {
			w.str(string(pm.Pillar))
			w.strs(pm.Matched, false)
		}
	}
	w.str(a.Source.Document)
	w.int(a.Source.Page)
	w.int(a.Source.Line)
	w.strs(a.Unknown, true)
	w.strs(a.Corrected, true)
	// The reader's values of corrected fields: few activities have
	// them, and they keep JSON's shape (a part of the record JSON
	// writes, json.Unmarshal reads).
	if a.AsRead == nil {
		w.uint(0)
	} else {
		enc, err := json.Marshal(a.AsRead)
		if err != nil {
			return nil, err
		}
		w.uint(uint64(len(enc)) + 1)
		w.b = append(w.b, enc...)
	}
	w.bool(a.NotActivity)
	w.str(a.Change)
	w.str(a.Series)
	return w.b, nil
}

// ---- decoding ----

// recordReader reads a body. s is the body as one string, of which
// every string decoded is a part: one allocation a record instead of
// one a field. The first thing it cannot read sets err; the rest then
// reads zeros.
type recordReader struct {
	s     string
	i     int
	err   error
	table []string
	// ar is where the record's lists and counts are cut from (see
	// recordArena): one allocation each a record, not one a list
	// (people, regions, each pillar's terms...) and a count; across a
	// listing's records, one a few hundred records.
	ar *recordArena
}

var errShort = errors.New("record ends too soon")

func (r *recordReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.i = len(r.s)
}

func (r *recordReader) uint() uint64 {
	// Most varints of a record are one byte (lengths, places in the
	// table, small counts): this much is inlined.
	if i := r.i; i < len(r.s) {
		if c := r.s[i]; c < 0x80 {
			r.i = i + 1
			return uint64(c)
		}
	}
	return r.uintLong()
}

// uintLong reads a varint of any length.
func (r *recordReader) uintLong() uint64 {
	var x uint64
	var shift uint
	for k := 0; k < binary.MaxVarintLen64; k++ {
		if r.i >= len(r.s) {
			r.fail(errShort)
			return 0
		}
		c := r.s[r.i]
		r.i++
		if c < 0x80 {
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	r.fail(errors.New("bad varint in record"))
	return 0
}

func (r *recordReader) int() int {
	u := r.uint()
	n := int64(u >> 1)
	if u&1 != 0 {
		n = ^n
	}
	return int(n)
}

func (r *recordReader) bool() bool {
	if r.i >= len(r.s) {
		r.fail(errShort)
		return false
	}
	c := r.s[r.i]
	r.i++
	if c > 1 {
		r.fail(errors.New("bad boolean in record"))
	}
	return c == 1
}

func (r *recordReader) str() string {
	// uint's one-byte case, here without a call: most strings.
	var n uint64
	if i := r.i; i < len(r.s) && r.s[i] < 0x80 {
		n, r.i = uint64(r.s[i]), i+1
	} else {
		n = r.uintLong()
	}
	if n&1 == 1 {
		if n>>1 >= uint64(len(r.table)) {
			r.fail(errors.New("record names a string the table lacks"))
			return ""
		}
		return r.table[n>>1]
	}
	n >>= 1
	if n > uint64(len(r.s)-r.i) {
		r.fail(errShort)
		return ""
	}
	s := r.s[r.i : r.i+int(n)]
	r.i += int(n)
	return s
}

// count reads a list's length, -1 for nil. Each element takes at least
// one byte, which bounds what a damaged length can make it allocate.
func (r *recordReader) count() int {
	n := r.uint()
	if n == 0 {
		return -1
	}
	if n-1 > uint64(len(r.s)-r.i) {
		r.fail(errShort)
		return -1
	}
	return int(n - 1)
}

func (r *recordReader) strList() []string {
	n := r.count()
	if n <= 0 {
		if n == 0 {
			return []string{} // JSON's [], not null
		}
		return nil
	}
	out := cut(&r.ar.strs, n, r.ar.chunk(16))
	for i := range out {
		out[i] = r.str()
	}
	return out
}

// optInt reads a count, nil for none. The three a record has are
// parts of one array.
func (r *recordReader) optInt() *int {
	if r.uint() == 0 {
		return nil
	}
	p := &cut(&r.ar.ints, 1, r.ar.chunk(3))[0]
	*p = r.int()
	return p
}

// readActivityIn decodes a record's body into a zero a: its strings are
// parts of body, its lists cut from ar.
func readActivityIn(body string, a *model.Activity, ar *recordArena) error {
	r := recordReader{s: body, table: recordStrings().list, ar: ar}
	id := r.uint()
	if id > 1<<32-1 {
		r.fail(errors.New("bad id in record"))
	}
	a.ID = uint32(id)
	a.Month = r.str()
	a.Section = r.str()
	a.Branch = model.Branch(r.str())
	a.Kind = model.Kind(r.str())
	a.Text = r.str()
	if n := r.count(); n >= 0 {
		a.Sessions = cut(&ar.sessions, n, ar.chunk(n))
		for i := range a.Sessions {
			s := &a.Sessions[i]
			s.Start, s.End, s.Place = r.str(), r.str(), r.str()
			s.City, s.Country, s.Region = r.str(), r.str(), r.str()
			s.Virtual = r.bool()
		}
	}
	if n := r.count(); n >= 0 {
		a.Partners = cut(&ar.partners, n, ar.chunk(n))
		for i := range a.Partners {
			e := &a.Partners[i]
			e.Acronym, e.Short, e.Name = r.str(), r.str(), r.str()
			e.Kind = model.EntityKind(r.str())
		}
	}
	a.People = r.strList()
	p := &a.Participants
	p.People = r.optInt()
	p.Approximate = r.bool()
	p.Estimate = r.bool()
	p.MemberStates = r.optInt()
	p.Organizations = r.optInt()
	if n := r.count(); n >= 0 {
		a.Countries = cut(&ar.countries, n, ar.chunk(n))
		for i := range a.Countries {
			a.Countries[i] = model.CountryRef{Code: r.str(), Name: r.str()}
		}
	}
	a.Regions = r.strList()
	if n := r.count(); n >= 0 {
		a.Areas = cut(&ar.areas, n, ar.chunk(n))
		for i := range a.Areas {
			a.Areas[i] = model.Area{Name: r.str(), Kind: r.str()}
		}
	}
	if n := r.count(); n >= 0 {
		a.Pillars = cut(&ar.pillars, n, ar.chunk(n))
		for i := range a.Pillars {
			a.Pillars[i].Pillar = model.Pillar(r.str())
			a.Pillars[i].Matched = r.strList()
		}
	}
	a.Source.Document = r.str()
	a.Source.Page = r.int()
	a.Source.Line = r.int()
	a.Unknown = r.strList()
	a.Corrected = r.strList()
	if n := r.uint(); n > 0 {
		if n-1 > uint64(len(r.s)-r.i) {
			r.fail(errShort)
		} else {
			enc := []byte(body[r.i : r.i+int(n-1)])
			r.i += int(n - 1)
			a.AsRead = new(model.AsRead)
			if err := json.Unmarshal(enc, a.AsRead); err != nil {
				r.fail(fmt.Errorf("as_read in record: %w", err))
			}
		}
	}
	a.NotActivity = r.bool()
	a.Change = r.str()
	a.Series = r.str()
	if r.err == nil && r.i != len(r.s) {
		r.err = errors.New("record has bytes past its end")
	}
	if r.err != nil {
		*a = model.Activity{}
	}
	return r.err
}

// isJSONRecord reports whether v is an older store's JSON record.
func isJSONRecord(v []byte) bool { return bytes.HasPrefix(v, []byte("{")) }

// rawValue is a document's bytes from its raw bucket's value v in tx's
// store. From schema 3 on they are compressed (the upgrade to it
// compresses every document in the transaction that records the
// schema); a value that is no zstd frame (zstdMagic) is read as it is,
// as it is in an older store: a store edited by hand or by a test.
func rawValue(tx *bolt.Tx, v []byte) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	if meta := tx.Bucket(bMeta); meta != nil && getU64(meta, kSchema) < 3 || !bytes.HasPrefix(v, zstdMagic) {
		return bytes.Clone(v), nil
	}
	raw, err := decompressRaw(v)
	if err != nil {
		return nil, fmt.Errorf("its text does not decompress: %w", err)
	}
	return raw, nil
}
