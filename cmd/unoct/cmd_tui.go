package main

import (
	"errors"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
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
	opts := tui.Options{
		WriteFile: a.writeFile,
		Documents: func() ([]model.DocumentInfo, error) { return documentInfos(s) },
		Views:     tuiViews{a.viewsFile(), s},
		SaveState: func(st tui.State) { a.saveState(s.Path(), st) },
	}
	if !a.fresh {
		opts.Resume = loadState(s.Path())
	}
	return tui.Run(cmd.Context(), s, opts)
}
