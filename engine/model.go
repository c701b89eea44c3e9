// Package engine is Berth's model of a container engine: plain types, one
// small interface per resource, an Endpoint and a structured Error. It
// imports neither the Docker SDK (engine/docker does) nor Fyne.
package engine

import (
	"net"
	"strconv"
	"strings"
	"time"
)

// ContainerState is the coarse state of a container, as `docker ps` reports it.
type ContainerState string

// The states the engine reports.
const (
	StateCreated    ContainerState = "created"
	StateRunning    ContainerState = "running"
	StatePaused     ContainerState = "paused"
	StateRestarting ContainerState = "restarting"
	StateRemoving   ContainerState = "removing"
	StateExited     ContainerState = "exited"
	StateDead       ContainerState = "dead"
)

// Info describes the engine Berth is connected to.
type Info struct {
	Host            string // DOCKER_HOST or the local socket address
	Reachable       bool
	Version         string // engine version, e.g. 20.10.24
	APIVersion      string // negotiated API version, e.g. 1.41
	OS              string // e.g. linux
	Arch            string // e.g. x86_64
	OperatingSystem string // e.g. Debian GNU/Linux 12 (bookworm)
	CPUs            int
	MemoryBytes     int64
	Containers      int
	Running         int
	Paused          int
	Stopped         int
	Images          int
	// SwarmManager: the engine is a manager of an active Swarm (the Swarm view shows).
	SwarmManager bool
	// Product is the engine's make, for the status line: "Docker", or
	// "Podman" when /version names the component "Podman Engine".
	Product string
}

// Podman reports whether the engine is Podman's Docker API, whose force
// removal of an image deletes the containers that use it (see
// Error.ForceRemovesUsers).
func (i Info) Podman() bool { return i.Product == "Podman" }

// PortBinding is one published or exposed port of a container.
type PortBinding struct {
	HostIP        string // "" when not published, e.g. 0.0.0.0 or 127.0.0.1
	HostPort      uint16 // 0 when not published
	ContainerPort uint16
	Proto         string // tcp, udp or sctp
}

// AnyAddress reports whether the port is bound on every address of the
// host (0.0.0.0, ::, or no address, as Podman reports it).
func (p PortBinding) AnyAddress() bool { return AnyAddress(p.HostIP) }

// AnyAddress reports whether ip means every address of the host: "",
// 0.0.0.0 or ::.
func AnyAddress(ip string) bool { return ip == "" || ip == "0.0.0.0" || ip == "::" }

// URL is where a published port answers, as http://HOST:PORT/: localhost
// for a port bound on every address, else the bound address; "" when the
// port is not published.
func (p PortBinding) URL() string {
	if p.HostPort == 0 {
		return ""
	}
	host := p.HostIP
	if p.AnyAddress() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(int(p.HostPort))) + "/"
}

// Container is one row of `docker ps -a`.
type Container struct {
	ID      string // full ID
	ShortID string // 12 characters, as docker ps prints
	Name    string // without the leading slash
	Names   []string
	Image   string // as the user named it (nginx, localhost:5000/web:1)
	ImageID string
	Command string // quoted and truncated like docker ps (see FormatCommand)
	Created time.Time
	State   ContainerState
	Status  string // as the engine words it: "Up 9 minutes", "Exited (0) 2 minutes ago"
	// StateSince is when the current state began (started, exited), exact
	// when Berth inspected the container, else estimated from Status; zero
	// when unknown. StatusAt ages Status with it.
	StateSince time.Time
	Ports      []PortBinding
	Labels     map[string]string
	Project    string // compose project label, "" if none
}

// Running reports whether the container is running or paused (`docker ps` lists it).
func (c Container) Running() bool {
	return c.State == StateRunning || c.State == StatePaused || c.State == StateRestarting
}

// Image is one row of `docker images`.
type Image struct {
	ID          string // full ID, sha256:...
	ShortID     string // 12 hex characters
	Repository  string // "<none>" for dangling images
	Tag         string // "<none>" for dangling images
	RepoTags    []string
	RepoDigests []string
	Created     time.Time
	Size        int64
	Containers  int // how many containers (running or not) use this image
	Dangling    bool
	// FullRef is the engine's own name of the tag when Repository shows a
	// shorter one (Podman's "localhost/web:1" shown as "web"); "" when
	// Repository:Tag is the engine's name.
	FullRef string
}

// Ref is the best name to refer to the image with in actions: the engine's
// repository:tag, or the short ID.
func (i Image) Ref() string {
	if i.Dangling || i.Repository == "<none>" {
		return i.ShortID
	}
	if i.FullRef != "" {
		return i.FullRef
	}
	return i.Repository + ":" + i.Tag
}

// RestartPolicy names one of the engine's restart policies.
type RestartPolicy string

// Restart policies, as `docker run --restart` accepts them.
const (
	RestartNo            RestartPolicy = "no"
	RestartAlways        RestartPolicy = "always"
	RestartUnlessStopped RestartPolicy = "unless-stopped"
	RestartOnFailure     RestartPolicy = "on-failure"
)

// Bind is one bind mount: a host path into the container.
type Bind struct {
	HostPath      string
	ContainerPath string
	ReadOnly      bool
}

// Spec is the bind in the CLI's syntax: HOST:CONTAINER[:ro].
func (b Bind) Spec() string {
	s := b.HostPath + ":" + b.ContainerPath
	if b.ReadOnly {
		s += ":ro"
	}
	return s
}

// RunSpec is what `docker run --detach` takes.
type RunSpec struct {
	Image   string
	Name    string   // optional
	Ports   []string // port specs in the CLI's syntax: 80, 8080:80, 127.0.0.1:8080:80, 8080:80/udp, 8000-8001:80-81
	Env     []string // KEY=value
	Binds   []Bind
	Restart RestartPolicy // "" means no
	Cmd     []string      // optional command override
}

// LayerStatus is the phase of one layer during a pull.
type LayerStatus string

// Layer phases, in order.
const (
	LayerWaiting     LayerStatus = "waiting"
	LayerDownloading LayerStatus = "downloading"
	LayerVerifying   LayerStatus = "verifying"
	LayerDownloaded  LayerStatus = "downloaded"
	LayerExtracting  LayerStatus = "extracting"
	LayerComplete    LayerStatus = "complete"
	LayerExists      LayerStatus = "exists" // already present locally
)

// Layer is the progress of one layer of a pull.
type Layer struct {
	ID      string
	Status  LayerStatus
	Current int64 // bytes done in the current phase
	Total   int64 // bytes in the current phase, 0 if unknown
}

// Fraction is how far the layer has come, 0..1, over its whole pull
// (download, then extraction), as the layer bar and the overall bar show it.
func (l Layer) Fraction() float64 {
	part := func(cur, total int64) float64 {
		if total <= 0 {
			return 0
		}
		return min(float64(cur)/float64(total), 1)
	}
	switch l.Status {
	case LayerDownloading:
		return 0.7 * part(l.Current, l.Total)
	case LayerVerifying, LayerDownloaded:
		return 0.7
	case LayerExtracting:
		return 0.7 + 0.3*part(l.Current, l.Total)
	case LayerComplete, LayerExists:
		return 1
	}
	return 0
}

// PullProgress is a snapshot of a pull in flight. It is a value: callbacks may keep it.
type PullProgress struct {
	Ref      string
	Layers   []Layer // in the order the engine first named them
	Status   string  // the latest overall line: "Digest: sha256:…", "Status: Downloaded newer image for …"
	Fraction float64 // overall, 0..1
	Done     bool
}

// EventKind says what an engine event was about.
type EventKind string

// Event kinds that matter to Berth.
const (
	EventContainer EventKind = "container"
	EventImage     EventKind = "image"
)

// Event is one engine event, trimmed to what Berth needs.
type Event struct {
	Kind     EventKind
	Action   string // start, die, stop, destroy, pull, delete, untag...
	ID       string
	Name     string // container name or image reference
	ExitCode string // for die events
	Time     time.Time
	Helper   bool   // about a container Berth makes for its own work (a volume's files), not the user's
	Project  string // the compose project of the container or network, from its label
}

// ShortID cuts an ID (with or without "sha256:") to the 12 characters docker prints.
func ShortID(id string) string {
	if i := strings.IndexByte(id, ':'); i >= 0 {
		id = id[i+1:]
	}
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// RemoveOptions are the options of `docker rm`.
type RemoveOptions struct {
	Force   bool // remove a running container (kills it)
	Volumes bool // also remove anonymous volumes
}

// CountImageUsers sets Image.Containers from a full container list.
func CountImageUsers(images []Image, containers []Container) {
	n := map[string]int{}
	for _, c := range containers {
		n[c.ImageID]++
	}
	for i := range images {
		images[i].Containers = n[images[i].ID]
	}
}
