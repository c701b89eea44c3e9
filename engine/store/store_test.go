package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/engine/store"
)

func ctr(id, name string, state engine.ContainerState, created int64) engine.Container {
	return engine.Container{ID: id, ShortID: engine.ShortID(id), Name: name, State: state, ImageID: "sha256:img1",
		Created: time.Unix(created, 0)}
}

func TestStoreFollowsEvents(t *testing.T) {
	fake := enginetest.New(
		[]engine.Container{ctr("aaa", "web", engine.StateRunning, 100), ctr("bbb", "db", engine.StateExited, 200)},
		[]engine.Image{{ID: "sha256:img1", Repository: "nginx", Tag: "latest"}},
	)
	st := store.New(fake.Client(), store.Options{})
	rec := enginetest.NewRecorder(st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx)

	snap := rec.Wait(t, "first refresh", func(s engine.Snapshot) bool { return s.Reachable })
	if len(snap.Containers) != 2 || snap.Containers[0].Name != "db" {
		t.Fatalf("containers newest first: %+v", snap.Containers)
	}
	if snap.Images[0].Containers != 2 || snap.Info.Running != 1 || snap.Info.Stopped != 1 || snap.Info.Version != "20.10.24" {
		t.Fatalf("counts: images %+v info %+v", snap.Images, snap.Info)
	}

	// A stop: the store re-lists just that container.
	fake.SetContainers([]engine.Container{ctr("aaa", "web", engine.StateExited, 100), ctr("bbb", "db", engine.StateExited, 200)})
	before := len(fake.Calls())
	fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "kill", ID: "aaa"})
	fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "die", ID: "aaa", ExitCode: "0"})
	fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "stop", ID: "aaa"})
	snap = rec.Wait(t, "web exited", func(s engine.Snapshot) bool {
		c, ok := s.Container("aaa")
		return ok && c.State == engine.StateExited
	})
	if snap.Info.Running != 0 {
		t.Errorf("running = %d", snap.Info.Running)
	}
	calls := fake.Calls()[before:]
	for _, c := range calls {
		if c == "Containers" {
			t.Errorf("an event caused a full list: %v", calls)
		}
	}

	// Ignored events change nothing.
	seq := snap.Seq
	fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "exec_start", ID: "bbb"})
	// A destroy removes without a call.
	fake.SetContainers([]engine.Container{ctr("aaa", "web", engine.StateExited, 100)})
	fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "destroy", ID: "bbb"})
	snap = rec.Wait(t, "db removed", func(s engine.Snapshot) bool { return len(s.Containers) == 1 })
	if snap.Seq != seq+1 {
		t.Errorf("seq %d -> %d: ignored event caused a change", seq, snap.Seq)
	}
	changes := rec.Changes()
	lastCh := changes[len(changes)-1]
	if len(lastCh.Removed) != 1 || lastCh.Removed[0] != "bbb" {
		t.Errorf("change = %+v", lastCh)
	}
	if snap.Images[0].Containers != 1 {
		t.Errorf("image users = %d", snap.Images[0].Containers)
	}

	// An image event re-lists images.
	fake.SetImages(nil)
	fake.Emit(engine.Event{Kind: engine.EventImage, Action: "delete", ID: "sha256:img1"})
	rec.Wait(t, "image gone", func(s engine.Snapshot) bool { return len(s.Images) == 0 })
}

func TestStoreBatchesBursts(t *testing.T) {
	var cs []engine.Container
	for i := 0; i < 50; i++ {
		cs = append(cs, ctr(string(rune('a'+i%26))+string(rune('a'+i/26)), "c", engine.StateRunning, int64(i)))
	}
	fake := enginetest.New(cs, nil)
	var mu sync.Mutex
	var byIDCalls int
	fake.ContainerListByIDFunc = func(ctx context.Context, ids ...string) ([]engine.Container, error) {
		mu.Lock()
		byIDCalls++
		mu.Unlock()
		return nil, nil
	}
	st := store.New(fake.Client(), store.Options{Quiet: 50 * time.Millisecond, MaxBatch: time.Second})
	rec := enginetest.NewRecorder(st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx)
	rec.Wait(t, "connected", func(s engine.Snapshot) bool { return s.Reachable })
	for _, c := range cs {
		fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "die", ID: c.ID})
	}
	rec.Wait(t, "all gone", func(s engine.Snapshot) bool { return len(s.Containers) == 0 })
	mu.Lock()
	defer mu.Unlock()
	if byIDCalls != 1 {
		t.Errorf("50 events in a burst made %d targeted calls, want 1", byIDCalls)
	}
}

func TestStoreReconnects(t *testing.T) {
	fake := enginetest.New([]engine.Container{ctr("aaa", "web", engine.StateRunning, 100)}, nil)
	var mu sync.Mutex
	down := false
	unreachable := &engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///fake.sock"}
	fake.InfoFunc = func(ctx context.Context) (engine.Info, error) {
		mu.Lock()
		defer mu.Unlock()
		if down {
			return engine.Info{}, unreachable
		}
		return engine.Info{Reachable: true, Version: "20.10.24"}, nil
	}
	st := store.New(fake.Client(), store.Options{MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond})
	rec := enginetest.NewRecorder(st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx)
	rec.Wait(t, "connected", func(s engine.Snapshot) bool { return s.Reachable })

	mu.Lock()
	down = true
	mu.Unlock()
	fake.Break(unreachable)
	snap := rec.Wait(t, "unreachable", func(s engine.Snapshot) bool { return !s.Reachable })
	if !engine.IsKind(snap.Err, engine.ErrUnreachable) {
		t.Errorf("err = %v", snap.Err)
	}
	if len(snap.Containers) != 1 {
		t.Errorf("last known containers kept: %d", len(snap.Containers))
	}

	fake.SetContainers([]engine.Container{ctr("aaa", "web", engine.StateExited, 100)})
	mu.Lock()
	down = false
	mu.Unlock()
	snap = rec.Wait(t, "reconnected", func(s engine.Snapshot) bool { return s.Reachable })
	if snap.Containers[0].State != engine.StateExited || snap.Err != nil {
		t.Errorf("after reconnect: %+v", snap)
	}
}

func TestStoreReconnectNow(t *testing.T) {
	fake := enginetest.New(nil, nil)
	var mu sync.Mutex
	fails := true
	fake.InfoFunc = func(ctx context.Context) (engine.Info, error) {
		mu.Lock()
		defer mu.Unlock()
		if fails {
			return engine.Info{}, errors.New("down")
		}
		return engine.Info{Reachable: true}, nil
	}
	// A long backoff: only Reconnect can bring it back quickly.
	st := store.New(fake.Client(), store.Options{MinBackoff: time.Hour, MaxBackoff: time.Hour})
	rec := enginetest.NewRecorder(st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx)
	rec.Wait(t, "unreachable", func(s engine.Snapshot) bool { return s.Err != nil })
	mu.Lock()
	fails = false
	mu.Unlock()
	st.Reconnect()
	rec.Wait(t, "reconnected", func(s engine.Snapshot) bool { return s.Reachable })
}

func TestStoreSnapshotEndpoint(t *testing.T) {
	fake := enginetest.New(nil, nil)
	st := store.New(fake.Client(), store.Options{})
	if got := st.Snapshot().Endpoint.Host; got != fake.HostName {
		t.Errorf("endpoint = %q, want %q", got, fake.HostName)
	}
}

// Removing a tag emits only image events: the containers of that image are
// re-listed, so that their Image shows what docker ps shows (the short ID).
func TestStoreRelistsContainersOfUntaggedImage(t *testing.T) {
	web, other := ctr("aaa", "web", engine.StateRunning, 100), ctr("bbb", "db", engine.StateExited, 200)
	web.Image, other.Image, other.ImageID = "nginx:latest", "redis", "sha256:img2"
	fake := enginetest.New([]engine.Container{web, other},
		[]engine.Image{{ID: "sha256:img1", Repository: "nginx", Tag: "latest"}, {ID: "sha256:img2", Repository: "redis", Tag: "latest"}})
	st := store.New(fake.Client(), store.Options{})
	rec := enginetest.NewRecorder(st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx)
	rec.Wait(t, "first refresh", func(s engine.Snapshot) bool { return s.Reachable })

	untagged := web
	untagged.Image = "img1"
	fake.SetContainers([]engine.Container{untagged, other})
	fake.SetImages([]engine.Image{{ID: "sha256:img1"}, {ID: "sha256:img2", Repository: "redis", Tag: "latest"}})
	fake.Emit(engine.Event{Kind: engine.EventImage, Action: "untag", ID: "sha256:img1"})
	rec.Wait(t, "web by its image ID", func(s engine.Snapshot) bool {
		c, ok := s.Container("aaa")
		return ok && c.Image == "img1"
	})
	ch := rec.Changes()[len(rec.Changes())-1]
	if len(ch.Containers) != 1 || ch.Containers[0] != "aaa" {
		t.Errorf("change names %v, want only the untagged image's container", ch.Containers)
	}
}

func TestStoreWake(t *testing.T) {
	fake := enginetest.New(nil, nil)
	var mu sync.Mutex
	fails := true
	fake.InfoFunc = func(ctx context.Context) (engine.Info, error) {
		mu.Lock()
		defer mu.Unlock()
		if fails {
			return engine.Info{}, errors.New("down")
		}
		return engine.Info{Reachable: true}, nil
	}
	// A long backoff: only Wake (the socket appeared) can bring it back quickly.
	wake := make(chan struct{}, 1)
	st := store.New(fake.Client(), store.Options{MinBackoff: time.Hour, MaxBackoff: time.Hour, Wake: wake})
	rec := enginetest.NewRecorder(st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx)
	rec.Wait(t, "unreachable", func(s engine.Snapshot) bool { return s.Err != nil })
	mu.Lock()
	fails = false
	mu.Unlock()
	wake <- struct{}{}
	rec.Wait(t, "reconnected", func(s engine.Snapshot) bool { return s.Reachable })
}
