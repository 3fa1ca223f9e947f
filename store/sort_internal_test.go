package store

import (
	"encoding/json"
	"testing"

	"github.com/unoct/unoct/model"
)

// Ensure that the sessions read from a stored record alone are those of
// the record, whatever its text says, and that a record without
// sessions has none.
func TestRecordSessions(t *testing.T) {
	for _, a := range []model.Activity{
		{ID: 1, Text: `a text that quotes "sessions": [{"city":"Nowhere"}]`, Sessions: []model.Session{{Start: "2020-01-02", City: "Bamako", Country: "ML"}}},
		{ID: 2, Text: "no session"},
		{ID: 3, Sessions: []model.Session{{Virtual: true}, {City: "Lomé", Country: "TG"}}},
	} {
		v, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		got, err := recordSessions(v)
		if err != nil {
			t.Fatalf("activity %d: %v", a.ID, err)
		}
		if len(got) != len(a.Sessions) {
			t.Fatalf("activity %d: %d sessions, want %d", a.ID, len(got), len(a.Sessions))
		}
		for i := range got {
			if got[i].Where() != a.Sessions[i].Where() {
				t.Errorf("activity %d session %d: %q, want %q", a.ID, i, got[i].Where(), a.Sessions[i].Where())
			}
		}
	}
	if _, err := recordSessions([]byte("{not json")); err == nil {
		t.Error("a damaged record decodes")
	}
}
