//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseMapped does nothing here: the kernel reclaims the mapped pages
// of the store file under memory pressure.
func releaseMapped(*bolt.Tx) {}
