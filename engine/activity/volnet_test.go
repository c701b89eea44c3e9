package activity

import (
	"context"
	"strings"
	"testing"

	"berth/engine"
	"berth/engine/enginetest"
)

// Volume and network actions from Berth are recorded as their commands,
// with the engine's name for a volume created without one, and names for
// the IDs the views pass.
func TestVolumeAndNetworkActions(t *testing.T) {
	f := enginetest.New(nil, nil)
	log, _ := newTestLog()
	netID := "4436e6d781714436e6d781714436e6d781714436e6d781714436e6d78171abcd"
	c := Wrap(f.Client(), log, func(id string) string {
		switch id {
		case webID:
			return "webserver"
		case netID:
			return "shop-net"
		}
		return ""
	})
	f.VolumeCreateFunc = func(_ context.Context, spec engine.VolumeSpec) (engine.Volume, error) {
		if spec.Name == "" {
			spec.Name = "3f9a0c"
		}
		return engine.Volume{Name: spec.Name}, nil
	}
	ctx := context.Background()
	_, _ = c.Volumes.VolumeCreate(ctx, engine.VolumeSpec{Name: "pgdata", Driver: "local", Labels: map[string]string{"team": "shop", "env": "dev"}})
	_, _ = c.Volumes.VolumeCreate(ctx, engine.VolumeSpec{})
	_ = c.Volumes.VolumeRemove(ctx, "pgdata")
	_, _ = c.Networks.NetworkCreate(ctx, engine.NetworkSpec{Name: "shop-net", Subnet: "10.77.0.0/24", Internal: true})
	_ = c.Networks.NetworkConnect(ctx, netID, webID)
	_ = c.Networks.NetworkDisconnect(ctx, netID, webID)
	_ = c.Networks.NetworkRemove(ctx, netID)
	var got []string
	for _, e := range log.Entries() {
		got = append(got, e.What()+" | "+e.Command)
	}
	want := []string{
		"Created volume pgdata | docker volume create --driver local --label env=dev --label team=shop pgdata",
		"Created volume 3f9a0c | docker volume create",
		"Removed volume pgdata | docker volume rm pgdata",
		"Created network shop-net | docker network create --subnet 10.77.0.0/24 --internal shop-net",
		"Connected webserver to shop-net | docker network connect shop-net webserver",
		"Disconnected webserver from shop-net | docker network disconnect shop-net webserver",
		"Removed network shop-net | docker network rm shop-net",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
