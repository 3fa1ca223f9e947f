package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/store"
)

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print unoct's version, commit, reader version and store schema",
		Long: `Print what a bug report needs: unoct's module version and the commit it was
built from (from the Go build information), the version of the reader
(the extraction code and its reference tables: a store read by another
reader version re-reads its documents), the store layout (schema) this
build writes, and the Go toolchain. unoct --version prints the same.

A build from a source tree (go build, go run) has no module version and
says "(devel)"; the commit is shown when the Go toolchain recorded it.`,
		Example: "  unoct version\n  unoct --version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(a.out, versionText(debug.ReadBuildInfo))
			return err
		},
	}
}

// versionOrTUI is unoct's own action: the version report with
// --version, else the explorer.
func (a *app) versionOrTUI(showVersion *bool) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if *showVersion {
			_, err := fmt.Fprint(a.out, versionText(debug.ReadBuildInfo))
			return err
		}
		return a.runTUI(cmd, args)
	}
}

// moduleVersion is the module version the build recorded, or "(devel)".
func moduleVersion(info func() (*debug.BuildInfo, bool)) string {
	if bi, ok := info(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// versionText is the version report, from the build information that
// info returns (debug.ReadBuildInfo; a function so that tests give their
// own). Every line reads "name value" so that scripts can pick one.
func versionText(info func() (*debug.BuildInfo, bool)) string {
	version, commit := "(devel): built from a source tree, not a released module", "unknown (the build recorded no version control information)"
	goVersion := runtime.Version()
	if bi, ok := info(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			version = v
		}
		if bi.GoVersion != "" {
			goVersion = bi.GoVersion
		}
		var rev, at string
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" {
			commit = rev
			if at != "" {
				commit += " (" + at + ")"
			}
			if modified {
				commit += " with local changes"
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "unoct %s\n", version)
	fmt.Fprintf(&b, "commit %s\n", commit)
	fmt.Fprintf(&b, "reader %s\n", reader.CurrentVersion())
	fmt.Fprintf(&b, "store-schema %d\n", store.SchemaVersion)
	fmt.Fprintf(&b, "toolchain %s %s/%s\n", goVersion, runtime.GOOS, runtime.GOARCH)
	return b.String()
}
