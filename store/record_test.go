package store_test

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// viaJSON is what a JSON record made of a: what the store gave back
// before its records were binary.
func viaJSON(t *testing.T, a *model.Activity) model.Activity {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var out model.Activity
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The binary record (compressed or not) decodes to what JSON gave, on
// every activity of a generated corpus and on edge cases: nil against
// empty lists, lists JSON omits when empty, fields JSON leaves out,
// invalid UTF-8, corrections, PDF sources, extreme numbers.
func TestRecord_SameAsJSON(t *testing.T) {
	s := generated(t, 1000)
	all, err := s.List(model.Query{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	acts := all.Rows
	for _, r := range []string{
		`{"id":1,"month":"2020-01","text":"a \"quoted\" <b> & \u00e9 \\ text","sessions":null,"partners":[],"people":["A"],"participants":{"people":null,"approximate":true,"member_states":3,"organizations":-2},"countries":[{"code":"ML","name":"Mali"}],"regions":[],"pillars":[{"pillar":"I","matched":null}],"source":{"document":"a.pdf","page":3,"text_line":7}}`,
		`{"id":2,"text":null,"participants":null,"source":null}`,
		`{"id":3,"corrected":["text"],"text":"x"}`,
		`{"id":15,"series":"CT Travel Programme","not_activity":true,"corrected":[],"text":"x"}`,
		`{"id":17,"as_read":{"kind":"other","participants":{"people":3},"review":"old text"},"corrected":["kind"],"kind":"training"}`,
		`{"id":9,"sessions":[{"start":"2020-01-02","virtual":true,"region":"Sahel"}],"areas":[{"name":"Africa","kind":"M49 region"}]}`,
		`{"id":10,"participants":{"people":1,"estimate":true},"unknown":["X"],"source":{"document":"d.md","line":4},"change":"new"}`,
		`{"id":4294967295,"people":[],"regions":null,"pillars":[]}`,
	} {
		var a model.Activity
		if err := json.Unmarshal([]byte(r), &a); err != nil {
			t.Fatal(r, err)
		}
		acts = append(acts, a)
	}
	acts = append(acts,
		model.Activity{ID: 20, Areas: []model.Area{}, Unknown: []string{}, Corrected: []string{}, People: []string{},
			Partners: []model.Entity{{ID: "unodc", Acronym: "UNODC", Name: "x", Aliases: []string{"y"}}}},
		model.Activity{ID: 21, Text: "bad \xff\xfe utf8 \xe2\x82", Sessions: []model.Session{{Place: "\xc3"}},
			Pillars: []model.PillarMatch{{Pillar: "II", Matched: []string{}}, {Pillar: "I\x80"}}},
		model.Activity{ID: 22, Participants: model.Participants{People: intp(math.MaxInt64), MemberStates: intp(math.MinInt64), Organizations: intp(0)},
			Source: model.Source{Document: "x.pdf", Page: -3, Line: math.MinInt64}},
		model.Activity{ID: 23, AsRead: &model.AsRead{}, NotActivity: true},
	)
	for i := range acts {
		want := viaJSON(t, &acts[i])
		enc, err := store.EncodeActivity(&acts[i])
		if err != nil {
			t.Fatal(err)
		}
		var got model.Activity
		if err := store.DecodeActivity(enc, &got); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("activity %d:\ngot  %+v (%v)\nwant %+v", acts[i].ID, got, err, want)
		}
	}
}

// A damaged record never panics: every record cut short is an error,
// and a record with a byte changed is an error or some activity.
func TestRecord_Damaged(t *testing.T) {
	a := model.Activity{ID: 7, Month: "2020-01", Text: "UNOCT held a workshop", People: []string{"A B"},
		Sessions:     []model.Session{{Start: "2020-01-02", End: "2020-01-03", Place: "Bamako", Country: "ML"}},
		Participants: model.Participants{People: intp(30)}, Source: model.Source{Document: "d.md", Line: 12},
		AsRead: &model.AsRead{Kind: "other"}, Corrected: []string{"kind"}}
	enc, err := store.EncodeActivity(&a)
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(enc) {
		var got model.Activity
		if err := store.DecodeActivity(enc[:n], &got); err == nil {
			t.Errorf("record cut to %d of %d bytes decodes: %+v", n, len(enc), got)
		}
	}
	for i := 1; i < len(enc); i++ {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			b := append([]byte(nil), enc...)
			b[i] ^= x
			var got model.Activity
			_ = store.DecodeActivity(b, &got) // an error or some activity
		}
	}
}

// Documents' bytes come back from their compressed form as they were:
// text, none, and bytes that are no text.
func TestRawCompression_RoundTrip(t *testing.T) {
	noise := make([]byte, 1<<20)
	for i := range noise {
		noise[i] = byte(i * 7919 >> 3)
	}
	for _, raw := range [][]byte{[]byte("# Highlights\n\n- UNOCT held a workshop (3 May, Bamako)\n"), {}, {0, 1, 2, 0xff}, noise} {
		z, err := store.CompressRaw(raw)
		if err != nil {
			t.Fatal(err)
		}
		got, err := store.DecompressRaw(z)
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("%d bytes came back as %d: %v", len(raw), len(got), err)
		}
	}
}
