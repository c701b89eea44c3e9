package engine

import (
	"context"
	"time"
)

// InspectAPI is a container's full configuration and state, as `docker inspect` (issue 10).
type InspectAPI interface {
	// ContainerInspect is `docker inspect`: the container's details and the
	// engine's own JSON, whole, for the Inspect tab. It never asks for sizes.
	ContainerInspect(ctx context.Context, id string) (ContainerDetails, []byte, error)
	// ContainerSize is the size of the container's writable layer and of its
	// whole filesystem: slow on big containers, so only on request.
	ContainerSize(ctx context.Context, id string) (ContainerSize, error)
}

// ContainerDetails is what the details view shows of `docker inspect`.
type ContainerDetails struct {
	ID         string
	Name       string // without the leading slash
	Image      string // as the container was created from (Config.Image)
	ImageID    string
	Cmd        []string
	Entrypoint []string
	WorkingDir string
	User       string
	Hostname   string
	Tty        bool
	Env        []string // KEY=value, as the engine has them
	Labels     map[string]string

	Created    time.Time
	Started    time.Time // zero if it never started
	Finished   time.Time // zero if it has not stopped since
	State      ContainerState
	ExitCode   int
	Error      string // the engine's last error starting the container
	OOMKilled  bool
	Pid        int
	Health     *Health // nil without a health check
	Restart    RestartPolicy
	MaxRetries int // on-failure's limit, 0 for none
	Restarts   int // how often the engine restarted it

	Ports []PortBinding // published and exposed, sorted
	// PortConfig is what the container asked to publish (HostConfig.PortBindings,
	// as -p gave it: HostIP "" for every address, HostPort 0 for one the engine
	// picks), kept while it is stopped; sorted. Used to rebuild its command.
	PortConfig  []PortBinding
	NetworkMode string // HostConfig.NetworkMode: bridge, host, none, a network's name, container:ID
	Mounts      []Mount
	Networks    []NetworkAttachment // sorted by name
}

// Health is a container's health check state.
type Health struct {
	Status        string // starting, healthy, unhealthy
	FailingStreak int
	Log           []HealthResult // the last checks, oldest first
}

// HealthResult is one run of a health check.
type HealthResult struct {
	Start, End time.Time
	ExitCode   int
	Output     string
}

// MountType is a mount's kind.
type MountType string

// The kinds of mount.
const (
	MountBind   MountType = "bind"
	MountVolume MountType = "volume"
	MountTmpfs  MountType = "tmpfs"
)

// Mount is one of a container's mounts.
type Mount struct {
	Type        MountType
	Name        string // the volume's name, "" for a bind
	Source      string // the host path (bind) or the volume's path on the host
	Destination string // in the container
	ReadOnly    bool
}

// NetworkAttachment is one network a container is connected to.
type NetworkAttachment struct {
	Name       string
	IPAddress  string // with its prefix length: 172.17.0.2/16, "" if none
	IPv6       string
	Gateway    string
	MacAddress string
	Aliases    []string
}

// ContainerSize is the disk use of a container.
type ContainerSize struct {
	RW     int64 // the writable layer: what the container wrote
	RootFS int64 // the image and the writable layer together
}

// Running reports whether the container is running, paused or restarting.
func (d ContainerDetails) Running() bool {
	return d.State == StateRunning || d.State == StatePaused || d.State == StateRestarting
}
