package gui

// Benchmarks of the main window (issue 3). See docs/PERFORMANCE.md and
// bench/gui.sh; the filter benchmark is in gui/containers.

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/engine/store"
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

// benchUI is the UI over the fake engine, with UI work run at once.
func benchUI(b *testing.B, cs []engine.Container) (*UI, *store.Store) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	a := test.NewTempApp(b)
	c := enginetest.New(cs, nil).Client()
	st := store.New(c, store.Options{})
	u := newUI(a, c, st, options{do: func(f func()) { f() }, trayHost: &fakeTrayHost{}})
	b.Cleanup(u.Close)
	u.win.Resize(fyne.NewSize(1280, 760))
	u.win.Show()
	return u, st
}

// BenchmarkContainersApply1000 is the window's share of a full refresh: a
// snapshot of 1,000 containers applied to the views (what start-up waits for).
func BenchmarkContainersApply1000(b *testing.B) {
	_, st := benchUI(b, benchContainers(1000))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := st.FullRefresh(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContainersOneEvent1000 is the window's cost of one container
// changing state among 1,000 (the common event).
func BenchmarkContainersOneEvent1000(b *testing.B) {
	cs := benchContainers(1000)
	u, st := benchUI(b, cs)
	if err := st.FullRefresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch := engine.Change{Containers: []string{cs[i%len(cs)].ID}}
		snap := st.Snapshot()
		snap.Seq += uint64(i + 1)
		u.apply(snap, ch)
	}
}
