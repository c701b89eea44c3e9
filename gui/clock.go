package gui

import (
	"context"
	"time"

	"berth/engine"
)

// The lists say how long ago things happened ("Up 9 minutes", "3 days ago").
// The clock has every view redraw its relative times as those texts change:
// while something on the engine is less than a minute old, at the moment its
// age reaches the next whole second (so "Less than a second" turns into
// "1 second" on time); else every 30 seconds. Every change of the state
// re-reckons the next tick, so a container that just started does not wait
// out a 30-second sleep. It redraws; it never asks the engine anything.

const (
	clockFast = time.Second
	clockSlow = 30 * time.Second
)

// clockInterval is how long the texts of snap stay true at now.
func clockInterval(snap engine.Snapshot, now time.Time) time.Duration {
	d := clockSlow
	young := func(t time.Time) {
		if age := now.Sub(t); age < time.Minute {
			d = min(d, clockFast-max(age, 0)%clockFast)
		}
	}
	for _, c := range snap.Containers {
		young(c.StateSince)
		young(c.Created)
	}
	for _, im := range snap.Images {
		young(im.Created)
	}
	return d
}

// runClock ticks the views until the UI closes.
func (u *UI) runClock() {
	// The clock follows the engine shown now; Switch stops it and starts
	// another for the next one.
	ctx, stop := context.WithCancel(u.ctx)
	u.stopClock = stop
	state := u.state
	changed := make(chan struct{}, 1)
	unsub := state.Subscribe(func(engine.Snapshot, engine.Change) {
		select {
		case changed <- struct{}{}:
		default:
		}
	})
	go func() {
		defer unsub()
		now := u.now()
		next := now.Add(clockInterval(state.Snapshot(), now))
		for {
			t := time.NewTimer(next.Sub(u.now()))
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
				u.do(u.tick)
				now := u.now()
				next = now.Add(clockInterval(state.Snapshot(), now))
			case <-changed:
				t.Stop()
				now := u.now()
				if sooner := now.Add(clockInterval(state.Snapshot(), now)); sooner.Before(next) {
					next = sooner
				}
			}
		}
	}()
}

// tick has every view redraw its relative times (UI goroutine).
func (u *UI) tick() {
	for _, t := range u.tabs.list {
		t.view.Tick()
	}
}
