//go:build e2e

package gui

// Benchmarks of the window and the tray against the real engine (issues 3,
// 4). See docs/PERFORMANCE.md and bench/gui.sh.

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

// uiLoop runs UI work on one goroutine, like Fyne's, and calls after each
// piece of work.
type uiLoop struct {
	work  chan func()
	after func()
}

func (l *uiLoop) do(f func()) { l.work <- f }

func (l *uiLoop) run(ctx context.Context) {
	for {
		select {
		case f := <-l.work:
			f()
			if l.after != nil {
				l.after()
			}
		case <-ctx.Done():
			return
		}
	}
}

// BenchmarkRealCLIStopToScreen: `docker stop` returns → the container's row
// in the window shows Exited, with 1,000 other containers in the engine.
func BenchmarkRealCLIStopToScreen(b *testing.B) {
	testbed.EnsureBenchContainers(b, 1000)
	c := docker.New(docker.ResolveEndpoint())
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := test.NewTempApp(b)
	st := store.New(c, store.Options{})
	name := fmt.Sprintf("%sbench-screen-%d", testbed.Prefix, time.Now().UnixNano())
	id, err := c.Containers.ContainerRun(ctx, engine.RunSpec{Image: testbed.WebImage(b), Name: name}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Containers.ContainerRemove(context.Background(), id, engine.RemoveOptions{Force: true})

	var (
		mu      sync.Mutex
		exited  time.Time
		running bool
		u       *UI
	)
	changed := make(chan struct{}, 1)
	loop := &uiLoop{work: make(chan func(), 64)}
	loop.after = func() {
		text, ok := u.ContainerStatusText(id)
		mu.Lock()
		if ok && strings.HasPrefix(text, "Exited") && exited.IsZero() {
			exited = time.Now()
		}
		running = ok && strings.HasPrefix(text, "Up")
		mu.Unlock()
		select {
		case changed <- struct{}{}:
		default:
		}
	}
	created := make(chan struct{})
	loop.work <- func() {
		u = newUI(a, c, st, options{do: loop.do, trayHost: &fakeTrayHost{}})
		u.win.Resize(fyne.NewSize(1280, 760))
		u.win.Show()
		close(created)
	}
	go loop.run(ctx)
	<-created
	go st.Run(ctx)
	wait := func(what string, cond func() bool) {
		deadline := time.After(60 * time.Second)
		for {
			mu.Lock()
			ok := cond()
			mu.Unlock()
			if ok {
				return
			}
			select {
			case <-changed:
			case <-deadline:
				b.Fatalf("the window never showed %s", what)
			}
		}
	}
	wait("the container running", func() bool { return running })
	testbed.MeasureCLIStops(b, name, func() time.Time {
		wait("Exited", func() bool { return !exited.IsZero() })
		mu.Lock()
		defer mu.Unlock()
		return exited
	}, func() {
		if err := c.Containers.ContainerStart(ctx, id); err != nil {
			b.Fatal(err)
		}
		wait("Up again", func() bool { return running })
		mu.Lock()
		exited = time.Time{}
		mu.Unlock()
	})
	done := make(chan struct{})
	loop.work <- func() { u.Close(); close(done) }
	<-done
}

// BenchmarkRealTrayMenuUpdate: `docker stop` returns → the tray menu no
// longer lists the container among the running ones (the refreshed menu is
// handed to the tray). Each stop comes more than a second after the menu's
// previous refresh: the tray refreshes at once on the first change after a
// quiet second, and batches what follows within that second (by design).
func BenchmarkRealTrayMenuUpdate(b *testing.B) {
	testbed.EnsureBenchContainers(b, 100)
	c := docker.New(docker.ResolveEndpoint())
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := &trayTestApp{App: test.NewTempApp(b)}
	st := store.New(c, store.Options{})
	go st.Run(ctx)
	name := fmt.Sprintf("%sbench-tray-%d", testbed.Prefix, time.Now().UnixNano())
	id, err := c.Containers.ContainerRun(ctx, engine.RunSpec{Image: testbed.WebImage(b), Name: name}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Containers.ContainerRemove(context.Background(), id, engine.RemoveOptions{Force: true})
	u := newUI(app, c, st, options{trayHost: &fakeTrayHost{bus: true, present: true}})
	defer u.Close()
	tr := u.tray
	if tr == nil {
		b.Fatal("no tray")
	}
	var (
		mu     sync.Mutex
		listed bool
		at     time.Time
	)
	changed := make(chan struct{}, 1)
	tr.mu.Lock()
	inner := tr.refresh
	tr.refresh = func() {
		inner()
		tr.mu.Lock()
		in := false
		for _, c := range tr.model.containers {
			in = in || c.id == id
		}
		tr.mu.Unlock()
		mu.Lock()
		listed, at = in, time.Now()
		mu.Unlock()
		select {
		case changed <- struct{}{}:
		default:
		}
	}
	tr.mu.Unlock()
	wait := func(want bool) time.Time {
		deadline := time.After(60 * time.Second)
		for {
			mu.Lock()
			l, t := listed, at
			mu.Unlock()
			if l == want {
				return t
			}
			select {
			case <-changed:
			case <-deadline:
				b.Fatalf("the tray menu never showed listed=%v", want)
			}
		}
	}
	// The menu's first build may list the container already (before the
	// wrapper above saw any refresh): wait for the model itself.
	inModel := func() bool {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		for _, c := range tr.model.containers {
			if c.id == id {
				return true
			}
		}
		return false
	}
	for deadline := time.Now().Add(30 * time.Second); !inModel(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			b.Fatal("the tray menu never listed the container")
		}
	}
	quiet := func() { time.Sleep(1100 * time.Millisecond) } // a quiet second since the menu's last refresh
	quiet()
	testbed.MeasureCLIStops(b, name, func() time.Time { return wait(false) }, func() {
		if err := c.Containers.ContainerStart(ctx, id); err != nil {
			b.Fatal(err)
		}
		wait(true)
		quiet()
	})
}
