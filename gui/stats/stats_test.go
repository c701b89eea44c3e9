package stats

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/i18n"
	"berth/gui/kit/kittest"
)

type host struct {
	kittest.Queue
	ctx context.Context
}

func (h *host) Context() context.Context { return h.ctx }

var web = engine.Container{ID: kittest.ID("abc123"), ShortID: "abc123", Name: "web", State: engine.StateRunning}

func newStats(t *testing.T) (*Pane, *host, *enginetest.Engine) {
	t.Helper()
	test.NewTempApp(t)
	fake := enginetest.New(nil, nil)
	h := &host{ctx: context.Background()}
	p := NewPane(h, fake, web)
	w := test.NewWindow(p.Content())
	w.Resize(fyne.NewSize(800, 500))
	t.Cleanup(func() { p.Close(); w.Close() })
	return p, h, fake
}

func TestStatsStreamOnlyWhileShown(t *testing.T) {
	p, h, fake := newStats(t)
	if fake.StatsStreams() != 0 {
		t.Fatal("a stream before the pane was shown")
	}
	p.Shown()
	h.Until(t, "a stream", func() bool { return fake.StatsStreams() == 1 })
	p.Shown() // shown again: still one stream
	t0 := time.Unix(1000, 0)
	fake.SendStats(engine.StatsSample{Read: t0, CPUPercent: 46.36, MemUsage: 331776, MemLimit: 25275990016, MemPercent: 0.0013,
		NetRx: 1000, NetTx: 100, BlockRead: 0, BlockWrite: 4096})
	cpu, mem, net, blk := p.Graphs()
	h.Until(t, "a sample", func() bool { return cpu.Len() == 1 })
	fake.SendStats(engine.StatsSample{Read: t0.Add(2 * time.Second), CPUPercent: 50, MemUsage: 331776, MemLimit: 25275990016,
		NetRx: 5000, NetTx: 300, BlockRead: 0, BlockWrite: 4096})
	h.Until(t, "two samples", func() bool { return cpu.Len() == 2 })
	if cpu.Value() != "50.00%" || mem.Value() != "324KiB / 23.54GiB (0.00%)" {
		t.Errorf("words: %q, %q", cpu.Value(), mem.Value())
	}
	if net.Last(0) != 2000 || net.Last(1) != 100 || blk.Last(1) != 0 {
		t.Errorf("rates: rx %v tx %v write %v (want 2000, 100, 0 B/s)", net.Last(0), net.Last(1), blk.Last(1))
	}
	if fake.StatsStreams() != 1 {
		t.Errorf("%d streams", fake.StatsStreams())
	}
	p.Hidden()
	h.Until(t, "the stream ended", func() bool { return fake.StatsStreams() == 0 })
	p.Shown()
	h.Until(t, "a stream again", func() bool { return fake.StatsStreams() == 1 })
	p.Close()
	h.Until(t, "the stream ended on close", func() bool { return fake.StatsStreams() == 0 })
}

func TestStatsSayWhenTheContainerStops(t *testing.T) {
	p, h, fake := newStats(t)
	fake.StatsCalls.ContainerStats = func(ctx context.Context, id string) (<-chan engine.StatsSample, error) {
		ch := make(chan engine.StatsSample)
		close(ch) // the engine ends the stream when the container stops
		return ch, nil
	}
	p.Shown()
	h.Until(t, "the message", func() bool { return p.Status() != "" })
	if !strings.Contains(p.Status(), "web is not running") {
		t.Errorf("status %q", p.Status())
	}
	if p.Streaming() {
		t.Error("still streaming")
	}
}

func TestGraphScale(t *testing.T) {
	test.NewTempApp(t)
	g := NewGraph("CPU", 5, nil)
	g.Floor = 100
	for _, v := range []float64{10, 20, 30, 40, 50, 60} {
		g.Add(v, 0, false)
	}
	if g.Len() != 5 || g.Last(0) != 60 || g.scaleTop() != 100 {
		t.Errorf("len %d last %v top %v", g.Len(), g.Last(0), g.scaleTop())
	}
	g.Add(150, 0, false)
	if g.scaleTop() != 200 {
		t.Errorf("top %v, want 200", g.scaleTop())
	}
	if img := g.draw(100, 50); img.Bounds().Dx() != 100 {
		t.Error("no image")
	}
}

func TestProcessesRefreshWhileShown(t *testing.T) {
	test.NewTempApp(t)
	fake := enginetest.New(nil, nil)
	fake.TopAnswer = engine.Processes{Titles: []string{"UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"},
		Rows: [][]string{{"root", "4242", "1", "0", "10:00", "?", "00:00:01", "sh -c sleep"}, {"root", "7", "0", "0", "10:00", "?", "00:00:00", "/bin/sleep 86400"}}}
	h := &host{ctx: context.Background()}
	p := NewProcesses(h, fake, web)
	w := test.NewWindow(p.Content())
	w.Resize(fyne.NewSize(600, 300))
	t.Cleanup(func() { p.Close(); w.Close() })
	p.Shown()
	h.Until(t, "rows", func() bool { return len(p.Rows()) == 2 })
	if r := p.Rows()[0]; r != (Process{PID: "4242", User: "root", Time: "00:00:01", Command: "sh -c sleep"}) {
		t.Errorf("row %+v", r)
	}
	p.table.SortBy(0, false)
	if p.Rows()[0].PID != "7" {
		t.Errorf("sorted by PID: %+v", p.Rows())
	}
	p.Hidden()
	n := countTop(fake)
	time.Sleep(50 * time.Millisecond)
	if countTop(fake) != n {
		t.Error("asked again after Hidden")
	}
	fake.StatsCalls.ContainerTop = func(context.Context, string) (engine.Processes, error) {
		return engine.Processes{}, &engine.Error{Kind: engine.ErrNotRunning}
	}
	p.Shown()
	h.Until(t, "the message", func() bool { return p.Status() != "" })
	if p.Status() != "The container web is not running: it has no processes." || len(p.Rows()) != 0 {
		t.Errorf("status %q, rows %v", p.Status(), p.Rows())
	}
}

func countTop(f *enginetest.Engine) int {
	n := 0
	for _, c := range f.Calls() {
		if strings.HasPrefix(c, "Top ") {
			n++
		}
	}
	return n
}

// The details view hosts panes through this interface (gui/details).
type detailsPane interface {
	Content() fyne.CanvasObject
	Shown()
	Hidden()
	Close()
}

var (
	_ detailsPane = (*Pane)(nil)
	_ detailsPane = (*Processes)(nil)
)

// TestStatsInKorean: the panes' words come from the Korean translation.
func TestStatsInKorean(t *testing.T) {
	i18n.Use("ko")
	t.Cleanup(func() { i18n.Use("en") })
	p, h, fake := newStats(t)
	fake.StatsCalls.ContainerStats = func(ctx context.Context, id string) (<-chan engine.StatsSample, error) {
		ch := make(chan engine.StatsSample)
		close(ch)
		return ch, nil
	}
	p.Shown()
	h.Until(t, "the message", func() bool { return p.Status() != "" })
	if got, want := p.Status(), "컨테이너 web이(가) 실행 중이 아닙니다. 다시 실행될 때까지 수치가 없습니다."; got != want {
		t.Errorf("status\n got %q\nwant %q", got, want)
	}
	if _, mem, _, _ := p.Graphs(); mem.title.Text != "메모리" {
		t.Errorf("memory graph: %q", mem.title.Text)
	}
	if got := i18n.T("stats.network.value", "In", "1kB", "Out", "2kB"); got != "받음 1kB, 보냄 2kB" {
		t.Errorf("network: %q", got)
	}
	fake.TopAnswer = engine.Processes{Titles: []string{"UID", "PID", "TIME", "CMD"}, Rows: [][]string{{"root", "1", "00:00:00", "sleep"}}}
	pr := NewProcesses(h, fake, web)
	w := test.NewWindow(pr.Content())
	t.Cleanup(func() { pr.Close(); w.Close() })
	pr.Shown()
	h.Until(t, "rows", func() bool { return len(pr.Rows()) == 1 })
	if pr.Rows()[0].Command != "sleep" {
		t.Errorf("row %+v", pr.Rows()[0])
	}
}
