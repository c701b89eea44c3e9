// Package store keeps the live state of one engine, driven by its event
// stream, never polled.
package store

import (
	"context"
	"sort"
	"sync"
	"time"

	"berth/engine"
)

// Options tune the store; zero values pick sensible defaults.
type Options struct {
	// Quiet is how long the store waits for more events before applying a batch.
	Quiet time.Duration
	// MaxBatch is the longest a batch may be held while events keep coming.
	MaxBatch time.Duration
	// MinBackoff and MaxBackoff bound the reconnect delay.
	MinBackoff, MaxBackoff time.Duration
	// Wake, when set, makes the store retry at once while it waits out a
	// backoff (docker.WatchSocket: the local socket appeared).
	Wake <-chan struct{}
}

// Store keeps containers and images current from the engine's event stream,
// with no polling: a full list on (re)connect, then targeted re-listing of
// the objects each batch of events names.
type Store struct {
	c    *engine.Client
	opts Options

	mu         sync.Mutex
	snap       engine.Snapshot
	containers *collection[engine.Container]
	vn         *volnet // volumes and networks (volnet.go)
	subs       map[int]func(engine.Snapshot, engine.Change)
	nextID     int

	subMu  sync.Mutex // serialises delivery so subscribers see changes in order
	wake   chan struct{}
	refreq chan chan error
}

var _ engine.State = (*Store)(nil)

// New makes a store over the engine c. Call Run to start it.
func New(c *engine.Client, opts Options) *Store {
	if opts.Quiet <= 0 {
		opts.Quiet = 3 * time.Millisecond
	}
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 30 * time.Millisecond
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = 250 * time.Millisecond
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 5 * time.Second
	}
	return &Store{c: c, opts: opts, snap: engine.Snapshot{Endpoint: c.Endpoint},
		containers: newCollection(func(c engine.Container) string { return c.ID }, newestFirst),
		subs:       map[int]func(engine.Snapshot, engine.Change){},
		wake:       make(chan struct{}, 1), refreq: make(chan chan error)}
}

// Snapshot returns the current state.
func (s *Store) Snapshot() engine.Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snap
}

// Subscribe registers fn to be called, from the store's goroutine, after
// every change. Call the returned func to unsubscribe.
func (s *Store) Subscribe(fn func(engine.Snapshot, engine.Change)) (cancel func()) {
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

// Reconnect asks the store to retry the connection now instead of waiting
// out its backoff. When connected it does a full refresh.
func (s *Store) Reconnect() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run follows the engine until ctx ends: connect, list everything, follow
// events; on any break, tell subscribers and reconnect with backoff.
func (s *Store) Run(ctx context.Context) {
	backoff := s.opts.MinBackoff
	for ctx.Err() == nil {
		connected, err := s.follow(ctx)
		if ctx.Err() != nil {
			return
		}
		s.setUnreachable(err)
		if connected {
			backoff = s.opts.MinBackoff
		}
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-s.wake:
			t.Stop()
		case <-s.opts.Wake:
			t.Stop()
		}
		backoff *= 2
		if backoff > s.opts.MaxBackoff {
			backoff = s.opts.MaxBackoff
		}
	}
}

// follow connects once and follows events until the stream breaks.
func (s *Store) follow(ctx context.Context) (connected bool, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Subscribe before listing so that nothing happening in between is lost.
	evs, errs := s.c.Events.Events(ctx)
	vn := s.startVolNet(ctx)
	// Info runs beside the lists: listing many containers is the engine's
	// slowest answer, and the window waits for it at start-up.
	var (
		info     engine.Info
		infoErr  error
		infoDone = make(chan struct{})
	)
	go func() { defer close(infoDone); info, infoErr = s.c.System.Info(ctx) }()
	err = s.fullRefresh(ctx, func() (engine.Info, error) {
		<-infoDone
		return info, infoErr
	})
	<-infoDone
	if err != nil {
		return false, err
	}
	var (
		batch    []engine.Event
		quiet    = time.NewTimer(time.Hour)
		deadline = time.NewTimer(time.Hour)
	)
	quiet.Stop()
	deadline.Stop()
	flush := func() {
		quiet.Stop()
		deadline.Stop()
		if len(batch) > 0 {
			s.apply(ctx, batch)
			batch = nil
		}
	}
	for {
		select {
		case <-ctx.Done():
			return true, ctx.Err()
		case err := <-errs:
			flush()
			return true, err
		case ev, ok := <-evs:
			if !ok {
				flush()
				return true, <-errs
			}
			if !relevant(ev) {
				continue
			}
			if len(batch) == 0 {
				deadline.Reset(s.opts.MaxBatch)
			}
			batch = append(batch, ev)
			quiet.Reset(s.opts.Quiet)
		case r := <-vn.results:
			s.applyVolNet(vn, r)
		case <-quiet.C:
			flush()
		case <-deadline.C:
			flush()
		case <-s.wake:
			flush()
			if err := s.fullRefresh(ctx, nil); err != nil {
				return true, err
			}
		case done := <-s.refreq:
			flush()
			err := s.fullRefresh(ctx, nil)
			done <- err
			if err != nil {
				return true, err
			}
		}
	}
}

// Refresh does a full refresh now, through the running store. It returns an
// error when the store is not connected.
func (s *Store) Refresh(ctx context.Context) error {
	done := make(chan error, 1)
	select {
	case s.refreq <- done:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// relevant filters out events that change nothing the store shows.
func relevant(ev engine.Event) bool {
	switch ev.Kind {
	case engine.EventContainer:
		switch ev.Action {
		case "exec_create", "exec_start", "exec_die", "attach", "detach", "resize", "top",
			"commit", "copy", "archive-path", "extract-to-dir", "export":
			return false
		}
		return true
	case engine.EventImage:
		switch ev.Action {
		case "push", "save":
			return false
		}
		return true
	case engine.EventVolume, engine.EventNetwork:
		return relevantVolNet(ev)
	}
	return false
}

// FullRefresh lists all containers and images (in parallel) and replaces the state.
// The Store's Run does this on every (re)connect; benchmarks call it directly.
func (s *Store) FullRefresh(ctx context.Context) error { return s.fullRefresh(ctx, nil) }

// fullRefresh lists containers and images in parallel, then, when getInfo
// is given, takes the engine's Info from it (else keeps the one known), and
// applies it all.
func (s *Store) fullRefresh(ctx context.Context, getInfo func() (engine.Info, error)) error {
	var (
		wg     sync.WaitGroup
		images []engine.Image
		iErr   error
	)
	wg.Add(1)
	go func() { defer wg.Done(); images, iErr = s.c.Images.ImageList(ctx) }()
	cs, err := s.c.Containers.ContainerList(ctx, true)
	wg.Wait()
	if err != nil {
		return err
	}
	if iErr != nil {
		return iErr
	}
	var info *engine.Info
	if getInfo != nil {
		in, err := getInfo()
		if err != nil {
			return err
		}
		info = &in
	}
	s.mu.Lock()
	s.containers.replace(cs)
	wasReachable := s.snap.Reachable
	if info != nil {
		s.snap.Info = *info
	}
	s.snap.Reachable = true
	s.snap.Err = nil
	s.snap.Info.Reachable = true
	s.rebuildContainers()
	s.snap.Images = images
	s.rebuildImages()
	s.snap.Seq++
	snap := s.snap
	vn := s.vn
	s.mu.Unlock()
	s.notify(snap, engine.Change{Full: true, Images: true, Reachability: !wasReachable})
	vn.want(true, true)
	return nil
}

// apply re-lists the containers a batch of events names, and the images if needed.
func (s *Store) apply(ctx context.Context, batch []engine.Event) {
	var (
		ids     []string
		seen    = map[string]bool{}
		gone    = map[string]bool{}
		images  bool
		created bool
		retag   = map[string]bool{} // images that lost or gained a tag
	)
	for _, ev := range batch {
		switch ev.Kind {
		case engine.EventContainer:
			switch ev.Action {
			case "destroy":
				gone[ev.ID] = true
				created = true
			case "create":
				created = true
				delete(gone, ev.ID)
			}
			if !seen[ev.ID] {
				seen[ev.ID] = true
				ids = append(ids, ev.ID)
			}
		case engine.EventImage:
			images = true
			switch ev.Action {
			case "tag", "untag", "delete":
				retag[ev.ID] = true
			}
		}
	}
	// A container shows its image by the tag it was made from, or by the
	// image's ID once that tag is gone (as docker ps does): re-list the
	// containers of images whose tags changed. Only image events say so.
	if len(retag) > 0 {
		s.mu.Lock()
		for _, c := range s.snap.Containers {
			if retag[c.ImageID] && !seen[c.ID] {
				seen[c.ID] = true
				ids = append(ids, c.ID)
			}
		}
		s.mu.Unlock()
	}
	s.vn.want(volnetNeeds(batch))
	var refetch []string
	for _, id := range ids {
		if !gone[id] {
			refetch = append(refetch, id)
		}
	}
	var (
		wg      sync.WaitGroup
		list    []engine.Image
		iErr    error
		updated []engine.Container
		cErr    error
	)
	if images {
		wg.Add(1)
		go func() { defer wg.Done(); list, iErr = s.c.Images.ImageList(ctx) }()
	}
	if len(refetch) > 0 {
		updated, cErr = s.c.Containers.ContainerListByID(ctx, refetch...)
	}
	wg.Wait()
	if cErr != nil || iErr != nil {
		// The stream will tell us if the engine went away; a failed targeted
		// fetch falls back to a full refresh.
		_ = s.fullRefresh(ctx, nil)
		return
	}
	ch := engine.Change{Events: batch, Images: images || created}
	s.mu.Lock()
	found := map[string]bool{}
	for _, c := range updated {
		found[c.ID] = true
		s.containers.put(c)
		ch.Containers = append(ch.Containers, c.ID)
	}
	for _, id := range ids {
		if !found[id] {
			if s.containers.remove(id) {
				ch.Removed = append(ch.Removed, id)
			}
		}
	}
	s.rebuildContainers()
	if images {
		s.snap.Images = list
	}
	if ch.Images || len(ch.Removed) > 0 || len(ch.Containers) > 0 {
		s.rebuildImages()
	}
	s.snap.Seq++
	snap := s.snap
	s.mu.Unlock()
	s.notify(snap, ch)
}

// newestFirst orders containers like docker ps -a.
func newestFirst(a, b engine.Container) bool {
	if !a.Created.Equal(b.Created) {
		return a.Created.After(b.Created)
	}
	return a.ID < b.ID
}

// rebuildContainers makes the snapshot's sorted slice and counts; callers hold mu.
func (s *Store) rebuildContainers() {
	cs := s.containers.sorted()
	var running, paused, stopped int
	for _, c := range cs {
		switch c.State {
		case engine.StateRunning, engine.StateRestarting:
			running++
		case engine.StatePaused:
			paused++
		default:
			stopped++
		}
	}
	s.snap.Containers = cs
	s.snap.Info.Containers = len(cs)
	s.snap.Info.Running, s.snap.Info.Paused, s.snap.Info.Stopped = running, paused, stopped
}

// rebuildImages copies the image slice with fresh usage counts; callers hold mu.
func (s *Store) rebuildImages() {
	imgs := append([]engine.Image(nil), s.snap.Images...)
	engine.CountImageUsers(imgs, s.snap.Containers)
	s.snap.Images = imgs
	seen := map[string]bool{}
	for _, im := range imgs {
		seen[im.ID] = true
	}
	s.snap.Info.Images = len(seen)
}

func (s *Store) setUnreachable(err error) {
	s.mu.Lock()
	was := s.snap.Reachable
	s.snap.Reachable = false
	s.snap.Info.Reachable = false
	s.snap.Err = err
	s.snap.Seq++
	snap := s.snap
	s.mu.Unlock()
	s.notify(snap, engine.Change{Reachability: was})
}

func (s *Store) notify(snap engine.Snapshot, ch engine.Change) {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	s.mu.Lock()
	fns := make([]func(engine.Snapshot, engine.Change), 0, len(s.subs))
	ids := make([]int, 0, len(s.subs))
	for id := range s.subs {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		fns = append(fns, s.subs[id])
	}
	s.mu.Unlock()
	for _, fn := range fns {
		fn(snap, ch)
	}
}
