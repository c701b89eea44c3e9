package docker

import (
	"context"
	"io"
	"time"

	"github.com/docker/docker/api/types/events"
	"github.com/docker/docker/api/types/filters"

	"berth/engine"
)

// Events implements engine.EventAPI: container, image, volume and network events.
func (d *Client) Events(ctx context.Context) (<-chan engine.Event, <-chan error) {
	f := filters.NewArgs(filters.Arg("type", string(events.ContainerEventType)), filters.Arg("type", string(events.ImageEventType)),
		filters.Arg("type", string(events.VolumeEventType)), filters.Arg("type", string(events.NetworkEventType)))
	msgs, errs := d.cli.Events(ctx, events.ListOptions{Filters: f})
	podman := d.isPodman(ctx)
	out := make(chan engine.Event, 256)
	outErr := make(chan error, 1)
	go func() {
		defer close(out)
		for {
			select {
			case m := <-msgs:
				ev := engine.Event{Kind: engine.EventKind(m.Type), Action: string(m.Action), ID: m.Actor.ID,
					Name: m.Actor.Attributes["name"], ExitCode: m.Actor.Attributes["exitCode"],
					Time: time.Unix(0, m.TimeNano), Helper: m.Actor.Attributes[helperLabel] != "",
					Project: m.Actor.Attributes["com.docker.compose.project"]}
				if podman {
					ev.Action = podmanAction(ev.Kind, ev.Action)
				}
				select {
				case out <- ev:
				case <-ctx.Done():
					outErr <- ctx.Err()
					return
				}
			case err := <-errs:
				if err == nil {
					err = io.EOF
				}
				outErr <- d.classify(err, "")
				return
			case <-ctx.Done():
				outErr <- ctx.Err()
				return
			}
		}
	}()
	return out, outErr
}

// podmanAction is the dockerd name of a Podman 4.3 event action: a
// container's end is "remove" where dockerd says "destroy" (recorded on its
// /events), an image's "remove" is dockerd's "delete" (its sources); Podman has no
// "stop" event (it says "die", then "cleanup").
func podmanAction(kind engine.EventKind, action string) string {
	if action == "remove" {
		switch kind {
		case engine.EventContainer:
			return "destroy"
		case engine.EventImage:
			return "delete"
		}
	}
	return action
}
