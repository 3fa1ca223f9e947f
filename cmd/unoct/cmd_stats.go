package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

func (a *app) statsCmd() *cobra.Command {
	var ff filterFlags
	var by, format string
	cmd := &cobra.Command{
		Use:   "stats --by FACET",
		Short: "Count activities by pillar, region, country, month, partner…",
		Long: `Count the activities that match the filters by one facet: pillar, branch,
region, country, month, partner, kind, section or document. An activity
with three partners counts once under each.`,
		Example: `  unoct stats --by pillar
  unoct stats --by country --pillar II --month 2021-01..2021-12
  unoct stats --by partner --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			facet, err := model.ParseFacet(by)
			if err != nil {
				return usageErr("%v", err)
			}
			if format != "table" && format != "json" && format != "csv" {
				return usageErr("unknown format %q (table, json or csv)", format)
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			q, err := ff.query(s)
			if err != nil {
				return err
			}
			vals, err := s.Counts(q, facet)
			if err != nil {
				return err
			}
			def, _ := model.Def(facet)
			switch format {
			case "json":
				type row struct {
					Value string `json:"value"`
					Label string `json:"label"`
					Count int    `json:"count"`
				}
				rows := make([]row, 0, len(vals))
				for _, v := range vals {
					rows = append(rows, row{v.Value, def.Label(v), v.Count})
				}
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			case "csv":
				fmt.Fprintln(a.out, "value,label,count")
				for _, v := range vals {
					fmt.Fprintf(a.out, "%s,%s,%d\n", csvQuote(export.SafeCell(v.Value)), csvQuote(export.SafeCell(def.Label(v))), v.Count)
				}
				return nil
			}
			w := 0
			for _, v := range vals {
				w = max(w, ansi.StringWidth(def.Label(v)))
			}
			w = min(w, 60)
			for _, v := range vals {
				fmt.Fprintf(a.out, "%s  %6d\n", pad(ansi.Truncate(def.Label(v), w, "…"), w), v.Count)
			}
			return nil
		},
	}
	ff.register(cmd)
	cmd.Flags().StringVar(&by, "by", "pillar", "the facet to count by")
	cmd.Flags().StringVar(&format, "format", "table", "table, json or csv")
	return cmd
}

func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

func csvQuote(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
