package main

import (
	"github.com/spf13/cobra"
)

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "unoct",
		Short: "Explore the activities of the UN Office of Counter-Terrorism",
		Long: `unoct reads the UN Office of Counter-Terrorism's monthly highlights documents
into a local store and lets you filter, read and export their activities:
by pillar of the UN Global Counter-Terrorism Strategy, branch, region,
country, month, partner and kind.

Run alone, unoct opens the explorer (a terminal UI). The subcommands give
the same data to scripts and spreadsheets.

The store lives in $XDG_DATA_HOME/unoct/unoct.db; --db or $UNOCT_DB
choose another. A new store starts with the documents unoct ships with.`,
		Example: `  unoct                                   # the explorer
  unoct import highlights-2021-03.md      # add a month
  unoct list --pillar IV --region "Western Africa"
  unoct stats --by country --month 2020-01..2020-12
  unoct export -o border.csv --search "border security"`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE:          a.runTUI,
	}
	root.PersistentFlags().StringVar(&a.dbPath, "db", "", "store file (default $UNOCT_DB, else $XDG_DATA_HOME/unoct/unoct.db)")
	root.AddCommand(a.importCmd(), a.listCmd(), a.showCmd(), a.statsCmd(), a.exportCmd(), a.doctorCmd())
	return root
}
