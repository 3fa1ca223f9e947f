package store

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
