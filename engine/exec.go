package engine

import (
	"context"
	"io"
)

// ExecAPI runs interactive processes in containers, as `docker exec -it` (issue 10).
type ExecAPI interface {
	// ExecStart starts cmd in the running container id with a TTY of the
	// given size, stdin attached, like `docker exec -it id cmd...`. An empty
	// cmd picks the container's shell (see Shells); a container with none
	// answers ErrCommandNotFound with What "shell" (offer DebugStart). A
	// stopped container answers ErrNotRunning.
	ExecStart(ctx context.Context, id string, cmd []string, size TermSize) (ExecSession, error)
	// DebugStart starts a helper container from image with a shell, sharing
	// the PID and network namespaces of the running container id
	// (`docker run -it --rm --pid container:id --network container:id image sh`),
	// so that the target's filesystem is at /proc/1/root. The helper is
	// removed when the session closes.
	DebugStart(ctx context.Context, id, image string, size TermSize) (ExecSession, error)
}

// Shells are the shells ExecStart tries, in order, when no command is given.
var Shells = []string{"/bin/bash", "/bin/sh"}

// TermSize is a terminal's size in character cells.
type TermSize struct{ Cols, Rows int }

// ExecSession is one interactive process: Read gives its output (the TTY's,
// stdout and stderr merged), Write sends it keystrokes. Read returns io.EOF
// when the process ended; Wait then gives its exit code.
type ExecSession interface {
	io.ReadWriteCloser
	// Resize changes the process's TTY size.
	Resize(ctx context.Context, size TermSize) error
	// Wait blocks until the process ended (or ctx ends) and returns its exit
	// code, -1 when unknown; the error is an ErrNotRunning when the process
	// ended because its container stopped (ErrNotFound: it is gone).
	Wait(ctx context.Context) (int, error)
	// Command is what runs ("/bin/sh"), for the tab's title.
	Command() []string
}
