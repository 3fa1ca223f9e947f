package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

func (a *app) changesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "changes [DOC]",
		Short: "What each new version of a document, or a new reader, changed",
		Long: `Show what each new version of a document (an import of the same file
name with other content) and each new reading of it (a new unoct whose
reader reads it otherwise) changed: the activities added, removed, and
changed, with the fields that changed. Corrections are left out: this
is what the reader read. With DOC (a document name, as 'unoct list
--document' takes it), that document's alone.`,
		Example: `  unoct changes
  unoct changes 2020-06.md`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open()
			if err != nil {
				return err
			}
			doc := ""
			if len(args) == 1 {
				doc = args[0]
			}
			changes, err := s.Changes(doc)
			if err != nil {
				return err
			}
			if doc != "" && len(changes) == 0 {
				// A removed document keeps its record of changes; a
				// name neither has is a typing slip.
				if _, err := s.Document(doc); errors.Is(err, store.ErrNotFound) {
					return usageErr("no document %q in %s (unoct list --format json shows the documents' names)", model.Inert(doc), s.Path())
				}
			}
			if asJSON {
				if changes == nil {
					changes = []store.Change{}
				}
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				return enc.Encode(changes)
			}
			if len(changes) == 0 {
				fmt.Fprintln(a.err, "no changes recorded: no document was imported again or read again with other results")
				return nil
			}
			for i, c := range changes {
				if i > 0 {
					fmt.Fprintln(a.out)
				}
				writeChange(a, &c)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the changes as JSON")
	return cmd
}

func writeChange(a *app, c *store.Change) {
	when := c.At
	if t, err := time.Parse(time.RFC3339, c.At); err == nil {
		when = t.UTC().Format("2006-01-02 15:04 UTC")
	}
	cause := "new version"
	if c.Cause != "import" {
		cause = model.Inert(c.Cause)
	}
	fmt.Fprintf(a.out, "%s  %s  %s: %s\n", model.Inert(c.Document), when, cause, c.Summary())
	for _, x := range c.Added {
		fmt.Fprintf(a.out, "  + %-5d %s\n", x.ID, headline(x.Text, 90))
	}
	for _, x := range c.Removed {
		fmt.Fprintf(a.out, "  - %-5d %s\n", x.ID, headline(x.Text, 90))
	}
	for _, x := range c.Changed {
		fmt.Fprintf(a.out, "  ~ %-5d %s\n          changed: %s\n", x.ID, headline(x.Text, 90), strings.Join(x.Fields, ", "))
	}
}

// changeLine is the one line an import or a re-derivation prints for a
// document whose activities it changed.
func changeLine(c *store.Change) string {
	return model.Inert(c.Document) + ": " + c.Summary()
}
