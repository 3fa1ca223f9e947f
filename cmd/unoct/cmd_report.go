package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// reportCmd writes a brief: the filtered activities grouped by pillar,
// region and country, with totals per group and a source per activity.
// It is `list --format report` with the report's own default and
// extensions, so that a donor brief is one command.
func (a *app) reportCmd() *cobra.Command {
	var ff filterFlags
	var o outputFlags
	cmd := &cobra.Command{
		Use:   "report [filters] [-o FILE]",
		Short: "Write a brief of the filtered activities, grouped by pillar, region and country",
		Long: `Write a brief of the activities that match the filters: a section per
pillar, region and country, each with its totals (activities,
participants and how many activities give a headcount, distinct
countries and partners), and in each country a sentence per activity
with its dates, places, partners by their full names, participants and
source (document and line, or page and line for a PDF).

The groups follow the filters: --pillar II --region "Central Asia" gives
a pillar II section with a Central Asia section, not a section for every
pillar and region the activities also touch. An activity under two
pillars or regions is listed under each, and one in several countries of
a region once, under all of them together; every total counts it once,
and Member States counts are never added up.

The brief is Markdown on standard output or in a -o file; -o FILE.html
(or --format html) writes it as a web page.`,
		Example: `  unoct report --pillar II --region "Central Asia" -o brief.md
  unoct report --country ML --month 2020 -o mali-2020.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			spec, err := o.reportFormat(cmd)
			if err != nil {
				return err
			}
			return a.runReport(cmd, &ff, &o, spec)
		},
	}
	ff.register(cmd)
	cmd.Flags().StringVar(&o.format, "format", "", "report (Markdown) or html (default: html for a .html or .htm -o file, else report)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output (.md, .report.md, .html)")
	cmd.Flags().BoolVar(&o.force, "force", false, "replace the -o file if it exists")
	cmd.Flags().IntVar(&o.limit, "limit", 0, "at most this many activities (0: all)")
	return cmd
}

// reportFormat is report or html: --format when given, else html for
// an -o file the html format claims, else report. A brief named
// "brief.md" is the report, not the md format's layout: the command
// says what is written; an extension of another format is refused.
func (o *outputFlags) reportFormat(cmd *cobra.Command) (export.Spec, error) {
	report, _ := export.Lookup(export.Report)
	if cmd.Flags().Changed("format") {
		s, err := export.ParseFormat(o.format)
		if err != nil || (s.Format != export.Report && s.Format != export.HTML) {
			return export.Spec{}, usageErr("report --format %q: report writes report (Markdown) or html", o.format)
		}
		return s, nil
	}
	if o.output == "" {
		return report, nil
	}
	s, err := export.FromPath(o.output, export.Report)
	switch {
	case err != nil:
		return export.Spec{}, usageErr("%s: %v; a report is written to .md, .report.md or .html", o.output, err)
	case s.Format == export.HTML, s.Format == export.Report:
		return s, nil
	case s.Format == export.MD:
		return report, nil
	}
	return export.Spec{}, usageErr("%s: a report is written to .md, .report.md or .html, not %s (use unoct export for other formats)",
		o.output, s.Format)
}

func (a *app) runReport(cmd *cobra.Command, ff *filterFlags, of *outputFlags, spec export.Spec) error {
	if of.limit < 0 {
		return usageErr("--limit %d: give how many activities at most, or 0 for all", of.limit)
	}
	s, err := a.open()
	if err != nil {
		return err
	}
	q, err := ff.query(s)
	if err != nil {
		return err
	}
	acts, _, err := fetch(s, q, of.limit)
	if err != nil {
		return err
	}
	scope, err := reportScope(q, ff.words())
	if err != nil {
		return err
	}
	recs := export.Scoped(acts, scope)
	if of.output == "" {
		return spec.Write(a.out, recs, 0)
	}
	if err := a.writeFile(of.output, of.force, func(w io.Writer) error { return spec.Write(w, recs, 0) }); err != nil {
		return err
	}
	fmt.Fprintf(a.err, "wrote a report of %s to %s\n", plural(len(acts), "activity", "activities"), of.output)
	return nil
}

// reportScope is the query's choice of pillars, regions and countries,
// which the report groups within, with the query in words for its
// title, and the geographic tables to tell which countries lie in a
// region.
func reportScope(q model.Query, words string) (export.Scope, error) {
	geo, err := ref.LoadGeo()
	if err != nil {
		return export.Scope{}, err
	}
	sc := export.Scope{
		Pillars:   q.Filters[model.FacetPillar],
		Regions:   q.Filters[model.FacetRegion],
		Countries: q.Filters[model.FacetCountry],
		Filters:   words,
		Within: func(code, region string) bool {
			c, ok := geo.Country(code)
			if !ok {
				return false
			}
			if region == c.Region || region == c.SubRegion || region == c.Intermediate {
				return true
			}
			p, ok := geo.PolicyRegion(region)
			return ok && slices.Contains(p.Countries, c.Code)
		},
	}
	return sc, nil
}

// words says the filters as typed, for the report's title: "pillar
// II; region Central Asia; search "border"".
func (f *filterFlags) words() string {
	var parts []string
	for _, d := range model.FacetDefs() {
		if v := f.values[d.Facet]; v != nil && len(*v) > 0 {
			parts = append(parts, string(d.Facet)+" "+strings.Join(*v, " or "))
		}
	}
	if f.since != "" {
		parts = append(parts, "since "+f.since)
	}
	if f.until != "" {
		parts = append(parts, "until "+f.until)
	}
	if f.search != "" {
		parts = append(parts, fmt.Sprintf("search %q", f.search))
	}
	return strings.Join(parts, "; ")
}
