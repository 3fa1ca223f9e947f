package stats

import (
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/tui/common"
)

func TestBar(t *testing.T) {
	st := common.NewStyles(true, true)
	for _, c := range []struct {
		n, top, w int
		want      string
	}{
		{10, 10, 4, "████"},
		{5, 10, 4, "██  "},
		{1, 10, 4, "▍   "},
		{1, 1000, 4, "▏   "},
		{0, 10, 4, "    "},
	} {
		if got := ansi.Strip(Bar(st, c.n, c.top, c.w)); got != c.want {
			t.Errorf("bar(%d, %d, %d) = %q, want %q", c.n, c.top, c.w, got, c.want)
		}
	}
}
