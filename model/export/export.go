// Package export writes activities in the formats people take away:
// CSV for spreadsheets, JSON and JSON Lines for programs, Markdown for
// reports, and a plain table for terminals. The CLI and the TUI share
// these encoders, so a file is the same whichever wrote it.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/unoct/unoct/model"
)

// Format is an output format.
type Format string

// The formats.
const (
	CSV   Format = "csv"
	JSON  Format = "json"
	JSONL Format = "jsonl"
	MD    Format = "md"
	Table Format = "table"
)

// Formats lists the formats for help texts.
var Formats = []Format{Table, CSV, JSON, JSONL, MD}

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (one of table, csv, json, jsonl, md)", s)
}

// FromPath guesses a format from a file name's extension.
func FromPath(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, true
	case ".json":
		return JSON, true
	case ".jsonl", ".ndjson":
		return JSONL, true
	case ".md", ".markdown":
		return MD, true
	case ".txt":
		return Table, true
	}
	return "", false
}

// Write encodes activities to w. width is the terminal width for Table
// (0 for no limit).
func Write(w io.Writer, f Format, acts []model.Activity, width int) error {
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case CSV:
		err = writeCSV(bw, acts)
	case JSON:
		err = writeJSON(bw, acts)
	case JSONL:
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for i := range acts {
			if err = enc.Encode(&acts[i]); err != nil {
				break
			}
		}
	case MD:
		err = writeMD(bw, acts)
	case Table:
		err = writeTable(bw, acts, width)
	default:
		err = fmt.Errorf("unknown format %q", f)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

func writeJSON(w io.Writer, acts []model.Activity) error {
	if acts == nil {
		acts = []model.Activity{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(acts)
}

// CSVHeader is the CSV export's header row.
var CSVHeader = []string{"id", "month", "start", "end", "section", "branch", "kind", "pillars", "partners",
	"countries", "regions", "places", "virtual", "people", "participants", "approximate", "member_states",
	"organizations", "document", "line", "text"}

func writeCSV(w io.Writer, acts []model.Activity) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for i := range acts {
		a := &acts[i]
		start, end := a.Start(), ""
		var places []string
		virtual := false
		for _, s := range a.Sessions {
			end = s.End
			places = append(places, PlaceLabel(s))
			virtual = virtual || s.Virtual
		}
		var partners, countries, pillars []string
		for _, p := range a.Partners {
			partners = append(partners, p.Label())
		}
		for _, c := range a.Countries {
			countries = append(countries, c.Code)
		}
		for _, p := range a.Pillars {
			pillars = append(pillars, string(p.Pillar))
		}
		row := []string{strconv.FormatUint(uint64(a.ID), 10), a.Month, start, end, a.Section, string(a.Branch), string(a.Kind),
			strings.Join(pillars, "; "), strings.Join(partners, "; "), strings.Join(countries, "; "),
			strings.Join(a.Regions, "; "), strings.Join(places, "; "), strconv.FormatBool(virtual),
			strings.Join(a.People, "; "), intCell(a.Participants.People), strconv.FormatBool(a.Participants.Approximate),
			intCell(a.Participants.MemberStates), intCell(a.Participants.Organizations),
			a.Source.Document, strconv.Itoa(a.Source.Line), a.Text}
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

func intCell(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
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

// PlaceLabel is how a session's place reads in short: "Vienna, AT",
// "virtual", "Vienna, AT + online".
func PlaceLabel(s model.Session) string {
	var where string
	switch {
	case s.City != "" && s.Country != "":
		where = s.City + ", " + s.Country
	case s.City != "":
		where = s.City
	case s.Country != "":
		where = s.Country
	}
	switch {
	case where == "" && s.Virtual:
		return "virtual"
	case s.Virtual:
		return where + " + online"
	case where == "":
		return s.Place
	}
	return where
}

// mdEscape escapes text for Markdown so that document text cannot make
// links, images, emphasis, HTML or entity references in a report.
func mdEscape(s string) string {
	s = model.Inert(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()<>#+-.!|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func writeMD(w io.Writer, acts []model.Activity) error {
	fmt.Fprintf(w, "# UNOCT activities (%d)\n\n", len(acts))
	for i := range acts {
		a := &acts[i]
		var places []string
		for _, s := range a.Sessions {
			d := s.Start
			if s.End != s.Start {
				d += " – " + s.End
			}
			places = append(places, d+", "+mdEscape(PlaceLabel(s)))
		}
		fmt.Fprintf(w, "## %d. %s\n\n", a.ID, mdEscape(Title(a.Text, 90)))
		fmt.Fprintf(w, "%s\n\n", mdEscape(a.Text))
		fmt.Fprintf(w, "- **When and where:** %s\n", strings.Join(places, "; "))
		fmt.Fprintf(w, "- **Section / branch / kind:** %s / %s / %s\n", mdEscape(a.Section), mdEscape(string(a.Branch)), a.Kind)
		if len(a.Partners) > 0 {
			var ps []string
			for _, p := range a.Partners {
				ps = append(ps, mdEscape(p.Label()))
			}
			fmt.Fprintf(w, "- **Partners:** %s\n", strings.Join(ps, ", "))
		}
		if len(a.People) > 0 {
			fmt.Fprintf(w, "- **People:** %s\n", mdEscape(strings.Join(a.People, ", ")))
		}
		if c := CountsLabel(a.Participants); c != "" {
			fmt.Fprintf(w, "- **Participants:** %s\n", mdEscape(c))
		}
		var cs []string
		for _, c := range a.Countries {
			cs = append(cs, c.Name)
		}
		if len(cs) > 0 {
			fmt.Fprintf(w, "- **Countries:** %s\n", mdEscape(strings.Join(cs, ", ")))
		}
		fmt.Fprintf(w, "- **Regions:** %s\n", mdEscape(strings.Join(a.Regions, ", ")))
		var ps []string
		for _, p := range a.Pillars {
			ps = append(ps, string(p.Pillar))
		}
		fmt.Fprintf(w, "- **Pillars:** %s\n", strings.Join(ps, ", "))
		fmt.Fprintf(w, "- **Source:** %s, line %d\n\n", mdEscape(a.Source.Document), a.Source.Line)
	}
	return nil
}

// CountsLabel renders the participant counts: "over 300 people · 15
// Member States · 38 organizations".
func CountsLabel(p model.Participants) string {
	var parts []string
	if p.People != nil {
		s := strconv.Itoa(*p.People) + " people"
		if p.Approximate {
			s = "over " + s
		}
		parts = append(parts, s)
	}
	if p.MemberStates != nil {
		parts = append(parts, strconv.Itoa(*p.MemberStates)+" Member States")
	}
	if p.Organizations != nil {
		parts = append(parts, strconv.Itoa(*p.Organizations)+" organizations")
	}
	return strings.Join(parts, " · ")
}

// Title is the first clause of an activity's text, cut to at most n
// runes: what a list shows.
func Title(text string, n int) string {
	t := firstSentence(text)
	t = model.Inert(t)
	r := []rune(t)
	if len(r) > n {
		return strings.TrimSpace(string(r[:max(1, n-1)])) + "…"
	}
	return t
}

// WriteFile writes activities to path atomically: to a temporary file
// beside it, then renamed over it, so a reader never sees half a file
// and a failure leaves what was there. It refuses to replace an
// existing file unless force is set.
func WriteFile(path string, f Format, acts []model.Activity, force bool) error {
	if !force {
		if _, err := os.Stat(path); err == nil {
			return fmt.Errorf("%s already exists (use --force to replace it)", path)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := Write(tmp, f, acts, 0); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if !force {
		// Link fails if the path appeared meanwhile: never overwrite.
		if err := os.Link(tmp.Name(), path); err != nil {
			if os.IsExist(err) {
				return fmt.Errorf("%s already exists (use --force to replace it)", path)
			}
			return os.Rename(tmp.Name(), path)
		}
		return nil
	}
	return os.Rename(tmp.Name(), path)
}

// abbreviations end in a full stop without ending a sentence.
var abbreviations = []string{"Mr", "Ms", "Mrs", "Dr", "Prof", "Amb", "H.E", "St", "No", "Gen", "Col", "Lt", "Jr", "Sr", "e.g", "i.e", "U.S", "U.N", "Ph.D"}

// firstSentence is text up to its first full stop that ends a sentence:
// "Mr. Edmund Fitton-Brown" does not end one.
func firstSentence(text string) string {
	from := 0
	for {
		i := strings.Index(text[from:], ". ")
		if i < 0 {
			return text
		}
		end := from + i
		word := text[strings.LastIndexAny(text[:end], " (")+1 : end]
		abbr := false
		for _, a := range abbreviations {
			if word == a {
				abbr = true
				break
			}
		}
		if !abbr {
			return text[:end]
		}
		from = end + 2
	}
}
