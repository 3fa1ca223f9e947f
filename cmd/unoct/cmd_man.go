package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func (a *app) manCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "man [COMMAND]",
		Short: "Write unoct's manual pages (man format)",
		Long: `Write the manual page of unoct, or of one of its commands, to standard
output; with --dir, write a page for unoct and for every command into
that folder (unoct.1, unoct-list.1, ...), made if missing. The pages are
made from the same text as --help.

The date in the pages is today's, or $SOURCE_DATE_EPOCH's for a
reproducible build.`,
		Example: `  unoct man | man -l -
  unoct man list | man -l -
  unoct man --dir ~/.local/share/man/man1`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			header := &doc.GenManHeader{Section: "1", Manual: "unoct manual", Source: "unoct " + moduleVersion(debug.ReadBuildInfo)}
			if dir != "" {
				if len(args) > 0 {
					return usageErr("--dir writes every page: give no command with it")
				}
				if err := os.MkdirAll(dir, 0o755); err != nil {
					return fmt.Errorf("making %s: %w", dir, unwrapPath(err))
				}
				if err := doc.GenManTree(root, header, dir); err != nil {
					return fmt.Errorf("writing the manual pages to %s: %w", dir, unwrapPath(err))
				}
				fmt.Fprintf(a.err, "wrote the manual pages to %s\n", dir)
				return nil
			}
			page := root
			if len(args) > 0 {
				c, rest, err := root.Find(args)
				if err != nil || len(rest) > 0 || c == root || !c.IsAvailableCommand() {
					return usageErr("no command %q (unoct --help lists the commands)", strings.Join(args, " "))
				}
				page = c
			}
			return doc.GenMan(page, header, a.out)
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "write every page into this folder instead")
	return cmd
}
