package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui"
)

// tuiFlags declares the explorer's own flags on the command that runs
// it.
func tuiFlags(cmd *cobra.Command) {
	cmd.Flags().String("theme", "", "the explorer's palette: light, dark or auto (default $UNOCT_THEME, else auto: ask the terminal)")
}

// runTUI starts the explorer.
func (a *app) runTUI(cmd *cobra.Command, _ []string) error {
	dark, err := theme(cmd)
	if err != nil {
		return &statusError{exitUsage, err}
	}
	if !term.IsTerminal(os.Stdout.Fd()) || !term.IsTerminal(os.Stdin.Fd()) {
		return errors.New("the explorer needs a terminal; for scripts use unoct list, show, stats or export (see unoct --help)")
	}
	a.explorer = true
	s, err := a.open()
	if err != nil {
		return err
	}
	opts := tui.Options{
		WriteFile: a.writeFile,
		Dark:      dark,
		// The tables take a tenth of a second to load: the explorer
		// asks for them once its first frame is drawn.
		LoadRegions: loadRegionTree,
		Documents:   func() ([]model.DocumentInfo, error) { return documentInfos(s) },
		Views:       tuiViews{a.viewsFile(), s},
		SaveState:   func(st tui.State) { a.saveState(s.Path(), st) },
	}
	if !a.fresh {
		opts.Resume = loadState(s.Path())
	}
	return tui.Run(cmd.Context(), s, opts)
}

// theme reads --theme, else $UNOCT_THEME: light or dark force the
// palette, for terminals that do not say what their background is (or
// say it wrong); auto or nothing asks the terminal.
func theme(cmd *cobra.Command) (*bool, error) {
	v, from := os.Getenv("UNOCT_THEME"), "$UNOCT_THEME"
	if f := cmd.Flags().Lookup("theme"); f != nil && f.Changed {
		v, from = f.Value.String(), "--theme"
	}
	dark := true
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "auto":
		return nil, nil
	case "dark":
		return &dark, nil
	case "light":
		dark = false
		return &dark, nil
	}
	return nil, fmt.Errorf("%s %q: want light, dark or auto", from, v)
}

// loadRegionTree reads the reference tables for the region tree; nil
// when they do not load, and the region facet lists its values flat.
func loadRegionTree() *tui.RegionTree {
	geo, err := ref.LoadGeo()
	if err != nil {
		return nil
	}
	return regionTree(geo)
}

// regionTree is how the M49 groupings nest, where each country sits in
// them, and the policy regions, for the region facet's tree.
func regionTree(geo *ref.Geo) *tui.RegionTree {
	t := &tui.RegionTree{Parent: map[string]string{}, Country: map[string]string{}}
	for _, c := range geo.Countries() {
		if c.SubRegion != "" && c.Region != "" {
			t.Parent[c.SubRegion] = c.Region
		}
		if c.Intermediate != "" {
			t.Parent[c.Intermediate] = cmp.Or(c.SubRegion, c.Region)
		}
		if g := c.M49Group(); g != "" {
			t.Country[c.Code] = g
		}
	}
	for _, pr := range geo.PolicyRegions() {
		t.Policy = append(t.Policy, pr.Name)
	}
	return t
}
