package containers

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

func TestUsageColumnsSampleOnlyRunningRowsOnScreen(t *testing.T) {
	UsageGap, UsageEvery = 5*time.Millisecond, 50*time.Millisecond
	t.Cleanup(func() { UsageGap, UsageEvery = 5*time.Second, 15*time.Second })
	fake := enginetest.New(kittest.Bench(300), nil)
	var mu sync.Mutex
	asked := map[string]int{}
	fake.StatsCalls.ContainerStatsOneShot = func(_ context.Context, id string) (engine.StatsSample, error) {
		mu.Lock()
		defer mu.Unlock()
		asked[id]++
		n := uint64(asked[id])
		// 1e8 of 16e8 ns of system time on 2 CPUs between readings: 12.5%.
		return engine.StatsSample{CPUTotal: n * 1e8, SystemCPU: n * 16e8, OnlineCPUs: 2, MemUsage: 331776}, nil
	}
	e := startUsage(t, fake)
	if got := e.v.table.Columns[colCommand].Title; got != "CPU" {
		t.Fatalf("column %d is %q, want CPU before Command", colCommand, got)
	}
	first := e.v.rows[0].e.c.ID
	if !e.v.rows[0].e.running {
		first = e.v.rows[1].e.c.ID
	}
	e.h.Until(t, "a CPU figure", func() bool { return text(t, e.cell(first, colCommand)) == "12.50%" })
	if got := text(t, e.cell(first, colCommand+1)); got != "324KiB" {
		t.Errorf("memory %q", got)
	}
	time.Sleep(200 * time.Millisecond) // a few rounds
	e.h.Drain()
	mu.Lock()
	defer mu.Unlock()
	onScreen := e.v.table.Size().Height / 30 // rows are taller than 30 px
	if len(asked) == 0 || float32(len(asked)) > onScreen {
		t.Errorf("asked %d containers of 300 (at most %v rows fit)", len(asked), onScreen)
	}
	for _, c := range fake.ContainerItems {
		if asked[c.ID] > 0 && !c.Running() {
			t.Errorf("asked the stopped %s", c.Name)
		}
	}
}

func TestUsageColumnsKeepActionsInViewWide(t *testing.T) {
	e := startUsage(t, newFake())
	e.h.win.Resize(fyne.NewSize(1500, 760))
	if !strings.Contains(e.v.table.Columns[colCommand+2].Title, "Command") {
		t.Errorf("the last columns: %q", e.v.table.Columns[colCommand+2].Title)
	}
}

// startUsage is start with the usage columns on (before the cells are made).
func startUsage(t *testing.T, fake *enginetest.Engine) *env {
	t.Helper()
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	h := &host{win: a.NewWindow("Berth"), ctx: ctx, now: now}
	e := &env{t: t, h: h, fake: fake, v: New(h, fake), cancel: cancel,
		colOf: map[fyne.CanvasObject]int{}, shows: map[fyne.CanvasObject]string{}, headerOf: map[fyne.CanvasObject]int{}}
	e.v.EnableUsage(e.h.Context(), fake)
	e.instrument()
	h.win.SetContent(e.v.Content())
	h.win.Resize(fyne.NewSize(1500, 800))
	t.Cleanup(func() {
		cancel()
		h.Drain()
	})
	e.apply(engine.Change{Full: true})
	return e
}
