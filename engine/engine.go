package engine

import (
	"context"
	"time"
)

// The engine, one small interface per resource, as the moby client keeps
// them (client_interfaces.go). engine/docker implements them all over the
// Docker SDK; engine/enginetest fakes them. A view takes the one it uses.
// Every error is an *Error (or wraps one).

// SystemAPI is the engine as a whole.
type SystemAPI interface {
	// Info reports the engine's versions, platform and counts. When the engine
	// cannot be reached it returns an *Error of kind ErrUnreachable.
	Info(ctx context.Context) (Info, error)
}

// EventAPI is the engine's event stream.
type EventAPI interface {
	// Events streams the engine's container and image events until ctx ends
	// or the stream breaks; the error channel then gets one error.
	Events(ctx context.Context) (<-chan Event, <-chan error)
}

// ContainerAPI lists containers and changes their state.
type ContainerAPI interface {
	// ContainerList lists the containers: running only, or all like `docker ps -a`.
	ContainerList(ctx context.Context, all bool) ([]Container, error)
	// ContainerListByID lists just the named containers (full IDs), with
	// StateSince exact to the second (asking the engine more only for the
	// containers whose status text is coarser); missing ones are left out.
	ContainerListByID(ctx context.Context, ids ...string) ([]Container, error)
	ContainerStart(ctx context.Context, id string) error
	// ContainerStop stops a container, killing it after timeout (nil: the engine's default).
	ContainerStop(ctx context.Context, id string, timeout *time.Duration) error
	ContainerRestart(ctx context.Context, id string, timeout *time.Duration) error
	ContainerPause(ctx context.Context, id string) error
	ContainerUnpause(ctx context.Context, id string) error
	// ContainerRemove removes a container; a running one only with opts.Force
	// (else an *Error of kind ErrMustStop).
	ContainerRemove(ctx context.Context, id string, opts RemoveOptions) error
	// ContainerRun is `docker run --detach`: it pulls the image if missing
	// (reporting progress), creates and starts the container and returns its
	// ID. If the start fails the created container is removed again.
	ContainerRun(ctx context.Context, spec RunSpec, progress func(PullProgress)) (string, error)
}

// ImageAPI lists, pulls and removes images.
type ImageAPI interface {
	// ImageList lists the images like `docker images` (one row per tag),
	// without usage counts (the store counts them from the containers).
	ImageList(ctx context.Context) ([]Image, error)
	// ImageExposedPorts returns the ports an image exposes ("80/tcp"), or an
	// *Error of kind ErrNotFound when the image is not local.
	ImageExposedPorts(ctx context.Context, ref string) ([]string, error)
	// ImagePull pulls an image, reporting progress; cancel ctx to stop it.
	ImagePull(ctx context.Context, ref string, progress func(PullProgress)) error
	// ImageRemove removes an image (children pruned) and returns the
	// engine's "Untagged: …" and "Deleted: …" lines. Without force, an image in
	// use fails with an *Error of kind ErrImageInUse whose Users names them.
	ImageRemove(ctx context.Context, ref string, force bool) ([]string, error)
}

// LogAPI streams a container's output.
type LogAPI interface {
	// ContainerLogs streams a container's output like `docker logs
	// --timestamps [--follow]`. The channel is closed when the stream ends.
	ContainerLogs(ctx context.Context, id string, opts LogOptions) (<-chan LogLine, error)
}

// Client is one engine's API, one field per resource. Build it with
// engine/docker.New.
type Client struct {
	Endpoint   Endpoint
	System     SystemAPI
	Events     EventAPI
	Containers ContainerAPI
	Images     ImageAPI
	Logs       LogAPI
	Volumes    VolumeAPI
	Networks   NetworkAPI
	Disk       DiskAPI
	// ImageDetails is an image's history, config, tags, push and registry search.
	ImageDetails ImageDetailAPI
	Inspect      InspectAPI
	Exec         ExecAPI
	Files        FileAPI
	Stats        StatsAPI
	Swarm        SwarmAPI
	// Closer releases the connection; nil for none.
	Closer func() error
}

// Close releases the client's connection.
func (c *Client) Close() error {
	if c.Closer == nil {
		return nil
	}
	return c.Closer()
}
