package export

import (
	"encoding/csv"
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
func encodeCSV(w io.Writer, st Stream, _ int) error { return writeCSV(csv.NewWriter(w), st) }

// encodeExcelCSV writes the CSV that Excel opens as it should: a UTF-8
// byte order mark first (without it Excel reads the file in the
// system's code page, and names such as "Côte d'Ivoire" turn to
// mojibake) and CRLF line ends.
func encodeExcelCSV(w io.Writer, st Stream, _ int) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return writeCSV(cw, st)
}

func writeCSV(cw *csv.Writer, st Stream) error {
	if err := cw.Write(st.kind.Header()); err != nil {
		return err
	}
	err := st.pages(func(r Records) error {
		for i := range r.Len() {
			row := r.Row(i)
			for j := range row {
				row[j] = SafeCell(row[j])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
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
	for i := 0; i < len(s); {
		// Eight bytes at a time while they are printable ASCII: most
		// of a listing's text.
		for ; i+8 <= len(s); i += 8 {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			if !printableASCII8(x) {
				break
			}
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r < 0xa0 || r >= 0xad && unicode.Is(unicode.Cf, r) {
			return false
		}
		i += n
	}
	return true
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
