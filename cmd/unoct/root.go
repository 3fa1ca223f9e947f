package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

func (a *app) rootCmd() *cobra.Command {
	var showVersion bool
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
choose another. A new store starts with the documents unoct ships with.
Only import makes a store at a --db path where there is none: for the
other commands that path is a typo.`,
		Example: `  unoct                                   # the explorer
  unoct import highlights-2021-03.md      # add a month
  unoct list --pillar IV --region "Western Africa"
  unoct stats --by country --month 2020-01..2020-12
  unoct export -o border.csv --search "border security"`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          unknownCommand,
		RunE:          a.versionOrTUI(&showVersion),
	}
	// Two edits away, as cobra's own suggestions: "lsit", "docter".
	root.SuggestionsMinimumDistance = 2
	// The manual pages (unoct man) carry no "Auto generated" line.
	root.DisableAutoGenTag = true
	root.Flags().BoolVar(&showVersion, "version", false, "print the version, as unoct version does")
	// A flag's bad value is a bad command line (exit 2), told apart here
	// rather than by its words: an EINVAL from the system also reads
	// "invalid argument".
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &statusError{exitUsage, err} })
	root.Flags().BoolVar(&a.fresh, "fresh", false, "open the explorer on everything, not on the filters and activity it was left on")
	root.PersistentFlags().StringVar(&a.dbPath, "db", "", "store file, made by import only (default $UNOCT_DB, else $XDG_DATA_HOME/unoct/unoct.db)")
	tuiFlags(root)
	root.AddCommand(a.importCmd(), a.listCmd(), a.showCmd(), a.statsCmd(), a.exportCmd(), a.reportCmd(), a.doctorCmd(), a.versionCmd(), a.manCmd())
	root.AddCommand(a.docsCmd(), a.removeCmd(), a.viewsCmd(), a.seriesCmd())
	root.AddCommand(a.fixCmd(), a.fixesCmd(), a.changesCmd())
	a.completeFacets(root)
	a.completeViews(root)
	return root
}

// unknownCommand refuses arguments to unoct itself: a word there is a
// mistyped command, and the error names the commands it is close to, by
// cobra's edit distance or prefix ("lsit": list).
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	}
	return usageErr("%s (unoct --help lists the commands)", msg)
}

// completeFacets gives every facet flag of cmd and its subcommands (the
// flags filterFlags declares, one per facet of the registry) shell
// completion of the facet's values from the store.
func (a *app) completeFacets(cmd *cobra.Command) {
	for _, d := range model.FacetDefs() {
		if fl := cmd.Flags().Lookup(string(d.Facet)); fl != nil && fl.Annotations[facetAnnotation] != nil {
			_ = cmd.RegisterFlagCompletionFunc(fl.Name, a.completeFacet(d))
		}
	}
	for _, c := range cmd.Commands() {
		a.completeFacets(c)
	}
}

// completeFacet completes a value of facet d with the values the store
// has, most frequent first, each described by its label ("ML" described
// as "Mali"). After a comma, in a facet whose values hold none, it
// completes the next value of the list. A missing, locked or damaged
// store completes nothing: completion must never create a store, wait or
// print an error.
func (a *app) completeFacet(d model.FacetDef) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		const directive = cobra.ShellCompDirectiveNoFileComp
		path := a.storePath()
		if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
			return nil, directive
		}
		s, err := store.Open(path, store.Options{LockTimeout: 300 * time.Millisecond})
		if err != nil {
			return nil, directive
		}
		vals, err := s.Values(d.Facet)
		if err != nil {
			return nil, directive
		}
		prefix := ""
		if i := strings.LastIndexByte(toComplete, ','); d.Split && i >= 0 {
			prefix = toComplete[:i+1]
		}
		out := make([]cobra.Completion, 0, len(vals))
		for _, v := range vals {
			if model.Inert(v.Value) != v.Value {
				continue // not something a shell can offer
			}
			if label := d.Hint(v); label != v.Value {
				out = append(out, cobra.CompletionWithDesc(prefix+v.Value, label))
			} else {
				out = append(out, prefix+v.Value)
			}
		}
		return out, directive
	}
}
