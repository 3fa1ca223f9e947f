package detail

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// seriesSource reads one series, and counts its reads.
type seriesSource struct {
	acts  []model.Activity
	reads int
	err   error
}

func (s *seriesSource) Activity(id uint32) (model.Activity, error) {
	return model.Activity{}, errors.New("not here")
}

func (s *seriesSource) Series(name string) ([]model.Activity, error) {
	s.reads++
	return s.acts, s.err
}

// Ensure that under an activity in a series the detail lists the
// series' activities, earlier ones above it and later ones below, each
// with its id, month and first words; and that an activity in none, or
// a Reader that cannot read series, shows no such section.
func TestDetail_ShowsSeries(t *testing.T) {
	const name = "Countering Terrorist Travel Programme"
	mk := func(id uint32, month, text string) model.Activity {
		a := *testActivity()
		a.ID, a.Month, a.Text, a.Series = id, month, text, name
		return a
	}
	src := &seriesSource{acts: []model.Activity{
		mk(133, "2019-10", "UNOCT briefed the Permanent Missions on the Countering Terrorist Travel Programme."),
		mk(11, "2020-02", "UNOCT concluded a joint mission with IOM and the UK to Azerbaijan."),
		mk(61, "2020-06", "UNOCT delivered the goTravel software and a legislative assistance package to the Philippines, at length."),
	}}
	m := New(common.Common{Styles: common.NewStyles(true, false), Keys: common.DefaultKeyMap()}, src)
	m.SetSize(70, 60)
	this := src.acts[1]
	cmd := m.Update(common.CursorMsg{ID: this.ID, OK: true, Row: &this})
	if cmd == nil {
		t.Fatal("an activity in a series asks for its series")
	}
	if v := ansi.Strip(m.View(true)); strings.Contains(v, "earlier") {
		t.Fatalf("the series shows before it is read:\n%s", v)
	}
	m.Update(cmd())
	v := ansi.Strip(m.View(true))
	for _, want := range []string{
		"Series",
		name,
		"earlier  133  2019-10  UNOCT briefed the Permanent Missions",
		"this      11  2020-02  UNOCT concluded a joint mission",
		"later     61  2020-06  UNOCT delivered the goTravel software",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "at length.") {
		t.Errorf("a long text is not cut to the pane:\n%s", v)
	}

	alone := *testActivity()
	if cmd := m.Update(common.CursorMsg{ID: alone.ID, OK: true, Row: &alone}); cmd != nil {
		t.Fatal("an activity in no series reads no series")
	}
	if v := ansi.Strip(m.View(true)); strings.Contains(v, "earlier") {
		t.Fatalf("the last activity's series stayed:\n%s", v)
	}

	plain := New(common.Common{Styles: common.NewStyles(true, false), Keys: common.DefaultKeyMap()}, nil)
	if cmd := plain.Update(common.CursorMsg{ID: this.ID, OK: true, Row: &this}); cmd != nil {
		t.Fatal("a Reader that cannot read series is not asked")
	}
}
