package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops this process's mapping of the store file's pages
// that tx has read (madvise MADV_DONTNEED on the read-only shared
// mapping): they stay in the page cache, and a later read maps them
// again, but they no longer count in the process's resident memory. A
// read of every activity touches every page of the file; without it, a
// listing's peak RSS grows with the store.
func releaseMapped(tx *bolt.Tx) {
	info := tx.DB().Info()
	if info == nil || info.Data == 0 || tx.Size() <= 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
}
