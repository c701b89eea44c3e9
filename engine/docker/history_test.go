package docker

import (
	"testing"

	"github.com/docker/docker/api/types/events"

	"berth/engine"
)

func TestHistoryEvent(t *testing.T) {
	for _, tt := range []struct {
		action events.Action
		attrs  map[string]string
		want   engine.HistoryEvent
		keep   bool
	}{
		{"die", map[string]string{"exitCode": "137"}, engine.HistoryEvent{Action: "die", ExitCode: "137"}, true},
		{"kill", map[string]string{"signal": "15"}, engine.HistoryEvent{Action: "kill", Signal: "15"}, true},
		{"health_status: unhealthy", nil, engine.HistoryEvent{Action: "health_status", Health: "unhealthy"}, true},
		{"exec_start: sh", nil, engine.HistoryEvent{}, false},
		{"oom", nil, engine.HistoryEvent{Action: "oom"}, true},
	} {
		got, ok := historyEvent(events.Message{Action: tt.action, Actor: events.Actor{Attributes: tt.attrs}})
		got.Time = tt.want.Time
		if ok != tt.keep || ok && got != tt.want {
			t.Errorf("%s: got %+v %v, want %+v %v", tt.action, got, ok, tt.want, tt.keep)
		}
	}
}

func TestMarkPolicyRestarts(t *testing.T) {
	evs := func() []engine.HistoryEvent {
		var out []engine.HistoryEvent
		for _, a := range []string{"create", "start", "die", "start", "kill", "die", "stop", "start"} {
			out = append(out, engine.HistoryEvent{Action: a})
		}
		return out
	}
	got := evs()
	markPolicyRestarts(got, "always")
	for i, ev := range got {
		if want := i == 3; ev.ByPolicy != want {
			t.Errorf("event %d (%s): ByPolicy %v", i, ev.Action, ev.ByPolicy)
		}
	}
	got = evs()
	markPolicyRestarts(got, "no")
	for _, ev := range got {
		if ev.ByPolicy {
			t.Errorf("no policy, yet %+v", ev)
		}
	}
}
