package store

import (
	"crypto/rand"
	"encoding/binary"

	bolt "go.etcd.io/bbolt"
)

// Stamp identifies what a store holds, for caches and viewers: Epoch is
// drawn at random when the store file is made (created, or rebuilt by
// doctor), and Gen counts the writes committed to it since. Two reads
// saw the same contents when their stamps are equal. The generation alone
// is not enough: a rebuilt store starts counting again, and could come
// back with the generation a viewer last saw while its ids were
// renumbered, so that a cached index would name the wrong activities.
type Stamp struct {
	Epoch uint64
	Gen   uint64
}

// kEpoch is the meta key of the store's epoch. A store written before
// epochs existed reads as epoch 0 until its next write gives it one.
var kEpoch = []byte("epoch")

// readStamp reads the stamp from the meta bucket.
func readStamp(meta *bolt.Bucket) Stamp {
	return Stamp{Epoch: getU64(meta, kEpoch), Gen: getU64(meta, kGeneration)}
}

// newEpoch draws a new nonzero epoch.
func newEpoch() uint64 {
	var b [8]byte
	for {
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24)
		if e := binary.BigEndian.Uint64(b[:]); e != 0 {
			return e
		}
	}
}
