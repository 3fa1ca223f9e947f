package main

import (
	"errors"
	"os"
	"sync"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/tui"
)

// runTUI starts the explorer.
func (a *app) runTUI(cmd *cobra.Command, _ []string) error {
	if !term.IsTerminal(os.Stdout.Fd()) || !term.IsTerminal(os.Stdin.Fd()) {
		return errors.New("the explorer needs a terminal; for scripts use unoct list, show, stats or export (see unoct --help)")
	}
	s, err := a.open()
	if err != nil {
		return err
	}
	return tui.Run(cmd.Context(), s, tui.Options{RegionOf: regionLookup()})
}

// regionLookup gives a country's M49 region for the detail's sessions
// table. The gazetteer loads on first use, in the TUI's background
// warm-up, so that the first frame does not wait for it.
func regionLookup() func(code string) string {
	var (
		once sync.Once
		geo  *ref.Geo
	)
	return func(code string) string {
		once.Do(func() { geo, _ = ref.LoadGeo() })
		if geo == nil || code == "" {
			return ""
		}
		c, ok := geo.Country(code)
		if !ok {
			return ""
		}
		return c.M49Group()
	}
}
