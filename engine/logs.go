package engine

import (
	"context"
	"time"
)

// LogAPI streams a container's output.
type LogAPI interface {
	// ContainerLogs streams a container's output like `docker logs
	// --timestamps [--follow] [--tail N] [--since T] [--until T]`: it calls fn
	// with batches of lines, in the engine's order (stdout and stderr
	// interleaved as the container wrote them), on one goroutine, until the
	// stream ends. A line's Text is valid only during the call (copy what you
	// keep); a line is never cut, whatever its length.
	//
	// It returns nil when the log ended (all of it was sent, or the container
	// stopped while following), ctx.Err() when ctx ended, else an *Error (kind
	// ErrNotFound for a container that does not exist, or was removed).
	ContainerLogs(ctx context.Context, id string, opts LogOptions, fn func([]LogLine)) error
}

// LogLine is one line of a container's output.
type LogLine struct {
	Stderr bool
	Time   time.Time // zero when the engine sent none
	Text   []byte    // without the newline; valid only during the call that passed it
}

// LogOptions are the options of `docker logs`.
type LogOptions struct {
	Follow bool
	Tail   int       // lines from the end; 0 means all
	Since  time.Time // zero: from the start
	Until  time.Time // zero: up to now (and on, when following)
}
