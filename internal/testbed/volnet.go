package testbed

import (
	"context"
	"testing"
	"time"

	cerrdefs "github.com/containerd/errdefs"
)

// Volumes and networks of a test's own (issue 11). Berth reads and writes
// volumes through the engine's archive API on a created, never started,
// container, so any image serves as the helper image (WebImage, which has
// no shell): no image of its own is needed here.

// VolumeName returns a unique volume name, "berthtest-<base>-<random>" (as
// Name makes), and removes the volume of that name when the test ends. Call
// it before Name for the containers that mount it: cleanups run last first,
// so the containers go before their volume.
func VolumeName(t testing.TB, base string) string {
	t.Helper()
	name := Prefix + sanitize(base) + "-" + randomAlnum(6)
	t.Cleanup(func() {
		cli, err := sharedClient()
		if err != nil {
			t.Errorf("testbed: remove volume %s: %v", name, err)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := cli.VolumeRemove(ctx, name, true); err != nil && !cerrdefs.IsNotFound(err) {
			t.Errorf("testbed: remove volume %s: %v", name, err)
		}
	})
	return name
}

// NetworkName returns a unique network name, "berthtest-<base>-<random>",
// and removes the network of that name when the test ends, if there is one.
func NetworkName(t testing.TB, base string) string {
	t.Helper()
	name := Prefix + sanitize(base) + "-" + randomAlnum(6)
	t.Cleanup(func() {
		cli, err := sharedClient()
		if err != nil {
			t.Errorf("testbed: remove network %s: %v", name, err)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := cli.NetworkRemove(ctx, name); err != nil && !cerrdefs.IsNotFound(err) {
			t.Errorf("testbed: remove network %s: %v", name, err)
		}
	})
	return name
}
