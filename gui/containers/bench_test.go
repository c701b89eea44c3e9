package containers

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
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

// syncHost runs Do at once, like a benchmark on the UI goroutine.
type syncHost struct{ host }

func (h *syncHost) Do(f func()) { f() }

// BenchmarkContainersFilter10k types and erases a filter over 10,000 rows;
// one op is one keystroke: filter the rows and refresh the table.
func BenchmarkContainersFilter10k(b *testing.B) {
	a := test.NewTempApp(b)
	h := &syncHost{host{win: a.NewWindow("Berth"), ctx: context.Background(), now: time.Now()}}
	cs := benchContainers(10000)
	v := New(h, enginetest.New(cs, nil))
	h.win.SetContent(v.Content())
	h.win.Resize(fyne.NewSize(1280, 676)) // the table as high as in the old window (628), which had tabs and a status bar too
	h.win.Show()
	v.Apply(engine.Snapshot{Reachable: true, Containers: cs, Seq: 1}, engine.Change{Full: true})
	if n := v.VisibleRows(); n != 10000 {
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
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.SetFilter(keys[i%len(keys)])
	}
	b.StopTimer()
	v.SetFilter("webserver-9")
	if n := v.VisibleRows(); n == 0 || n > 400 {
		b.Fatalf("filter shows %d rows", n)
	}
}

// BenchmarkContainersRefilter10k is the view's own share of a keystroke:
// the filter pass over 10,000 entries, without redrawing the table.
func BenchmarkContainersRefilter10k(b *testing.B) {
	test.NewTempApp(b)
	h := &syncHost{host{ctx: context.Background(), now: time.Now()}}
	cs := benchContainers(10000)
	v := New(h, enginetest.New(cs, nil))
	v.Apply(engine.Snapshot{Reachable: true, Containers: cs, Seq: 1}, engine.Change{Full: true})
	queries := []string{"w", "webserver-9", ""}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.query = queries[i%len(queries)]
		v.mu.Lock()
		v.refilterLocked()
		v.mu.Unlock()
	}
}
