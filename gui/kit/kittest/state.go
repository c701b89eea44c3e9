package kittest

import (
	"sync"

	"berth/engine"
)

// State is a fake engine.State: the test sets snapshots and changes, and
// the subscribers hear them at once, on the test's goroutine.
type State struct {
	mu     sync.Mutex
	snap   engine.Snapshot
	subs   map[int]func(engine.Snapshot, engine.Change)
	nextID int
}

var _ engine.State = (*State)(nil)

// NewState makes a fake state holding snap.
func NewState(snap engine.Snapshot) *State {
	return &State{snap: snap, subs: map[int]func(engine.Snapshot, engine.Change){}}
}

// Snapshot implements engine.State.
func (s *State) Snapshot() engine.Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snap
}

// Subscribe implements engine.State.
func (s *State) Subscribe(fn func(engine.Snapshot, engine.Change)) func() {
	s.mu.Lock()
	id := s.nextID
	s.nextID++
	s.subs[id] = fn
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		delete(s.subs, id)
		s.mu.Unlock()
	}
}

// Reconnect implements engine.State; it does nothing.
func (s *State) Reconnect() {}

// Set replaces the snapshot (its Seq grows) and tells the subscribers.
func (s *State) Set(snap engine.Snapshot, ch engine.Change) {
	s.mu.Lock()
	snap.Seq = s.snap.Seq + 1
	s.snap = snap
	fns := make([]func(engine.Snapshot, engine.Change), 0, len(s.subs))
	for _, fn := range s.subs {
		fns = append(fns, fn)
	}
	s.mu.Unlock()
	for _, fn := range fns {
		fn(snap, ch)
	}
}

// Subscribers is how many subscribers the state has (tests check views let go).
func (s *State) Subscribers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.subs)
}
