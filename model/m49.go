package model

// The UN M49 groupings as the Statistics Division numbers them
// ("Standard country or area codes for statistical use (M49)",
// https://unstats.un.org/unsd/methodology/m49/): the five regions, their
// sub-regions and intermediate regions, under the names the reference
// table of countries gives them (data/ref/countries.tsv, whose test
// checks that every grouping there has its code here). The codes are
// the standard's, fixed; they let a filter name a grouping as
// statistical tables do ("--region 011" for Western Africa).

// M49Grouping is one M49 region, sub-region or intermediate region.
type M49Grouping struct {
	Code  string // three digits, as M49 writes them: "011"
	Name  string // "Western Africa"
	Level string // AreaM49Region, AreaM49SubRegion or AreaM49Intermediate
}

// M49Groupings lists every M49 grouping the reference tables use, the
// regions first, each level in the standard's order.
func M49Groupings() []M49Grouping {
	const r, s, i = AreaM49Region, AreaM49SubRegion, AreaM49Intermediate
	return []M49Grouping{
		{"002", "Africa", r}, {"019", "Americas", r}, {"142", "Asia", r}, {"150", "Europe", r}, {"009", "Oceania", r},

		{"015", "Northern Africa", s}, {"202", "Sub-Saharan Africa", s},
		{"419", "Latin America and the Caribbean", s}, {"021", "Northern America", s},
		{"143", "Central Asia", s}, {"030", "Eastern Asia", s}, {"035", "South-eastern Asia", s},
		{"034", "Southern Asia", s}, {"145", "Western Asia", s},
		{"151", "Eastern Europe", s}, {"154", "Northern Europe", s}, {"039", "Southern Europe", s}, {"155", "Western Europe", s},
		{"053", "Australia and New Zealand", s}, {"054", "Melanesia", s}, {"057", "Micronesia", s}, {"061", "Polynesia", s},

		{"014", "Eastern Africa", i}, {"017", "Middle Africa", i}, {"018", "Southern Africa", i}, {"011", "Western Africa", i},
		{"029", "Caribbean", i}, {"013", "Central America", i}, {"005", "South America", i},
		{"830", "Channel Islands", i},
	}
}

// M49ByCode returns the grouping M49 numbers code ("011"), or false.
func M49ByCode(code string) (M49Grouping, bool) {
	for _, g := range M49Groupings() {
		if g.Code == code {
			return g, true
		}
	}
	return M49Grouping{}, false
}

// M49ByName returns the grouping named name, as the reference tables
// spell it ("Western Africa"), or false: a policy region, say.
func M49ByName(name string) (M49Grouping, bool) {
	for _, g := range M49Groupings() {
		if g.Name == name {
			return g, true
		}
	}
	return M49Grouping{}, false
}

// parseRegion reads an M49 code ("002", "202", "011") as the grouping
// it numbers, whether or not an activity is in it yet; names are left
// to the store, which knows the policy regions too.
func parseRegion(input string) ([]string, bool) {
	if g, ok := M49ByCode(input); ok {
		return []string{g.Name}, true
	}
	return nil, false
}
