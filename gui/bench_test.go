package gui

// Benchmarks of the main window (issue 3). See docs/PERFORMANCE.md and
// bench/gui.sh; the filter benchmark is in gui/containers.

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/engine/store"
	"berth/gui/kit/kittest"
)

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
	_, st := benchUI(b, kittest.Bench(1000))
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
	cs := kittest.Bench(1000)
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
