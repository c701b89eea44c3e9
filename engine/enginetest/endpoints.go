package enginetest

import (
	"slices"
	"sync"

	"berth/engine"
)

// Endpoints is a fake of the docker CLI's context store: a list in memory.
type Endpoints struct {
	mu      sync.Mutex
	entries []engine.EngineEntry
	// Err, when set, is what every call returns.
	Err error
}

// NewEndpoints is a store holding entries; the first marked Current is the
// one Resolve returns.
func NewEndpoints(entries ...engine.EngineEntry) *Endpoints {
	return &Endpoints{entries: entries}
}

// Resolve is the current entry's endpoint (else the first's).
func (s *Endpoints) Resolve() (engine.Endpoint, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return engine.Endpoint{}, s.Err
	}
	for _, e := range s.entries {
		if e.Current {
			return e.Endpoint, nil
		}
	}
	if len(s.entries) == 0 {
		return engine.Endpoint{}, nil
	}
	return s.entries[0].Endpoint, nil
}

// List is every entry.
func (s *Endpoints) List() ([]engine.EngineEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.entries), s.Err
}

// Add appends a context.
func (s *Endpoints) Add(ep engine.Endpoint, description string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return s.Err
	}
	s.entries = append(s.entries, engine.EngineEntry{Endpoint: ep, Description: description})
	return nil
}

// Remove drops the context name.
func (s *Endpoints) Remove(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return s.Err
	}
	s.entries = slices.DeleteFunc(s.entries, func(e engine.EngineEntry) bool { return e.Endpoint.Name == name })
	return nil
}

// Use marks name current.
func (s *Endpoints) Use(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return s.Err
	}
	for i := range s.entries {
		s.entries[i].Current = s.entries[i].Endpoint.Name == name
	}
	return nil
}
