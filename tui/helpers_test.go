package tui

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/data"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// testReader loads the reader once for the package's tests.
var testReader = sync.OnceValues(reader.Default)

// testGeo loads the gazetteer once for the package's tests.
var testGeo = sync.OnceValues(ref.LoadGeo)

// mustSeedStore builds a store in a temporary directory from the
// embedded documents, as `unoct` does on first run.
func mustSeedStore(t testing.TB) *store.Store {
	t.Helper()
	s := mustOpenStore(t)
	seedInto(t, s)
	return s
}

// seedInto imports the embedded documents into s, each session with
// its country's region as the reader records it.
func seedInto(t testing.TB, s *store.Store) {
	t.Helper()
	rd, err := testReader()
	if err != nil {
		t.Fatalf("reader: %v", err)
	}
	for _, d := range data.Documents() {
		res, err := rd.Read(d.Name, d.Raw, reader.Options{})
		if err != nil {
			t.Fatalf("read %s: %v", d.Name, err)
		}
		for i := range res.Activities {
			for j := range res.Activities[i].Sessions {
				ss := &res.Activities[i].Sessions[j]
				if ss.Region == "" {
					ss.Region = regionOf(ss.Country)
				}
			}
		}
		if _, err := s.Import(res.Document, res.Activities); err != nil {
			t.Fatalf("import %s: %v", d.Name, err)
		}
	}
}

func mustOpenStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "unoct.db"), store.Options{LockTimeout: 5 * time.Second, ReaderVersion: "test"})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	return s
}

// testNow is the fixed clock of the tests' export names.
func testNow() time.Time { return time.Date(2024, 3, 5, 14, 7, 9, 0, time.UTC) }

// regionOf is the M49 region of a country, for the fixtures' sessions.
func regionOf(code string) string {
	g, err := testGeo()
	if err != nil || code == "" {
		return ""
	}
	c, ok := g.Country(code)
	if !ok {
		return ""
	}
	return c.M49Group()
}

// testOptions pins everything that could vary between runs.
func testOptions(t testing.TB) Options {
	dark := true
	return Options{ExportDir: t.TempDir(), WriteFile: testWriteFile, Now: testNow, PollInterval: -1, Dark: &dark, StatusTimeout: -1}
}

// testWriteFile is the file writer the tests hand the TUI, in the
// program's stead (which lives in package main): a temporary file
// beside path, linked into place without force, so that it never
// replaces a file unasked and says so with an error that wraps
// fs.ErrExist, as Options.WriteFile must.
func testWriteFile(path string, force bool, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".test-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return err
	case force:
		return os.Rename(tmp.Name(), path)
	}
	return os.Link(tmp.Name(), path) // an *os.LinkError wrapping EEXIST when path exists
}

// driver runs a Model without a terminal: it delivers messages and runs
// the commands they return, one after another, until none is left.
type driver struct {
	t    testing.TB
	m    *Model
	quit bool
}

// newDriver starts a model at w×h and waits for its first result.
func newDriver(t testing.TB, s Source, opts Options, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, m: New(s, opts)}
	d.m.spinning = true // no spinner ticks to wait for
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// run executes cmd and everything it leads to. Timers (the spinner, the
// generation poll) are dropped rather than waited for again.
func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			d.t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case spinner.TickMsg, pollMsg:
		case tea.QuitMsg:
			d.quit = true
		default:
			_, next := d.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// plain tells the model that the terminal has no colours, as a
// terminal with TERM=dumb does: the cursor row and the focused pane
// then show by characters.
func (d *driver) plain() {
	d.t.Helper()
	d.send(tea.ColorProfileMsg{Profile: colorprofile.ASCII})
}

// key sends one key press: "enter", "esc", "space", "tab", or a rune.
func (d *driver) key(k string) {
	d.t.Helper()
	d.send(keyMsg(k))
}

// typeText sends each rune of s as a key press.
func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the model's frame without styling.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

// requireScreen fails unless the frame contains every want.
func (d *driver) requireScreen(want ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			d.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// importActs imports a hand-made document.
func importActs(t testing.TB, s *store.Store, name, month string, acts []model.Activity) {
	t.Helper()
	raw := []byte(name + month)
	for _, a := range acts {
		raw = append(raw, a.Text...)
	}
	doc := model.Document{Name: name, Month: month, Raw: raw}
	if _, err := s.Import(doc, acts); err != nil {
		t.Fatalf("import: %v", err)
	}
}
