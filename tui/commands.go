package tui

import (
	"errors"
	"io"
	"io/fs"
	"maps"
	"strconv"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
	"github.com/unoct/unoct/tui/editform"
	"github.com/unoct/unoct/tui/exportdialog"
	"github.com/unoct/unoct/tui/list"
)

// This file holds the root's reads of the store: each runs in a command,
// off the UI loop, and comes back as a message.

// Source is what the TUI reads: a *store.Store, or anything that answers
// as one. A screen is one call to Screen, one read transaction, so that
// its ids, rows and counts all describe one generation.
type Source interface {
	// Screen answers a query for one screen: ids, the first rows, every
	// facet's counts and what dropping each filter would match.
	Screen(q model.Query, page store.Page) (store.Screen, error)
	// Get reads the rows the list scrolls to, and those to export.
	Get(ids ...uint32) ([]model.Activity, error)
	// Activity reads the one the detail shows when the list lacks it.
	Activity(id uint32) (model.Activity, error)
	// Generation tells whether the store changed since the last screen.
	Generation() (store.Stamp, error)
}

// resultMsg carries the answer to query number seq; answers older than
// the last query sent are dropped.
type resultMsg struct {
	seq int
	res common.ResultMsg
	err error
}

// pollMsg is the store-generation timer firing.
type pollMsg struct{}

// generationMsg carries the store's generation read by a poll.
type generationMsg struct {
	gen store.Stamp
	err error
}

// runQuery sends the current query to the store in a command.
func (m *Model) runQuery() tea.Cmd {
	m.seq++
	m.loading = true
	seq, q, src, page := m.seq, m.query.Clone(), m.src, max(60, m.pageRows*3)
	query := func() tea.Msg { return doQuery(src, seq, q, page) }
	return tea.Batch(query, m.startSpinner())
}

// doQuery answers q in one read of the store, with the first page rows.
func doQuery(src Source, seq int, q model.Query, page int) resultMsg {
	sc, err := src.Screen(q, store.Page{Limit: page, Totals: true})
	return resultMsg{seq: seq, res: common.ResultMsg{Query: q, Screen: sc}, err: err}
}

// searchChanged runs the query when the search line's text changed.
func (m *Model) searchChanged() tea.Cmd {
	if v := m.search.Value(); v != m.query.Search {
		m.query.Search = v
		return m.runQuery()
	}
	return nil
}

// onData takes the messages that are neither input nor requests from a
// component: the store's answers, the timers, and components' own
// messages, which go back down to them.
func (m *Model) onData(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resultMsg:
		if msg.seq != m.seq {
			return nil // a newer query is on its way
		}
		m.loading, m.showSpin = false, false
		if msg.err != nil {
			return m.setStatus(statusError, msg.err.Error()+" (r retries)")
		}
		m.res, m.loaded = msg.res, true
		return tea.Batch(m.broadcast(msg.res), m.loadRegions())

	case regionsMsg:
		m.facets.SetRegions(msg.tree)
		return nil

	case pollMsg:
		src := m.src
		return func() tea.Msg {
			g, err := src.Generation()
			return generationMsg{g, err}
		}

	case generationMsg:
		if msg.err == nil && msg.gen != m.res.Generation && !m.loading {
			return tea.Batch(m.setStatus(statusInfo, "the store has changed: showing its new contents"), m.pollCmd(), m.runQuery())
		}
		return m.pollCmd()

	case spinner.TickMsg:
		if !m.loading {
			m.spinning, m.showSpin = false, false
			return nil
		}
		m.showSpin = true
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return cmd

	case list.ErrorMsg:
		if errors.Is(msg.Err, store.ErrNotFound) {
			// An import replaced documents since the last screen: its
			// ids are gone. Ask again rather than show an error.
			return m.runQuery()
		}
		return m.setStatus(statusError, "reading activities: "+msg.Err.Error())

	case exportdialog.WriteMsg:
		return m.exportCmd(msg)

	case editform.DoneMsg: // a correction stored: read the screen again
		return tea.Batch(m.broadcast(common.RefreshMsg{}), m.runQuery())

	case exportdialog.DoneMsg:
		if msg.Exists || msg.Err != nil {
			return m.export.Update(msg)
		}
		m.state = stateBrowse
		prefix := "Wrote " + strconv.Itoa(msg.N) + " activit" + common.Plural(msg.N, "y", "ies") + " to "
		return m.setStatus(statusOK, prefix+common.FitLeft(model.Inert(msg.Path), m.c.Width-common.Width(prefix)))

	case statusExpiredMsg:
		if msg.id == m.statusID {
			m.status = ""
		}

	default:
		return m.broadcast(msg)
	}
	return nil
}

func (m *Model) pollCmd() tea.Cmd {
	if m.opts.PollInterval < 0 {
		return nil
	}
	return tea.Tick(m.opts.PollInterval, func(time.Time) tea.Msg { return pollMsg{} })
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return m.spinner.Tick
}

// exportCmd writes what the dialog asks: the selection, or else every
// activity shown.
func (m *Model) exportCmd(w exportdialog.WriteMsg) tea.Cmd {
	var ids []uint32
	var sel common.Selection
	if len(m.selected) > 0 {
		sel = maps.Clone(m.selected)
	} else {
		ids = m.res.IDs
	}
	src, write, order := m.src, m.opts.WriteFile, m.query.Sort
	return func() tea.Msg { return writeExport(src, write, ids, sel, order, w) }
}

// writeExport is the dialog's write step: the activities ids, or those
// of sel in the list's order (they may lie outside the filters, so the
// whole store is read in that order), encoded in w.Spec's format and
// written to w.Path by writeFile. An existing file is left alone unless w.Force:
// the refusal comes from writeFile, which alone can tell it without a
// race, and the dialog then asks.
func writeExport(src Source, writeFile func(string, bool, func(io.Writer) error) error, ids []uint32, sel common.Selection, order model.Sort, w exportdialog.WriteMsg) exportdialog.DoneMsg {
	if writeFile == nil {
		return exportdialog.DoneMsg{Path: w.Path, Err: errors.New("this program cannot write files (no writer was given to the explorer)")}
	}
	if sel != nil {
		all, err := src.Screen(model.Query{Sort: order}, store.Page{})
		if err != nil {
			return exportdialog.DoneMsg{Path: w.Path, Err: err}
		}
		for _, id := range all.IDs {
			if sel.Has(id) {
				ids = append(ids, id)
			}
		}
	}
	acts, err := src.Get(ids...)
	if err == nil {
		err = writeFile(w.Path, w.Force, func(f io.Writer) error {
			return w.Spec.Write(f, export.Activities(acts), 0)
		})
	}
	if !w.Force && errors.Is(err, fs.ErrExist) {
		return exportdialog.DoneMsg{Path: w.Path, Exists: true}
	}
	if err != nil {
		return exportdialog.DoneMsg{Path: w.Path, Err: err}
	}
	return exportdialog.DoneMsg{Path: w.Path, N: len(acts)}
}
