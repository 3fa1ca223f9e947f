package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/unoct/unoct/model"
)

// encodeCSV writes a header row and a row per record. Every cell goes
// through SafeCell: a spreadsheet opening the file runs no formula from
// a document.
func encodeCSV(w io.Writer, r Records, _ int) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(r.Header()); err != nil {
		return err
	}
	for i := range r.Len() {
		row := r.Row(i)
		for j := range row {
			row[j] = SafeCell(row[j])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SafeCell neutralises spreadsheet formula injection as OWASP
// recommends: a cell that starts with =, +, -, @, a tab or a carriage
// return is prefixed with a single quote, so no spreadsheet runs it.
// Control characters are removed first.
func SafeCell(s string) string {
	s = model.Inert(s)
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
