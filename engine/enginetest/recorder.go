package enginetest

import (
	"sync"
	"testing"
	"time"

	"berth/engine"
)

// Recorder subscribes to an engine.State (a store) and keeps what it was
// told, for tests to wait on.
type Recorder struct {
	mu      sync.Mutex
	changes []engine.Change
	last    engine.Snapshot
	signal  chan struct{}
}

// NewRecorder subscribes a recorder to s.
func NewRecorder(s engine.State) *Recorder {
	r := &Recorder{signal: make(chan struct{}, 1)}
	s.Subscribe(func(snap engine.Snapshot, ch engine.Change) {
		r.mu.Lock()
		r.changes = append(r.changes, ch)
		r.last = snap
		r.mu.Unlock()
		select {
		case r.signal <- struct{}{}:
		default:
		}
	})
	return r
}

// Changes returns the changes received so far.
func (r *Recorder) Changes() []engine.Change {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]engine.Change(nil), r.changes...)
}

// Wait waits up to 30 s for a snapshot that satisfies cond and returns it;
// it fails the test, saying what it waited for, if none comes.
func (r *Recorder) Wait(t testing.TB, what string, cond func(engine.Snapshot) bool) engine.Snapshot {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		r.mu.Lock()
		snap := r.last
		r.mu.Unlock()
		if cond(snap) {
			return snap
		}
		select {
		case <-r.signal:
		case <-timeout:
			t.Fatalf("timed out waiting for %s; last snapshot %+v", what, snap)
		}
	}
}
