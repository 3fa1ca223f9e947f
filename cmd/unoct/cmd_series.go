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
show ID names the series an activity is in.

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
			all, series, err := findSeries(s)
			if err != nil {
				return err
			}
			for i, sr := range series {
				if i > 0 {
					fmt.Fprintln(a.out)
				}
				fmt.Fprintf(a.out, "%s (%s, %s)\n", sr.Label, sr.Rule, plural(len(sr.IDs), "activity", "activities"))
				for _, id := range sr.IDs {
					fmt.Fprintln(a.out, "  "+seriesLine(all[id]))
				}
			}
			fmt.Fprintf(a.err, "%s (unoct series --rule says how they are found)\n", plural(len(series), "series", "series"))
			return nil
		},
	}
	cmd.Flags().BoolVar(&rule, "rule", false, "print the rule that links activities into series")
	return cmd
}

// findSeries reads every activity and links them into series.
func findSeries(s *store.Store) (map[uint32]model.Activity, []model.Series, error) {
	page, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		return nil, nil, err
	}
	all := make(map[uint32]model.Activity, len(page.Rows))
	for _, a := range page.Rows {
		all[a.ID] = a
	}
	return all, model.FindSeries(page.Rows), nil
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
// the activities before and after it. An activity in no series prints
// nothing.
func writeSeries(w io.Writer, s *store.Store, id uint32) error {
	all, series, err := findSeries(s)
	if err != nil {
		return err
	}
	for _, sr := range series {
		i := slices.Index(sr.IDs, id)
		if i < 0 {
			continue
		}
		fmt.Fprintf(w, "Series        %s (%s; unoct series --rule)\n", sr.Label, sr.Rule)
		for j, other := range sr.IDs {
			mark := "  earlier  "
			switch {
			case j == i:
				mark = "  this     "
			case j > i:
				mark = "  later    "
			}
			fmt.Fprintln(w, mark+seriesLine(all[other]))
		}
		return nil
	}
	return nil
}
