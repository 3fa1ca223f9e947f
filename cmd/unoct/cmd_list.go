package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

// outputFlags choose a format and a destination.
type outputFlags struct {
	format string
	output string
	force  bool
	limit  int
	excel  bool
	// json lists the JSON fields list prints (--json), "" for none.
	json string
}

// register declares the flags; def says which format is used when
// neither --format nor -o names one.
func (o *outputFlags) register(cmd *cobra.Command, def string) {
	cmd.Flags().StringVar(&o.format, "format", "", export.Names()+" (default: from the -o file's extension, else "+def+")")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&o.force, "force", false, "replace the -o file if it exists")
	cmd.Flags().IntVar(&o.limit, "limit", 0, "at most this many activities (0: all)")
	cmd.Flags().BoolVar(&o.excel, "excel", false, "csv for Microsoft Excel: a UTF-8 byte order mark and CRLF line ends")
}

// resolveFormat picks the format: --format when given, else the one the
// output file's extension implies, else def. An extension no format
// claims is an error rather than a guess.
func (o *outputFlags) resolveFormat(cmd *cobra.Command, def export.Format) (export.Spec, error) {
	if cmd.Flags().Changed("format") {
		s, err := export.ParseFormat(o.format)
		if err != nil {
			return export.Spec{}, usageErr("%v", err)
		}
		return s, nil
	}
	if o.output == "" {
		s, _ := export.Lookup(def)
		return s, nil
	}
	s, err := export.FromPath(o.output, def)
	if err != nil {
		hint := "name the format with --format"
		if ext := strings.ToLower(filepath.Ext(o.output)); ext == ".xlsx" || ext == ".xls" {
			hint = "for Excel, write a .csv file with --excel"
		}
		return export.Spec{}, usageErr("%s: %v; %s", o.output, err, hint)
	}
	return s, nil
}

// formatsHelp lists the formats, their extensions and what they are for,
// for a command's long help.
func formatsHelp() string {
	var nw, ew int
	for _, s := range export.Formats() {
		nw, ew = max(nw, len(s.Format)), max(ew, len(strings.Join(s.Exts, " ")))
	}
	var b strings.Builder
	b.WriteString("Formats (--format, or implied by the -o file's extension):")
	for _, s := range export.Formats() {
		fmt.Fprintf(&b, "\n  %-*s  %-*s  %s", nw, s.Format, ew, strings.Join(s.Exts, " "), s.Help)
	}
	return b.String()
}

func (a *app) listCmd() *cobra.Command {
	var ff filterFlags
	var of outputFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List activities, filtered",
		Long: `List the activities that match the filters. Values of one filter are
alternatives (--country ML --country CM: Mali or Cameroon); different
filters must all hold (--pillar IV --country ML: both).

On a terminal list prints a table that fits it. Into a pipe or a file
(standard output not a terminal) it prints tab-separated values instead,
one activity a line under a header line, a format scripts can rely on:
  id	date	place	kind	pillars	text
(date is the first session's start, YYYY-MM-DD or empty; place every
session's place, joined with "; "; pillars joined with ","; text the
whole text on one line; tabs and line breaks in any cell become spaces,
and a cell a spreadsheet would run as a formula starts with ', as in CSV).
--format table prints the table there too. --json FIELDS prints the
named fields of each activity's JSON object (the schema is in the
README) as a JSON array: --json id,month,text.

Activities are read a page at a time, in one read of the store, and
written as they come, in every format but report, html and ics, which
group or sort them all first; the table measures its columns on a first
pass.

` + formatsHelp(),
		Example: `  unoct list --pillar IV --region "Western Africa"
  unoct list --month 2020-01..2020-06 --kind training --format csv -o trainings.csv
  unoct list --search "border security" --format json | jq '.[].text'
  unoct list --country ML --json id,text
  unoct list --kind training | cut -f1,2
  unoct list --sort -participants --limit 10`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runList(cmd, &ff, &of, export.Table)
		},
	}
	ff.register(cmd)
	of.register(cmd, "table on a terminal, tab-separated values with a header in a pipe")
	cmd.Flags().StringVar(&of.json, "json", "", "print these JSON fields of each activity, comma-separated (id,month,text), as a JSON array")
	return cmd
}

func (a *app) exportCmd() *cobra.Command {
	var ff filterFlags
	var of outputFlags
	cmd := &cobra.Command{
		Use:   "export -o FILE",
		Short: "Write the filtered activities to a file",
		Long: `Write the activities that match the filters to a file, as list does, but
always to a file: the format comes from --format or the file's extension.
An existing file is kept unless --force is given. The file is written
whole or not at all. Activities are written a page at a time as they are
read (report, html and ics gather them all first).

` + formatsHelp(),
		Example: `  unoct export -o sahel.csv --region Sahel
  unoct export -o sahel.csv --excel --region Sahel
  unoct export -o sahel.ics --region Sahel
  unoct export -o pillar4.json --pillar IV --force`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if of.output == "" {
				return usageErr("export needs -o FILE (or use unoct list to print)")
			}
			return a.runList(cmd, &ff, &of, export.CSV)
		},
	}
	ff.register(cmd)
	of.register(cmd, string(export.CSV))
	return cmd
}

func (a *app) runList(cmd *cobra.Command, ff *filterFlags, of *outputFlags, def export.Format) error {
	if of.limit < 0 {
		return usageErr("--limit %d: give how many activities at most, or 0 for all", of.limit)
	}
	var fields []string
	if cmd.Flags().Changed("json") {
		if cmd.Flags().Changed("format") {
			return usageErr("--json and --format both choose the output: give one")
		}
		var err error
		if fields, err = jsonFields(of.json); err != nil {
			return err
		}
	}
	format, err := of.resolveFormat(cmd, def)
	if err != nil {
		return err
	}
	if of.excel {
		if format, err = format.ForExcel(); err != nil {
			return usageErr("--excel: %v", err)
		}
	}
	// Into a pipe, list's table gives way to tab-separated values, unless
	// --format asks for the table.
	tsv := fields == nil && of.output == "" && format.Format == export.Table && !cmd.Flags().Changed("format") && a.outWidth() == 0
	s, err := a.open()
	if err != nil {
		return err
	}
	q, err := ff.query(s)
	if err != nil {
		return err
	}
	table := fields == nil && !tsv && format.Format == export.Table
	// emit writes n activities of total through write: to the -o file
	// (whole or not at all), or to standard output.
	emit := func(n, total int, write func(w io.Writer, width int) error) error {
		if of.output != "" {
			if err := a.writeFile(of.output, of.force, func(w io.Writer) error { return write(w, 0) }); err != nil {
				return err
			}
			fmt.Fprintf(a.err, "wrote %s of %d to %s\n", plural(n, "activity", "activities"), total, of.output)
			return nil
		}
		width := 0
		if table {
			width = a.outWidth()
		}
		if err := write(a.out, width); err != nil {
			return err
		}
		if table {
			fmt.Fprintf(a.err, "%s of %d\n", plural(n, "activity", "activities"), total)
		}
		return nil
	}
	if fields == nil && !tsv && !format.Streams() {
		// The report, HTML and iCalendar group or sort every activity
		// first: they gather them.
		acts, total, err := fetch(s, q, of.limit)
		if err != nil {
			return err
		}
		recs := export.Activities(acts)
		if format.Format == export.Report || format.Format == export.HTML {
			// The report groups within what the filters chose.
			scope, err := reportScope(q, ff.words())
			if err != nil {
				return err
			}
			recs = export.Scoped(acts, scope)
		}
		return emit(len(acts), total, func(w io.Writer, width int) error { return format.Write(w, recs, width) })
	}
	// Every other output is written a page of activities at a time as
	// they are read, in one read of the store: a listing of a million
	// holds a page of them.
	return s.Stream(q, store.Page{Limit: of.limit}, func(l *store.Listing) error {
		// Each of these writers writes a page and keeps nothing of it
		// (those that gather took the branch above): the pages are
		// lent, decoded into the same memory page after page.
		pages := func(fn func([]model.Activity) error) error { return l.Borrow(0, fn) }
		write := func(w io.Writer, width int) error {
			return format.WriteStream(w, export.ActivityPages(l.N, pages), width)
		}
		switch {
		case fields != nil:
			write = func(w io.Writer, _ int) error { return writeJSONFields(w, pages, fields) }
		case tsv:
			write = func(w io.Writer, _ int) error { return writeTSV(w, pages) }
		}
		return emit(l.N, l.Total, write)
	})
}

// outWidth is the width of the terminal standard output is, or 0 when
// it is not a terminal.
func (a *app) outWidth() int {
	if f, ok := a.out.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			return w
		}
	}
	return 0
}

// tsvHeader names the columns list writes into a pipe. Scripts rely on
// them: add columns at the end, never reorder (the README documents
// them).
var tsvHeader = []string{"id", "date", "place", "kind", "pillars", "text"}

// writeTSV writes activities as tab-separated values under a header
// line: every cell inert, so that a tab or line break in a document's
// text cannot split a row, and formula-safe as CSV's are, since a
// spreadsheet opens a .tsv file too.
//
// pages hands the activities over a page at a time (see
// store.Listing.Pages).
func writeTSV(w io.Writer, pages func(fn func([]model.Activity) error) error) error {
	bw := bufio.NewWriterSize(w, export.StreamBuffer)
	bw.WriteString(strings.Join(tsvHeader, "\t") + "\n")
	err := pages(func(acts []model.Activity) error {
		for i := range acts {
			writeTSVRow(bw, &acts[i])
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// writeTSVRow writes one activity's line.
func writeTSVRow(bw *bufio.Writer, a *model.Activity) {
	var places, pillars []string
	for _, s := range a.Sessions {
		places = append(places, s.Where())
	}
	for _, p := range a.Pillars {
		pillars = append(pillars, string(p.Pillar))
	}
	cells := []string{strconv.FormatUint(uint64(a.ID), 10), a.Start(), strings.Join(places, "; "),
		string(a.Kind), strings.Join(pillars, ","), a.Text}
	for j, c := range cells {
		cells[j] = export.SafeCell(c)
	}
	bw.WriteString(strings.Join(cells, "\t") + "\n")
}

// jsonField is a field of an activity's JSON object; list says whether
// it is a list (one the JSON leaves out when empty prints as []).
type jsonField struct {
	name string
	list bool
}

// activityFields are the fields of an activity's JSON object, in the
// order it has them, read from model.Activity's JSON tags so that a new
// field is offered by --json at once.
var activityFields = func() (fs []jsonField) {
	t := reflect.TypeFor[model.Activity]()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		fs = append(fs, jsonField{name, f.Type.Kind() == reflect.Slice})
	}
	return fs
}()

// jsonFields reads --json's comma-separated list of fields; an unknown
// or missing field is a usage error that lists the known ones.
func jsonFields(list string) ([]string, error) {
	known := make([]string, len(activityFields))
	for i, f := range activityFields {
		known[i] = f.name
	}
	var out []string
	for _, f := range strings.Split(list, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch {
		case f == "":
			continue
		case !slices.Contains(known, f):
			return nil, usageErr("--json: unknown field %q; the fields are: %s", f, strings.Join(known, ", "))
		case !slices.Contains(out, f):
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, usageErr("--json needs fields, comma-separated, from: %s", strings.Join(known, ", "))
	}
	return out, nil
}

// writeJSONFields writes each activity's named fields, in the order
// named, as an indented JSON array of objects: gh's --json. pages hands
// the activities over a page at a time; each object is written as it
// comes, the bytes indenting the whole array would give.
func writeJSONFields(w io.Writer, pages func(fn func([]model.Activity) error) error, fields []string) error {
	list := map[string]bool{}
	for _, f := range activityFields {
		list[f.name] = f.list
	}
	bw := bufio.NewWriterSize(w, export.StreamBuffer)
	var obj []byte
	var buf, pretty bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	sep := "[\n  "
	err := pages(func(acts []model.Activity) error {
		for i := range acts {
			buf.Reset()
			if err := enc.Encode(&acts[i]); err != nil {
				return err
			}
			var all map[string]json.RawMessage
			if err := json.Unmarshal(buf.Bytes(), &all); err != nil {
				return err
			}
			obj = append(obj[:0], '{')
			for j, f := range fields {
				if j > 0 {
					obj = append(obj, ',')
				}
				obj = strconv.AppendQuote(obj, f)
				obj = append(obj, ':')
				switch v, ok := all[f]; {
				case ok:
					obj = append(obj, v...)
				case list[f]:
					obj = append(obj, "[]"...)
				default:
					obj = append(obj, "null"...)
				}
			}
			obj = append(obj, '}')
			pretty.Reset()
			if err := json.Indent(&pretty, obj, "  ", "  "); err != nil {
				return err
			}
			bw.WriteString(sep)
			pretty.WriteTo(bw)
			sep = ",\n  "
		}
		return nil
	})
	if err != nil {
		return err
	}
	if sep == "[\n  " {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("\n]\n")
	}
	return bw.Flush()
}
