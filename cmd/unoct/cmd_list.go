package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model/export"
)

// outputFlags choose a format and a destination.
type outputFlags struct {
	format string
	output string
	force  bool
	limit  int
}

func (o *outputFlags) register(cmd *cobra.Command, def export.Format) {
	cmd.Flags().StringVar(&o.format, "format", "", export.Names()+" (default: from the -o file's extension, else "+string(def)+")")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&o.force, "force", false, "replace the -o file if it exists")
	cmd.Flags().IntVar(&o.limit, "limit", 0, "at most this many activities (0: all)")
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
		return export.Spec{}, usageErr("%s: %v; name the format with --format", o.output, err)
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

The table fits the terminal; the other formats are for files and
programs (the JSON schema is in the README).

` + formatsHelp(),
		Example: `  unoct list --pillar IV --region "Western Africa"
  unoct list --month 2020-01..2020-06 --kind training --format csv -o trainings.csv
  unoct list --search "border security" --format json | jq '.[].text'
  unoct list --sort -participants --limit 10`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runList(cmd, &ff, &of, export.Table)
		},
	}
	ff.register(cmd)
	of.register(cmd, export.Table)
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
whole or not at all.

` + formatsHelp(),
		Example: `  unoct export -o sahel.csv --region Sahel
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
	of.register(cmd, export.CSV)
	return cmd
}

func (a *app) runList(cmd *cobra.Command, ff *filterFlags, of *outputFlags, def export.Format) error {
	if of.limit < 0 {
		return usageErr("--limit %d: give how many activities at most, or 0 for all", of.limit)
	}
	format, err := of.resolveFormat(cmd, def)
	if err != nil {
		return err
	}
	s, err := a.open()
	if err != nil {
		return err
	}
	q, err := ff.query(s)
	if err != nil {
		return err
	}
	acts, total, err := fetch(s, q, of.limit)
	if err != nil {
		return err
	}
	recs := export.Activities(acts)
	if of.output != "" {
		if err := a.writeFile(of.output, of.force, func(w io.Writer) error { return format.Write(w, recs, 0) }); err != nil {
			return err
		}
		fmt.Fprintf(a.err, "wrote %s of %d to %s\n", plural(len(acts), "activity", "activities"), total, of.output)
		return nil
	}
	width := 0
	if format.Format == export.Table {
		if f, ok := a.out.(*os.File); ok && term.IsTerminal(f.Fd()) {
			if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
				width = w
			}
		}
	}
	if err := format.Write(a.out, recs, width); err != nil {
		return err
	}
	if format.Format == export.Table {
		fmt.Fprintf(a.err, "%s of %d\n", plural(len(acts), "activity", "activities"), total)
	}
	return nil
}
