package export

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/unoct/unoct/model"
)

// encodeCSV writes a header row and a row per record. Every cell goes
// through SafeCell: a spreadsheet opening the file runs no formula from
// a document.
func encodeCSV(w io.Writer, st Stream, _ int) error { return writeCSV(w, st, false) }

// encodeExcelCSV writes the CSV that Excel opens as it should: a UTF-8
// byte order mark first (without it Excel reads the file in the
// system's code page, and names such as "Côte d'Ivoire" turn to
// mojibake) and CRLF line ends.
func encodeExcelCSV(w io.Writer, st Stream, _ int) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	return writeCSV(w, st, true)
}

// csvFlushAt is how much a csvWriter gathers before it writes to its
// io.Writer: a few dozen rows at a time.
const csvFlushAt = 32 << 10

// csvWriter writes CSV rows as encoding/csv's Writer does (comma
// separated, quoted only where a cell needs it, LF or CRLF line ends),
// each record cell made safe as SafeCell makes it. It writes a cell's
// bytes straight into its buffer and checks them there: most cells are
// inert and need neither the formula guard nor quotes, so a listing
// builds no string and no slice of cells for a row (encoding/csv, the
// rows' cells and SafeCell were two fifths of a CSV listing's CPU,
// BENCHMARKS.md). TestCSVWriter_SameAsEncodingCSV compares it with
// encoding/csv and SafeCell over odd cells.
type csvWriter struct {
	w    io.Writer
	crlf bool
	buf  []byte
	err  error
}

// flush writes the buffer out when it is full enough, or at the end
// (force).
func (c *csvWriter) flush(force bool) {
	if c.err != nil || len(c.buf) == 0 || !force && len(c.buf) < csvFlushAt {
		return
	}
	_, c.err = c.w.Write(c.buf)
	c.buf = c.buf[:0]
}

// cell starts a cell: the comma that separates it from the one before
// (every cell but a row's first), and where its bytes start.
func (c *csvWriter) cell(first bool) int {
	if !first {
		c.buf = append(c.buf, ',')
	}
	return len(c.buf)
}

// endRow ends a row.
func (c *csvWriter) endRow() {
	if c.crlf {
		c.buf = append(c.buf, '\r', '\n')
	} else {
		c.buf = append(c.buf, '\n')
	}
	c.flush(false)
}

// str writes s as a record's cell (the formula guard and quotes as it
// needs them).
func (c *csvWriter) str(s string, first bool) {
	c.cell(first)
	inert, special := scanCell(s)
	if !inert {
		c.buf = appendQuoted(c.buf, SafeCell(s), c.crlf)
		return
	}
	guard, quote := false, special
	if len(s) > 0 && !quietStart(s[0]) {
		guard = formulaLike(s)
		quote = quote || !guard && (leadingSpace(s) || s == `\.`)
	}
	if quote {
		c.buf = append(c.buf, '"')
	}
	if guard {
		c.buf = append(c.buf, '\'')
	}
	if quote && special {
		// Quotes doubled.
		for {
			i := strings.IndexByte(s, '"')
			if i < 0 {
				break
			}
			c.buf = append(append(c.buf, s[:i+1]...), '"')
			s = s[i+1:]
		}
	}
	c.buf = append(c.buf, s...)
	if quote {
		c.buf = append(c.buf, '"')
	}
}

// plain writes s as encoding/csv writes it, with no formula guard: the
// header's names.
func (c *csvWriter) plain(s string, first bool) {
	c.cell(first)
	c.buf = appendQuoted(c.buf, s, c.crlf)
}

// safe makes the cell written from p on what SafeCell and encoding/csv
// make of it. An inert cell (nearly all) is guarded and quoted where it
// lies; any other goes through SafeCell as a string.
func (c *csvWriter) safe(p int) {
	b := c.buf[p:]
	inert, special := scanCellBytes(b)
	if !inert {
		s := SafeCell(string(b))
		c.buf = appendQuoted(c.buf[:p], s, c.crlf)
		return
	}
	if !special && (len(b) == 0 || quietStart(b[0])) {
		return // most cells
	}
	if formulaLike(b) {
		// The guard's quote goes first; the cell is still inert.
		c.buf = append(c.buf, 0)
		copy(c.buf[p+1:], c.buf[p:])
		c.buf[p] = '\''
		b = c.buf[p:]
	}
	if !special && !leadingSpace(b) && !(len(b) == 2 && b[0] == '\\' && b[1] == '.') {
		return
	}
	// Quoted: an inert cell has no line break, so only its quotes are
	// doubled.
	q := bytes.Count(b, []byte{'"'})
	n := len(b)
	for range 2 + q {
		c.buf = append(c.buf, 0)
	}
	b = c.buf[p:]
	if q == 0 {
		copy(b[1:], b[:n])
	} else {
		j := n + q
		for i := n - 1; i >= 0; i-- {
			b[j] = b[i]
			j--
			if b[i] == '"' {
				b[j] = '"'
				j--
			}
		}
	}
	b[0], b[len(b)-1] = '"', '"'
}

// quietStart reports whether a cell that starts with the byte c is
// neither one SafeCell guards (formulaLike) nor one encoding/csv quotes
// for its first rune (leadingSpace) or for being `\.`: printable ASCII
// past the space, but for = + - @ and the backslash. Most cells start
// so, and skip those tests.
func quietStart(c byte) bool {
	return c > ' ' && c < utf8.RuneSelf && c != '=' && c != '+' && c != '-' && c != '@' && c != '\\'
}

// formulaLike is SafeCell's test for an inert cell: one a spreadsheet
// would run as a formula, which SafeCell prefixes with a quote.
func formulaLike[S ~string | ~[]byte](b S) bool {
	i := 0
	for i < len(b) && b[i] == ' ' {
		i++
	}
	if i == len(b) {
		return false
	}
	switch b[i] {
	case '=', '+', '-', '@', '\t', '\r':
		if b[0] != '-' {
			return true
		}
		// A plain negative number stays a number.
		_, err := strconv.ParseFloat(string(b), 64)
		return err != nil
	}
	return false
}

// leadingSpace is encoding/csv's other reason to quote a cell: it
// starts with a space (unicode.IsSpace).
func leadingSpace[S ~string | ~[]byte](b S) bool {
	if len(b) == 0 {
		return false
	}
	if b[0] < utf8.RuneSelf {
		return b[0] == ' ' || b[0] >= '\t' && b[0] <= '\r'
	}
	r, _ := utf8.DecodeRuneInString(string(b[:min(utf8.UTFMax, len(b))]))
	return unicode.IsSpace(r)
}

// appendQuoted appends s as encoding/csv's Writer writes a field.
func appendQuoted(dst []byte, s string, crlf bool) []byte {
	if !fieldNeedsQuotes(s) {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	for len(s) > 0 {
		i := strings.IndexAny(s, "\"\r\n")
		if i < 0 {
			i = len(s)
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		if len(s) > 0 {
			switch s[0] {
			case '"':
				dst = append(dst, '"', '"')
			case '\r':
				if !crlf {
					dst = append(dst, '\r')
				}
			case '\n':
				if crlf {
					dst = append(dst, '\r', '\n')
				} else {
					dst = append(dst, '\n')
				}
			}
			s = s[1:]
		}
	}
	return append(dst, '"')
}

// fieldNeedsQuotes is encoding/csv's test, for a comma separator.
func fieldNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || strings.ContainsAny(s, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func writeCSV(w io.Writer, st Stream, crlf bool) error {
	c := &csvWriter{w: w, crlf: crlf, buf: make([]byte, 0, csvFlushAt+4<<10)}
	for i, h := range st.kind.Header() {
		c.plain(h, i == 0)
	}
	c.endRow()
	err := st.pages(func(r Records) error {
		if as, ok := r.(activities); ok {
			for i := range as {
				c.activity(&as[i])
				if c.err != nil {
					return c.err
				}
			}
			return nil
		}
		for i := range r.Len() {
			for j, cell := range r.Row(i) {
				c.str(cell, j == 0)
			}
			c.endRow()
			if c.err != nil {
				return c.err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.flush(true)
	return c.err
}

// activity writes a's row: the cells of activities.Row, written in
// place. TestCSVWriter_SameAsRow checks the two agree.
func (c *csvWriter) activity(a *model.Activity) {
	p := c.cell(true)
	c.buf = strconv.AppendUint(c.buf, uint64(a.ID), 10)
	c.safe(p)
	c.str(a.Month, false)
	end := ""
	virtual := false
	for _, s := range a.Sessions {
		end = s.End
		virtual = virtual || s.Virtual
	}
	c.str(a.Start(), false)
	c.str(end, false)
	c.str(a.Section, false)
	c.str(string(a.Branch), false)
	c.str(string(a.Kind), false)
	p = c.cell(false)
	for i := range a.Pillars {
		c.sep(i)
		c.buf = append(c.buf, a.Pillars[i].Pillar...)
	}
	c.safe(p)
	p = c.cell(false)
	for i := range a.Pillars {
		c.sep(i)
		c.buf = append(c.buf, a.Pillars[i].Pillar.Title()...)
	}
	c.safe(p)
	p = c.cell(false)
	for i := range a.Partners {
		c.sep(i)
		c.buf = append(c.buf, a.Partners[i].Label()...)
	}
	c.safe(p)
	p = c.cell(false)
	for i := range a.Partners {
		c.sep(i)
		c.buf = append(c.buf, cmp.Or(a.Partners[i].Name, a.Partners[i].Label())...)
	}
	c.safe(p)
	p = c.cell(false)
	for i := range a.Countries {
		c.sep(i)
		c.buf = append(c.buf, a.Countries[i].Code...)
	}
	c.safe(p)
	p = c.cell(false)
	for i := range a.Countries {
		c.sep(i)
		c.buf = append(c.buf, cmp.Or(a.Countries[i].Name, a.Countries[i].Code)...)
	}
	c.safe(p)
	c.strs(a.Regions)
	p = c.cell(false)
	for i := range a.Sessions {
		c.sep(i)
		c.buf = appendWhere(c.buf, &a.Sessions[i])
	}
	c.safe(p)
	c.buf = append(c.buf, ',')
	c.buf = strconv.AppendBool(c.buf, virtual)
	c.strs(a.People)
	c.optInt(a.Participants.People)
	c.buf = append(c.buf, ',')
	c.buf = strconv.AppendBool(c.buf, a.Participants.Approximate)
	c.optInt(a.Participants.MemberStates)
	c.optInt(a.Participants.Organizations)
	c.str(a.Source.Document, false)
	p = c.cell(false)
	if a.Source.Page > 0 {
		c.buf = strconv.AppendInt(c.buf, int64(a.Source.Page), 10)
	}
	c.safe(p)
	p = c.cell(false)
	c.buf = strconv.AppendInt(c.buf, int64(a.Source.Line), 10)
	c.safe(p)
	c.str(a.Text, false)
	c.strs(a.Corrected)
	c.endRow()
}

// sep writes the "; " between the values of a cell.
func (c *csvWriter) sep(i int) {
	if i > 0 {
		c.buf = append(c.buf, ';', ' ')
	}
}

// strs writes a cell of values joined with "; ".
func (c *csvWriter) strs(ss []string) {
	p := c.cell(false)
	for i, s := range ss {
		c.sep(i)
		c.buf = append(c.buf, s...)
	}
	c.safe(p)
}

// optInt writes a count's cell, empty for none.
func (c *csvWriter) optInt(n *int) {
	p := c.cell(false)
	if n != nil {
		c.buf = strconv.AppendInt(c.buf, int64(*n), 10)
	}
	c.safe(p)
}

// appendWhere appends s.Where() without building it.
func appendWhere(b []byte, s *model.Session) []byte {
	n := len(b)
	switch {
	case s.City != "" && s.Country != "":
		b = append(append(append(b, s.City...), ", "...), s.Country...)
	case s.City != "":
		b = append(b, s.City...)
	case s.Country != "":
		b = append(b, s.Country...)
	}
	switch {
	case len(b) == n && s.Virtual:
		return append(b, "virtual"...)
	case s.Virtual:
		return append(b, " + online"...)
	case len(b) == n:
		return append(b, s.Place...)
	}
	return b
}

// SafeCell neutralises spreadsheet formula injection as OWASP
// recommends: a cell that starts with =, +, -, @, a tab or a carriage
// return is prefixed with a single quote, so no spreadsheet runs it.
// Control characters are removed first.
func SafeCell(s string) string {
	if !inertAlready(s) {
		s = model.Inert(s)
	}
	// Inert turned tabs and carriage returns into spaces; a spreadsheet
	// that trims leading blanks would still see a formula behind them.
	t := strings.TrimLeft(s, " ")
	if t != "" && strings.ContainsRune("=+-@\t\r", rune(t[0])) {
		// A plain negative number stays a number.
		if _, err := strconv.ParseFloat(s, 64); err != nil || s[0] != '-' {
			return "'" + s
		}
	}
	return s
}

// inertAlready reports whether model.Inert would give s back as it is:
// valid UTF-8 without a control character (C0, DEL, C1, the start of
// every escape sequence) nor a format character (bidi overrides,
// zero-width characters, the BOM). Inert's own test takes any
// non-ASCII cell through an escape-sequence parser and strings.Map:
// "Côte d'Ivoire" did, and so did a quarter of a listing's cells, the
// most of Inert's time in a CSV export (BENCHMARKS.md). The two agree on
// every cell (TestInertAlready).
func inertAlready(s string) bool {
	inert, _ := scanCell(s)
	return inert
}

// scanCell reports whether s is inert (inertAlready) and, if it is,
// whether it holds a comma or a double quote, which make encoding/csv
// quote a cell (an inert cell has no line break, the other reason): one
// pass over the cell for both.
func scanCell(s string) (inert, special bool) {
	for i := 0; i < len(s); {
		// Eight bytes at a time while they are printable ASCII: most
		// of a listing's text.
		for ; i+8 <= len(s); i += 8 {
			w := s[i : i+8]
			x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
			if !plainASCII8(x, special) {
				break
			}
		}
		if i >= len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiInert(c) {
				return false, false
			}
			special = special || c == ',' || c == '"'
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !runeInert(r, n) {
			return false, false
		}
		i += n
	}
	return true, special
}

// scanCellBytes is scanCell of a cell being written.
func scanCellBytes(b []byte) (inert, special bool) {
	for i := 0; i < len(b); {
		for ; i+8 <= len(b); i += 8 {
			if !plainASCII8(binary.LittleEndian.Uint64(b[i:]), special) {
				break
			}
		}
		if i >= len(b) {
			break
		}
		if c := b[i]; c < utf8.RuneSelf {
			if !asciiInert(c) {
				return false, false
			}
			special = special || c == ',' || c == '"'
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if !runeInert(r, n) {
			return false, false
		}
		i += n
	}
	return true, special
}

// asciiInert is whether Inert keeps the ASCII byte c: no control
// character.
func asciiInert(c byte) bool { return c >= 0x20 && c != 0x7f }

// runeInert is whether Inert keeps the rune r read from n bytes: valid
// UTF-8, no C1 control, no format character.
func runeInert(r rune, n int) bool {
	return !(r == utf8.RuneError && n == 1 || r < 0xa0 || r >= 0xad && unicode.Is(unicode.Cf, r))
}

// plainASCII8 reports whether the eight bytes of x are printable ASCII
// and, unless special (a comma or quote was seen already), none of them
// is a comma or a double quote: printableASCII8, and the test for a zero
// byte of x with the comma's and the quote's bits flipped.
func plainASCII8(x uint64, special bool) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	if special {
		return printableASCII8(x)
	}
	y, c, q := x^0x7f*lo, x^','*lo, x^'"'*lo
	return ((x-0x20*lo)&^x|x|(y-lo)&^y|(c-lo)&^c|(q-lo)&^q)&hi == 0
}

// printableASCII8 reports whether each of the eight bytes of x is
// printable ASCII (0x20 to 0x7e): none below 0x20, none with its high
// bit set, none equal to 0x7f (the classic tests for a byte less than n
// and for a zero byte, on every byte at once).
func printableASCII8(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	y := x ^ 0x7f*lo
	return ((x-0x20*lo)&^x|x|(y-lo)&^y)&hi == 0
}
