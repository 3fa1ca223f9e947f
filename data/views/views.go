// Package views reads and writes the saved views file: a small TOML file
// people edit by hand, share and keep in git, which names queries
// (model.View) so that the CLI (`unoct list --view NAME`, `unoct views`)
// and the explorer (`v`) can come back to them.
//
// It lives under data because the file is data unoct reads, as the
// documents and the reference tables are, with a documented format; it
// imports only model, and the program hands it to the explorer through
// an interface the explorer declares, so that neither the store nor the
// TUI knows about files in the user's configuration.
//
// # The file
//
//	# unoct saved views: …
//	[[view]]
//	name = "border-wa"
//	search = "border security"
//	since = "2020-01-01"       # optional: --since
//	until = "2020-12-31"       # optional: --until
//	sort = "-participants"     # optional: a sort key, as text
//	columns = ["id", "month"]  # optional: the list's columns
//
//	[view.filters]             # one key per filter flag, values as on the command line
//	pillar = ["IV"]
//	region = ["Western Africa"]
//
// Views are listed in the file's order. Saving rewrites the whole file
// (atomically: a reader sees the old file or the new one), in that
// layout, with the header comment that explains it; other comments are
// not kept. Two programs saving at the same moment each write their own
// version: the last one wins.
package views

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/unoct/unoct/model"
)

// ErrNotFound is the error of a view name the file does not have.
var ErrNotFound = errors.New("no such view")

// ErrExists is the error of a rename onto a name another view has.
var ErrExists = errors.New("a view of that name exists")

// header starts every file unoct writes: what the file is and how to
// edit it.
const header = `# unoct saved views. Each [[view]] names a query: filters (one key per
# filter flag of unoct list, values as typed there), search, since/until
# (YYYY-MM-DD), and optionally a sort key and the list's columns.
# Edit by hand or with: unoct views save NAME [filters], unoct views rename,
# unoct views delete. Use one with unoct list --view NAME, or v in the explorer.
`

// file is the file's shape.
type file struct {
	View []viewTOML `toml:"view"`
}

type viewTOML struct {
	Name    string              `toml:"name"`
	Search  string              `toml:"search,omitempty"`
	Since   string              `toml:"since,omitempty"`
	Until   string              `toml:"until,omitempty"`
	Sort    string              `toml:"sort,omitempty"`
	Columns []string            `toml:"columns,omitempty"`
	Filters map[string][]string `toml:"filters,omitempty"`
}

// File is the views file at a path. Nothing is read until asked: every
// call reads the file anew, so that a view saved from another terminal
// (or an edit by hand) is seen at once.
type File struct {
	path string
}

// New returns the views file at path; the file need not exist.
func New(path string) *File { return &File{path: path} }

// Path is the file, for messages.
func (f *File) Path() string { return f.path }

// List reads every view, in the file's order. A missing file holds
// none. A file that does not parse, or that holds a view without a
// valid name, two views of one name or a filter that is not one of
// the facets, is an error that names the file and the line.
func (f *File) List() ([]model.View, error) {
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return f.parse(b)
}

func (f *File) parse(b []byte) ([]model.View, error) {
	var doc file
	dec := toml.NewDecoder(bytes.NewReader(b)).DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, f.decodeError(err)
	}
	out := make([]model.View, 0, len(doc.View))
	seen := map[string]bool{}
	for i, t := range doc.View {
		where := fmt.Sprintf("%s: view %d", f.path, i+1)
		if err := model.CheckViewName(t.Name); err != nil {
			return nil, fmt.Errorf("%s: %v; every [[view]] needs a name = \"...\"", where, err)
		}
		where = fmt.Sprintf("%s: view %q", f.path, t.Name)
		if seen[t.Name] {
			return nil, fmt.Errorf("%s: two views have this name; rename one", where)
		}
		seen[t.Name] = true
		v := model.View{Name: t.Name, Search: t.Search, Since: t.Since, Until: t.Until, Sort: t.Sort,
			Columns: t.Columns, Filters: map[model.Facet][]string{}}
		for k, vals := range t.Filters {
			fc, err := model.ParseFacet(k)
			if err != nil {
				return nil, fmt.Errorf("%s: filter %q is not a filter: %v", where, model.Inert(k), err)
			}
			v.Filters[fc] = append(v.Filters[fc], vals...)
		}
		out = append(out, v)
	}
	return out, nil
}

// decodeError is a TOML error as "file:line:col: what", so that an edit
// by hand that broke the file says where.
func (f *File) decodeError(err error) error {
	var se *toml.StrictMissingError
	if errors.As(err, &se) && len(se.Errors) > 0 {
		e := se.Errors[0]
		row, col := e.Position()
		return fmt.Errorf("%s:%d:%d: unknown key %q: a view has name, search, since, until, sort, columns and filters",
			f.path, row, col, strings.Join(e.Key(), "."))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return fmt.Errorf("%s:%d:%d: %s (the views file is TOML; see its first lines)", f.path, row, col, de.Error())
	}
	return fmt.Errorf("%s: %w", f.path, err)
}

// Get reads the view named name; ErrNotFound, with the names there are,
// when there is none.
func (f *File) Get(name string) (model.View, error) {
	all, err := f.List()
	if err != nil {
		return model.View{}, err
	}
	for _, v := range all {
		if v.Name == name {
			return v, nil
		}
	}
	return model.View{}, f.notFound(name, all)
}

func (f *File) notFound(name string, all []model.View) error {
	if len(all) == 0 {
		return fmt.Errorf("%w %q: %s has no views yet (save one with: unoct views save NAME [filters])", ErrNotFound, model.Inert(name), f.path)
	}
	names := make([]string, len(all))
	for i, v := range all {
		names[i] = model.Inert(v.Name)
	}
	return fmt.Errorf("%w %q in %s (there are: %s)", ErrNotFound, model.Inert(name), f.path, strings.Join(names, ", "))
}

// Save stores v: in place of the view of the same name, else last.
func (f *File) Save(v model.View) error {
	if err := model.CheckViewName(v.Name); err != nil {
		return err
	}
	all, err := f.List()
	if err != nil {
		return err
	}
	if i := slices.IndexFunc(all, func(x model.View) bool { return x.Name == v.Name }); i >= 0 {
		all[i] = v
	} else {
		all = append(all, v)
	}
	return f.write(all)
}

// Rename gives view old the name new; ErrNotFound when there is no
// view old, ErrExists when another view is called new.
func (f *File) Rename(old, new string) error {
	if err := model.CheckViewName(new); err != nil {
		return err
	}
	all, err := f.List()
	if err != nil {
		return err
	}
	i := slices.IndexFunc(all, func(x model.View) bool { return x.Name == old })
	if i < 0 {
		return f.notFound(old, all)
	}
	if old == new {
		return nil
	}
	if slices.ContainsFunc(all, func(x model.View) bool { return x.Name == new }) {
		return fmt.Errorf("%w: %q in %s; delete it first or choose another name", ErrExists, model.Inert(new), f.path)
	}
	all[i].Name = new
	return f.write(all)
}

// Delete removes the view named name; ErrNotFound when there is none.
func (f *File) Delete(name string) error {
	all, err := f.List()
	if err != nil {
		return err
	}
	i := slices.IndexFunc(all, func(x model.View) bool { return x.Name == name })
	if i < 0 {
		return f.notFound(name, all)
	}
	return f.write(slices.Delete(all, i, i+1))
}

// Encode is the file's text for views: the header, then each view.
func Encode(views []model.View) ([]byte, error) {
	doc := file{View: make([]viewTOML, len(views))}
	for i, v := range views {
		t := viewTOML{Name: v.Name, Search: v.Search, Since: v.Since, Until: v.Until, Sort: v.Sort, Columns: v.Columns}
		for _, fc := range v.Facets() {
			if t.Filters == nil {
				t.Filters = map[string][]string{}
			}
			t.Filters[string(fc)] = v.Filters[fc]
		}
		doc.View[i] = t
	}
	var b bytes.Buffer
	b.WriteString(header)
	enc := toml.NewEncoder(&b).SetIndentTables(false).SetArraysMultiline(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// write replaces the file with views, atomically: a temporary file in
// the same directory renamed over it. The directory is made when
// missing.
func (f *File) write(views []model.View) error {
	b, err := Encode(views)
	if err != nil {
		return err
	}
	dir := filepath.Dir(f.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".views-*.toml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up a failure
	if _, err := tmp.Write(b); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), f.path)
}
