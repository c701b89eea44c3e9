// Package fakeengine is a fake engine.Engine for unit tests: one func field
// per call, as the docker CLI's fakeClient does. A nil field answers with
// zero values (or, for lists, with the Containers/ImagesList fields).
package fakeengine

import (
	"context"
	"sync"
	"time"

	"berth/engine"
)

// Engine is a fake engine.Engine.
type Engine struct {
	HostName string

	InfoFunc              func(ctx context.Context) (engine.Info, error)
	ContainersFunc        func(ctx context.Context, all bool) ([]engine.Container, error)
	ContainersByIDFunc    func(ctx context.Context, ids ...string) ([]engine.Container, error)
	StartFunc             func(ctx context.Context, id string) error
	StopFunc              func(ctx context.Context, id string, timeout *time.Duration) error
	RestartFunc           func(ctx context.Context, id string, timeout *time.Duration) error
	PauseFunc             func(ctx context.Context, id string) error
	UnpauseFunc           func(ctx context.Context, id string) error
	KillFunc              func(ctx context.Context, id string) error
	RemoveFunc            func(ctx context.Context, id string, opts engine.RemoveOptions) error
	RunFunc               func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error)
	LogsFunc              func(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error)
	ImagesFunc            func(ctx context.Context) ([]engine.Image, error)
	ImageListFunc         func(ctx context.Context) ([]engine.Image, error)
	ImageExposedPortsFunc func(ctx context.Context, ref string) ([]string, error)
	PullFunc              func(ctx context.Context, ref string, progress func(engine.PullProgress)) error
	RemoveImageFunc       func(ctx context.Context, ref string, force bool) ([]string, error)
	// EventsFunc, when nil, serves the Feed channel below.
	EventsFunc func(ctx context.Context) (<-chan engine.Event, <-chan error)

	mu sync.Mutex
	// State served by the nil-func defaults.
	ContainerList []engine.Container
	ImageItems    []engine.Image
	// Feed receives events to hand to the current Events subscriber; Break ends the stream with an error.
	feed  chan engine.Event
	brk   chan error
	calls []string
}

var _ engine.Engine = (*Engine)(nil)

// New returns a fake with the given state.
func New(containers []engine.Container, images []engine.Image) *Engine {
	return &Engine{HostName: "unix:///fake.sock", ContainerList: containers, ImageItems: images,
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

// SetContainers replaces the container list served by default.
func (f *Engine) SetContainers(cs []engine.Container) {
	f.mu.Lock()
	f.ContainerList = cs
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

// Host implements engine.Engine.
func (f *Engine) Host() string { return f.HostName }

// Close implements engine.Engine.
func (f *Engine) Close() error { return nil }

// Info implements engine.Engine.
func (f *Engine) Info(ctx context.Context) (engine.Info, error) {
	f.record("Info")
	if f.InfoFunc != nil {
		return f.InfoFunc(ctx)
	}
	return engine.Info{Host: f.HostName, Reachable: true, Version: "20.10.24", APIVersion: "1.41", OS: "linux", Arch: "x86_64"}, nil
}

// Containers implements engine.Engine.
func (f *Engine) Containers(ctx context.Context, all bool) ([]engine.Container, error) {
	f.record("Containers")
	if f.ContainersFunc != nil {
		return f.ContainersFunc(ctx, all)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []engine.Container
	for _, c := range f.ContainerList {
		if all || c.Running() {
			out = append(out, c)
		}
	}
	return out, nil
}

// ContainersByID implements engine.Engine.
func (f *Engine) ContainersByID(ctx context.Context, ids ...string) ([]engine.Container, error) {
	f.record("ContainersByID")
	if f.ContainersByIDFunc != nil {
		return f.ContainersByIDFunc(ctx, ids...)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []engine.Container
	for _, c := range f.ContainerList {
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

// Start implements engine.Engine.
func (f *Engine) Start(ctx context.Context, id string) error {
	return f.idCall(ctx, "Start", id, f.StartFunc)
}

// Stop implements engine.Engine.
func (f *Engine) Stop(ctx context.Context, id string, timeout *time.Duration) error {
	f.record("Stop " + id)
	if f.StopFunc != nil {
		return f.StopFunc(ctx, id, timeout)
	}
	return nil
}

// Restart implements engine.Engine.
func (f *Engine) Restart(ctx context.Context, id string, timeout *time.Duration) error {
	f.record("Restart " + id)
	if f.RestartFunc != nil {
		return f.RestartFunc(ctx, id, timeout)
	}
	return nil
}

// Pause implements engine.Engine.
func (f *Engine) Pause(ctx context.Context, id string) error {
	return f.idCall(ctx, "Pause", id, f.PauseFunc)
}

// Unpause implements engine.Engine.
func (f *Engine) Unpause(ctx context.Context, id string) error {
	return f.idCall(ctx, "Unpause", id, f.UnpauseFunc)
}

// Kill implements engine.Engine.
func (f *Engine) Kill(ctx context.Context, id string) error {
	return f.idCall(ctx, "Kill", id, f.KillFunc)
}

// Remove implements engine.Engine.
func (f *Engine) Remove(ctx context.Context, id string, opts engine.RemoveOptions) error {
	f.record("Remove " + id)
	if f.RemoveFunc != nil {
		return f.RemoveFunc(ctx, id, opts)
	}
	return nil
}

// Run implements engine.Engine.
func (f *Engine) Run(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
	f.record("Run " + spec.Image)
	if f.RunFunc != nil {
		return f.RunFunc(ctx, spec, progress)
	}
	return "fakecontainerid0000000000000000000000000000000000000000000000000", nil
}

// Logs implements engine.Engine; by default the stream is empty.
func (f *Engine) Logs(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error) {
	f.record("Logs " + id)
	if f.LogsFunc != nil {
		return f.LogsFunc(ctx, id, opts)
	}
	ch := make(chan engine.LogLine)
	close(ch)
	return ch, nil
}

// Images implements engine.Engine.
func (f *Engine) Images(ctx context.Context) ([]engine.Image, error) {
	f.record("Images")
	if f.ImagesFunc != nil {
		return f.ImagesFunc(ctx)
	}
	imgs, err := f.ImageList(ctx)
	cs, _ := f.Containers(ctx, true)
	engine.CountImageUsers(imgs, cs)
	return imgs, err
}

// ImageList implements engine.Engine.
func (f *Engine) ImageList(ctx context.Context) ([]engine.Image, error) {
	f.record("ImageList")
	if f.ImageListFunc != nil {
		return f.ImageListFunc(ctx)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]engine.Image(nil), f.ImageItems...), nil
}

// ImageExposedPorts implements engine.Engine.
func (f *Engine) ImageExposedPorts(ctx context.Context, ref string) ([]string, error) {
	f.record("ImageExposedPorts " + ref)
	if f.ImageExposedPortsFunc != nil {
		return f.ImageExposedPortsFunc(ctx, ref)
	}
	return nil, nil
}

// Pull implements engine.Engine.
func (f *Engine) Pull(ctx context.Context, ref string, progress func(engine.PullProgress)) error {
	f.record("Pull " + ref)
	if f.PullFunc != nil {
		return f.PullFunc(ctx, ref, progress)
	}
	return nil
}

// RemoveImage implements engine.Engine.
func (f *Engine) RemoveImage(ctx context.Context, ref string, force bool) ([]string, error) {
	f.record("RemoveImage " + ref)
	if f.RemoveImageFunc != nil {
		return f.RemoveImageFunc(ctx, ref, force)
	}
	return []string{"Untagged: " + ref}, nil
}

// Events implements engine.Engine: it serves Emit and Break until ctx ends.
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
