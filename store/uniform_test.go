package store_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// TestStore_NeedsRederive_Uniform walks a store through imports by two
// reader versions, a removal and re-derivations, and checks after each
// step that NeedsRederive answers what the document records say,
// whether meta records that one reader read them all or not.
func TestStore_NeedsRederive_Uniform(t *testing.T) {
	path := MustCreate(t).Path()
	open := func(version string) *store.Store {
		s, err := store.Open(path, store.Options{LockTimeout: time.Second, ReaderVersion: version})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	r := rand.New(rand.NewPCG(8, 8))
	doc := func(i int) (model.Document, []model.Activity) {
		m := month(i)
		as := synth(r, m, 10, 4, 20)
		return newDoc("h-"+m+".md", m, as), as
	}
	want := func(step string, s *store.Store, versions map[string]bool) {
		t.Helper()
		for _, v := range []string{"v1", "v2"} {
			need, err := s.NeedsRederive(v)
			if err != nil {
				t.Fatal(err)
			}
			if need != versions[v] {
				t.Errorf("%s: NeedsRederive(%s) = %v, want %v", step, v, need, versions[v])
			}
		}
	}
	v1, v2 := open("v1"), open("v2")
	want("empty", v1, map[string]bool{})
	for i := range 3 {
		d, as := doc(i)
		mustImport(t, v1, d, as)
	}
	want("three by v1", v1, map[string]bool{"v2": true})
	d, as := doc(3)
	mustImport(t, v2, d, as)
	want("one by v2", v1, map[string]bool{"v1": true, "v2": true})
	d, as = doc(4)
	mustImport(t, v1, d, as)
	want("then one by v1", v1, map[string]bool{"v1": true, "v2": true})
	if err := v2.Rederive(versionDeriver{"v2"}, nil); err != nil {
		t.Fatal(err)
	}
	want("re-derived by v2", v1, map[string]bool{"v1": true})
	d, as = doc(5)
	mustImport(t, v2, d, as)
	want("then one more by v2", v1, map[string]bool{"v1": true})
	if err := v2.Remove(d.Name); err != nil {
		t.Fatal(err)
	}
	want("a removal", v1, map[string]bool{"v1": true})
	if err := v1.Rederive(versionDeriver{"v1"}, nil); err != nil {
		t.Fatal(err)
	}
	want("re-derived by v1", v1, map[string]bool{"v2": true})
}

// versionDeriver re-derives every document as one activity: only its
// version matters here.
type versionDeriver struct{ version string }

func (d versionDeriver) Version() string { return d.version }

func (d versionDeriver) Derive(name string, raw []byte, month string) (model.Derived, error) {
	a := model.Activity{Text: "re-derived", Source: model.Source{Line: 1}}
	return model.Derived{Doc: model.Document{Name: name, Month: month}, Activities: []model.Activity{a}}, nil
}
