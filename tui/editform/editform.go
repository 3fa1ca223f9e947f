// Package editform is the correction form: the fields of one activity a
// person can correct (kind, branch, pillars, partners, people,
// countries, participants, and whether it is an activity at all), each
// with its value, a mark where it was corrected and what the reader read
// there. enter edits a field, u gives it back to the reader; each change
// is stored at once (Store.Fix), kept apart from what the reader derives
// so that it survives re-imports and reader upgrades.
//
// It is a modal view: the root opens it with its key (KeyMap.Open) on
// the activity under the list's cursor, the one the detail shows, and
// re-reads the screen when it reports a correction (DoneMsg).
package editform

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
)

// Store is what the form needs of the store: the activity, its values'
// names to resolve what is typed, and the correction itself.
type Store interface {
	Activity(id uint32) (model.Activity, error)
	Values(f model.Facet) ([]model.FacetValue, error)
	Fix(id uint32, edit func(c *model.Correction) error) (model.Activity, error)
}

// KeyMap holds the form's keys.
type KeyMap struct {
	Open   key.Binding // open the form (the root's view key)
	Edit   key.Binding // edit the field under the cursor; store what is typed
	Undo   key.Binding // give the field back to the reader
	Close  key.Binding // close the form
	Cancel key.Binding // leave the field being typed as it was
}

// DefaultKeyMap returns the form's keys.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Open:   b(k("f"), h("f", "correct (fix) the activity")),
		Edit:   b(k("enter"), h("enter", "edit field")),
		Undo:   b(k("u"), h("u", "undo: as the reader read it")),
		Close:  b(k("esc", "f"), h("esc", "close")),
		Cancel: b(k("esc"), h("esc", "cancel")),
	}
}

// DoneMsg says a correction was stored: the root reads the screen again.
type DoneMsg struct {
	ID       uint32
	Activity model.Activity
}

// loadedMsg carries the activity read, or the correction stored, for
// request seq.
type loadedMsg struct {
	seq  int
	act  model.Activity
	err  error
	done string // what was stored: "" for a plain read
}

// field is one correctable field as the form lists it.
type field struct {
	name  string // model.Fix...
	label string
	sep   string // between the values of a list as typed
}

var fields = []field{
	{model.FixKind, "Kind", ""},
	{model.FixBranch, "Branch", ""},
	{model.FixPillars, "Pillars", ", "},
	{model.FixPartners, "Partners", "; "},
	{model.FixPeople, "People", "; "},
	{model.FixCountries, "Countries", ", "},
	{model.FixParticipants, "Participants", ""},
	{model.FixNotActivity, "Not an activity", ""},
}

// labelW is the width of the label column.
const labelW = 17

// Model is the form.
type Model struct {
	common.Common
	keys    KeyMap
	src     Store                 // nil: the source cannot store corrections
	current func() (uint32, bool) // the activity to correct

	shown  bool
	id     uint32
	has    bool
	act    model.Activity
	err    error
	cursor int
	typing bool
	in     textinput.Model
	status string
	bad    bool // status is an error
	seq    int
}

// New returns the form, closed. current tells, when it opens, which
// activity to correct.
func New(c common.Common, src Store, current func() (uint32, bool)) *Model {
	in := textinput.New()
	in.Prompt = ""
	in.SetStyles(c.Styles.Input)
	return &Model{Common: c, keys: DefaultKeyMap(), src: src, current: current, in: in}
}

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.in.SetWidth(max(10, w-common.FrameW-labelW-2))
}

// Closed implements common.Closer.
func (m *Model) Closed() bool { return !m.shown }

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.FocusMsg:
		return m.open()
	case common.BlurMsg:
		m.shown, m.typing = false, false
	case common.StylesMsg:
		m.Styles = msg.Styles
		m.in.SetStyles(msg.Styles.Input)
	case loadedMsg:
		if msg.seq != m.seq {
			return nil
		}
		if msg.err != nil {
			m.status, m.bad = model.Inert(msg.err.Error()), true
			if msg.done == "" {
				m.has, m.err = false, msg.err
			}
			return nil
		}
		m.act, m.has, m.err = msg.act, true, nil
		if msg.done != "" {
			m.status, m.bad = msg.done, false
			return common.Cmd(DoneMsg{ID: m.id, Activity: msg.act})
		}
	case tea.PasteMsg:
		if m.typing {
			var cmd tea.Cmd
			m.in, cmd = m.in.Update(msg)
			return cmd
		}
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return nil
}

// open starts the form on the activity current names.
func (m *Model) open() tea.Cmd {
	m.shown, m.typing, m.status, m.bad, m.cursor = true, false, "", false, 0
	id, ok := uint32(0), false
	if m.current != nil {
		id, ok = m.current()
	}
	m.has, m.err, m.id = false, nil, id
	switch {
	case m.src == nil:
		m.status, m.bad = "this store cannot keep corrections", true
		return nil
	case !ok:
		m.status, m.bad = "no activity under the cursor: choose one in the list first", true
		return nil
	}
	m.seq++
	seq, src := m.seq, m.src
	return func() tea.Msg {
		a, err := src.Activity(id)
		return loadedMsg{seq: seq, act: a, err: err}
	}
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if m.typing {
		switch {
		case key.Matches(msg, m.keys.Cancel):
			m.typing = false
			m.in.Blur()
			m.status = ""
			return nil
		case key.Matches(msg, m.keys.Edit):
			m.typing = false
			m.in.Blur()
			return m.store(fields[m.cursor], m.in.Value())
		}
		var cmd tea.Cmd
		m.in, cmd = m.in.Update(msg)
		return cmd
	}
	if d, ok := m.Keys.Nav.Step(msg, len(fields), len(fields)); ok {
		m.cursor = common.Clamp(m.cursor+d, 0, len(fields)-1)
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Close):
		m.shown = false // the root closes the view at once (Closed)
	case !m.has:
	case key.Matches(msg, m.keys.Edit):
		f := fields[m.cursor]
		if f.name == model.FixNotActivity { // a toggle
			mark := "yes"
			if m.act.NotActivity {
				mark = ""
			}
			return m.store(f, mark)
		}
		m.typing, m.status, m.bad = true, "", false
		m.in.SetValue(typed(f, &m.act))
		m.in.CursorEnd()
		return m.in.Focus()
	case key.Matches(msg, m.keys.Undo):
		return m.store(fields[m.cursor], typed(fields[m.cursor], ptr(m.act.Uncorrected())))
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// store corrects field f to what was typed, in a command: a value equal
// to the reader's gives the field back to the reader.
func (m *Model) store(f field, input string) tea.Cmd {
	m.seq++
	seq, src, id, act := m.seq, m.src, m.id, m.act
	return func() tea.Msg {
		asRead := act.Uncorrected()
		undo := norm(f, input) == norm(f, typed(f, &asRead))
		if f.name == model.FixNotActivity {
			undo = input == ""
		}
		var edits [][2]string // op, value
		if !undo {
			for i, v := range split(f, input) {
				op := "="
				if i > 0 {
					op = "+"
				}
				edits = append(edits, [2]string{op, v})
			}
			if len(edits) == 0 { // an empty list
				edits = [][2]string{{"=", ""}}
			}
		}
		r := &resolver{src: src, act: &act}
		// Resolve and check what was typed before the store is locked
		// for the write.
		var scratch model.Correction
		for _, e := range edits {
			if err := edit(&scratch, f.name, e, r); err != nil {
				return loadedMsg{seq: seq, err: err, done: "error"}
			}
		}
		r.src = nil
		got, err := src.Fix(id, func(c *model.Correction) error {
			_ = c.Undo(f.name)
			for _, e := range edits {
				if err := edit(c, f.name, e, r); err != nil {
					return err
				}
			}
			return nil
		})
		done := f.label + " corrected"
		if undo {
			done = f.label + " as the reader read it"
		}
		return loadedMsg{seq: seq, act: got, err: err, done: done}
	}
}

// edit applies one typed value; an empty list is a list set to nothing.
func edit(c *model.Correction, fieldName string, e [2]string, r model.FixResolver) error {
	if e[1] == "" && e[0] == "=" {
		switch fieldName {
		case model.FixPillars:
			c.Pillars = &model.ListEdit[model.Pillar]{Set: true}
			return nil
		case model.FixPartners:
			c.Partners = &model.ListEdit[model.Entity]{Set: true}
			return nil
		case model.FixPeople:
			c.People = &model.ListEdit[string]{Set: true}
			return nil
		case model.FixCountries:
			c.Countries = &model.ListEdit[model.CountryRef]{Set: true}
			return nil
		}
	}
	return c.Edit(fieldName, e[0][0], e[1], r)
}

// typed is field f of a as the form lets it be typed.
func typed(f field, a *model.Activity) string {
	var vs []string
	switch f.name {
	case model.FixKind:
		return string(a.Kind)
	case model.FixBranch:
		return string(a.Branch)
	case model.FixPillars:
		for _, p := range a.Pillars {
			vs = append(vs, string(p.Pillar))
		}
	case model.FixPartners:
		for _, p := range a.Partners {
			vs = append(vs, p.Label())
		}
	case model.FixPeople:
		vs = a.People
	case model.FixCountries:
		for _, c := range a.Countries {
			vs = append(vs, c.Code)
		}
	case model.FixParticipants:
		p := a.Participants
		switch {
		case p.People == nil:
			return "none"
		case p.Estimate:
			return "~" + strconv.Itoa(*p.People)
		case p.Approximate:
			return "over " + strconv.Itoa(*p.People)
		}
		return strconv.Itoa(*p.People)
	case model.FixNotActivity:
		if a.NotActivity {
			return "yes"
		}
		return "no"
	}
	return model.Inert(strings.Join(vs, f.sep))
}

// split is a typed list's values.
func split(f field, input string) []string {
	if f.sep == "" {
		return []string{strings.TrimSpace(input)}
	}
	var out []string
	for _, v := range strings.Split(input, strings.TrimSpace(f.sep)) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// norm is a typed value compared with another: folded, and a list's
// values in order.
func norm(f field, input string) string {
	vs := split(f, input)
	for i := range vs {
		vs[i] = model.Fold(vs[i])
	}
	if f.sep != "" {
		slices.Sort(vs)
	}
	return strings.Join(vs, "|")
}

// resolver finds what a typed partner or country stands for: among the
// activity's own (as corrected and as read), then among the values the
// store has; a partner found nowhere is taken as typed (a name no table
// knows). What it found is kept, so that it answers again, alike, once
// src is nil (the store locked for the write).
type resolver struct {
	src       Store
	act       *model.Activity
	partners  map[string]model.Entity
	countries map[string]model.CountryRef
}

func (r *resolver) Partner(name string) (model.Entity, bool) {
	key := model.Fold(name)
	if e, ok := r.partners[key]; ok || r.src == nil {
		return e, ok
	}
	known := slices.Clone(r.act.Partners)
	if r.act.AsRead != nil {
		known = append(known, r.act.AsRead.Partners...)
	}
	if vals, err := r.src.Values(model.FacetPartner); err == nil {
		for _, v := range vals {
			known = append(known, model.Entity{Acronym: v.Value, Name: v.Name, Kind: model.EntityUnknown})
		}
	}
	e := model.Entity{Acronym: name, Kind: model.EntityUnknown}
	for _, k := range known {
		if key == model.Fold(k.Label()) || key == model.Fold(k.Name) || key == model.Fold(k.Acronym) {
			e = k
			break
		}
	}
	if r.partners == nil {
		r.partners = map[string]model.Entity{}
	}
	r.partners[key] = e
	return e, true
}

func (r *resolver) Country(name string) (model.CountryRef, bool) {
	key := model.Fold(name)
	if c, ok := r.countries[key]; ok || r.src == nil {
		return c, ok
	}
	known := slices.Clone(r.act.Countries)
	if r.act.AsRead != nil {
		known = append(known, r.act.AsRead.Countries...)
	}
	if vals, err := r.src.Values(model.FacetCountry); err == nil {
		for _, v := range vals {
			known = append(known, model.CountryRef{Code: v.Value, Name: v.Name})
		}
	}
	for _, c := range known {
		if key == model.Fold(c.Code) || key == model.Fold(c.Name) {
			if r.countries == nil {
				r.countries = map[string]model.CountryRef{}
			}
			r.countries[key] = c
			return c, true
		}
	}
	return model.CountryRef{}, false
}

// ShortHelp implements common.Component.
func (m *Model) ShortHelp() []key.Binding {
	if m.typing {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "store")), m.keys.Cancel}
	}
	return []key.Binding{m.Keys.Nav.Down, m.keys.Edit, m.keys.Undo, m.keys.Close}
}

// KeyGroups implements common.Component.
func (m *Model) KeyGroups() []common.KeyGroup {
	return []common.KeyGroup{{Title: "Correct", Keys: []key.Binding{m.keys.Open, m.keys.Edit, m.keys.Undo, m.keys.Close}}}
}

// View implements common.Component.
func (m *Model) View(focused bool) string {
	st := m.Styles
	w := max(10, m.Width-common.FrameW)
	var b strings.Builder
	title := "Correct"
	switch {
	case m.has:
		title = "Correct activity " + strconv.Itoa(int(m.id))
		b.WriteString(lipgloss.NewStyle().Width(w).Render(m.act.Headline(4*w)) + "\n")
		if m.act.AsRead != nil && m.act.AsRead.Review != "" {
			b.WriteString(st.Warn.Render(lipgloss.NewStyle().Width(w).Render(
				"⚠ corrected when the bullet read otherwise: "+model.Inert(m.act.AsRead.Review))) + "\n")
		}
		b.WriteString("\n")
		asRead := m.act.Uncorrected()
		for i, f := range fields {
			value := typed(f, &m.act)
			if value == "" {
				value = "—"
			}
			line := common.PadRight(f.label, labelW)
			if m.typing && i == m.cursor {
				b.WriteString(st.FieldFocused.Render(line) + m.in.View() + "\n")
				continue
			}
			corrected := m.act.IsCorrected(f.name) || f.name == model.FixNotActivity && m.act.NotActivity
			line += value
			if corrected {
				line += " ✎"
			}
			b.WriteString(st.CursorLine(common.Fit(line, w), w, i == m.cursor, false) + "\n")
			if corrected && f.name != model.FixNotActivity {
				was := typed(f, &asRead)
				if was == "" {
					was = "—"
				}
				b.WriteString(st.Muted.Render(common.Fit(strings.Repeat(" ", labelW)+"read as: "+was, w)) + "\n")
			}
		}
		b.WriteString("\n" + st.Muted.Render(common.Fit("lists: I, II · UNODC; EU · ML, NE · participants: 120, ~120 or none", w)) + "\n")
	case m.err != nil:
		b.WriteString(st.Error.Render(lipgloss.NewStyle().Width(w).Render(model.Inert(m.err.Error()))) + "\n")
	}
	if m.status != "" {
		style := st.OK
		if m.bad {
			style = st.Error
		}
		b.WriteString("\n" + style.Render(common.Fit(m.status, w)))
	}
	content := strings.Join(common.Block(strings.TrimRight(b.String(), "\n"), w, max(1, m.Height-common.FrameH)), "\n")
	return st.Box(title, "esc closes", content, m.Width, m.Height, focused)
}
