package docker

import (
	"context"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/docker/docker/api/types/events"
	"github.com/docker/docker/api/types/filters"

	"berth/engine"
)

var _ engine.HistoryAPI = (*Client)(nil)

// ContainerHistory implements engine.HistoryAPI: a bounded events query
// (since, until now), then the container's restart policy to tell the
// engine's own restarts.
func (d *Client) ContainerHistory(ctx context.Context, id string, since time.Time) ([]engine.HistoryEvent, error) {
	until := time.Now()
	f := filters.NewArgs(filters.Arg("type", string(events.ContainerEventType)), filters.Arg("container", id))
	opts := events.ListOptions{Filters: f, Until: unixNano(until)}
	if !since.IsZero() {
		opts.Since = unixNano(since.Add(-time.Second))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	msgs, errs := d.cli.Events(ctx, opts)
	var out []engine.HistoryEvent
	for done := false; !done; {
		select {
		case m := <-msgs:
			if ev, ok := historyEvent(m); ok {
				out = append(out, ev)
			}
		case err := <-errs:
			if err != nil && err != io.EOF {
				return nil, d.classify(err, id)
			}
			done = true
		case <-ctx.Done():
			return nil, d.classify(ctx.Err(), id)
		}
	}
	// The SDK sends every message before the end of the stream (one goroutine, unbuffered).
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	policy, count := "", 0
	if in, err := d.cli.ContainerInspect(ctx, id); err == nil && in.ContainerJSONBase != nil {
		count = in.RestartCount
		if in.HostConfig != nil {
			policy = string(in.HostConfig.RestartPolicy.Name)
		}
	}
	markPolicyRestarts(out, policy, count)
	return out, nil
}

func unixNano(t time.Time) string {
	return strconv.FormatInt(t.Unix(), 10) + "." + strconv.Itoa(t.Nanosecond())
}

func historyEvent(m events.Message) (engine.HistoryEvent, bool) {
	a := string(m.Action)
	ev := engine.HistoryEvent{Time: time.Unix(0, m.TimeNano), Action: a}
	switch {
	case strings.HasPrefix(a, "exec_"), a == "attach", a == "detach", a == "resize", a == "top", a == "commit",
		a == "copy", a == "archive-path", a == "extract-to-dir", a == "export":
		return ev, false
	case strings.HasPrefix(a, "health_status"):
		ev.Action = "health_status"
		ev.Health = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(a, "health_status"), ":"))
	case a == "die":
		ev.ExitCode = m.Actor.Attributes["exitCode"]
	case a == "kill":
		ev.Signal = m.Actor.Attributes["signal"]
	}
	return ev, true
}

// markPolicyRestarts marks the starts the engine made itself. A start
// that directly follows a die (no stop, kill or restart between) is the
// policy's or the user's: the engine's events do not say. The container's
// RestartCount does, for the latest ones: it counts the policy's restarts
// since the user last started it (a user's start resets it). So the last
// count such starts are the policy's, the one before them the user's, and
// earlier ones are the policy's when the container has one now.
func markPolicyRestarts(evs []engine.HistoryEvent, policy string, count int) {
	var cands []int // starts directly after a die
	lastManual := -1
	died := false
	for i := range evs {
		switch evs[i].Action {
		case "die":
			died = true
		case "stop", "kill", "restart", "create", "destroy":
			died = false
		case "start":
			if died {
				cands = append(cands, i)
			} else {
				lastManual = i
			}
			died = false
		}
	}
	var tail []int
	for _, i := range cands {
		if i > lastManual {
			tail = append(tail, i)
		}
	}
	count = min(count, len(tail))
	known := map[int]bool{}
	for _, i := range tail[len(tail)-count:] {
		evs[i].ByPolicy, known[i] = true, true
	}
	if count < len(tail) {
		known[tail[len(tail)-count-1]] = true // the user's start that reset the count
	}
	if policy == "" || policy == "no" {
		return
	}
	for _, i := range cands {
		if !known[i] {
			evs[i].ByPolicy = true
		}
	}
}
