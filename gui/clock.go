package gui

import (
	"time"

	"berth/engine"
)

// The lists say how long ago things happened ("Up 9 minutes", "3 days ago").
// The clock redraws the visible rows as those texts change: every second
// while something on the engine is less than a minute old, else every 30
// seconds. It redraws; it never asks the engine anything.

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

// runClock redraws the lists' relative times until the UI closes.
func (u *UI) runClock() {
	go func() {
		for {
			t := time.NewTimer(clockInterval(u.store.Snapshot(), u.now()))
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

// tick redraws the visible rows (UI goroutine); unchanged cells cost nothing.
func (u *UI) tick() {
	if u.ctx.Err() != nil {
		return
	}
	u.containers.table.Refresh()
	u.images.table.Refresh()
}
