//go:build unix

package pdf_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used: on a machine busy with
// other work, pages per CPU second says what the decoder costs when
// wall time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
