package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

func (a *app) showCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one activity in full",
		Long:    "Show one activity in full, for reading: its text, sessions, partners, people, counts, places, pillars (with the words that assigned them), branch, kind and source line. IDs are in the first column of unoct list.",
		Example: "  unoct show 7\n  unoct show 7 --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseUint(strings.TrimPrefix(args[0], "#"), 10, 32)
			if err != nil {
				return usageErr("activity id %q is not a number (ids are in the first column of unoct list)", args[0])
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			act, err := s.Activity(uint32(id))
			if errors.Is(err, store.ErrNotFound) {
				return usageErr("no activity %d in %s", id, s.Path())
			}
			if err != nil {
				return err
			}
			if asJSON {
				return export.Write(a.out, export.JSONL, []model.Activity{act}, 0)
			}
			writeDetail(a.out, &act)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the activity as one JSON object")
	return cmd
}

// writeDetail prints an activity for people.
func writeDetail(w io.Writer, a *model.Activity) {
	in := model.Inert
	fmt.Fprintf(w, "Activity %d · %s · %s · %s\n\n", a.ID, a.Month, in(a.Section), a.Kind)
	fmt.Fprintf(w, "%s\n\n", in(a.Text))
	fmt.Fprintln(w, "Sessions")
	for _, s := range a.Sessions {
		d := s.Start
		if s.End != s.Start {
			d += " – " + s.End
		}
		fmt.Fprintf(w, "  %-25s %s\n", d, in(export.PlaceLabel(s)))
	}
	if len(a.Sessions) == 0 {
		fmt.Fprintln(w, "  (none read)")
	}
	fmt.Fprintf(w, "\nBranch        %s\n", in(string(a.Branch)))
	if len(a.Partners) > 0 {
		fmt.Fprintln(w, "Partners")
		for _, p := range a.Partners {
			label := p.Name
			if l := p.Label(); l != p.Name {
				label = l + " — " + p.Name
			}
			fmt.Fprintf(w, "  %-60s %s\n", in(label), p.Kind)
		}
	}
	if len(a.People) > 0 {
		fmt.Fprintf(w, "People        %s\n", in(strings.Join(a.People, ", ")))
	}
	if c := export.CountsLabel(a.Participants); c != "" {
		fmt.Fprintf(w, "Participants  %s\n", c)
	}
	var cs []string
	for _, c := range a.Countries {
		cs = append(cs, c.Name+" ("+c.Code+")")
	}
	if len(cs) > 0 {
		fmt.Fprintf(w, "Countries     %s\n", in(strings.Join(cs, ", ")))
	}
	fmt.Fprintf(w, "Regions       %s\n", in(strings.Join(a.Regions, ", ")))
	fmt.Fprintln(w, "Pillars")
	for _, p := range a.Pillars {
		why := "no term matched; counted under III by default"
		if len(p.Matched) > 0 {
			why = "“" + strings.Join(p.Matched, "”, “") + "”"
		}
		fmt.Fprintf(w, "  %-4s %s — %s\n", p.Pillar, p.Pillar.Title(), in(why))
	}
	fmt.Fprintf(w, "Source        %s, line %d\n", in(a.Source.Document), a.Source.Line)
}
