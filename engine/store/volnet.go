package store

import (
	"context"
	"reflect"
	"sync"
	"time"

	"berth/engine"
)

// volnet keeps the volumes and networks of the snapshot live, beside the
// containers and images and without ever holding them up: their lists run
// in a worker of their own, asked for by the events that change them (and
// by every full refresh), and the volumes' sizes, from the engine's slow
// disk-usage call, run in another once the list has shown. Results go back
// to the store's goroutine (follow), which applies them in order with
// everything else. Requests that come while a worker is busy merge into one
// more round.
type volnet struct {
	ctx     context.Context
	c       *engine.Client
	results chan volnetResult

	mu                 sync.Mutex
	wantVols, wantNets bool
	listing            bool
	wantSizes, sizing  bool
	sizes              map[string]int64 // the last sizes known, by volume name (follow's goroutine)
	sizesKnown         bool
	retried            bool // a failed list was asked again (follow's goroutine)
}

// retryAfter is how long a failed volume or network list waits to be asked again.
const retryAfter = time.Second

type volnetResult struct {
	vols, nets, sizes bool // which parts this result carries
	volumes           []engine.Volume
	volErr            error
	networks          []engine.Network
	netErr            error
	sizeMap           map[string]int64
	sizeErr           error
}

// startVolNet makes the workers' state for one connection (ctx ends with it).
func (s *Store) startVolNet(ctx context.Context) *volnet {
	vn := &volnet{ctx: ctx, c: s.c, results: make(chan volnetResult, 1)}
	s.mu.Lock()
	if s.vn != nil {
		vn.sizes, vn.sizesKnown = s.vn.sizes, s.vn.sizesKnown
	}
	s.vn = vn
	s.mu.Unlock()
	return vn
}

// volnetNeeds says which lists a batch of events asks for: volumes when a
// volume comes or goes or a container that may use one does; networks on
// every network event (connect and disconnect come with containers' starts
// and stops).
func volnetNeeds(batch []engine.Event) (vols, nets bool) {
	for _, ev := range batch {
		switch ev.Kind {
		case engine.EventVolume:
			vols = true
		case engine.EventNetwork:
			nets = true
		case engine.EventContainer:
			switch ev.Action {
			case "create", "destroy", "rename":
				vols, nets = true, true // who uses a volume; who is configured with a network
			}
		}
	}
	return vols, nets
}

// relevantVolNet filters volume and network events: a volume's mount and
// unmount (every container start and stop) change nothing the list shows.
func relevantVolNet(ev engine.Event) bool {
	return ev.Kind == engine.EventNetwork || (ev.Kind == engine.EventVolume && ev.Action != "mount" && ev.Action != "unmount")
}

// want asks for the lists; it never waits.
func (vn *volnet) want(vols, nets bool) {
	if vn == nil || (!vols && !nets) {
		return
	}
	vn.mu.Lock()
	vn.wantVols = vn.wantVols || vols
	vn.wantNets = vn.wantNets || nets
	start := !vn.listing
	vn.listing = true
	vn.mu.Unlock()
	if start {
		go vn.listLoop()
	}
}

func (vn *volnet) listLoop() {
	for {
		vn.mu.Lock()
		vols, nets := vn.wantVols, vn.wantNets
		vn.wantVols, vn.wantNets = false, false
		if !vols && !nets || vn.ctx.Err() != nil {
			vn.listing = false
			vn.mu.Unlock()
			return
		}
		vn.mu.Unlock()
		r := volnetResult{vols: vols, nets: nets}
		var wg sync.WaitGroup
		if vols && vn.c.Volumes != nil {
			wg.Add(1)
			go func() { defer wg.Done(); r.volumes, r.volErr = vn.c.Volumes.VolumeList(vn.ctx) }()
		}
		if nets && vn.c.Networks != nil {
			r.networks, r.netErr = vn.c.Networks.NetworkList(vn.ctx)
		}
		wg.Wait()
		if !vn.send(r) {
			vn.mu.Lock()
			vn.listing = false
			vn.mu.Unlock()
			return
		}
	}
}

// wantSizesNow asks for the volumes' sizes.
func (vn *volnet) wantSizesNow() {
	vn.mu.Lock()
	vn.wantSizes = true
	start := !vn.sizing
	vn.sizing = true
	vn.mu.Unlock()
	if start {
		go vn.sizeLoop()
	}
}

func (vn *volnet) sizeLoop() {
	for {
		vn.mu.Lock()
		if !vn.wantSizes || vn.ctx.Err() != nil {
			vn.sizing = false
			vn.mu.Unlock()
			return
		}
		vn.wantSizes = false
		vn.mu.Unlock()
		r := volnetResult{sizes: true}
		r.sizeMap, r.sizeErr = vn.c.Volumes.VolumeSizes(vn.ctx)
		if !vn.send(r) {
			vn.mu.Lock()
			vn.sizing = false
			vn.mu.Unlock()
			return
		}
	}
}

func (vn *volnet) send(r volnetResult) bool {
	select {
	case vn.results <- r:
		return true
	case <-vn.ctx.Done():
		return false
	}
}

// applyVolNet applies a worker's result (follow's goroutine). Subscribers
// hear of it only when something they show changed: most re-lists (a
// container created without volumes) change nothing.
func (s *Store) applyVolNet(vn *volnet, r volnetResult) {
	var ch engine.Change
	s.mu.Lock()
	if r.vols {
		if r.volErr == nil {
			vols := withSizes(r.volumes, vn.sizes, vn.sizesKnown)
			if !sameSlice(vols, s.snap.Volumes) {
				s.snap.Volumes = vols
				ch.Volumes = true
			}
		}
		if !sameErr(r.volErr, s.snap.VolumesErr) {
			ch.Volumes = true
		}
		s.snap.VolumesErr = r.volErr
	}
	if r.nets {
		if r.netErr == nil && !sameSlice(r.networks, s.snap.Networks) {
			s.snap.Networks = r.networks
			ch.Networks = true
		}
		if !sameErr(r.netErr, s.snap.NetworksErr) {
			ch.Networks = true
		}
		s.snap.NetworksErr = r.netErr
	}
	if r.sizes && r.sizeErr == nil {
		vn.sizes, vn.sizesKnown = r.sizeMap, true
		if vols := withSizes(s.snap.Volumes, vn.sizes, true); !sameSlice(vols, s.snap.Volumes) {
			s.snap.Volumes = vols
			ch.VolumeSizes = true
		}
	}
	changed := ch.Volumes || ch.Networks || ch.VolumeSizes
	if changed {
		s.snap.Seq++
	}
	snap := s.snap
	s.mu.Unlock()
	if changed {
		s.notify(snap, ch)
	}
	if r.vols && r.volErr == nil && (ch.Volumes || !vn.sizesKnown) {
		vn.wantSizesNow()
	}
	// A failed list is asked again once, a moment later (the networks of
	// other clients come and go between a list and its inspects); the event
	// stream says when the engine itself went away. Never more: no polling.
	failed := r.vols && r.volErr != nil || r.nets && r.netErr != nil
	if failed && !vn.retried && vn.ctx.Err() == nil {
		vn.retried = true
		retryVols, retryNets := r.vols && r.volErr != nil, r.nets && r.netErr != nil
		time.AfterFunc(retryAfter, func() { vn.want(retryVols, retryNets) })
	} else if !failed && (r.vols || r.nets) {
		vn.retried = false
	}
}

// withSizes is a new slice of vols with the sizes known (-1 for the others).
func withSizes(vols []engine.Volume, sizes map[string]int64, known bool) []engine.Volume {
	out := make([]engine.Volume, len(vols))
	for i, v := range vols {
		v.Size = -1
		if n, ok := sizes[v.Name]; ok && known {
			v.Size = n
		}
		out[i] = v
	}
	return out
}

// sameSlice reports whether two lists hold the same items (nil and empty alike).
func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

func sameErr(a, b error) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Error() == b.Error())
}
