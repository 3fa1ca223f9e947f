package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

func (a *app) showCmd() *cobra.Command {
	var asJSON, asRead bool
	var width int
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one activity in full",
		Long: `Show one activity in full, for reading: its text, sessions, partners, people,
counts, places, pillars (with the words that assigned them), branch, kind and
source line. IDs are in the first column of unoct list.

On a terminal the text wraps at words to the terminal's width. Into a pipe
or a file nothing is wrapped: each paragraph and field stays on one line,
for grep and for pagers that wrap by themselves; --width N wraps at N
columns anywhere (0: never).`,
		Example: "  unoct show 7\n  unoct show 7 --json\n  unoct show 7 --width 72 > activity.txt",
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
			if !cmd.Flags().Changed("width") {
				width = a.outWidth()
			}
			if width < 0 {
				return usageErr("--width %d: give the columns to wrap at, or 0 for no wrapping", width)
			}
			writeDetail(a.out, &act, width, asRead)
			return writeSeries(a.out, s, &act)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the activity as one JSON object")
	cmd.Flags().IntVar(&width, "width", 0, "wrap at this many columns, 0 for none (default: the terminal's width; none in a pipe)")
	cmd.Flags().BoolVar(&asRead, "as-read", false, "beside each corrected field (✎), what the reader read")
	return cmd
}

// writeDetail prints an activity for people: the reading the TUI's
// detail and the Markdown export show too, as plain text. A list reads
// one entry a line beneath its label; any other field follows its label
// on one line. Text wraps at words to width cells (0: no wrapping), each
// continuation line indented under the start of its text.
//
// A field a person corrected ends with ✎; asRead adds, beneath it, what
// the reader read.
func writeDetail(w io.Writer, a *model.Activity, width int, asRead bool) {
	const labelWidth = 14
	wrap := func(s string, indent int) string {
		// Too narrow to wrap usefully: let the terminal fold the line.
		if width <= 0 || width-indent < 20 {
			return s
		}
		lines := strings.Split(ansi.Wrap(s, width-indent, ""), "\n")
		for i := range lines {
			lines[i] = strings.TrimRight(lines[i], " ")
		}
		return strings.Join(lines, "\n"+strings.Repeat(" ", indent))
	}
	r := a.Reading()
	fmt.Fprintf(w, "%s\n\n", wrap(fmt.Sprintf("Activity %d · %s", r.ID, strings.Join(r.Byline, " · ")), 0))
	if r.NotActivity {
		fmt.Fprintf(w, "%s\n\n", wrap(fmt.Sprintf("✎ marked as not an activity: no list, count or filter shows it (unoct fix %d --undo not_activity)", r.ID), 0))
	}
	if r.Review != "" {
		fmt.Fprintf(w, "⚠ corrected when the bullet read otherwise; check the correction (unoct fixes):\n  %s\n\n", wrap(r.Review, 2))
	}
	fmt.Fprintf(w, "%s\n\n", wrap(r.Text, 0))
	marked := false
	for _, f := range r.Fields {
		mark := ""
		if f.Corrected {
			mark, marked = " ✎", true
		}
		switch {
		case len(f.Lines) == 0:
			fmt.Fprintf(w, "%-*s—%s\n", labelWidth, f.Label, mark)
		case f.List:
			fmt.Fprintln(w, f.Label+mark)
			for _, l := range f.Lines {
				fmt.Fprintf(w, "  %s\n", wrap(l.String(), 4))
			}
		default:
			fmt.Fprintf(w, "%-*s%s%s\n", labelWidth, f.Label, wrap(f.Joined(), labelWidth), mark)
		}
		if f.Corrected && asRead {
			was := model.Field{Lines: f.AsRead, Sep: f.Sep}
			if len(f.AsRead) == 0 {
				fmt.Fprintln(w, "  read as: —")
			} else {
				fmt.Fprintf(w, "  read as: %s\n", wrap(was.Joined(), 11))
			}
		}
	}
	if marked && !asRead {
		fmt.Fprintf(w, "\n✎ corrected by hand (unoct show %d --as-read: what the reader read)\n", r.ID)
	}
}
