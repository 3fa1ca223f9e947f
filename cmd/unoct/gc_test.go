package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestBulkGC checks that bulk work gives a small heap its headroom after
// each collection, and that the end of it restores the user's setting.
func TestBulkGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	orig := debug.SetGCPercent(150)
	defer debug.SetGCPercent(orig)

	stop := bulkGC()
	runtime.GC()
	runtime.GC() // the cleanup of the first cycle's sentinel runs by the second
	got := debug.SetGCPercent(-1)
	debug.SetGCPercent(got)
	if got <= 150 {
		t.Errorf("GC percent during bulk work with a small heap = %d, want above the 150 set before", got)
	}
	stop()
	stop() // twice is harmless
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent after bulk work = %d, want the 150 set before", got)
	}
	runtime.GC()
	runtime.GC()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent after bulk work and two cycles = %d, want 150: the tuner must stop", got)
	}
}

// TestBulkGC_UserSetting leaves a GOGC the user set alone.
func TestBulkGC_UserSetting(t *testing.T) {
	t.Setenv("GOGC", "50")
	orig := debug.SetGCPercent(50)
	defer debug.SetGCPercent(orig)
	stop := bulkGC()
	runtime.GC()
	runtime.GC()
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GC percent with GOGC=50 set = %d, want 50", got)
	}
	stop()
}
