package store

import (
	"bytes"
	"os"
	"strconv"
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

// mappedMeter tells how much of mapped files the process holds
// resident: the third field of /proc/self/statm (resident pages of
// files and shared memory), read again each time through one open file.
type mappedMeter struct {
	f   *os.File
	buf [128]byte
}

func newMappedMeter() *mappedMeter {
	f, err := os.Open("/proc/self/statm")
	if err != nil {
		return nil
	}
	return &mappedMeter{f: f}
}

// bytes is the resident size of mapped files, or -1 when it cannot be
// read (a nil meter among them).
func (m *mappedMeter) bytes() int64 {
	if m == nil {
		return -1
	}
	n, err := m.f.ReadAt(m.buf[:], 0)
	if n == 0 && err != nil {
		return -1
	}
	// size resident shared text lib data dt
	fields := bytes.Fields(m.buf[:n])
	if len(fields) < 3 {
		return -1
	}
	pages, err := strconv.ParseInt(string(fields[2]), 10, 64)
	if err != nil {
		return -1
	}
	return pages * int64(os.Getpagesize())
}

func (m *mappedMeter) close() {
	if m != nil {
		m.f.Close()
	}
}
