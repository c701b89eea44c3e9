package engine

import (
	"context"
	"time"
)

// Engine is everything Berth asks of a Docker engine. The GUI depends on this
// interface (or on narrower ones of its own), so it can run against the real
// engine or a fake.
type Engine interface {
	// Host is the address Berth talks to: DOCKER_HOST or the local socket.
	Host() string
	// Info reports the engine's versions, platform and counts. When the engine
	// cannot be reached it returns an *Error of kind ErrUnreachable and an Info
	// with Reachable false.
	Info(ctx context.Context) (Info, error)

	// Containers lists the containers: running only, or all like `docker ps -a`.
	Containers(ctx context.Context, all bool) ([]Container, error)
	// ContainersByID lists just the named containers (full IDs); missing ones are left out.
	ContainersByID(ctx context.Context, ids ...string) ([]Container, error)
	Start(ctx context.Context, id string) error
	// Stop stops a container, killing it after timeout (nil: the engine's default).
	Stop(ctx context.Context, id string, timeout *time.Duration) error
	Restart(ctx context.Context, id string, timeout *time.Duration) error
	Pause(ctx context.Context, id string) error
	Unpause(ctx context.Context, id string) error
	Kill(ctx context.Context, id string) error
	// Remove removes a container; a running one only with opts.Force.
	Remove(ctx context.Context, id string, opts RemoveOptions) error
	// Run is `docker run --detach`: it pulls the image if missing (reporting
	// progress), creates and starts the container and returns its ID. If the
	// start fails the created container is removed again.
	Run(ctx context.Context, spec RunSpec, progress func(PullProgress)) (string, error)

	// Logs streams a container's output like `docker logs --timestamps [--follow]`.
	Logs(ctx context.Context, id string, opts LogOptions) (<-chan LogLine, error)

	// Images lists the images like `docker images`, with how many containers use each.
	Images(ctx context.Context) ([]Image, error)
	// ImageList lists the images without counting their containers (one call to the engine).
	ImageList(ctx context.Context) ([]Image, error)
	// ImageExposedPorts returns the ports an image exposes ("80/tcp"), or an
	// *Error of kind ErrNotFound when the image is not local.
	ImageExposedPorts(ctx context.Context, ref string) ([]string, error)
	// Pull pulls an image, reporting progress; cancel ctx to stop it.
	Pull(ctx context.Context, ref string, progress func(PullProgress)) error
	// RemoveImage removes an image (children pruned). Without force, an image
	// in use fails with an *Error of kind ErrConflict whose Containers names the users.
	RemoveImage(ctx context.Context, ref string, force bool) ([]string, error)

	// Events streams the engine's container and image events until ctx ends or
	// the stream breaks; the error channel then gets one error.
	Events(ctx context.Context) (<-chan Event, <-chan error)

	Close() error
}
