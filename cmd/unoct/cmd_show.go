package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

func (a *app) showCmd() *cobra.Command {
	var asJSON, asRead bool
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one activity in full",
		Long:    "Show one activity in full, for reading: its text, sessions, partners, people, counts, places, pillars (with the words that assigned them), branch, kind and source line. IDs are in the first column of unoct list.",
		Example: "  unoct show 7\n  unoct show 7 --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseUint(strings.TrimPrefix(args[0], "#"), 10, 64)
			if err != nil {
				return usageErr("activity id %q is not a number (ids are in the first column of unoct list)", args[0])
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			act, err := s.Activity(uint32(id))
			if id > math.MaxUint32 || errors.Is(err, store.ErrNotFound) {
				return usageErr("no activity %d in %s", id, s.Path())
			}
			if err != nil {
				return err
			}
			if asJSON {
				return export.Write(a.out, export.JSONL, []model.Activity{act}, 0)
			}
			writeDetail(a.out, &act, asRead)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the activity as one JSON object")
	cmd.Flags().BoolVar(&asRead, "as-read", false, "beside each corrected field (✎), what the reader read")
	return cmd
}

// writeDetail prints an activity for people: the reading the TUI's
// detail and the Markdown export show too, as plain text. A list reads
// one entry a line beneath its label; any other field follows its label
// on one line.
//
// A field a person corrected ends with ✎; asRead adds, beneath it, what
// the reader read.
func writeDetail(w io.Writer, a *model.Activity, asRead bool) {
	r := a.Reading()
	fmt.Fprintf(w, "Activity %d · %s\n\n", r.ID, strings.Join(r.Byline, " · "))
	if r.NotActivity {
		fmt.Fprintf(w, "✎ marked as not an activity: no list, count or filter shows it (unoct fix %d --undo not_activity)\n\n", r.ID)
	}
	if r.Review != "" {
		fmt.Fprintf(w, "⚠ corrected when the bullet read otherwise; check the correction (unoct fixes):\n  %s\n\n", r.Review)
	}
	fmt.Fprintf(w, "%s\n\n", r.Text)
	marked := false
	for _, f := range r.Fields {
		mark := ""
		if f.Corrected {
			mark, marked = " ✎", true
		}
		switch {
		case len(f.Lines) == 0:
			fmt.Fprintf(w, "%-14s—%s\n", f.Label, mark)
		case f.List:
			fmt.Fprintln(w, f.Label+mark)
			for _, l := range f.Lines {
				fmt.Fprintf(w, "  %s\n", l)
			}
		default:
			fmt.Fprintf(w, "%-14s%s%s\n", f.Label, f.Joined(), mark)
		}
		if f.Corrected && asRead {
			was := model.Field{Lines: f.AsRead, Sep: f.Sep}
			if len(f.AsRead) == 0 {
				fmt.Fprintln(w, "  read as: —")
			} else {
				fmt.Fprintf(w, "  read as: %s\n", was.Joined())
			}
		}
	}
	if marked && !asRead {
		fmt.Fprintf(w, "\n✎ corrected by hand (unoct show %d --as-read: what the reader read)\n", r.ID)
	}
}
