package reader_test

import (
	"testing"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/data/ref"
)

// TestCueTablesDecide: a row added to a cue table changes what is read,
// with no change to the code: what a domain expert does to fix a misread.
func TestCueTablesDecide(t *testing.T) {
	const doc = "## HIGHLIGHTS\n\n- UNOCT held a meeting on border security thanks to Japan. (3 June 2020, Skype)\n"
	read := func(edit func(*ref.Rules)) (virtual bool, partners int) {
		geo, ents, rules, err := ref.Load()
		if err != nil {
			t.Fatal(err)
		}
		edit(rules)
		res, err := reader.New(geo, ents, rules).Read("2020-06.md", []byte(doc), reader.Options{})
		if err != nil {
			t.Fatal(err)
		}
		a := res.Activities[0]
		return len(a.Sessions) == 1 && a.Sessions[0].Virtual, len(a.Partners)
	}
	if v, p := read(func(*ref.Rules) {}); v || p != 0 {
		t.Fatalf("as shipped: virtual %v, %d partners; want a place named Skype and Japan as a place", v, p)
	}
	if v, _ := read(func(r *ref.Rules) { r.Virtual = append(r.Virtual, "Skype") }); !v {
		t.Error(`a "virtual" row for Skype: the session is not virtual`)
	}
	if _, p := read(func(r *ref.Rules) { r.Partner = append(r.Partner, "thanks to") }); p != 1 {
		t.Errorf(`a "partner" row "thanks to": %d partners, want Japan`, p)
	}
}
