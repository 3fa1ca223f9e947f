package model

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// DocumentInfo is a stored document as `unoct docs` and the explorer's
// documents view list it: the document as a thing in the store, with
// the figures it reports about itself (its KPI boxes), apart from the
// activities read from its bullets.
type DocumentInfo struct {
	Name  string `json:"name"`
	Month string `json:"month"`
	// Pages is the number of pages of a PDF, 0 for a document without
	// pages (Markdown, text).
	Pages      int `json:"pages,omitempty"`
	Activities int `json:"activities"`
	// Corrections is how many corrections the store holds for the
	// document's activities.
	Corrections int `json:"corrections"`
	// Imported is when this version was stored; zero when unknown (a
	// document stored before the store kept the time).
	Imported time.Time `json:"imported,omitzero"`
	Facts    Facts     `json:"facts"`
}

// Figure is one figure a document reports about the office's work: "234
// individuals trained". Label reads after the value.
type Figure struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// String is the figure as a line: "234 individuals trained".
func (f Figure) String() string {
	if f.Value == "" {
		return f.Label
	}
	return f.Value + " " + f.Label
}

// Figures are the document's figures in the order its boxes give them:
// the KPIs (individuals trained, workshops organized, since when), the
// Compact's size, the contributions and donors, then every other bold
// figure by its label. The text is inert.
func (f Facts) Figures() []Figure {
	var out []Figure
	since := ""
	if f.KPISince != "" {
		since = " since " + Inert(f.KPISince)
	}
	if f.IndividualsTrained != nil {
		out = append(out, Figure{Thousands(*f.IndividualsTrained), "individuals trained" + since})
	}
	if f.WorkshopsOrganized != nil {
		out = append(out, Figure{Thousands(*f.WorkshopsOrganized), "workshops organized" + since})
	}
	if f.CompactEntities != nil {
		label := "Compact entities"
		if f.CompactMembers != nil && f.CompactObservers != nil {
			label += " (" + Thousands(*f.CompactMembers) + " members, " + Thousands(*f.CompactObservers) + " observers)"
		}
		out = append(out, Figure{Thousands(*f.CompactEntities), label})
	}
	if f.ContributionsUSD != nil {
		out = append(out, Figure{"US$" + money(*f.ContributionsUSD), "in contributions"})
	}
	if f.Donors != nil {
		out = append(out, Figure{Thousands(*f.Donors), "donors"})
	}
	if len(f.TopDonors) > 0 {
		names := make([]string, len(f.TopDonors))
		for i, d := range f.TopDonors {
			names[i] = Inert(d)
		}
		out = append(out, Figure{"", "top donors: " + strings.Join(names, ", ")})
	}
	labels := make([]string, 0, len(f.Other))
	for l := range f.Other {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	for _, l := range labels {
		out = append(out, Figure{strconv.FormatFloat(f.Other[l], 'f', -1, 64), Inert(l)})
	}
	return out
}

// Headline is the document's first two figures in brief, for a column
// of a table: "234 trained · 11 workshops".
func (f Facts) Headline() string {
	var parts []string
	if f.IndividualsTrained != nil {
		parts = append(parts, Thousands(*f.IndividualsTrained)+" trained")
	}
	if f.WorkshopsOrganized != nil {
		parts = append(parts, Thousands(*f.WorkshopsOrganized)+" workshops")
	}
	if f.CompactEntities != nil {
		parts = append(parts, Thousands(*f.CompactEntities)+" Compact entities")
	}
	if f.Donors != nil {
		parts = append(parts, Thousands(*f.Donors)+" donors")
	}
	return strings.Join(parts, " · ")
}

// money writes an amount of dollars in millions where it is one:
// "246.2 million".
func money(v float64) string {
	if v >= 1e6 {
		return strconv.FormatFloat(v/1e6, 'f', -1, 64) + " million"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
