package store_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// TestMigrate_Schema2To3: a store of schema 2 (JSON activity records,
// documents' bytes as they are) is upgraded by Rederive to binary
// records and compressed documents, and keeps every id, correction and
// recorded change it had, and every activity as it listed them but for
// its mark of the last version's changes (model.Activity.Change), which
// the upgrade's new reading clears as every new reading does.
func TestMigrate_Schema2To3(t *testing.T) {
	s := MustCreate(t)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV1)
	importRaw(t, s, lineReader{}, "2020-02.md", livingV2)
	id := byText(t, s)["Briefing on victims of terrorism"].ID
	if _, err := s.Fix(id, func(c *model.Correction) error { c.Kind = model.KindBriefing; return nil }); err != nil {
		t.Fatal(err)
	}
	before, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	fixes, _ := s.Fixes()
	changes, _ := s.Changes("2020-02.md")
	doc, err := s.Document("2020-02.md")
	if err != nil || len(changes) == 0 || len(fixes) != 1 {
		t.Fatalf("before: %d changes, %d fixes, %v", len(changes), len(fixes), err)
	}

	// Schema 2, as the unoct before this one wrote it.
	editBolt(t, s.Path(), func(tx *bolt.Tx) error {
		acts, raw := tx.Bucket([]byte("acts")), tx.Bucket([]byte("raw"))
		var puts [][3][]byte
		_ = acts.ForEach(func(k, v []byte) error {
			var a model.Activity
			if err := store.DecodeActivity(v, &a); err != nil {
				return err
			}
			enc, err := json.Marshal(&a)
			puts = append(puts, [3][]byte{[]byte("acts"), bytes.Clone(k), enc})
			return err
		})
		_ = raw.ForEach(func(k, v []byte) error {
			plain, err := store.DecompressRaw(v)
			puts = append(puts, [3][]byte{[]byte("raw"), bytes.Clone(k), plain})
			return err
		})
		for _, p := range puts {
			if err := tx.Bucket(p[0]).Put(p[1], p[2]); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, 2))
	})
	if due, err := s.SchemaUpgrade(); !due || err != nil {
		t.Fatalf("SchemaUpgrade = %v, %v", due, err)
	}
	if err := s.Rederive(lineReader{}, nil); err != nil {
		t.Fatal(err)
	}

	after, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range before.Rows {
		before.Rows[i].Change = ""
	}
	if !reflect.DeepEqual(after.Rows, before.Rows) {
		t.Errorf("activities after the upgrade:\n got %+v\nwant %+v", after.Rows, before.Rows)
	}
	if f, _ := s.Fixes(); !reflect.DeepEqual(f, fixes) {
		t.Errorf("fixes after the upgrade:\n got %+v\nwant %+v", f, fixes)
	}
	if c, _ := s.Changes("2020-02.md"); !reflect.DeepEqual(c, changes) {
		t.Errorf("changes after the upgrade:\n got %+v\nwant %+v", c, changes)
	}
	if d, err := s.Document("2020-02.md"); err != nil || !bytes.Equal(d.Raw, doc.Raw) {
		t.Errorf("document after the upgrade: %q, %v; want %q", d.Raw, err, doc.Raw)
	}
	mustCheck(t, s)
	editBolt(t, s.Path(), func(tx *bolt.Tx) error {
		_ = tx.Bucket([]byte("acts")).ForEach(func(k, v []byte) error {
			if v[0] == '{' {
				t.Errorf("activity %x is still JSON", k)
			}
			return nil
		})
		_ = tx.Bucket([]byte("raw")).ForEach(func(k, v []byte) error {
			if !bytes.HasPrefix(v, []byte{0x28, 0xb5, 0x2f, 0xfd}) {
				t.Errorf("document %s is not compressed", k)
			}
			return nil
		})
		return nil
	})
}
