package store_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// exampleActivities are two activities of a February 2020 document.
func exampleActivities() []model.Activity {
	return []model.Activity{
		{
			Text:      "UNCCT and UNODC held a border security workshop in Niamey",
			Kind:      model.KindWorkshop,
			Branch:    model.BranchUNCCT,
			Pillars:   []model.PillarMatch{{Pillar: model.PillarII}},
			Partners:  []model.Entity{{Acronym: "UNODC", Name: "United Nations Office on Drugs and Crime"}},
			Countries: []model.CountryRef{{Code: "NE", Name: "Niger"}},
			Regions:   []string{"Western Africa"},
			Sessions:  []model.Session{{Start: "2020-02-18", End: "2020-02-20", City: "Niamey", Country: "NE"}},
			Source:    model.Source{Line: 42},
		},
		{
			Text:     "Briefing to Member States on victims of terrorism",
			Kind:     model.KindBriefing,
			Branch:   model.BranchOUSG,
			Pillars:  []model.PillarMatch{{Pillar: model.PillarIV}},
			Regions:  []string{model.RegionGlobal},
			Sessions: []model.Session{{Start: "2020-02-04", End: "2020-02-04", Place: "New York"}},
			Source:   model.Source{Line: 17},
		},
	}
}

func ExampleStore_Import() {
	dir, _ := os.MkdirTemp("", "unoct-example-")
	defer os.RemoveAll(dir)
	s, err := store.Open(filepath.Join(dir, "unoct.db"), store.Options{ReaderVersion: "1"})
	if err != nil {
		log.Fatal(err)
	}
	doc := model.Document{Name: "highlights-2020-02.md", Month: "2020-02", Raw: []byte("# February 2020 ...")}
	for range 2 {
		res, err := s.Import(doc, exampleActivities())
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %s: %s, %d activities\n", res.Document, res.Month, res.Status, res.Activities)
	}
	// Output:
	// highlights-2020-02.md 2020-02: added, 2 activities
	// highlights-2020-02.md 2020-02: unchanged, 2 activities
}

func ExampleStore_Query() {
	dir, _ := os.MkdirTemp("", "unoct-example-")
	defer os.RemoveAll(dir)
	s, err := store.Open(filepath.Join(dir, "unoct.db"), store.Options{ReaderVersion: "1"})
	if err != nil {
		log.Fatal(err)
	}
	doc := model.Document{Name: "highlights-2020-02.md", Month: "2020-02", Raw: []byte("# February 2020 ...")}
	if _, err := s.Import(doc, exampleActivities()); err != nil {
		log.Fatal(err)
	}

	// Everything, by date: the briefing of the 4th comes first.
	res, _ := s.Query(model.Query{})
	acts, _ := s.Get(res.IDs...)
	for _, a := range acts {
		fmt.Println(a.Start(), a.Kind)
	}

	// A filter typed by a user, resolved to the stored value, and a search.
	country, ok, _ := s.Resolve(model.FacetCountry, "niger")
	q := model.Query{Filters: map[model.Facet][]string{model.FacetCountry: {country}}, Search: "secur"}
	res, _ = s.Query(q)
	fmt.Println(country, ok, len(res.IDs), "of", res.Total)

	// Counts per pillar under the same filters.
	pillars, _ := s.Counts(model.Query{Search: "secur"}, model.FacetPillar)
	fmt.Println(pillars)
	// Output:
	// 2020-02-04 briefing
	// 2020-02-18 workshop
	// NE true 1 of 2
	// [{II  1}]
}

func ExampleStore_Values() {
	dir, _ := os.MkdirTemp("", "unoct-example-")
	defer os.RemoveAll(dir)
	s, err := store.Open(filepath.Join(dir, "unoct.db"), store.Options{ReaderVersion: "1"})
	if err != nil {
		log.Fatal(err)
	}
	doc := model.Document{Name: "highlights-2020-02.md", Month: "2020-02", Raw: []byte("# February 2020 ...")}
	if _, err := s.Import(doc, exampleActivities()); err != nil {
		log.Fatal(err)
	}
	partners, _ := s.Values(model.FacetPartner)
	for _, v := range partners {
		fmt.Printf("%s (%s): %d\n", v.Value, v.Name, v.Count)
	}
	// Output:
	// UNODC (United Nations Office on Drugs and Crime): 1
}
