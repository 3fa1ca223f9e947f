//go:build unix

package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// unlockFile drops the flock bbolt took on f. Closing f is not enough
// when bbolt panicked after mapping the file: the mapping keeps the open
// file, and with it the lock, alive.
func unlockFile(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// lockExclusive takes the lock bbolt takes for a writer (flock LOCK_EX on
// the store file), so that no other unoct reads or writes the store until
// release is called. It waits at most wait, polling as openWait does.
func lockExclusive(path string, wait time.Duration) (release func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is in the message already
		}
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				unlockFile(f)
				_ = f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			_ = f.Close()
			return nil, fmt.Errorf("store %s: locking: %w", path, err)
		}
		if time.Now().After(deadline) {
			_ = f.Close()
			return nil, lockedError(path, nil)
		}
		time.Sleep(lockPoll)
	}
}
