package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

func (a *app) statsCmd() *cobra.Command {
	var ff filterFlags
	var by, format string
	cmd := &cobra.Command{
		Use:   "stats --by FACET",
		Short: "Count activities and participants by pillar, region, country, month, partner…",
		Long: `Count the activities that match the filters by one facet: pillar, branch,
region, country, month, partner, kind, section or document. An activity
with three partners counts once under each. Every filter applies, the
charted facet's own too: --by region --region "Western Africa" counts
Western Africa alone. Each value has its totals, and a last line sums up
every matching activity once:

` + export.StatsLegend,
		Example: `  unoct stats --by pillar
  unoct stats --by country --pillar II --month 2021-01..2021-12
  unoct stats --by partner --format json
  unoct stats --by month --month 2021            # activities per month of 2021, as a chart
  unoct stats --by partner --sort -participants  # the partners that reached the most people first`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			facet, err := model.ParseFacet(by)
			if err != nil {
				return usageErr("%v", err)
			}
			spec, err := export.ParseFormat(format)
			if err != nil {
				return usageErr("%v", err)
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			q, err := ff.query(s)
			if err != nil {
				return err
			}
			st, err := s.Stats(q, facet)
			if err != nil {
				return err
			}
			if err := sortStats(q.Sort, st.Values, st.ValueTotals); err != nil {
				return err
			}
			def, _ := model.Def(facet)
			if err := spec.Write(a.out, export.Stats(def, st.Values, st.ValueTotals, st.Totals), 0); err != nil {
				return err
			}
			if spec.Format == export.Table {
				fmt.Fprintln(a.err, export.StatsLegend)
			}
			return nil
		},
	}
	ff.register(cmd)
	cmd.Flags().StringVar(&by, "by", "pillar", "the facet to count by")
	cmd.Flags().StringVar(&format, "format", string(export.Table), export.Names())
	return cmd
}
