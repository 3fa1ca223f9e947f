package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// SetImportHook makes every import transaction call f after writing its
// activities and before writing its indexes; an error from f fails the
// transaction there. It returns a function that removes the hook.
func SetImportHook(f func() error) (restore func()) {
	old := testHookImport
	testHookImport = f
	return func() { testHookImport = old }
}

// SetOpenWriteHook makes every read-write open fail with f's error (a
// store another user owns); it returns a function that removes the hook.
func SetOpenWriteHook(f func() error) (restore func()) {
	old := testHookOpenWrite
	testHookOpenWrite = f
	return func() { testHookOpenWrite = old }
}

// SetRederiveBatchHook makes each re-derivation batch call f before it
// is written; an error from f stops the re-derivation there (a kill).
func SetRederiveBatchHook(f func() error) (restore func()) {
	old := testHookRederiveBatch
	testHookRederiveBatch = f
	return func() { testHookRederiveBatch = old }
}

// SetIndexHook calls f with every activity a write indexes.
func SetIndexHook(f func(id uint32)) (restore func()) {
	old := testHookIndex
	testHookIndex = f
	return func() { testHookIndex = old }
}

// OrderKept reports whether the store's kept default order (order.go) is
// current, so that tests can tell it is the one read.
func OrderKept(s *Store) (bool, error) {
	var kept bool
	err := s.view(func(tx *bolt.Tx) error {
		kept = orderCurrent(tx)
		return nil
	})
	return kept, err
}

// SetStagedHook makes a staged import (a document of more activities
// than a batch) call f after each of its steps commits, with how many
// activities it has staged; it returns a function that removes the hook.
func SetStagedHook(f func(staged int)) (restore func()) {
	old := testHookStaged
	testHookStaged = f
	return func() { testHookStaged = old }
}

// SetPreparedHook makes the preparation of a new version's swap call f
// after each of its steps commits, with how many records it has staged;
// it returns a function that removes the hook.
func SetPreparedHook(f func(records int)) (restore func()) {
	old := testHookPrepared
	testHookPrepared = f
	return func() { testHookPrepared = old }
}

// SetSwapHook makes the last step of a staged import call f with
// whether it applies a prepared swap (false: it matches and compares
// itself, as when another process wrote meanwhile).
func SetSwapHook(f func(planned bool)) (restore func()) {
	old := testHookSwap
	testHookSwap = f
	return func() { testHookSwap = old }
}

// Staging is how many records a staged import has staged for its swap.
func Staging(s *Store) (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bStaging); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n, err
}

// SetWaitNotice sets how long an open waits for the file before it
// calls Options.Waiting; it returns a function that restores the
// default.
func SetWaitNotice(d time.Duration) (restore func()) {
	old := waitNotice
	waitNotice = d
	return func() { waitNotice = old }
}

// LockWait is how long s waits for the file to read (write false) or
// to write.
func LockWait(s *Store, write bool) time.Duration { return s.lockTimeout(write) }

// SetBeforeSwapHook makes a staged import call f before its last step
// opens the file; it returns a function that removes the hook.
func SetBeforeSwapHook(f func()) (restore func()) {
	old := testHookBeforeSwap
	testHookBeforeSwap = f
	return func() { testHookBeforeSwap = old }
}

// SetPrepareTries sets how many times a staged import prepares its swap
// before the swap compares everything itself; it returns a function that
// restores the default.
func SetPrepareTries(n int) (restore func()) {
	old := prepareTries
	prepareTries = n
	return func() { prepareTries = old }
}

// SetPendingStale sets how long a staged import's pending mark stays
// untouched before another write removes it; it returns a function that
// restores the default.
func SetPendingStale(d time.Duration) (restore func()) {
	old := pendingStale
	pendingStale = d
	return func() { pendingStale = old }
}

// Pending is how many activities the store holds pending (staged by an
// import that has not swapped them in).
func Pending(s *Store) (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		bm, err := readPending(tx.Bucket(bMeta))
		if bm != nil {
			n = int(bm.GetCardinality())
		}
		return err
	})
	return n, err
}
