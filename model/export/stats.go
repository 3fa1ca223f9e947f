package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
)

// StatsLegend says what each figure of Stats means, for a help text or
// under a table.
const StatsLegend = `activities: the activities with the value (one with two values counts under both);
participants: the sum of the headcounts the texts give ("≥" when some is a lower bound,
"over 100"; "about" when some is an estimate, "some 30", and none a lower bound);
headcounts: how many of the activities give a headcount; countries, partners: the distinct
countries and partners the activities name, each counted once. Member States counts are
never added up across activities (they may be the same States).`

// Stats are a facet's values with their totals, and a last record that
// sums up every matching activity once: what `unoct stats` writes.
// totals[i] are vals[i]'s; all those of every matching activity.
func Stats(def model.FacetDef, vals []model.FacetValue, totals []model.Totals, all model.Totals) Records {
	s := stats{labels: make([]string, len(vals)+1), vals: append(vals[:len(vals):len(vals)], model.FacetValue{Count: all.Activities}),
		totals: append(totals[:len(totals):len(totals)], all)}
	for i, v := range vals {
		s.labels[i] = def.Label(v)
	}
	s.labels[len(vals)] = "All (each activity once)"
	return s
}

type stats struct {
	vals   []model.FacetValue // the last is the total's
	labels []string
	totals []model.Totals
}

// statsRow is a value's record as JSON writes it; the total's has
// Total set and no value.
type statsRow struct {
	Value        string `json:"value"`
	Label        string `json:"label"`
	Total        bool   `json:"total,omitempty"`
	Activities   int    `json:"activities"`
	Participants int    `json:"participants"`
	LowerBound   bool   `json:"participants_lower_bound"`
	Headcounts   int    `json:"headcounts"`
	Countries    int    `json:"countries"`
	Partners     int    `json:"partners"`
}

func (s stats) Len() int { return len(s.vals) }

func (s stats) Header() []string {
	return []string{"value", "label", "activities", "participants", "participants_lower_bound", "headcounts", "countries", "partners"}
}

func (s stats) Row(i int) []string {
	t := s.totals[i]
	return []string{s.vals[i].Value, s.labels[i], strconv.Itoa(s.vals[i].Count), strconv.Itoa(t.Participants),
		strconv.FormatBool(t.LowerBound), strconv.Itoa(t.Headcounts), strconv.Itoa(t.Countries), strconv.Itoa(t.Partners)}
}

func (s stats) Value(i int) any {
	t := s.totals[i]
	return statsRow{Value: s.vals[i].Value, Label: s.labels[i], Total: i == len(s.vals)-1, Activities: s.vals[i].Count,
		Participants: t.Participants, LowerBound: t.LowerBound, Headcounts: t.Headcounts, Countries: t.Countries, Partners: t.Partners}
}

// cells are record i's figures as people read them.
func (s stats) cells(i int) []string {
	t := s.totals[i]
	return []string{model.Thousands(s.vals[i].Count), t.ParticipantsText(), model.Thousands(t.Headcounts),
		model.Thousands(t.Countries), model.Thousands(t.Partners)}
}

var statsColumns = []string{"ACTIVITIES", "PARTICIPANTS", "HEADCOUNTS", "COUNTRIES", "PARTNERS"}

// table writes a label, its figures and a bar of its activities a
// line, the labels cut to 60 cells, the total last under a rule.
func (s stats) table(w io.Writer, _ int) error {
	lw, top := 0, 0
	for i, l := range s.labels {
		lw = max(lw, ansi.StringWidth(l))
		if i < len(s.vals)-1 {
			top = max(top, s.vals[i].Count)
		}
	}
	lw = min(lw, 60)
	line := func(label string, cells []string, bar string) error {
		label = ansi.Truncate(label, lw, "…")
		var b strings.Builder
		b.WriteString(label + strings.Repeat(" ", max(0, lw-ansi.StringWidth(label))))
		for j, c := range cells {
			b.WriteString("  " + strings.Repeat(" ", max(0, len(statsColumns[j])-ansi.StringWidth(c))) + c)
		}
		b.WriteString("  " + bar)
		_, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		return err
	}
	if err := line("", statsColumns, ""); err != nil {
		return err
	}
	for i := range s.vals {
		if i == len(s.vals)-1 {
			if _, err := fmt.Fprintln(w, strings.Repeat("─", lw+len(strings.Join(statsColumns, "  "))+2)); err != nil {
				return err
			}
		}
		bar := ""
		if i < len(s.vals)-1 {
			bar = textBar(s.vals[i].Count, top, 30)
		}
		if err := line(s.labels[i], s.cells(i), bar); err != nil {
			return err
		}
	}
	return nil
}

// textBar draws n of top as a bar of at most w cells, in eighths.
func textBar(n, top, w int) string {
	if top <= 0 || n <= 0 {
		return ""
	}
	eighths := max(1, n*w*8/top)
	out := strings.Repeat("█", eighths/8)
	if part := eighths % 8; part > 0 {
		out += string([]rune("▏▎▍▌▋▊▉")[part-1])
	}
	return out
}

// markdown writes a table of the values and their figures, the total
// last, and what the figures mean.
func (s stats) markdown(w io.Writer) error {
	fmt.Fprintf(w, "| %s |\n", strings.Join([]string{"Value", "Activities", "Participants", "Headcounts", "Countries", "Partners"}, " | "))
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: |")
	for i := range s.vals {
		cells := append([]string{s.labels[i]}, s.cells(i)...)
		for j := range cells {
			cells[j] = mdEscape(cells[j])
			if i == len(s.vals)-1 {
				cells[j] = "**" + cells[j] + "**"
			}
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	_, err := fmt.Fprintf(w, "\n%s\n", mdEscape(strings.ReplaceAll(StatsLegend, "\n", " ")))
	return err
}
