package gui

import (
	"slices"
	"testing"
	"time"

	"berth/engine"
	"berth/gui/kit/kittest"
)

// The next tick comes when the youngest text changes: a container started
// 300 ms ago says "Less than a second" for 700 ms more.
func TestClockIntervalWholeSeconds(t *testing.T) {
	now := kittest.Now
	old := engine.Container{Created: now.Add(-time.Hour), StateSince: now.Add(-time.Hour)}
	started := engine.Container{Created: now.Add(-time.Hour), StateSince: now.Add(-300 * time.Millisecond)}
	if d := clockInterval(engine.Snapshot{Containers: []engine.Container{old, started}}, now); d != 700*time.Millisecond {
		t.Errorf("300 ms after a start: next tick in %v, want 700ms", d)
	}
	ahead := engine.Container{Created: now.Add(-time.Hour), StateSince: now.Add(time.Second)} // the engine's clock is ahead
	if d := clockInterval(engine.Snapshot{Containers: []engine.Container{ahead}}, now); d != clockFast {
		t.Errorf("a moment ahead of now: next tick in %v, want %v", d, clockFast)
	}
}

// "Less than a second" for several seconds after a start (issue 13): with
// only old containers the clock sleeps 30 seconds, and a start during that
// sleep must not wait it out. The clock here is fake (now stands still, 900
// ms after the start); its timers are real and short.
func TestClockWakesOnStart(t *testing.T) {
	now := kittest.Now
	fake := testFake()
	e := newEnv(t, fake, envOpts{now: func() time.Time { return now }})
	rec := e.record()
	e.u.runClock() // every container is minutes old: a 30-second sleep

	cs := kittest.Tutorial()
	for i := range cs {
		if cs[i].ID == kittest.Mclaren {
			cs[i].State, cs[i].Status = engine.StateRunning, "Up Less than a second"
			cs[i].StateSince = now.Add(-900 * time.Millisecond)
		}
	}
	fake.SetContainers(cs)
	fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "start", ID: kittest.Mclaren})
	e.wait("the start shown", func() bool {
		text, _ := e.u.ContainerStatusText(kittest.Mclaren)
		return text == "Up Less than a second"
	})
	deadline := time.Now().Add(2 * time.Second)
	for !slices.Contains(rec[0].calls, "Tick") {
		if time.Now().After(deadline) {
			t.Fatal("no tick within 2 s of a start: the texts stay \"Less than a second\"")
		}
		time.Sleep(5 * time.Millisecond)
		e.loop.Drain()
	}
}
