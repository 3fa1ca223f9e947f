package store

import (
	"runtime"
	"testing"
)

// A listing may hold a sixteenth of the store file mapped, within its
// bounds; a window is a 24th of a listing, within its bounds, in whole
// pages for the sizes listings use.
func TestListingBounds(t *testing.T) {
	for _, tc := range []struct{ size, want int64 }{
		{0, minAllowance}, {100 << 20, minAllowance}, {256 << 20, 16 << 20}, {1 << 30, 64 << 20}, {3 << 30, maxAllowance},
	} {
		if got := mappedAllowance(tc.size); got != tc.want {
			t.Errorf("mappedAllowance(%d) = %d, want %d", tc.size, got, tc.want)
		}
	}
	for _, tc := range []struct{ n, size, want int }{
		{10, 256, 16 * 256}, {100_000, 256, 17 * 256}, {1_000_000, 256, 128 * 256}, {100_000_000, 256, 128 * 256}, {500_000, 256, 82 * 256}, {3000, 1, 125},
		{3000, 7, 126},
	} {
		if got := windowSize(tc.n, tc.size); got != tc.want {
			t.Errorf("windowSize(%d, %d) = %d, want %d", tc.n, tc.size, got, tc.want)
		}
	}
}

// The meter reads the process's resident mapped files where it can
// (Linux): at least this test binary's own code.
func TestMappedMeter(t *testing.T) {
	m := newMappedMeter()
	defer m.close()
	got := m.bytes()
	if runtime.GOOS != "linux" {
		if got != -1 {
			t.Errorf("bytes() = %d, want -1 where nothing is measured", got)
		}
		return
	}
	if got <= 0 || got != got&^4095 {
		t.Errorf("bytes() = %d, want whole pages, more than none", got)
	}
}
