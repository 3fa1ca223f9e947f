package tui

import (
	"strconv"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/tui/common"
)

// countView is the smallest view: it shows how many activities the
// current result holds. It stands for a new view (a timeline) to show
// what adding one takes: its own component, and one entry in the root's
// list of views.
type countView struct {
	common.Common
	n int
}

func (v *countView) SetSize(w, h int) { v.Common.SetSize(w, h) }

func (v *countView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.ResultMsg:
		v.n = len(msg.IDs)
	case tea.KeyPressMsg:
		if msg.String() == "esc" {
			return common.Cmd(common.CloseMsg{})
		}
	}
	return nil
}

func (v *countView) View(focused bool) string {
	return v.Styles.Box("Count", "", strconv.Itoa(v.n)+" activities counted", v.Width, v.Height, focused)
}

func (v *countView) ShortHelp() []key.Binding { return nil }

func (v *countView) KeyGroups() []common.KeyGroup { return nil }

// Ensure that a view registered in the root's list opens on its key,
// takes the whole body at the window's size, follows each result and
// closes, with nothing else in the root told about it.
func TestModel_RegisteredView(t *testing.T) {
	d := newDriver(t, mustSeedStore(t), testOptions(t), 100, 30)
	d.m.views = append(d.m.views, view{open: key.NewBinding(key.WithKeys("T")), c: &countView{Common: d.m.c}})
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.key("r") // a result for the view, registered after the first
	d.key("T")
	d.requireScreen("Count", "12 activities counted")
	d.key("c") // global keys act under a view that is not modal
	d.key("/")
	d.typeText("Douala")
	d.key("enter")
	d.key("T")
	d.requireScreen("1 activities counted")
	d.key("esc")
	d.requireScreen("Facets", "Activities")
}
