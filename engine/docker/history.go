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
	policy := ""
	if in, err := d.cli.ContainerInspect(ctx, id); err == nil && in.HostConfig != nil {
		policy = string(in.HostConfig.RestartPolicy.Name)
	}
	markPolicyRestarts(out, policy)
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

// markPolicyRestarts marks the starts that directly follow a die, when the
// container has a restart policy: the engine restarted it.
func markPolicyRestarts(evs []engine.HistoryEvent, policy string) {
	if policy == "" || policy == "no" {
		return
	}
	died := false
	for i := range evs {
		switch evs[i].Action {
		case "die":
			died = true
		case "stop", "kill", "restart", "create", "destroy":
			died = false
		case "start":
			evs[i].ByPolicy = died
			died = false
		}
	}
}
