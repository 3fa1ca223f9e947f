package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

func (a *app) seriesCmd() *cobra.Command {
	var rule bool
	cmd := &cobra.Command{
		Use:   "series",
		Short: "Activities that continue a programme or a piece of work across months",
		Long: `List the series: activities reported in different months that continue one
programme or one piece of work, each with its activities in order. unoct
show ID names the series an activity is in, and --series NAME filters list,
stats, export and report by one. The store links series as documents are
imported, removed or corrected: a new month can join, rename or split them.

` + model.SeriesRule,
		Example: "  unoct series\n  unoct series --rule",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if rule {
				fmt.Fprintln(a.out, model.SeriesRule)
				return nil
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			series, err := s.AllSeries()
			if err != nil {
				return err
			}
			for i, sr := range series {
				if i > 0 {
					fmt.Fprintln(a.out)
				}
				acts, err := s.Get(sr.IDs...)
				if err != nil {
					return err
				}
				fmt.Fprintf(a.out, "%s (%s, %s)\n", sr.Label, sr.Rule, plural(len(sr.IDs), "activity", "activities"))
				for _, act := range acts {
					fmt.Fprintln(a.out, "  "+seriesLine(act))
				}
			}
			fmt.Fprintf(a.err, "%s (unoct series --rule says how they are found)\n", plural(len(series), "series", "series"))
			return nil
		},
	}
	cmd.Flags().BoolVar(&rule, "rule", false, "print the rule that links activities into series")
	return cmd
}

// seriesLine is an activity in a series: id, start (or month) and the
// beginning of its text.
func seriesLine(a model.Activity) string {
	when := a.Start()
	if when == "" {
		when = a.Month
	}
	text := []rune(model.Inert(a.Text))
	if len(text) > 90 {
		text = append(text[:89], '…')
	}
	return strings.Join([]string{strconv.FormatUint(uint64(a.ID), 10), when, string(text)}, "  ")
}

// writeSeries prints, under an activity shown, the series it is in:
// the activities before and after it, read from the series the store
// keeps (Activity.Series). An activity in no series prints nothing.
func writeSeries(w io.Writer, s *store.Store, act *model.Activity) error {
	if act.Series == "" {
		return nil
	}
	acts, err := s.Series(act.Series)
	if err != nil {
		return err
	}
	rule := ""
	if found := model.FindSeries(acts); len(found) > 0 {
		rule = found[0].Rule + "; "
	}
	fmt.Fprintf(w, "Series        %s (%sunoct series --rule)\n", model.Inert(act.Series), rule)
	i := slices.IndexFunc(acts, func(o model.Activity) bool { return o.ID == act.ID })
	for j, other := range acts {
		mark := "  earlier  "
		switch {
		case j == i:
			mark = "  this     "
		case j > i:
			mark = "  later    "
		}
		fmt.Fprintln(w, mark+seriesLine(other))
	}
	return nil
}
