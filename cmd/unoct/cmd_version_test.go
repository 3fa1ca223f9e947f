package main

import (
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/store"
)

// Ensure that the version report gives the module version and commit
// the build recorded, says "(devel)" and "unknown" when it recorded
// none, and always names the reader version and the store schema.
func TestVersionText(t *testing.T) {
	for _, tc := range []struct {
		name string
		info func() (*debug.BuildInfo, bool)
		want []string
	}{
		{"released", func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{GoVersion: "go1.26.7", Main: debug.Module{Path: "github.com/unoct/unoct", Version: "v1.2.3"},
				Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}, true
		}, []string{"unoct v1.2.3\n", "commit 0123456789abcdef (2026-12-01T10:00:00Z) with local changes\n", "toolchain go1.26.7 "}},
		{"source tree", func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{Main: debug.Module{Path: "github.com/unoct/unoct", Version: "(devel)"}}, true
		}, []string{"unoct (devel)", "commit unknown"}},
		{"no build info", func() (*debug.BuildInfo, bool) { return nil, false }, []string{"unoct (devel)", "commit unknown"}},
	} {
		got := versionText(tc.info)
		for _, w := range append(tc.want, "\nreader "+reader.CurrentVersion()+"\n", "\nstore-schema "+strconv.Itoa(store.SchemaVersion)+"\n") {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
	}
}
