package tui

// The TUI's share of unoct's scale benchmarks (bench/ has the rest):
// Update and View for a facet toggle, a search keystroke and a scroll,
// in process, on a Model over the benchmark corpora's stores (built and
// cached by bench/corpus), at 1k to 1M activities. Each op is a key (or
// the facet pane's toggle message) through Update, every command it
// leads to run to completion (the store's query, counts, rows and the
// detail, as the program would run them), and the frame rendered:
// what the user waits for between a key and the next frame.
//
//	go test ./tui -run '^$' -bench TUI -benchmem
//	UNOCT_BENCH_LARGE=1 go test ./tui -run '^$' -bench TUI -benchmem -benchtime 20x

import (
	"syscall"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/unoct/unoct/bench/corpus"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
	"github.com/unoct/unoct/tui/common"
)

// benchDriver runs a Model without a terminal, synchronously: a message
// through Update, then every command it returns, and the messages those
// return, until none is left. Timers are dropped.
type benchDriver struct {
	b *testing.B
	m *Model
}

func newBenchDriver(b *testing.B, s *store.Store) *benchDriver {
	dark := true
	d := &benchDriver{b: b, m: New(s, Options{PollInterval: -1, Dark: &dark})}
	d.m.spinning = true // no spinner ticks: they would sleep
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: 160, Height: 50}) // three panes, the detail following the cursor
	_ = d.m.View()
	return d
}

func (d *benchDriver) send(msg tea.Msg) {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

func (d *benchDriver) run(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			d.b.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, spinner.TickMsg, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := d.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// frame renders the screen, as the program does after each message.
func (d *benchDriver) frame() int { return len(d.m.View().Content) }

func benchKey(k string) tea.KeyPressMsg {
	switch k {
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// BenchmarkTUIFacetToggle toggles a facet value on and off (countries,
// pillars, partners, months, in turn): each op is one toggle, its query,
// every facet's counts, the first rows, the detail and the frame.
func BenchmarkTUIFacetToggle(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		s := c.Store(b)
		type fv struct {
			f model.Facet
			v string
		}
		var vals []fv
		for _, f := range []model.Facet{model.FacetCountry, model.FacetPillar, model.FacetPartner, model.FacetMonth} {
			vs, err := s.Values(f)
			if err != nil {
				b.Fatal(err)
			}
			for _, v := range vs[:min(4, len(vs))] {
				vals = append(vals, fv{f, v.Value})
			}
		}
		d := newBenchDriver(b, s)
		b.ReportAllocs()
		b.ResetTimer()
		cpu0 := cpuTime()
		defer func() { reportCPU(b, cpuTime()-cpu0) }()
		for i := 0; i < b.N; i++ {
			v := vals[(i/2)%len(vals)] // on, then off
			d.send(common.ToggleFacetMsg{Facet: v.f, Value: v.v})
			d.frame()
		}
	})
}

// BenchmarkTUISearch types in the search line, a letter per op: its
// query, counts, rows, detail and frame. Each word is typed afresh
// (the line cleared between words, untimed), so most prefixes are new.
func BenchmarkTUISearch(b *testing.B) {
	words := []string{"border", "security", "training", "nigeria", "unodc", "victims", "cyber", "prison",
		"youth", "women", "financing", "aviation", "sahel", "kenya", "workshop", "interpol", "extremism"}
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		d := newBenchDriver(b, c.Store(b))
		d.send(benchKey("/"))
		w, at := 0, 0
		b.ReportAllocs()
		b.ResetTimer()
		var cpu time.Duration
		cpu0 := cpuTime()
		defer func() { reportCPU(b, cpu+cpuTime()-cpu0) }()
		for i := 0; i < b.N; i++ {
			if at == len(words[w]) {
				b.StopTimer()
				cpu += cpuTime() - cpu0
				d.send(benchKey("esc")) // clears the search
				d.send(benchKey("/"))
				w, at = (w+1)%len(words), 0
				cpu0 = cpuTime()
				b.StartTimer()
			}
			d.send(benchKey(words[w][at : at+1]))
			at++
			d.frame()
		}
	})
}

// BenchmarkTUIScroll pages through the list, 20 pages down then 20 up:
// each op is one page key, the rows it lacks, the detail of the row
// under the cursor and the frame.
func BenchmarkTUIScroll(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		d := newBenchDriver(b, c.Store(b))
		b.ReportAllocs()
		b.ResetTimer()
		cpu0 := cpuTime()
		defer func() { reportCPU(b, cpuTime()-cpu0) }()
		for i := 0; i < b.N; i++ {
			k := "pgdown"
			if (i/20)%2 == 1 {
				k = "pgup"
			}
			d.send(benchKey(k))
			d.frame()
		}
	})
}

// cpuTime is the CPU time (user and system) this process has used: on a
// machine shared with other work, wall times vary with the load and CPU
// times much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time an op took, besides its wall time.
func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
}
