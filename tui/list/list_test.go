package list

import (
	"strings"
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
	for _, columns := range []bool{false, true} {
		for _, sz := range [][2]int{{30, 10}, {64, 45}, {74, 45}, {86, 45}, {120, 40}, {170, 47}} {
			l := New(common.Common{Keys: common.DefaultKeyMap()}, nil)
			l.SetColumns(columns)
			l.SetSize(sz[0], sz[1])
			if got, want := PageRows(sz[0], sz[1], columns), l.page(); got != want {
				t.Errorf("PageRows(%d, %d, %v) = %d, the list shows %d", sz[0], sz[1], columns, got, want)
			}
		}
	}
}

// Ensure that the wide list's columns fill its width exactly, narrowing
// and then dropping columns as the width shrinks, and that a width that
// holds them all with room for a title puts each row on one line.
func TestLayoutColumns(t *testing.T) {
	for _, tc := range []struct {
		w       int
		oneLine bool
		titles  string
	}{
		{43, false, "DATE PLACE PILLARS PEOPLE"},
		{62, false, "DATE PLACE KIND PILLARS PTNR PEOPLE"},
		{81, false, "DATE PLACE KIND BRANCH PILLARS PARTNERS PARTICIPANTS"},
		{140, true, "DATE PLACE KIND BRANCH PILLARS PARTNERS PARTICIPANTS"},
	} {
		cols, oneLine := layoutColumns(tc.w)
		var titles []string
		used := markW - 1
		for _, c := range cols {
			titles = append(titles, c.title)
			used += c.w + 1
		}
		if got := strings.Join(titles, " "); got != tc.titles || oneLine != tc.oneLine {
			t.Errorf("width %d: %q one line %v, want %q %v", tc.w, got, oneLine, tc.titles, tc.oneLine)
		}
		if !oneLine && used != tc.w {
			t.Errorf("width %d: the columns take %d", tc.w, used)
		}
		if oneLine && tc.w-used-1 < titleMin {
			t.Errorf("width %d: %d left for the title", tc.w, tc.w-used-1)
		}
	}
}
