package engine

// Snapshot is the live state of one engine at one moment, as engine/store
// keeps it. Its slices are shared and must not be modified.
type Snapshot struct {
	Endpoint   Endpoint
	Info       Info        // as of the last connection; counts kept current from the lists
	Reachable  bool        // the engine answers and events are followed
	Err        error       // why the engine is not reachable, when it is not
	Containers []Container // all containers, newest first (like docker ps -a)
	Images     []Image     // newest first, with usage counts
	// Volumes (by name) and Networks (by name) follow the engine's events
	// apart from the rest: they may arrive after the containers, and the
	// volumes' sizes later still (Size -1 until then).
	Volumes     []Volume
	Networks    []Network
	VolumesErr  error  // why the volumes could not be listed, nil if they were
	NetworksErr error  // why the networks could not be listed, nil if they were
	Seq         uint64 // grows with every change
}

// Container finds a container by full ID.
func (s Snapshot) Container(id string) (Container, bool) {
	for _, c := range s.Containers {
		if c.ID == id {
			return c, true
		}
	}
	return Container{}, false
}

// Offline reports whether the engine is known not to answer (not merely
// "still connecting" at start-up).
func (s Snapshot) Offline() bool {
	return !s.Reachable && (s.Err != nil || s.Seq > 0)
}

// Change tells subscribers what changed in one step.
type Change struct {
	Full         bool     // a full refresh: anything may have changed
	Containers   []string // IDs added or updated
	Removed      []string // IDs of containers that are gone
	Images       bool     // the image list (or its usage counts) changed
	Reachability bool     // Reachable changed
	Volumes      bool     // the volume list changed
	VolumeSizes  bool     // the volumes' sizes came in
	Networks     bool     // the network list changed
	Events       []Event  // the engine events behind this change
}

// Merge folds a later change into c, for subscribers that apply several at once.
func (c Change) Merge(next Change) Change {
	c.Full = c.Full || next.Full
	c.Images = c.Images || next.Images
	c.Reachability = c.Reachability || next.Reachability
	c.Volumes = c.Volumes || next.Volumes
	c.VolumeSizes = c.VolumeSizes || next.VolumeSizes
	c.Networks = c.Networks || next.Networks
	c.Containers = append(c.Containers, next.Containers...)
	c.Removed = append(c.Removed, next.Removed...)
	c.Events = append(c.Events, next.Events...)
	return c
}

// State is what views need from the live state: a snapshot and change
// notifications (called off the UI goroutine), and a way to reconnect.
// *store.Store implements it.
type State interface {
	Snapshot() Snapshot
	Subscribe(fn func(Snapshot, Change)) (cancel func())
	Reconnect()
}
