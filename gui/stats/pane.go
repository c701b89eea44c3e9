// Package stats is the Stats and Processes panes of the container details
// view: live graphs of a container's CPU, memory, network and block I/O,
// computed as `docker stats` computes them, from one stream that runs only
// while the pane is shown; and its processes (`docker top`), refreshed while
// shown.
package stats

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Points is how many samples the graphs span: five minutes at the engine's
// one sample a second.
const Points = 300

// Host is what the Stats and Processes panes need from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	// Context ends when Berth shuts down.
	Context() context.Context
}

// Pane is the Stats pane of one container.
type Pane struct {
	h   Host
	api engine.StatsAPI
	c   engine.Container

	cpu, mem, net, blk *Graph
	status             *widget.Label
	content            fyne.CanvasObject
	samples            *kit.Coalescer[[]engine.StatsSample]

	// UI goroutine only.
	last      engine.StatsSample
	haveLast  bool
	cancel    context.CancelFunc
	streaming bool
	closed    bool
}

// NewPane makes the Stats pane of container c; the stream starts when it is shown.
func NewPane(h Host, api engine.StatsAPI, c engine.Container) *Pane {
	p := &Pane{h: h, api: api, c: c,
		cpu:    NewGraph(i18n.T("stats.cpu"), Points, func(v float64) string { return fmt.Sprintf("%.0f%%", v) }),
		mem:    NewGraph(i18n.T("stats.memory"), Points, present.BytesBinary),
		net:    NewGraph(i18n.T("stats.network"), Points, present.Rate),
		blk:    NewGraph(i18n.T("stats.blockIO"), Points, present.Rate),
		status: widget.NewLabel(""),
	}
	p.cpu.Floor = 100
	p.status.Wrapping = fyne.TextWrapWord
	p.status.Hide()
	p.samples = kit.NewCoalescer(h.Do, func(a, b []engine.StatsSample) []engine.StatsSample { return append(a, b...) }, p.apply)
	legend := widget.NewLabel(i18n.T("stats.legend"))
	legend.Wrapping = fyne.TextWrapWord
	legend.Importance = widget.LowImportance
	p.content = container.NewBorder(p.status, legend, nil, nil,
		container.NewGridWithColumns(2, p.cpu, p.mem, p.net, p.blk))
	return p
}

// Content is the pane.
func (p *Pane) Content() fyne.CanvasObject { return p.content }

// Shown opens the stats stream.
func (p *Pane) Shown() {
	if p.closed || p.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(p.h.Context())
	p.cancel = cancel
	p.streaming = true
	go p.stream(ctx)
}

// Hidden ends the stream: the engine stops sampling for Berth.
func (p *Pane) Hidden() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	p.streaming = false
}

// Close ends the stream for good.
func (p *Pane) Close() {
	p.Hidden()
	p.closed = true
}

// Streaming reports whether the pane has a stream open (or opening).
func (p *Pane) Streaming() bool { return p.streaming }

func (p *Pane) stream(ctx context.Context) {
	ch, err := p.api.ContainerStats(ctx, p.c.ID)
	if err != nil {
		if ctx.Err() == nil {
			p.h.Do(func() { p.ended(ctx, err) })
		}
		return
	}
	for s := range ch {
		p.samples.Post([]engine.StatsSample{s})
	}
	p.h.Do(func() { p.ended(ctx, nil) })
}

// ended says why the stream stopped, unless the pane stopped it.
func (p *Pane) ended(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	p.cancel = nil
	p.streaming = false
	switch {
	case engine.IsKind(err, engine.ErrNotRunning) || err == nil:
		p.status.SetText(i18n.T("stats.notRunning", "Name", p.c.Name))
	default:
		p.status.SetText(i18n.T("stats.failed", "Why", present.Explain(err)))
	}
	p.status.Show()
}

// apply adds samples to the graphs; UI goroutine.
func (p *Pane) apply(ss []engine.StatsSample) {
	if !p.streaming {
		return // hidden since
	}
	p.status.Hide()
	for _, s := range ss {
		p.add(s)
	}
	s := p.last
	p.cpu.SetValue(present.Percent(s.CPUPercent))
	p.mem.SetValue(fmt.Sprintf("%s (%s)", present.MemUsage(s.MemUsage, s.MemLimit), present.Percent(s.MemPercent)))
	p.net.SetValue(i18n.T("stats.network.value", "In", present.IOBytes(s.NetRx), "Out", present.IOBytes(s.NetTx)))
	p.blk.SetValue(i18n.T("stats.blockIO.value", "Read", present.IOBytes(s.BlockRead), "Written", present.IOBytes(s.BlockWrite)))
}

func (p *Pane) add(s engine.StatsSample) {
	p.cpu.Add(s.CPUPercent, 0, false)
	p.mem.SetLimit(float64(s.MemLimit))
	p.mem.Add(float64(s.MemUsage), 0, false)
	if p.haveLast {
		dt := s.Read.Sub(p.last.Read).Seconds()
		if dt <= 0 {
			dt = 1
		}
		p.net.Add(rate(s.NetRx, p.last.NetRx, dt), rate(s.NetTx, p.last.NetTx, dt), true)
		p.blk.Add(rate(s.BlockRead, p.last.BlockRead, dt), rate(s.BlockWrite, p.last.BlockWrite, dt), true)
	}
	p.last, p.haveLast = s, true
}

// rate is bytes per second between two cumulative counts (0 when a counter went back).
func rate(now, before uint64, dt float64) float64 {
	if now < before {
		return 0
	}
	return float64(now-before) / dt
}

// Graphs are the CPU, memory, network and block I/O graphs (for tests).
func (p *Pane) Graphs() (cpu, mem, net, blk *Graph) { return p.cpu, p.mem, p.net, p.blk }

// Status is the line over the graphs ("" when hidden).
func (p *Pane) Status() string {
	if !p.status.Visible() {
		return ""
	}
	return p.status.Text
}
