package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// runTUI starts the explorer.
func (a *app) runTUI(cmd *cobra.Command, _ []string) error {
	s, err := a.open()
	if err != nil {
		return err
	}
	_ = s
	fmt.Fprintln(a.err, "The explorer is not built yet. Try: unoct list (and unoct --help).")
	return nil
}
