//go:build unix

package store

import (
	"os"
	"syscall"
)

// unlockFile drops the flock bbolt took on f. Closing f is not enough
// when bbolt panicked after mapping the file: the mapping keeps the open
// file, and with it the lock, alive.
func unlockFile(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
