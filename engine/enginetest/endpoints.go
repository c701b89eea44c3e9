package enginetest

import (
	"fmt"
	"slices"
	"sync"

	"berth/engine"
)

// Endpoints is a fake engine.EndpointStore: an in-memory docker context
// store. A nil func field answers from the state (Entries, CurrentName);
// Calls lists what was asked ("Add name", "Remove name", "Use name").
type Endpoints struct {
	ResolveFunc func() (engine.Endpoint, error)
	ListFunc    func() ([]engine.EngineEntry, error)
	AddFunc     func(ep engine.Endpoint, description string) error
	RemoveFunc  func(name string) error
	UseFunc     func(name string) error

	mu sync.Mutex
	// Entries are the contexts (the first one, "default", Default) and found sockets.
	Entries []engine.EngineEntry
	// CurrentName is the CLI's current context ("default" when empty).
	CurrentName string
	calls       []string
}

var _ engine.EndpointStore = (*Endpoints)(nil)

// NewEndpoints is a store with the default context at host and the given
// contexts (name → host), the default current.
func NewEndpoints(host string, contexts ...engine.Endpoint) *Endpoints {
	e := &Endpoints{Entries: []engine.EngineEntry{{Endpoint: engine.Endpoint{Name: "default", Host: host, Source: engine.SourceDefault},
		Description: "Current DOCKER_HOST based configuration", Default: true}}}
	for _, c := range contexts {
		c.Source = engine.SourceContext
		e.Entries = append(e.Entries, engine.EngineEntry{Endpoint: c})
	}
	return e
}

// Calls returns the calls made so far.
func (e *Endpoints) Calls() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.calls)
}

func (e *Endpoints) current() string {
	if e.CurrentName == "" {
		return "default"
	}
	return e.CurrentName
}

// Resolve implements engine.EndpointStore: the current context's endpoint.
func (e *Endpoints) Resolve() (engine.Endpoint, error) {
	if e.ResolveFunc != nil {
		return e.ResolveFunc()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	name := e.current()
	for _, en := range e.Entries {
		if en.Endpoint.Name == name {
			ep := en.Endpoint
			if name != "default" {
				ep.Source = engine.SourceConfig
			}
			return ep, nil
		}
	}
	err := &engine.Error{Kind: engine.ErrContextNotFound, Ref: name, What: engine.SourceConfig}
	return engine.Endpoint{Name: name, Source: engine.SourceConfig, Err: err}, err
}

// List implements engine.EndpointStore, marking the current entry.
func (e *Endpoints) List() ([]engine.EngineEntry, error) {
	if e.ListFunc != nil {
		return e.ListFunc()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	out := slices.Clone(e.Entries)
	for i := range out {
		out[i].Current = !out[i].Found && out[i].Endpoint.Name == e.current()
	}
	return out, nil
}

// Add implements engine.EndpointStore.
func (e *Endpoints) Add(ep engine.Endpoint, description string) error {
	e.mu.Lock()
	e.calls = append(e.calls, "Add "+ep.Name)
	e.mu.Unlock()
	if e.AddFunc != nil {
		return e.AddFunc(ep, description)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if ep.Name == "" || ep.Name == "default" {
		return &engine.Error{Kind: engine.ErrInvalidName, Ref: ep.Name, What: "context"}
	}
	if slices.ContainsFunc(e.Entries, func(en engine.EngineEntry) bool { return en.Endpoint.Name == ep.Name }) {
		return &engine.Error{Kind: engine.ErrNameInUse, Ref: ep.Name, What: "context", Err: fmt.Errorf("context %q already exists", ep.Name)}
	}
	ep.Source = engine.SourceContext
	e.Entries = append(e.Entries, engine.EngineEntry{Endpoint: ep, Description: description})
	return nil
}

// Remove implements engine.EndpointStore (as `docker context rm -f`).
func (e *Endpoints) Remove(name string) error {
	e.mu.Lock()
	e.calls = append(e.calls, "Remove "+name)
	e.mu.Unlock()
	if e.RemoveFunc != nil {
		return e.RemoveFunc(name)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if name == "default" || name == "" {
		return &engine.Error{Kind: engine.ErrInvalidName, Ref: name, What: "context"}
	}
	i := slices.IndexFunc(e.Entries, func(en engine.EngineEntry) bool { return en.Endpoint.Name == name })
	if i < 0 {
		return &engine.Error{Kind: engine.ErrContextNotFound, Ref: name}
	}
	e.Entries = slices.Delete(e.Entries, i, i+1)
	if e.CurrentName == name {
		e.CurrentName = ""
	}
	return nil
}

// Use implements engine.EndpointStore.
func (e *Endpoints) Use(name string) error {
	e.mu.Lock()
	e.calls = append(e.calls, "Use "+name)
	e.mu.Unlock()
	if e.UseFunc != nil {
		return e.UseFunc(name)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !slices.ContainsFunc(e.Entries, func(en engine.EngineEntry) bool { return en.Endpoint.Name == name }) {
		return &engine.Error{Kind: engine.ErrContextNotFound, Ref: name}
	}
	e.CurrentName = name
	return nil
}
