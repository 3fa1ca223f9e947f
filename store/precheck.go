package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// precheck reads the two bbolt meta pages without locking and checks that
// the file reaches the high-water mark the newest valid one records. A
// truncated file would otherwise be mapped and faulted on. A missing or
// empty file passes: bbolt creates and initializes it.
func precheck(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // let bbolt report it as it does
	}
	defer f.Close()
	var buf [4096]byte
	n, err := f.ReadAt(buf[:], 0)
	if err != nil && err != io.EOF {
		return err
	}
	if n == 0 {
		return nil
	}
	metas := make([]metaPage, 0, 2)
	m0, ok0 := parseMeta(buf[:n])
	if ok0 {
		metas = append(metas, m0)
	}
	// The second meta page sits one page in; without a valid first page
	// its size is unknown, so try the sizes bbolt allows.
	sizes := []int64{int64(os.Getpagesize())}
	if ok0 {
		sizes = []int64{int64(m0.pageSize)}
	} else {
		for sz := int64(1024); sz <= 64<<10; sz <<= 1 {
			sizes = append(sizes, sz)
		}
	}
	for _, sz := range sizes {
		var b [128]byte
		if k, _ := f.ReadAt(b[:], sz); k < len(b) {
			continue
		}
		if m1, ok := parseMeta(b[:]); ok && int64(m1.pageSize) == sz {
			metas = append(metas, m1)
			break
		}
	}
	if len(metas) == 0 {
		return errors.New("not a bbolt file, or both of its meta pages are overwritten")
	}
	m := metas[0]
	for _, o := range metas[1:] {
		if o.txid > m.txid {
			m = o
		}
	}
	// Stat after reading the meta pages: a writer grows the file before
	// it writes a meta page, so a newer meta never outruns this size.
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	ps := int64(m.pageSize)
	if size := fi.Size(); size < 2*ps || m.pgid > uint64(size/ps) {
		return fmt.Errorf("truncated: %d bytes, needs %d", size, max(2*ps, int64(m.pgid)*ps))
	}
	return nil
}

type metaPage struct {
	pageSize   uint32
	pgid, txid uint64
}

// parseMeta decodes a bbolt meta page (bbolt's internal/common.Meta after
// a 16-byte page header, native byte order) and validates it the way
// bbolt does: magic, version 2 and the FNV-64a checksum.
func parseMeta(p []byte) (metaPage, bool) {
	const (
		hdr     = 16
		magic   = 0xED0CDAED
		version = 2
	)
	if len(p) < hdr+64 {
		return metaPage{}, false
	}
	ne := binary.NativeEndian
	if ne.Uint32(p[hdr:]) != magic || ne.Uint32(p[hdr+4:]) != version {
		return metaPage{}, false
	}
	h := fnv.New64a()
	h.Write(p[hdr : hdr+56])
	if h.Sum64() != ne.Uint64(p[hdr+56:]) {
		return metaPage{}, false
	}
	ps := ne.Uint32(p[hdr+8:])
	if ps < 512 || ps&(ps-1) != 0 {
		return metaPage{}, false
	}
	return metaPage{pageSize: ps, pgid: ne.Uint64(p[hdr+40:]), txid: ne.Uint64(p[hdr+48:])}, true
}
