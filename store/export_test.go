package store

// SetImportHook makes every import transaction call f after writing its
// activities and before writing its indexes; an error from f fails the
// transaction there. It returns a function that removes the hook.
func SetImportHook(f func() error) (restore func()) {
	old := testHookImport
	testHookImport = f
	return func() { testHookImport = old }
}
