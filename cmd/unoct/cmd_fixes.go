package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// fixesFile is the file `unoct fixes export` writes and `unoct fixes
// import` reads: JSON, to be read and edited by hand, with its own
// description at the top. Each correction names its activity by document
// and bullet text, since ids differ from one store to another.
type fixesFile struct {
	About       string             `json:"about"`
	Format      string             `json:"format"`
	Corrections []model.Correction `json:"corrections"`
}

const (
	fixesFormat = "unoct-corrections/1"
	fixesAbout  = "Corrections of activities the unoct reader got wrong. Apply them to a store with `unoct fixes import FILE`. " +
		"Each names its activity by document and the bullet's text (not its id or line). Fields: kind, branch and participants replace " +
		"the reader's value; pillars, partners, people and countries are list edits ({\"add\": [...], \"remove\": [...]}, or \"set\": true " +
		"to replace the list with add); sessions replace the reader's; not_activity leaves the bullet out of every list."
)

func (a *app) fixesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "fixes",
		Short: "List corrections; export them to a file, import a colleague's",
		Long: `List the corrections made with 'unoct fix' (or in the explorer): each
activity, its document, the fields corrected. A correction is flagged
"review" when its bullet's text changed since it was made (a new version
of the document): it is still applied, and 'unoct fix ID' again confirms
it; "waiting" when no stored activity has its text (its document removed
or not imported yet): it applies when one comes.

'unoct fixes export -o FILE' writes every correction to a JSON file a
colleague applies to their own store with 'unoct fixes import FILE'.`,
		Example: `  unoct fixes
  unoct fixes export -o corrections.json
  unoct fixes import corrections.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open()
			if err != nil {
				return err
			}
			fixes, err := s.Fixes()
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.out)
				enc.SetIndent("", "  ")
				if fixes == nil {
					fixes = []store.Fix{}
				}
				return enc.Encode(fixes)
			}
			if len(fixes) == 0 {
				fmt.Fprintln(a.err, "no corrections (make one with unoct fix ID)")
				return nil
			}
			review := 0
			for _, f := range fixes {
				id := fmt.Sprintf("%d", f.ID)
				if f.State == store.FixWaiting {
					id = "–"
				}
				state := ""
				switch f.State {
				case store.FixReview:
					state, review = "  [review: the text changed]", review+1
				case store.FixWaiting:
					state = "  [waiting: no activity has this text]"
				}
				fmt.Fprintf(a.out, "%-6s %s  %s%s\n", id, model.Inert(f.Document), strings.Join(f.Fields(), ", "), state)
				fmt.Fprintf(a.out, "       %s\n", headline(f.Text, 100))
				if f.Now != "" {
					fmt.Fprintf(a.out, "       now: %s\n", headline(f.Now, 100))
				}
			}
			fmt.Fprintf(a.err, "%s, %d to review\n", plural(len(fixes), "correction", "corrections"), review)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the corrections as JSON")
	cmd.AddCommand(a.fixesExportCmd(), a.fixesImportCmd())
	return cmd
}

func headline(text string, n int) string {
	act := model.Activity{Text: text}
	return act.Headline(n)
}

func (a *app) fixesExportCmd() *cobra.Command {
	var output string
	var force bool
	cmd := &cobra.Command{
		Use:   "export -o FILE",
		Short: "Write every correction to a file a colleague can import",
		Long: `Write every correction to a JSON file (described at its top) that
'unoct fixes import FILE' applies to another store. Corrections name
their activities by document and text, so they apply wherever the same
documents are imported.`,
		Example: "  unoct fixes export -o corrections.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output == "" {
				return usageErr("-o FILE is required")
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			fixes, err := s.Fixes()
			if err != nil {
				return err
			}
			f := fixesFile{About: fixesAbout, Format: fixesFormat, Corrections: []model.Correction{}}
			for _, x := range fixes {
				c := x.Correction
				c.ID = 0
				f.Corrections = append(f.Corrections, c)
			}
			err = a.writeFile(output, force, func(w io.Writer) error {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(f)
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.err, "wrote %s to %s\n", plural(len(f.Corrections), "correction", "corrections"), model.Inert(output))
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "the file to write")
	cmd.Flags().BoolVar(&force, "force", false, "replace the file if it exists")
	return cmd
}

func (a *app) fixesImportCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Apply corrections from a file 'unoct fixes export' wrote",
		Long: `Apply the corrections of a file 'unoct fixes export' wrote (in this
store or another). Each is matched to an activity by its document and
text; it replaces the correction that activity had. One whose activity
is not in the store waits for its document to be imported. A file that
is not a corrections file is refused whole, saying where and why.`,
		Example: "  unoct fixes import corrections.json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cs, err := readFixes(args[0])
			if err != nil {
				return &statusError{exitUsage, err}
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			res, err := s.ApplyFixes(cs)
			if errors.Is(err, store.ErrInvalid) {
				return &statusError{exitUsage, fmt.Errorf("%s: %w", model.Inert(args[0]), err)}
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.out, "%d applied, %d waiting for their document\n", res.Applied, res.Waiting)
			return nil
		},
	}
}

// readFixes reads and checks a corrections file.
func readFixes(path string) ([]model.Correction, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", model.Inert(path), unwrapPath(err))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f fixesFile
	if err := dec.Decode(&f); err != nil {
		line := 1 + bytes.Count(raw[:min(int(dec.InputOffset()), len(raw))], []byte("\n"))
		return nil, fmt.Errorf("%s:%d: not a corrections file: %s (write one with unoct fixes export)", model.Inert(path), line, model.Inert(err.Error()))
	}
	if f.Format != fixesFormat {
		return nil, fmt.Errorf("%s: format %q is not %q (write one with unoct fixes export)", model.Inert(path), model.Inert(f.Format), fixesFormat)
	}
	for i, c := range f.Corrections {
		if err := c.Check(); err != nil {
			return nil, fmt.Errorf("%s: correction %d: %s", model.Inert(path), i+1, model.Inert(err.Error()))
		}
	}
	return f.Corrections, nil
}
