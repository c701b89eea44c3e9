package docker

import (
	"strings"
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
	seq := func(actions string) []engine.HistoryEvent {
		var out []engine.HistoryEvent
		for _, a := range strings.Fields(actions) {
			out = append(out, engine.HistoryEvent{Action: a})
		}
		return out
	}
	marks := func(evs []engine.HistoryEvent) string {
		var b strings.Builder
		for _, ev := range evs {
			if ev.Action == "start" {
				if ev.ByPolicy {
					b.WriteString("P")
				} else {
					b.WriteString("u")
				}
			}
		}
		return b.String()
	}
	for _, tt := range []struct {
		actions, policy string
		count           int
		want            string
	}{
		// Two policy restarts.
		{"create start die start die start die", "on-failure", 2, "uPP"},
		// The same, counted, after the policy was turned off.
		{"create start die start die start die", "no", 2, "uPP"},
		// A user's start after the crashes reset the count: it is the user's;
		// the earlier ones are the policy's while it has one.
		{"create start die start die start die start die start die start die", "on-failure", 2, "uPPuPP"},
		{"create start die start die start die start die", "no", 0, "uuuu"},
		// docker stop, then start: the user's.
		{"create start kill die stop start", "always", 0, "uu"},
		// docker kill: the policy brings it back.
		{"create start kill die start", "always", 1, "uP"},
	} {
		evs := seq(tt.actions)
		markPolicyRestarts(evs, tt.policy, tt.count)
		if got := marks(evs); got != tt.want {
			t.Errorf("%s (%s, %d): %s, want %s", tt.actions, tt.policy, tt.count, got, tt.want)
		}
	}
}
