package engine

import (
	"context"
	"time"
)

// HistoryAPI is what the engine remembers of a container's life: its
// events (issue 12). The engine keeps its last 1000 or so events, in
// memory: older ones, and those from before it restarted, are gone.
type HistoryAPI interface {
	// ContainerHistory is `docker events --since SINCE --until NOW
	// --filter container=ID`: what happened to container id (full ID) from
	// since until now, oldest first, without exec, attach and copy events.
	ContainerHistory(ctx context.Context, id string, since time.Time) ([]HistoryEvent, error)
}

// HistoryEvent is one thing that happened to a container.
type HistoryEvent struct {
	Time     time.Time
	Action   string // create, start, kill, die, stop, restart, oom, pause, unpause, health_status, rename, destroy
	ExitCode string // die: the exit code
	Signal   string // kill: the signal
	Health   string // health_status: healthy, unhealthy, starting
	// ByPolicy marks a start the engine made itself after the container
	// died, by its restart policy: told from the container's RestartCount
	// for the latest ones and from its current policy for older ones (the
	// events do not say who started it).
	ByPolicy bool
}
