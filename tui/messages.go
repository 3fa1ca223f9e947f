package tui

import (
	"github.com/unoct/unoct/model"
)

// resultMsg carries the answer to query number seq: the matching ids,
// the facet counts, the first rows, and, when nothing matched, what each
// filter alone would give back. Results older than the last query sent
// are dropped.
type resultMsg struct {
	seq    int
	query  model.Query
	ids    []uint32
	total  int
	gen    uint64
	counts map[model.Facet][]model.FacetValue
	rows   []model.Activity
	widen  []widening
	err    error
}

// widening says how many activities dropping one filter would show.
type widening struct {
	filter string // "country=ML" or `search "xyz"`, as the header shows it
	facet  model.Facet
	search bool // the search, not a facet
	count  int
}

// rowsMsg carries activity rows the list asked for; epoch names the cache
// they were asked for, so rows from before a reload are dropped.
type rowsMsg struct {
	epoch int
	acts  []model.Activity
	ids   []uint32
	err   error
}

// detailMsg carries the activity the detail pane asked for (request seq),
// with the M49 region of each of its sessions' countries.
type detailMsg struct {
	seq     int
	id      uint32
	act     model.Activity
	regions map[string]string
	err     error
}

// pollMsg is the store-generation timer firing.
type pollMsg struct{}

// generationMsg carries the store's generation read by a poll.
type generationMsg struct {
	gen uint64
	err error
}

// exportedMsg reports an export: how many activities went to which file,
// or that the file exists and needs confirmation, or an error.
type exportedMsg struct {
	path   string
	n      int
	exists bool
	err    error
}

// warmMsg reports that the background warm-up (reference tables for the
// detail) finished; it carries nothing the model needs.
type warmMsg struct{}

// toggleFacetMsg asks the root to add or remove a value of a facet.
type toggleFacetMsg struct {
	facet model.Facet
	value string
}

// listOpenMsg asks the root to show the detail of an activity.
type listOpenMsg struct{ id uint32 }

// listSelectMsg asks the root to select or unselect an activity.
type listSelectMsg struct{ id uint32 }

// detailSelectMsg asks the root to select or unselect the shown activity.
type detailSelectMsg struct{ id uint32 }

// detailBackMsg asks the root to return to the list.
type detailBackMsg struct{}

// statsCloseMsg asks the root to close the stats view.
type statsCloseMsg struct{}
