package store

// A schema upgrade: the store's layout is older than this build's. Its
// derived buckets are dropped and rebuilt from the documents, in the
// batches of a re-derivation (repair_rederive.go); until every document
// is done the store answers no query and says how far it is.

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/unoct/unoct/model"
	bolt "go.etcd.io/bbolt"
)

// SchemaUpgrade reports whether the store's layout is older than this
// build's, or its upgrade to it was interrupted: the next Rederive is a
// schema upgrade, not (only) a new reader's reading.
func (s *Store) SchemaUpgrade() (bool, error) {
	var due bool
	err := s.view(func(tx *bolt.Tx) error {
		_, err := s.schema(tx)
		due = errors.Is(err, ErrOldSchema)
		if due {
			return nil
		}
		return err
	})
	return due, err
}

// bUpgrade lists, while a schema upgrade is under way, the documents
// still to read again (keys; empty values), and kUpgradeTotal how many
// there were when it started: the store answers no query while the
// bucket exists, and says how far the upgrade is.
var (
	bUpgrade      = []byte("upgrade")
	kUpgradeTotal = []byte("upgrade_total")
)

// startUpgrade begins a schema upgrade in tx: it keeps the activities'
// texts (ids follow them), drops the derived buckets, records the new
// schema, and lists every document as still to upgrade.
func startUpgrade(tx *bolt.Tx) error {
	// Ids follow texts (ids.go): keep each activity's text, which the
	// acts about to be dropped hold, for the new reading to match its
	// activities against.
	if err := keepTexts(tx); err != nil {
		return err
	}
	// Schema 3 keeps documents compressed (rawValue): in this same
	// transaction, so that the raw bucket is all of one form.
	if getU64(tx.Bucket(bMeta), kSchema) < 3 {
		if err := compressRawBucket(tx); err != nil {
			return err
		}
	}
	for _, name := range derivedBuckets {
		if err := tx.DeleteBucket(name); err != nil && tx.Bucket(name) != nil {
			return err
		}
	}
	if err := initBuckets(tx); err != nil {
		return err
	}
	up, err := tx.CreateBucket(bUpgrade)
	if err != nil {
		return err
	}
	n := uint64(0)
	err = tx.Bucket(bDocs).ForEach(func(k, _ []byte) error {
		n++
		return up.Put(bytes.Clone(k), []byte{})
	})
	if err != nil {
		return err
	}
	meta := tx.Bucket(bMeta)
	if err := putU64(meta, kUpgradeTotal, n); err != nil {
		return err
	}
	if err := putU64(meta, kSchema, SchemaVersion); err != nil {
		return err
	}
	return putU64(meta, kGeneration, getU64(meta, kGeneration)+1)
}

// upgrading reports whether tx's store is this build's schema with an
// upgrade under way (see bUpgrade).
func upgrading(tx *bolt.Tx) bool {
	meta := tx.Bucket(bMeta)
	return tx.Bucket(bUpgrade) != nil && meta != nil && getU64(meta, kSchema) == SchemaVersion
}

// upgradeError is ErrOldSchema for a store whose upgrade is under way,
// saying how far it is.
func (s *Store) upgradeError(tx *bolt.Tx) error {
	total := getU64(tx.Bucket(bMeta), kUpgradeTotal)
	left := uint64(tx.Bucket(bUpgrade).Stats().KeyN)
	pct := uint64(100)
	if total > 0 && left <= total {
		pct = (total - left) * 100 / total
	}
	return newError(ErrOldSchema, nil, fmt.Sprintf(
		"store %s is being upgraded to this unoct's layout (upgrading, %d%% done): run unoct again to finish it (as the store's owner), or wait for the unoct upgrading it", s.path, pct))
}

// compressRawBucket compresses every document of an older store's raw
// bucket. The values are compressed while the bucket is read and put
// back after: a put moves the pages a cursor stands on. A value that is
// a whole zstd frame already is left as it is (no document is one, see
// zstdMagic): a store marked older than it is (by hand, or by a test)
// is not compressed twice.
func compressRawBucket(tx *bolt.Tx) error {
	raw := tx.Bucket(bRaw)
	if raw == nil {
		return nil
	}
	type kv struct{ k, v []byte }
	var all []kv
	err := raw.ForEach(func(k, v []byte) error {
		if bytes.HasPrefix(v, zstdMagic) {
			if _, err := decompressRaw(v); err == nil {
				return nil
			}
		}
		z, err := compressRaw(v)
		all = append(all, kv{bytes.Clone(k), z})
		return err
	})
	if err != nil {
		return err
	}
	for _, e := range all {
		if err := raw.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}

// keepTexts fills the texts bucket (schema 2) from the activities of a
// store written before it, for each id the lines bucket names, so that
// a migration keeps ids; an activity that does not decode is left out
// (it takes a new id). The ids are gathered first and the activities
// then read in id order, so that texts is written in key order: put in
// the order of lines, a million random inserts into one bbolt node cost
// seconds of copying.
func keepTexts(tx *bolt.Tx) error {
	texts, err := tx.CreateBucketIfNotExists(bTexts)
	if err != nil {
		return err
	}
	lines, acts := tx.Bucket(bLines), tx.Bucket(bActs)
	if lines == nil || acts == nil {
		return nil
	}
	named := roaring.New()
	err = lines.ForEach(func(_, id []byte) error {
		if v, ok := keyID(id); ok && texts.Get(id) == nil {
			named.Add(v)
		}
		return nil
	})
	if err != nil {
		return err
	}
	texts.FillPercent = 1.0
	c := acts.Cursor()
	for it := named.Iterator(); it.HasNext(); {
		id := idKey(it.Next())
		k, v := c.Seek(id)
		if !bytes.Equal(k, id) {
			continue
		}
		var a model.Activity
		if decodeActivity(v, &a) != nil || a.Text == "" {
			continue
		}
		if err := texts.Put(id, []byte(a.Text)); err != nil {
			return err
		}
	}
	return nil
}
