//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseMapped does nothing here: the kernel reclaims the mapped pages
// of the store file under memory pressure.
func releaseMapped(*bolt.Tx) {}

// mappedMeter measures nothing here: listings never release the mapped
// file (see releaseMapped).
type mappedMeter struct{}

func newMappedMeter() *mappedMeter { return nil }

func (*mappedMeter) bytes() int64 { return -1 }

func (*mappedMeter) close() {}
