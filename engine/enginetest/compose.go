package enginetest

import (
	"context"
	"sync"

	"berth/engine"
)

// Compose is a fake engine.ComposeAPI: one func field per call; a nil
// field answers with zero values. Calls records each call as
// "config PATH", "up PATH PROJECT", "down PATH PROJECT", "ps PROJECT".
type Compose struct {
	ConfigFunc    func(ctx context.Context, f engine.ComposeFile) (engine.ComposeConfig, error)
	UpFunc        func(ctx context.Context, f engine.ComposeFile, progress func(engine.ComposeStep)) error
	DownFunc      func(ctx context.Context, f engine.ComposeFile, progress func(engine.ComposeStep)) error
	ResourcesFunc func(ctx context.Context, project string) (engine.ComposeResources, error)

	mu    sync.Mutex
	calls []string
}

var _ engine.ComposeAPI = (*Compose)(nil)

func (f *Compose) record(s string) {
	f.mu.Lock()
	f.calls = append(f.calls, s)
	f.mu.Unlock()
}

// Calls are the calls made so far.
func (f *Compose) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func (f *Compose) ComposeConfig(ctx context.Context, cf engine.ComposeFile) (engine.ComposeConfig, error) {
	f.record("config " + cf.Path)
	if f.ConfigFunc != nil {
		return f.ConfigFunc(ctx, cf)
	}
	return engine.ComposeConfig{Project: cf.Project, Files: []string{cf.Path}}, nil
}

func (f *Compose) ComposeUp(ctx context.Context, cf engine.ComposeFile, progress func(engine.ComposeStep)) error {
	f.record("up " + cf.Path + " " + cf.Project)
	if f.UpFunc != nil {
		return f.UpFunc(ctx, cf, progress)
	}
	return nil
}

func (f *Compose) ComposeDown(ctx context.Context, cf engine.ComposeFile, progress func(engine.ComposeStep)) error {
	f.record("down " + cf.Path + " " + cf.Project)
	if f.DownFunc != nil {
		return f.DownFunc(ctx, cf, progress)
	}
	return nil
}

func (f *Compose) ComposeResources(ctx context.Context, project string) (engine.ComposeResources, error) {
	f.record("ps " + project)
	if f.ResourcesFunc != nil {
		return f.ResourcesFunc(ctx, project)
	}
	return engine.ComposeResources{Project: project}, nil
}
