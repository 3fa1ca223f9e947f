package main

import (
	"fmt"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/reader/decode/text"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

func (a *app) docsCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "docs",
		Short: "List the documents in the store, with their figures",
		Long: `List the documents in the store: file, month, pages (PDFs), activities,
corrections, when imported, and the figures each document reports about
itself (its KPI boxes: individuals trained, workshops organized, Compact
entities, contributions and donors), which are not activities.

` + formatsHelp(),
		Example: `  unoct docs
  unoct docs --format json | jq '.[].facts.individuals_trained'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			spec, err := export.ParseFormat(format)
			if err != nil {
				return usageErr("%v", err)
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			docs, err := documentInfos(s)
			if err != nil {
				return err
			}
			width := 0
			if f, ok := a.out.(*os.File); ok && spec.Format == export.Table && term.IsTerminal(f.Fd()) {
				if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
					width = w
				}
			}
			if len(docs) == 0 && spec.Format == export.Table {
				fmt.Fprintf(a.err, "no documents in %s (import some with: unoct import FILE...)\n", s.Path())
				return nil
			}
			return spec.Write(a.out, export.Documents(docs), width)
		},
	}
	cmd.Flags().StringVar(&format, "format", string(export.Table), export.Names())
	return cmd
}

// documentInfos lists the stored documents as `unoct docs` and the
// explorer's documents view show them: a PDF's pages come from the page
// marks of the text the store keeps in its place.
func documentInfos(s *store.Store) ([]model.DocumentInfo, error) {
	docs, err := s.Docs()
	if err != nil {
		return nil, err
	}
	fixes, err := s.Fixes()
	if err != nil {
		return nil, err
	}
	corrections := make(map[string]int, len(docs))
	for _, f := range fixes {
		corrections[f.Document]++
	}
	out := make([]model.DocumentInfo, len(docs))
	for i, d := range docs {
		raw, err := s.Document(d.Name)
		if err != nil {
			return nil, err
		}
		out[i] = model.DocumentInfo{
			Name: d.Name, Month: d.Month, Pages: text.Pages(raw.Raw), Activities: d.Activities,
			Imported: d.Imported, Facts: d.Facts,
			Corrections: corrections[d.Name], // applied, to review or waiting
		}
	}
	return out, nil
}
