// Package enginetest is a fake engine for unit tests: one func field per
// call, as the docker CLI's fakeClient does, over every per-resource
// interface of package engine. A nil field answers from the fake's state
// (the ContainerItems and ImageItems lists, Emit and Break for events) or
// with zero values.
package enginetest

import (
	"context"
	"io"
	"strings"
	"sync"
	"time"

	"berth/engine"
)

// Engine is a fake engine.Engine.
type Engine struct {
	HostName string

	InfoFunc              func(ctx context.Context) (engine.Info, error)
	ContainerListFunc     func(ctx context.Context, all bool) ([]engine.Container, error)
	ContainerListByIDFunc func(ctx context.Context, ids ...string) ([]engine.Container, error)
	ContainerStartFunc    func(ctx context.Context, id string) error
	ContainerStopFunc     func(ctx context.Context, id string, timeout *time.Duration) error
	ContainerRestartFunc  func(ctx context.Context, id string, timeout *time.Duration) error
	ContainerPauseFunc    func(ctx context.Context, id string) error
	ContainerUnpauseFunc  func(ctx context.Context, id string) error
	ContainerRemoveFunc   func(ctx context.Context, id string, opts engine.RemoveOptions) error
	ContainerRunFunc      func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error)
	ContainerLogsFunc     func(ctx context.Context, id string, opts engine.LogOptions, fn func([]engine.LogLine)) error
	ImageListFunc         func(ctx context.Context) ([]engine.Image, error)
	ImageExposedPortsFunc func(ctx context.Context, ref string) ([]string, error)
	ImagePullFunc         func(ctx context.Context, ref string, progress func(engine.PullProgress)) error
	ImageRemoveFunc       func(ctx context.Context, ref string, force bool) ([]string, error)
	ContainerHistoryFunc  func(ctx context.Context, id string, since time.Time) ([]engine.HistoryEvent, error)
	// EventsFunc, when nil, serves the Feed channel below.
	EventsFunc func(ctx context.Context) (<-chan engine.Event, <-chan error)
	// Disk usage and image details: func fields and state in disk.go and imagedetails.go.
	DiskFake
	ImageDetailFake

	// Inspect and files (inspect.go, files.go).
	ContainerInspectFunc  func(ctx context.Context, id string) (engine.ContainerDetails, []byte, error)
	ContainerSizeFunc     func(ctx context.Context, id string) (engine.ContainerSize, error)
	ContainerStatPathFunc func(ctx context.Context, id, path string) (engine.FileInfo, error)
	ContainerListDirFunc  func(ctx context.Context, id, dir string, partial func([]engine.FileInfo)) ([]engine.FileInfo, error)
	ContainerCopyFromFunc func(ctx context.Context, id, path string) (io.ReadCloser, engine.FileInfo, error)
	ContainerCopyToFunc   func(ctx context.Context, id, dir string, content io.Reader) error
	ContainerDiffFunc     func(ctx context.Context, id string) ([]engine.FileChange, error)

	// Exec and StatsCalls are the exec and stats calls (exec.go, stats.go).
	Exec       ExecFuncs
	StatsCalls StatsFuncs
	// Volumes and networks: func fields and state in volumes.go and networks.go.
	VolumeFake
	NetworkFake

	mu sync.Mutex
	// State served by the nil-func defaults.
	ContainerItems []engine.Container
	ImageItems     []engine.Image
	// Cluster is the Swarm the SwarmAPI methods read.
	Cluster      Swarm
	EventHistory map[string][]engine.HistoryEvent // by container ID
	// Feed receives events to hand to the current Events subscriber; Break ends the stream with an error.
	feed  chan engine.Event
	brk   chan error
	calls []string

	inspect Inspect
	files   map[string]map[string]FakeFile // container ID -> path -> file
	changes map[string][]engine.FileChange
	// TopAnswer is what the nil-func ContainerTop answers.
	TopAnswer  engine.Processes
	sessions   []*Session
	statsOpen  int
	statsFeeds []chan engine.StatsSample
}

var (
	_ engine.SystemAPI    = (*Engine)(nil)
	_ engine.EventAPI     = (*Engine)(nil)
	_ engine.ContainerAPI = (*Engine)(nil)
	_ engine.ImageAPI     = (*Engine)(nil)
	_ engine.LogAPI       = (*Engine)(nil)
)

// Client is the fake as an engine.Client, every field this fake.
func (f *Engine) Client() *engine.Client {
	return &engine.Client{Endpoint: engine.Endpoint{Host: f.HostName, Source: "fake"},
		System: f, Events: f, Containers: f, Images: f, Logs: f,
		Volumes: f, Networks: f, Disk: f, ImageDetails: f, Inspect: f, Exec: f, Files: f, Stats: f, Swarm: f, History: f}
}

// New returns a fake with the given state.
func New(containers []engine.Container, images []engine.Image) *Engine {
	return &Engine{HostName: "unix:///fake.sock", ContainerItems: containers, ImageItems: images,
		feed: make(chan engine.Event, 64), brk: make(chan error, 1)}
}

func (f *Engine) record(call string) {
	f.mu.Lock()
	f.calls = append(f.calls, call)
	f.mu.Unlock()
}

// Calls returns the names of the calls made so far ("Stop id", "Run image"...).
func (f *Engine) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// CallsWith returns the calls so far whose names start with prefix ("Stop ").
func (f *Engine) CallsWith(prefix string) []string {
	var out []string
	for _, c := range f.Calls() {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// SetContainers replaces the container list served by default.
func (f *Engine) SetContainers(cs []engine.Container) {
	f.mu.Lock()
	f.ContainerItems = cs
	f.mu.Unlock()
}

// SetImages replaces the image list served by default.
func (f *Engine) SetImages(images []engine.Image) {
	f.mu.Lock()
	f.ImageItems = images
	f.mu.Unlock()
}

// Emit hands an event to the Events subscriber.
func (f *Engine) Emit(ev engine.Event) { f.feed <- ev }

// Break ends the current event stream with err (e.g. an ErrUnreachable *engine.Error).
func (f *Engine) Break(err error) { f.brk <- err }

// Info implements engine.API.
func (f *Engine) Info(ctx context.Context) (engine.Info, error) {
	f.record("Info")
	if f.InfoFunc != nil {
		return f.InfoFunc(ctx)
	}
	return engine.Info{Host: f.HostName, Reachable: true, Version: "20.10.24", APIVersion: "1.41", OS: "linux", Arch: "x86_64"}, nil
}

// ContainerList implements engine.API.
func (f *Engine) ContainerList(ctx context.Context, all bool) ([]engine.Container, error) {
	f.record("Containers")
	if f.ContainerListFunc != nil {
		return f.ContainerListFunc(ctx, all)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []engine.Container
	for _, c := range f.ContainerItems {
		if all || c.Running() {
			out = append(out, c)
		}
	}
	return out, nil
}

// ContainerListByID implements engine.API.
func (f *Engine) ContainerListByID(ctx context.Context, ids ...string) ([]engine.Container, error) {
	f.record("ContainersByID")
	if f.ContainerListByIDFunc != nil {
		return f.ContainerListByIDFunc(ctx, ids...)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []engine.Container
	for _, c := range f.ContainerItems {
		for _, id := range ids {
			if c.ID == id {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func (f *Engine) idCall(ctx context.Context, name, id string, fn func(context.Context, string) error) error {
	f.record(name + " " + id)
	if fn != nil {
		return fn(ctx, id)
	}
	return nil
}

// ContainerStart implements engine.API.
func (f *Engine) ContainerStart(ctx context.Context, id string) error {
	return f.idCall(ctx, "Start", id, f.ContainerStartFunc)
}

// ContainerStop implements engine.API.
func (f *Engine) ContainerStop(ctx context.Context, id string, timeout *time.Duration) error {
	f.record("Stop " + id)
	if f.ContainerStopFunc != nil {
		return f.ContainerStopFunc(ctx, id, timeout)
	}
	return nil
}

// ContainerRestart implements engine.API.
func (f *Engine) ContainerRestart(ctx context.Context, id string, timeout *time.Duration) error {
	f.record("Restart " + id)
	if f.ContainerRestartFunc != nil {
		return f.ContainerRestartFunc(ctx, id, timeout)
	}
	return nil
}

// ContainerPause implements engine.API.
func (f *Engine) ContainerPause(ctx context.Context, id string) error {
	return f.idCall(ctx, "Pause", id, f.ContainerPauseFunc)
}

// ContainerUnpause implements engine.API.
func (f *Engine) ContainerUnpause(ctx context.Context, id string) error {
	return f.idCall(ctx, "Unpause", id, f.ContainerUnpauseFunc)
}

// ContainerRemove implements engine.API.
func (f *Engine) ContainerRemove(ctx context.Context, id string, opts engine.RemoveOptions) error {
	f.record("Remove " + id)
	if f.ContainerRemoveFunc != nil {
		return f.ContainerRemoveFunc(ctx, id, opts)
	}
	return nil
}

// ContainerRun implements engine.API.
func (f *Engine) ContainerRun(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
	f.record("Run " + spec.Image)
	if f.ContainerRunFunc != nil {
		return f.ContainerRunFunc(ctx, spec, progress)
	}
	return "fakecontainerid0000000000000000000000000000000000000000000000000", nil
}

// ContainerLogs implements engine.LogAPI; by default the log is empty.
func (f *Engine) ContainerLogs(ctx context.Context, id string, opts engine.LogOptions, fn func([]engine.LogLine)) error {
	f.record("Logs " + id)
	if f.ContainerLogsFunc != nil {
		return f.ContainerLogsFunc(ctx, id, opts, fn)
	}
	return nil
}

// ImageList implements engine.API.
func (f *Engine) ImageList(ctx context.Context) ([]engine.Image, error) {
	f.record("ImageList")
	if f.ImageListFunc != nil {
		return f.ImageListFunc(ctx)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]engine.Image(nil), f.ImageItems...), nil
}

// ImageExposedPorts implements engine.API.
func (f *Engine) ImageExposedPorts(ctx context.Context, ref string) ([]string, error) {
	f.record("ImageExposedPorts " + ref)
	if f.ImageExposedPortsFunc != nil {
		return f.ImageExposedPortsFunc(ctx, ref)
	}
	return nil, nil
}

// ImagePull implements engine.API.
func (f *Engine) ImagePull(ctx context.Context, ref string, progress func(engine.PullProgress)) error {
	f.record("Pull " + ref)
	if f.ImagePullFunc != nil {
		return f.ImagePullFunc(ctx, ref, progress)
	}
	return nil
}

// ImageRemove implements engine.API.
func (f *Engine) ImageRemove(ctx context.Context, ref string, force bool) ([]string, error) {
	f.record("RemoveImage " + ref)
	if f.ImageRemoveFunc != nil {
		return f.ImageRemoveFunc(ctx, ref, force)
	}
	return []string{"Untagged: " + ref}, nil
}

// Events implements engine.API: it serves Emit and Break until ctx ends.
func (f *Engine) Events(ctx context.Context) (<-chan engine.Event, <-chan error) {
	f.record("Events")
	if f.EventsFunc != nil {
		return f.EventsFunc(ctx)
	}
	out := make(chan engine.Event)
	errc := make(chan error, 1)
	go func() {
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				errc <- ctx.Err()
				return
			case err := <-f.brk:
				errc <- err
				return
			case ev := <-f.feed:
				select {
				case out <- ev:
				case <-ctx.Done():
					errc <- ctx.Err()
					return
				}
			}
		}
	}()
	return out, errc
}
