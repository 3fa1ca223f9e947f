package detail

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// SeriesReader reads the activities of a series in the order of their
// start (store.Store.Series). A Reader that is one lets the detail show,
// under an activity in a series, the series' earlier and later
// activities; the store keeps each activity's series (Activity.Series),
// so this is one facet's bitmap, never a read of every activity.
type SeriesReader interface {
	Series(name string) ([]model.Activity, error)
}

// seriesMsg carries the series read for request seq.
type seriesMsg struct {
	seq  int
	acts []model.Activity
	err  error
}

// loadSeries reads the series of the activity shown, when it is in one
// and the pane's Reader can read series.
func (m *Model) loadSeries() tea.Cmd {
	m.series, m.seriesErr = nil, nil
	sr, ok := m.src.(SeriesReader)
	if !ok || !m.has || m.act.Series == "" {
		return nil
	}
	seq, name := m.seq, m.act.Series
	return func() tea.Msg {
		acts, err := sr.Series(name)
		return seriesMsg{seq: seq, acts: acts, err: err}
	}
}

// renderSeries draws the series of a (its activities acts, a among them)
// in w cells: its name, then one line an activity, earlier ones above a,
// later ones below, each with its id, month and first words.
func renderSeries(st *common.Styles, a *model.Activity, acts []model.Activity, err error, w int) string {
	w = max(w, 10)
	var b strings.Builder
	b.WriteString("\n\n" + st.Heading.Render("Series") + "\n")
	b.WriteString(wrap(st.Bold.Render(model.Inert(a.Series)), w, 2) + "\n")
	if err != nil {
		b.WriteString(st.Error.Render(wrap(model.Inert(err.Error()), w, 2)))
		return b.String()
	}
	idW := 0
	for _, o := range acts {
		idW = max(idW, len(strconv.FormatUint(uint64(o.ID), 10)))
	}
	after := false
	for _, o := range acts {
		mark := "earlier"
		switch {
		case o.ID == a.ID:
			mark, after = "this", true
		case after:
			mark = "later"
		}
		head := "  " + common.PadRight(mark, 9) + padLeft(strconv.FormatUint(uint64(o.ID), 10), idW) + "  " + o.Month + "  "
		text := strings.Join(strings.Fields(model.Inert(o.Text)), " ")
		line := head + ansi.Truncate(text, max(1, w-ansi.StringWidth(head)), "…")
		if o.ID == a.ID {
			line = st.Bold.Render(line)
		} else {
			line = st.Muted.Render(line)
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// padLeft right-aligns an id in w cells, so that the months line up.
func padLeft(s string, w int) string { return common.Pad(len(s), w) + s }
