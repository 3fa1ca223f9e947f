package list

import (
	"testing"

	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
)

// Ensure that a million-result list fetches only the rows around the
// screen.
func TestList_FetchesOnlyTheWindow(t *testing.T) {
	l := New(common.Common{Styles: common.NewStyles(true, false), Keys: common.DefaultKeyMap()}, nil)
	l.SetSize(80+common.FrameW, 20+common.FrameH)
	ids := make([]uint32, 1_000_000)
	for i := range ids {
		ids[i] = uint32(i + 1)
	}
	l.setResult(common.ResultMsg{Screen: store.Screen{IDs: ids, Total: len(ids)}})
	miss := l.missing()
	if len(miss) == 0 || len(miss) > fetchWindow {
		t.Fatalf("first fetch asks for %d rows", len(miss))
	}
	if again := l.missing(); len(again) != 0 {
		t.Fatalf("rows already asked for are asked again: %d", len(again))
	}
	l.move(500_000)
	miss = l.missing()
	if len(miss) == 0 || miss[0] < 499_000 {
		t.Fatalf("after a jump the fetch starts at %v", miss[:min(3, len(miss))])
	}
}

// Ensure that PageRows agrees with the list's own page, so that a query
// brings the rows the list shows.
func TestPageRows(t *testing.T) {
	for _, sz := range [][2]int{{30, 10}, {64, 45}, {74, 45}, {120, 40}} {
		l := New(common.Common{Keys: common.DefaultKeyMap()}, nil)
		l.SetSize(sz[0], sz[1])
		if got, want := PageRows(sz[0], sz[1]), l.page(); got != want {
			t.Errorf("PageRows(%d, %d) = %d, the list shows %d", sz[0], sz[1], got, want)
		}
	}
}
