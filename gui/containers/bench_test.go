package containers

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

// benchContainers is kittest.Bench in the order the store lists
// containers, newest first (docker ps's): which rows a keystroke shows, and
// so how many cells change text, depends on it.
func benchContainers(n int) []engine.Container {
	cs := kittest.Bench(n)
	slices.Reverse(cs)
	return cs
}

// TestBenchContainersNewestFirst: the benchmark's rows come in the store's order.
func TestBenchContainersNewestFirst(t *testing.T) {
	cs := benchContainers(100)
	for i := 1; i < len(cs); i++ {
		if !cs[i-1].Created.After(cs[i].Created) {
			t.Fatalf("%s (created %s) before %s (created %s)", cs[i-1].Name, cs[i-1].Created, cs[i].Name, cs[i].Created)
		}
	}
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
