package tui

import (
	"cmp"
	"os"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

// This file holds the root model's commands: every read of the store
// runs here, off the UI loop, and comes back as a message.

// runQuery sends the current query to the store in a command.
func (m *Model) runQuery() tea.Cmd {
	m.seq++
	m.loading = true
	seq, q, st := m.seq, m.query.Clone(), m.store
	page := max(60, m.list.page()*3)
	query := func() tea.Msg { return doQuery(st, seq, q, page) }
	return tea.Batch(query, m.startSpinner())
}

// doQuery runs one query: ids, counts, the first page of rows and, for
// an empty result, what dropping each filter would give back.
func doQuery(st *store.Store, seq int, q model.Query, page int) resultMsg {
	msg := resultMsg{seq: seq, query: q}
	res, err := st.Query(q)
	if err != nil {
		msg.err = err
		return msg
	}
	msg.ids, msg.total, msg.gen = res.IDs, res.Total, res.Generation
	if msg.counts, err = st.AllCounts(q); err != nil {
		msg.err = err
		return msg
	}
	if n := min(page, len(res.IDs)); n > 0 {
		if msg.rows, err = st.Get(res.IDs[:n]...); err != nil {
			msg.err = err
			return msg
		}
	}
	if len(res.IDs) == 0 && res.Total > 0 {
		msg.widen = widen(st, q, msg.counts)
	}
	return msg
}

// widen counts what dropping each filter in turn would show.
func widen(st *store.Store, q model.Query, counts map[model.Facet][]model.FacetValue) []widening {
	var out []widening
	for _, f := range model.Facets {
		vals := q.Filters[f]
		if len(vals) == 0 {
			continue
		}
		q2 := q.Clone()
		delete(q2.Filters, f)
		res, err := st.Query(q2)
		if err != nil {
			continue
		}
		labels := make([]string, len(vals))
		for i, v := range vals {
			labels[i] = valueLabel(counts, f, v)
		}
		out = append(out, widening{filter: string(f) + " = " + strings.Join(labels, " or "), facet: f, count: len(res.IDs)})
	}
	if s := strings.TrimSpace(q.Search); s != "" {
		q2 := q.Clone()
		q2.Search = ""
		if res, err := st.Query(q2); err == nil {
			out = append(out, widening{filter: "search “" + model.Inert(s) + "”", search: true, count: len(res.IDs)})
		}
	}
	slices.SortStableFunc(out, func(a, b widening) int { return cmp.Compare(b.count, a.count) })
	return out
}

// valueLabel is how a facet value reads: a country's name, a partner's
// acronym, a pillar's numeral.
func valueLabel(counts map[model.Facet][]model.FacetValue, f model.Facet, v string) string {
	if f == model.FacetCountry {
		for _, fv := range counts[f] {
			if fv.Value == v && fv.Name != "" {
				return model.Inert(fv.Name)
			}
		}
	}
	return model.Inert(v)
}

// ensureRows fetches the rows around the list's screen that it lacks.
func (m *Model) ensureRows() tea.Cmd {
	ids := m.list.missing()
	if len(ids) == 0 {
		return nil
	}
	epoch, st := m.list.epoch, m.store
	return func() tea.Msg {
		acts, err := st.Get(ids...)
		return rowsMsg{epoch: epoch, acts: acts, ids: ids, err: err}
	}
}

// loadDetail shows an activity in the detail pane: at once when the list
// has its row and the regions of its countries are known, else from a
// command that reads it and looks the regions up.
func (m *Model) loadDetail(id uint32) tea.Cmd {
	if m.detail.has && m.detail.id == id && m.detail.err == nil {
		return nil
	}
	m.detailSeq++
	if a, ok := m.list.cache[id]; ok {
		regions, complete := m.knownRegions(a)
		m.detail.set(detailMsg{id: id, act: a, regions: regions}, m.styles)
		if complete {
			return nil
		}
	}
	seq, st, regionOf := m.detailSeq, m.store, m.opts.RegionOf
	return func() tea.Msg {
		a, err := st.Activity(id)
		if err != nil {
			return detailMsg{seq: seq, id: id, err: err}
		}
		return detailMsg{seq: seq, id: id, act: a, regions: regionsOf(a, regionOf)}
	}
}

// knownRegions returns the regions already looked up for a's sessions,
// and whether that is all of them.
func (m *Model) knownRegions(a model.Activity) (map[string]string, bool) {
	out := map[string]string{}
	complete := true
	for _, s := range a.Sessions {
		if s.Country == "" {
			continue
		}
		if r, ok := m.regions[s.Country]; ok {
			out[s.Country] = r
		} else if m.opts.RegionOf != nil {
			complete = false
		}
	}
	return out, complete
}

// followCursor keeps the wide detail on the activity under the cursor.
func (m *Model) followCursor() tea.Cmd {
	if !m.wide && !m.detailOpen {
		return nil
	}
	id, ok := m.list.current()
	if !ok {
		m.detail.has, m.detail.err = false, nil
		m.detail.render(m.styles)
		return nil
	}
	return m.loadDetail(id)
}

func (m *Model) pollCmd() tea.Cmd {
	if m.opts.PollInterval < 0 {
		return nil
	}
	return tea.Tick(m.opts.PollInterval, func(time.Time) tea.Msg { return pollMsg{} })
}

// warmCmd loads the reference tables the detail uses in the background,
// so that the first detail does not wait for them.
func (m *Model) warmCmd() tea.Cmd {
	if m.opts.RegionOf == nil {
		return nil
	}
	f := m.opts.RegionOf
	return func() tea.Msg {
		f("")
		return warmMsg{}
	}
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return m.spinner.Tick
}

// exportCmd writes the activities to export: the selection, in the
// store's order, or else every activity shown.
func (m *Model) exportCmd(force bool) tea.Cmd {
	path := m.export.target()
	format := exportFormats()[m.export.format]
	st := m.store
	var ids []uint32
	var sel map[uint32]struct{}
	if len(m.selected) > 0 {
		sel = make(map[uint32]struct{}, len(m.selected))
		for id := range m.selected {
			sel[id] = struct{}{}
		}
	} else {
		ids = m.list.ids
	}
	m.export.busy = true
	return func() tea.Msg {
		if !force {
			if _, err := os.Stat(path); err == nil {
				return exportedMsg{path: path, exists: true}
			}
		}
		if sel != nil {
			all, err := st.Query(model.Query{})
			if err != nil {
				return exportedMsg{path: path, err: err}
			}
			for _, id := range all.IDs {
				if _, ok := sel[id]; ok {
					ids = append(ids, id)
				}
			}
		}
		acts, err := st.Get(ids...)
		if err != nil {
			return exportedMsg{path: path, err: err}
		}
		if err := export.WriteFile(path, format, acts, force); err != nil {
			return exportedMsg{path: path, err: err}
		}
		return exportedMsg{path: path, n: len(acts)}
	}
}
