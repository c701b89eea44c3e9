package gui

import (
	"strings"
	"testing"
	"time"

	"berth/engine"
	"berth/gui/kit/kittest"
)

func TestClockInterval(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	old := engine.Container{Created: now.Add(-time.Hour), StateSince: now.Add(-time.Hour)}
	young := engine.Container{Created: now.Add(-time.Hour), StateSince: now.Add(-5 * time.Second)}
	if d := clockInterval(engine.Snapshot{Containers: []engine.Container{old}}, now); d != clockSlow {
		t.Errorf("old: %v", d)
	}
	if d := clockInterval(engine.Snapshot{Containers: []engine.Container{old, young}}, now); d != clockFast {
		t.Errorf("young: %v", d)
	}
	if d := clockInterval(engine.Snapshot{Images: []engine.Image{{Created: now.Add(-time.Second)}}}, now); d != clockFast {
		t.Errorf("new image: %v", d)
	}
}

// The status text ages with the clock: the same snapshot, a minute later.
func TestClockAgesStatus(t *testing.T) {
	now := kittest.Now
	fake := testFake()
	cs := kittest.Tutorial()
	for i := range cs {
		if cs[i].ID == kittest.Webserver {
			cs[i].Status = "Up Less than a second"
			cs[i].StateSince = now
		}
	}
	fake.SetContainers(cs)
	e := newEnv(t, fake, envOpts{now: func() time.Time { return now }})
	if got, _ := e.u.ContainerStatusText(kittest.Webserver); got != "Up Less than a second" {
		t.Fatalf("status %q", got)
	}
	rec := e.record()
	now = now.Add(2 * time.Minute)
	e.u.tick()
	for i, r := range rec {
		if got := strings.Join(r.calls, ","); got != "Tick" {
			t.Errorf("tab %d: a tick asked %q", i, got)
		}
	}
	if got, _ := e.u.ContainerStatusText(kittest.Webserver); got != "Up 2 minutes" {
		t.Errorf("the status after a tick: %q", got)
	}
}
