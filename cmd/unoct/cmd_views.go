package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/views"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// viewsFile is the saved views file: $XDG_CONFIG_HOME/unoct/views.toml,
// beside the user's other configuration, so that it can be kept in git
// and shared.
func (a *app) viewsFile() *views.File { return viewsAt() }

func viewsAt() *views.File { return views.New(filepath.Join(xdg.ConfigHome, "unoct", "views.toml")) }

// viewErr makes a view the file lacks a usage error (exit status 2),
// as an unknown flag value is.
func viewErr(err error) error {
	if errors.Is(err, views.ErrNotFound) || errors.Is(err, views.ErrExists) {
		return &statusError{exitUsage, err}
	}
	return err
}

// withView is q (the command line's filters) added to the saved view
// named name: a facet's values from both are alternatives, the search
// words of both must appear, and --since/--until replace the view's.
func withView(s *store.Store, name string, q model.Query) (model.Query, error) {
	v, err := viewsAt().Get(name)
	if err != nil {
		return q, viewErr(err)
	}
	base, err := viewQuery(s, v)
	if err != nil {
		return q, err
	}
	for f, vals := range q.Filters {
		if f == model.FacetDay {
			base.Filters[f] = vals
			continue
		}
		base.Filters[f] = append(base.Filters[f], vals...)
	}
	base.Search = strings.TrimSpace(base.Search + " " + q.Search)
	if q.Sort != (model.Sort{}) {
		base.Sort = q.Sort // --sort given with --view wins over the view's
	}
	return base, nil
}

// viewQuery resolves a saved view into a query as the command line's
// flags are resolved (see filterFlags.query): a value the store does not
// know is a usage error that names the view, as is a sort it does not know.
func viewQuery(s *store.Store, v model.View) (model.Query, error) {
	q := model.Query{Filters: map[model.Facet][]string{}, Search: v.Search}
	for _, f := range v.Facets() {
		d, ok := model.Def(f)
		if !ok || d.Hidden {
			return q, usageErr("view %q: %q is not a filter", model.Inert(v.Name), model.Inert(string(f)))
		}
		for _, raw := range v.Filters[f] {
			vals, err := parseFilter(d, raw, s.Resolve)
			if err != nil {
				return q, fmt.Errorf("view %q: %w", model.Inert(v.Name), err)
			}
			q.Filters[f] = append(q.Filters[f], vals...)
		}
	}
	if v.Since != "" || v.Until != "" {
		since, until, err := dayRange(v.Since, v.Until)
		if err != nil {
			return q, fmt.Errorf("view %q: %w", model.Inert(v.Name), err)
		}
		q.Filters[model.FacetDay] = []string{model.DayRange(since, until)}
	}
	if err := v.ApplySort(&q); err != nil {
		return q, usageErr("%v", err)
	}
	return q, nil
}

// tuiViews is the saved views as the explorer's views dialog reaches
// them: the file, and the store to resolve a view's values against.
type tuiViews struct {
	*views.File
	s *store.Store
}

// Query implements viewsdialog.Store.
func (t tuiViews) Query(v model.View) (model.Query, error) { return viewQuery(t.s, v) }

func (a *app) viewsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "views",
		Short: "List, save, rename and delete saved views",
		Long: `A saved view is a name for filters and a search (and a sort and the list's
columns). Use one with --view NAME on list, stats and export, or open it
with v in the explorer; flags given beside --view add to its filters.

Views are kept in $XDG_CONFIG_HOME/unoct/views.toml (usually
~/.config/unoct/views.toml), a small TOML file you can edit by hand,
share and keep in git; its first lines say how it reads.

Run alone, views lists the views.`,
		Example: `  unoct views save border-wa --pillar IV --region "Western Africa" --search border
  unoct list --view border-wa
  unoct stats --by country --view border-wa --month 2020
  unoct views rename border-wa border
  unoct views delete border`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			f := a.viewsFile()
			all, err := f.List()
			if err != nil {
				return err
			}
			if len(all) == 0 {
				fmt.Fprintf(a.err, "no saved views in %s (save one with: unoct views save NAME [filters])\n", f.Path())
				return nil
			}
			w := 0
			for _, v := range all {
				w = max(w, len([]rune(model.Inert(v.Name))))
			}
			for _, v := range all {
				name := model.Inert(v.Name)
				fmt.Fprintf(a.out, "%s%s  %s\n", name, strings.Repeat(" ", w-len([]rune(name))), v.Describe())
			}
			return nil
		},
	}
	cmd.AddCommand(a.viewsSaveCmd(), a.viewsRenameCmd(), a.viewsDeleteCmd())
	return cmd
}

func (a *app) viewsSaveCmd() *cobra.Command {
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "save NAME [filters]",
		Short: "Save the filters as a view (replacing a view of that name)",
		Long: `Save the filters given (the flags of unoct list) as a view named NAME,
in place of a view of that name if there is one. Values are kept as
typed, so "--month 2021" stays the year 2021; they are checked against
the store first. With --view, the other view's filters are copied and the
flags add to them.`,
		Example: `  unoct views save border-wa --pillar IV --region "Western Africa" --search border
  unoct views save mali-2020 --country Mali --since 2020-01-01 --until 2020-12-31 --sort -participants`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			name := args[0]
			if err := model.CheckViewName(name); err != nil {
				return usageErr("%v", err)
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			if _, err := ff.query(s); err != nil {
				return err // a value the store does not know
			}
			f := a.viewsFile()
			v := model.View{Filters: map[model.Facet][]string{}}
			if ff.view != "" {
				if v, err = f.Get(ff.view); err != nil {
					return viewErr(err)
				}
			}
			v.Name = name
			for fc, vals := range ff.values {
				v.Filters[fc] = append(v.Filters[fc], *vals...)
			}
			v.Search = strings.TrimSpace(v.Search + " " + ff.search)
			if ff.since != "" || ff.until != "" {
				v.Since, v.Until = ff.since, ff.until
			}
			if ff.sort != "" {
				v.Sort = ff.sort // checked by ff.query
			}
			if err := f.Save(v); err != nil {
				return err
			}
			fmt.Fprintf(a.err, "saved view %s: %s (in %s)\n", model.Inert(name), v.Describe(), f.Path())
			return nil
		},
	}
	ff.register(cmd)
	return cmd
}

func (a *app) viewsRenameCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "rename OLD NEW",
		Short:             "Rename a saved view",
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completeViewArg,
		RunE: func(_ *cobra.Command, args []string) error {
			if err := model.CheckViewName(args[1]); err != nil {
				return usageErr("%v", err)
			}
			if err := a.viewsFile().Rename(args[0], args[1]); err != nil {
				return viewErr(err)
			}
			fmt.Fprintf(a.err, "renamed view %s to %s\n", model.Inert(args[0]), model.Inert(args[1]))
			return nil
		},
	}
}

func (a *app) viewsDeleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "delete NAME",
		Aliases:           []string{"rm"},
		Short:             "Delete a saved view",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeViewArg,
		RunE: func(_ *cobra.Command, args []string) error {
			if err := a.viewsFile().Delete(args[0]); err != nil {
				return viewErr(err)
			}
			fmt.Fprintf(a.err, "deleted view %s\n", model.Inert(args[0]))
			return nil
		},
	}
}

// completeViewArg completes the first argument with the saved views'
// names.
func (a *app) completeViewArg(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return a.completeViewNames(nil, nil, "")
}

// completeViewNames completes a view's name, described by its filters;
// an unreadable file completes nothing.
func (a *app) completeViewNames(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	all, err := a.viewsFile().List()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, v := range all {
		if model.Inert(v.Name) == v.Name && !strings.ContainsAny(v.Name, "\t\n") {
			out = append(out, cobra.CompletionWithDesc(v.Name, v.Describe()))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeViews gives every --view flag of cmd and its subcommands
// completion of the saved views' names.
func (a *app) completeViews(cmd *cobra.Command) {
	if fl := cmd.Flags().Lookup("view"); fl != nil {
		_ = cmd.RegisterFlagCompletionFunc("view", a.completeViewNames)
	}
	for _, c := range cmd.Commands() {
		a.completeViews(c)
	}
}
