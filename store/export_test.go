package store

import bolt "go.etcd.io/bbolt"

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
