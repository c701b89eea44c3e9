package store_test

import (
	"context"
	"testing"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/engine/store"
)

// The volume list shows before the slow sizes, which fill in after; volume
// and network events re-list them; mounts change nothing.
func TestStoreKeepsVolumesAndNetworksLive(t *testing.T) {
	fake := enginetest.New([]engine.Container{ctr("aaa", "web", engine.StateRunning, 100)}, nil)
	fake.SetVolumes([]engine.Volume{{Name: "data", Driver: "local", Size: 4096}})
	fake.SetNetworks([]engine.Network{{ID: "n1", Name: "bridge", Driver: "bridge"}})
	release := make(chan struct{})
	fake.VolumeSizesFunc = func(ctx context.Context) (map[string]int64, error) {
		select {
		case <-release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return map[string]int64{"data": 4096, "new": 10}, nil
	}
	st := store.New(fake.Client(), store.Options{})
	rec := enginetest.NewRecorder(st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx)

	snap := rec.Wait(t, "the volumes, sizes unknown", func(s engine.Snapshot) bool { return len(s.Volumes) == 1 && len(s.Networks) == 1 })
	if snap.Volumes[0].Size != -1 {
		t.Fatalf("size known before the disk-usage call answered: %+v", snap.Volumes[0])
	}
	close(release)
	rec.Wait(t, "the size", func(s engine.Snapshot) bool { return len(s.Volumes) == 1 && s.Volumes[0].Size == 4096 })

	// A new volume: re-listed, the known size kept, the new one filled in after.
	fake.SetVolumes([]engine.Volume{{Name: "data", Driver: "local"}, {Name: "new", Driver: "local"}})
	fake.Emit(engine.Event{Kind: engine.EventVolume, Action: "create", ID: "new"})
	snap = rec.Wait(t, "the new volume", func(s engine.Snapshot) bool { return len(s.Volumes) == 2 })
	if snap.Volumes[0].Size != 4096 {
		t.Errorf("the known size was lost on a re-list: %+v", snap.Volumes)
	}
	rec.Wait(t, "the new volume's size", func(s engine.Snapshot) bool { return len(s.Volumes) == 2 && s.Volumes[1].Size == 10 })

	// A network connect re-lists the networks.
	fake.SetNetworks([]engine.Network{{ID: "n1", Name: "bridge", Driver: "bridge",
		Attached: []engine.Attachment{{ContainerID: "aaa", Name: "web", IPv4: "172.17.0.2/16"}}}})
	fake.Emit(engine.Event{Kind: engine.EventNetwork, Action: "connect", ID: "n1", Name: "bridge"})
	rec.Wait(t, "the attachment", func(s engine.Snapshot) bool { return len(s.Networks) == 1 && len(s.Networks[0].Attached) == 1 })

	// Mounts are not re-listed. The network event after them is: once its
	// list is in, a volume list the mount asked for would have run too (one
	// worker serves both, in order).
	before := len(fake.CallsWith("VolumeList"))
	fake.Emit(engine.Event{Kind: engine.EventVolume, Action: "mount", ID: "data"})
	fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "start", ID: "aaa"})
	fake.SetNetworks(nil)
	fake.Emit(engine.Event{Kind: engine.EventNetwork, Action: "destroy", ID: "n1", Name: "bridge"})
	rec.Wait(t, "the network gone", func(s engine.Snapshot) bool { return len(s.Networks) == 0 })
	if n := len(fake.CallsWith("VolumeList")); n != before {
		t.Errorf("a mount re-listed the volumes (%d lists, were %d)", n, before)
	}
}

// A failing volume list leaves the containers alone and says why.
func TestStoreVolumeListFailureIsKept(t *testing.T) {
	fake := enginetest.New([]engine.Container{ctr("aaa", "web", engine.StateRunning, 100)}, nil)
	fake.VolumeListFunc = func(context.Context) ([]engine.Volume, error) {
		return nil, &engine.Error{Kind: engine.ErrOther, Ref: "volumes"}
	}
	st := store.New(fake.Client(), store.Options{})
	rec := enginetest.NewRecorder(st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go st.Run(ctx)
	snap := rec.Wait(t, "the error", func(s engine.Snapshot) bool { return s.VolumesErr != nil })
	if !snap.Reachable || len(snap.Containers) != 1 {
		t.Errorf("containers not shown: %+v", snap)
	}
}
