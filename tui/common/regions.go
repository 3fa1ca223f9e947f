package common

// RegionTree is how the region facet's values nest, for the facet pane
// to show them as a tree: UN M49 regions, their sub-regions and
// intermediate regions, the countries in each, and the policy regions.
// The program builds it from its reference tables and hands it in
// (tui.Options.Regions): the TUI reads no tables itself.
type RegionTree struct {
	// Parent is the grouping an M49 grouping is in ("Western Africa" →
	// "Sub-Saharan Africa" → "Africa"); a top-level region has none.
	Parent map[string]string
	// Country is the most specific M49 grouping of a country, by its
	// ISO alpha-2 code ("ML" → "Western Africa").
	Country map[string]string
	// Policy names the policy regions ("Sahel", "West Africa"), listed
	// apart from M49's.
	Policy []string
}
