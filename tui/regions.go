package tui

import tea "charm.land/bubbletea/v2"

// regionsMsg brings the region tree Options.LoadRegions built.
type regionsMsg struct{ tree *RegionTree }

// loadRegions builds the region tree in the background the first time
// it is called, when the options ask for it to be loaded late (see
// Options.LoadRegions); nil every other time.
func (m *Model) loadRegions() tea.Cmd {
	load := m.opts.LoadRegions
	if load == nil || m.opts.Regions != nil {
		return nil
	}
	m.opts.LoadRegions = nil
	return func() tea.Msg { return regionsMsg{load()} }
}
