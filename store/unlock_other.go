//go:build !unix

package store

import (
	"os"
	"time"
)

// unlockFile: on other systems closing the file releases bbolt's lock.
func unlockFile(*os.File) {}

// lockExclusive does nothing where flock is not available: Rebuild then
// relies on the user not running another unoct meanwhile.
func lockExclusive(path string, wait time.Duration) (release func(), err error) {
	return func() {}, nil
}
