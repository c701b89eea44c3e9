//go:build e2e

package gui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/enginetest"
	"berth/engine/store"
	"berth/internal/testbed"
)

// BenchmarkRealSwitchEngines: a click that shows another engine → the
// window lists its containers, with 1,000 containers in that engine (issue
// 8: under 1 s). The engine switched from is an empty fake; switching back
// to it is not measured.
func BenchmarkRealSwitchEngines(b *testing.B) {
	testbed.EnsureBenchContainers(b, 1000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	empty := enginetest.New(nil, nil)
	connect := func(ep engine.Endpoint) Connection {
		var c *engine.Client
		if ep.Name == "real" {
			c = docker.New(docker.ResolveEndpoint())
			c.Endpoint = ep
		} else {
			c = empty.Client()
			c.Endpoint = ep
		}
		st := store.New(c, store.Options{})
		sctx, scancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { st.Run(sctx); close(done) }()
		return Connection{Client: c, State: st, Stop: func() { scancel(); <-done; c.Close() }}
	}
	emptyEP := engine.Endpoint{Name: "empty", Host: empty.HostName}
	realEP := engine.Endpoint{Name: "real", Host: docker.ResolveEndpoint().Host}
	first := connect(emptyEP)
	a := test.NewTempApp(b)
	loop := &uiLoop{work: make(chan func(), 64)}
	var u *UI
	rows := make(chan int, 1)
	loop.after = func() {
		if u == nil {
			return
		}
		select {
		case <-rows:
		default:
		}
		rows <- u.VisibleContainerRows()
	}
	created := make(chan struct{})
	loop.work <- func() {
		u = newUI(a, first.Client, first.State, options{do: loop.do, trayHost: &fakeTrayHost{},
			engines: &Engines{Store: enginetest.NewEndpoints(emptyEP.Host), Connect: connect}, stop: first.Stop})
		u.win.Resize(fyne.NewSize(1280, 760))
		u.win.Show()
		close(created)
	}
	go loop.run(ctx)
	<-created
	waitRows := func(ok func(int) bool) {
		deadline := time.After(60 * time.Second)
		for {
			select {
			case n := <-rows:
				if ok(n) {
					return
				}
			case <-deadline:
				b.Fatal("the window never showed the engine's containers")
			}
		}
	}
	var total time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		loop.work <- func() { u.Switch(realEP) }
		waitRows(func(n int) bool { return n >= 1000 })
		total += time.Since(start)
		loop.work <- func() { u.Switch(emptyEP) }
		waitRows(func(n int) bool { return n == 0 })
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/switch")
	done := make(chan struct{})
	loop.work <- func() { u.Close(); close(done) }
	<-done
}
