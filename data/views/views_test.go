package views_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/unoct/unoct/data/views"
	"github.com/unoct/unoct/model"
)

// TestRoundTrip saves, renames and deletes views, and reads back what
// was saved, in order.
func TestRoundTrip(t *testing.T) {
	f := views.New(filepath.Join(t.TempDir(), "conf", "views.toml"))
	if all, err := f.List(); err != nil || len(all) != 0 {
		t.Fatalf("a missing file: %v %v", all, err)
	}
	border := model.View{Name: "border-wa", Search: "border security", Sort: "-participants",
		Filters: map[model.Facet][]string{model.FacetPillar: {"IV"}, model.FacetRegion: {"Western Africa"}}}
	mali := model.View{Name: "mali 2020", Since: "2020-01-01", Until: "2020-12-31",
		Filters: map[model.Facet][]string{model.FacetCountry: {"ML"}}, Columns: []string{"id", "month"}}
	for _, v := range []model.View{border, mali} {
		if err := f.Save(v); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.List()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []model.View{border, mali}) {
		t.Errorf("List = %+v", got)
	}
	if err := f.Rename("border-wa", "mali 2020"); !errors.Is(err, views.ErrExists) {
		t.Errorf("rename onto another: %v", err)
	}
	if err := f.Rename("border-wa", "border"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Get("border-wa"); !errors.Is(err, views.ErrNotFound) || !strings.Contains(err.Error(), "border, mali 2020") {
		t.Errorf("Get of the old name: %v", err)
	}
	if err := f.Delete("mali 2020"); err != nil {
		t.Fatal(err)
	}
	v, err := f.Get("border")
	if err != nil || v.Search != "border security" {
		t.Errorf("Get = %+v %v", v, err)
	}
	b, _ := os.ReadFile(f.Path())
	for _, want := range []string{"# unoct saved views", "[[view]]", "name = 'border'", "sort = '-participants'", "pillar = ['IV']"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("file lacks %q:\n%s", want, b)
		}
	}
}

// TestBadFile names the file and the line of what is wrong with a file
// edited by hand.
func TestBadFile(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"[[view]]\nname = 'a'\nsearch = \n", "views.toml:3:"},
		{"[[view]]\nname = 'a'\ncolour = 'red'\n", "views.toml:3:1: unknown key \"view.colour\""},
		{"[[view]]\nsearch = 'x'\n", "view 1: a view needs a name"},
		{"[[view]]\nname = 'a'\n[[view]]\nname = 'a'\n", "two views have this name"},
		{"[[view]]\nname = 'a'\n[view.filters]\ncolour = ['red']\n", `filter "colour" is not a filter`},
	} {
		path := filepath.Join(t.TempDir(), "views.toml")
		if err := os.WriteFile(path, []byte(c.text), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := views.New(path).List()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
	}
}
