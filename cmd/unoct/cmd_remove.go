package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

func (a *app) removeCmd() *cobra.Command {
	var yes, forget bool
	cmd := &cobra.Command{
		Use:   "remove DOC",
		Short: "Remove a document and its activities from the store",
		Long: `Remove a document and its activities from the store. DOC is the document's
name as unoct docs lists it, or its month when one document has it.

On a terminal unoct asks before removing; elsewhere (a script) give --yes.
A document unoct ships with (the sample) can be removed too: it does not
come back, even when the store is left empty. Import it again to have it
back.

The document's corrections are kept: they wait for it, and apply again
when it (or a bullet with their text) is imported. --forget-corrections
deletes them too.`,
		Example: `  unoct remove 2020-02.md
  unoct remove 2020-02 --yes
  unoct remove 2020-02.md --yes --forget-corrections`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return a.completeDocs(args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open()
			if err != nil {
				return err
			}
			doc, err := findDoc(s, args[0])
			if err != nil {
				return err
			}
			what := fmt.Sprintf("%s (%s, %s)", model.Inert(doc.Name), doc.Month, plural(doc.Activities, "activity", "activities"))
			if !yes {
				f, ok := a.in.(*os.File)
				if !ok || !term.IsTerminal(f.Fd()) {
					return usageErr("remove %s: give --yes to remove without asking (standard input is not a terminal)", what)
				}
				fmt.Fprintf(a.err, "Remove %s from %s? [y/N] ", what, s.Path())
				answer, _ := bufio.NewReader(a.in).ReadString('\n')
				if ans := strings.ToLower(strings.TrimSpace(answer)); ans != "y" && ans != "yes" {
					fmt.Fprintln(a.err, "nothing removed")
					return nil
				}
			}
			// Corrections first: DropFixes gives their activities back to
			// the reader, which the removal then takes away. A failed
			// removal after it leaves the document, uncorrected.
			dropped := 0
			if forget {
				if dropped, err = s.DropFixes(doc.Name); err != nil {
					return err
				}
			}
			gone, err := s.RemoveDocument(doc.Name)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.err, "removed %s (%s, %s)\n", model.Inert(gone.Name), gone.Month, plural(gone.Activities, "activity", "activities"))
			switch kept, err := keptFixes(s, doc.Name); {
			case err != nil:
				return err
			case forget:
				fmt.Fprintf(a.err, "%s forgotten\n", plural(dropped, "correction", "corrections"))
			case kept > 0:
				fmt.Fprintf(a.err, "%s kept: they apply again when %s is imported (unoct fixes lists them)\n",
					plural(kept, "correction", "corrections"), model.Inert(doc.Name))
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "remove without asking")
	cmd.Flags().BoolVar(&forget, "forget-corrections", false, "delete the document's corrections too (kept by default)")
	return cmd
}

// findDoc finds a stored document by its name, else by its month when
// one document alone has it. Neither is a usage error that says where
// the names are.
func findDoc(s *store.Store, arg string) (store.DocInfo, error) {
	docs, err := s.Docs()
	if err != nil {
		return store.DocInfo{}, err
	}
	var byMonth []store.DocInfo
	for _, d := range docs {
		if d.Name == arg {
			return d, nil
		}
		if d.Month == arg {
			byMonth = append(byMonth, d)
		}
	}
	switch len(byMonth) {
	case 1:
		return byMonth[0], nil
	case 0:
		return store.DocInfo{}, usageErr("no document %q in %s (see the names with: unoct docs)", model.Inert(arg), s.Path())
	}
	names := make([]string, len(byMonth))
	for i, d := range byMonth {
		names[i] = model.Inert(d.Name)
	}
	return store.DocInfo{}, usageErr("%d documents have the month %s (%s): name one", len(byMonth), arg, strings.Join(names, ", "))
}

// completeDocs completes a document name from the store, without
// creating it or waiting on its lock.
func (a *app) completeDocs(args []string) ([]cobra.Completion, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp
	if len(args) > 0 {
		return nil, directive
	}
	s, err := a.peek()
	if err != nil {
		return nil, directive
	}
	docs, err := s.Docs()
	if err != nil {
		return nil, directive
	}
	var out []cobra.Completion
	for _, d := range docs {
		if model.Inert(d.Name) == d.Name {
			out = append(out, cobra.CompletionWithDesc(d.Name, d.Month))
		}
	}
	return out, directive
}

// peek opens the store for completion: never creating it, waiting
// briefly on its lock, and without seeding or re-deriving it.
func (a *app) peek() (*store.Store, error) {
	path := a.storePath()
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
		return nil, errors.New("no store yet")
	}
	return store.Open(path, store.Options{LockTimeout: 300 * time.Millisecond})
}

// keptFixes is how many corrections the store keeps for document doc.
func keptFixes(s *store.Store, doc string) (int, error) {
	fixes, err := s.Fixes()
	n := 0
	for _, f := range fixes {
		if f.Document == doc {
			n++
		}
	}
	return n, err
}
