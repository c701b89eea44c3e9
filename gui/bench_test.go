package gui

// Benchmarks of the main window (issue 3). See docs/PERFORMANCE.md and
// bench/gui.sh.

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
	"berth/internal/fakeengine"
	"berth/internal/testbed"
)

func benchContainers(n int) []engine.Container {
	names := []string{"webserver", "db", "cache", "worker", "api", "frontend"}
	images := []string{"nginx:latest", "postgres:16", "redis:7", "localhost:5000/app/worker:1", "ghcr.io/org/api:2"}
	cs := make([]engine.Container, n)
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := range cs {
		id := fmt.Sprintf("%012x%052d", i*7919+1, i)
		state, status := engine.StateRunning, "Up 9 minutes"
		if i%3 == 0 {
			state, status = engine.StateExited, "Exited (0) 2 minutes ago"
		}
		cs[i] = engine.Container{ID: id, ShortID: id[:12], Name: fmt.Sprintf("%s-%d", names[i%len(names)], i),
			Image: images[i%len(images)], Command: "/docker-entrypoint.sh nginx -g 'daemon off;'",
			Created: base.Add(time.Duration(i) * time.Second), State: state, Status: status,
			Ports: []engine.PortBinding{{HostIP: "0.0.0.0", HostPort: uint16(10000 + i%50000), ContainerPort: 80, Proto: "tcp"}}}
	}
	return cs
}

// BenchmarkContainersFilter10k types and erases a filter over 10,000 rows;
// one op is one keystroke: filter the rows and refresh the table.
func BenchmarkContainersFilter10k(b *testing.B) {
	a := test.NewTempApp(b)
	fake := fakeengine.New(benchContainers(10000), nil)
	store := engine.NewStore(fake, engine.StoreOptions{})
	if err := store.FullRefresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	u := newUI(a, fake, store, uiOptions{do: func(f func()) { f() }})
	defer u.Close()
	u.win.Resize(fyne.NewSize(1280, 760))
	u.win.Show()
	if n := u.VisibleContainerRows(); n != 10000 {
		b.Fatalf("%d rows", n)
	}
	word := "webserver-9"
	var keys []string
	for i := 0; i <= len(word); i++ {
		keys = append(keys, word[:i])
	}
	for i := len(word) - 1; i > 0; i-- {
		keys = append(keys, word[:i])
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.SetFilter(keys[i%len(keys)])
	}
	b.StopTimer()
	u.SetFilter("webserver-9")
	if n := u.VisibleContainerRows(); n == 0 || n > 400 {
		b.Fatalf("filter shows %d rows", n)
	}
}

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
	eng, err := engine.New()
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := test.NewTempApp(b)
	store := engine.NewStore(eng, engine.StoreOptions{})
	name := fmt.Sprintf("%sbench-screen-%d", testbed.Prefix, time.Now().UnixNano())
	id, err := eng.Run(ctx, engine.RunSpec{Image: testbed.WebImage(b), Name: name}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Remove(context.Background(), id, engine.RemoveOptions{Force: true})

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
		u = newUI(a, eng, store, uiOptions{do: loop.do})
		u.win.Resize(fyne.NewSize(1280, 760))
		u.win.Show()
		close(created)
	}
	go loop.run(ctx)
	<-created
	go store.Run(ctx)
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
		if err := eng.Start(ctx, id); err != nil {
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

// BenchmarkContainersApply1000 is the window's share of a full refresh: a
// snapshot of 1,000 containers applied to the views (what start-up waits for).
func BenchmarkContainersApply1000(b *testing.B) {
	a := test.NewTempApp(b)
	fake := fakeengine.New(benchContainers(1000), nil)
	store := engine.NewStore(fake, engine.StoreOptions{})
	u := newUI(a, fake, store, uiOptions{do: func(f func()) { f() }})
	defer u.Close()
	u.win.Resize(fyne.NewSize(1280, 760))
	u.win.Show()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := store.FullRefresh(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContainersOneEvent1000 is the window's cost of one container
// changing state among 1,000 (the common event).
func BenchmarkContainersOneEvent1000(b *testing.B) {
	a := test.NewTempApp(b)
	cs := benchContainers(1000)
	fake := fakeengine.New(cs, nil)
	store := engine.NewStore(fake, engine.StoreOptions{})
	u := newUI(a, fake, store, uiOptions{do: func(f func()) { f() }})
	defer u.Close()
	u.win.Resize(fyne.NewSize(1280, 760))
	u.win.Show()
	if err := store.FullRefresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch := engine.Change{Containers: []string{cs[i%len(cs)].ID}}
		snap := store.Snapshot()
		snap.Seq += uint64(i + 1)
		u.apply(snap, ch)
	}
}

// BenchmarkRealTrayMenuUpdate: `docker stop` returns → the tray menu no
// longer lists the container among the running ones (the refreshed menu is
// handed to the tray). Each stop comes more than a second after the menu's
// previous refresh: the tray refreshes at once on the first change after a
// quiet second, and batches what follows within that second (by design).
func BenchmarkRealTrayMenuUpdate(b *testing.B) {
	testbed.EnsureBenchContainers(b, 100)
	eng, err := engine.New()
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	old := newTrayHost
	newTrayHost = func() trayHost { return &trayFakeHost{bus: true, present: true} }
	defer func() { newTrayHost = old }()
	app := &trayTestApp{App: test.NewTempApp(b)}
	store := engine.NewStore(eng, engine.StoreOptions{})
	go store.Run(ctx)
	name := fmt.Sprintf("%sbench-tray-%d", testbed.Prefix, time.Now().UnixNano())
	id, err := eng.Run(ctx, engine.RunSpec{Image: testbed.WebImage(b), Name: name}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Remove(context.Background(), id, engine.RemoveOptions{Force: true})
	u := New(app, eng, store)
	defer u.Close()
	tr := u.desk().tray
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
		if err := eng.Start(ctx, id); err != nil {
			b.Fatal(err)
		}
		wait(true)
		quiet()
	})
}
