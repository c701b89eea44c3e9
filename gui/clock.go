package gui

import (
	"time"

	"berth/engine"
)

// The lists say how long ago things happened ("Up 9 minutes", "3 days ago").
// The clock has every view redraw its relative times as those texts change:
// every second while something on the engine is less than a minute old,
// else every 30 seconds. It redraws; it never asks the engine anything.

const (
	clockFast = time.Second
	clockSlow = 30 * time.Second
)

// clockInterval is how long the texts of snap stay true at now.
func clockInterval(snap engine.Snapshot, now time.Time) time.Duration {
	for _, c := range snap.Containers {
		if now.Sub(c.StateSince) < time.Minute || now.Sub(c.Created) < time.Minute {
			return clockFast
		}
	}
	for _, im := range snap.Images {
		if now.Sub(im.Created) < time.Minute {
			return clockFast
		}
	}
	return clockSlow
}

// runClock ticks the views until the UI closes.
func (u *UI) runClock() {
	go func() {
		for {
			t := time.NewTimer(clockInterval(u.state.Snapshot(), u.now()))
			select {
			case <-u.ctx.Done():
				t.Stop()
				return
			case <-t.C:
				u.do(u.tick)
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
