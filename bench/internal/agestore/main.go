// Command agestore makes a store look as an older unoct left it, so that
// the next command re-derives it: every document is marked as read by
// reader "0-old" (and with -schema N, the store's layout is marked as
// schema N). bench/rederive.sh uses it on a copy of a benchmark store. It
// is not part of unoct.
//
//	agestore [-schema N] STORE
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

func main() {
	schema := flag.Uint64("schema", 0, "mark the store as written with this schema (0: leave it)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: agestore [-schema N] STORE")
		os.Exit(2)
	}
	if err := age(flag.Arg(0), *schema); err != nil {
		fmt.Fprintln(os.Stderr, "agestore:", err)
		os.Exit(1)
	}
}

func age(path string, schema uint64) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bolt.Tx) error {
		meta, docs := tx.Bucket([]byte("meta")), tx.Bucket([]byte("docs"))
		if meta == nil || docs == nil {
			return fmt.Errorf("%s is not an unoct store", path)
		}
		for _, k := range []string{"uniform_reader", "uniform_generation"} {
			if err := meta.Delete([]byte(k)); err != nil {
				return err
			}
		}
		if schema != 0 {
			if err := meta.Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, schema)); err != nil {
				return err
			}
		}
		type kv struct{ k, v []byte }
		var recs []kv
		err := docs.ForEach(func(k, v []byte) error {
			var rec map[string]json.RawMessage
			if err := json.Unmarshal(v, &rec); err != nil {
				return fmt.Errorf("document %q: %v", k, err)
			}
			rec["reader"] = json.RawMessage(`"0-old"`)
			delete(rec, "refused_by")
			delete(rec, "refusal")
			enc, err := json.Marshal(rec)
			if err != nil {
				return err
			}
			recs = append(recs, kv{bytes.Clone(k), enc})
			return nil
		})
		if err != nil {
			return err
		}
		for _, r := range recs {
			if err := docs.Put(r.k, r.v); err != nil {
				return err
			}
		}
		return nil
	})
}
