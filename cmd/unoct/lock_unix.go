//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockExclusive takes the lock bbolt takes for a writer (flock LOCK_EX on
// the store file), so that no other unoct reads or writes the store until
// release is called. It waits at most wait, polling as the store does.
func lockExclusive(path string, wait time.Duration) (release func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, unwrapPath(err))
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				_ = f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			_ = f.Close()
			return nil, fmt.Errorf("store %s: locking: %w", path, err)
		}
		if time.Now().After(deadline) {
			_ = f.Close()
			return nil, &lockedError{path}
		}
		time.Sleep(time.Millisecond)
	}
}
