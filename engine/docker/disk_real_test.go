//go:build e2e

package docker_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/volume"
	"github.com/docker/go-units"

	"berth/engine"
	"berth/internal/testbed"
)

// cliRow is one line of `docker system df --format '{{json .}}'`.
type cliRow struct {
	Type, TotalCount, Active, Size, Reclaimable string
}

func cliDiskUsage(t *testing.T) []cliRow {
	t.Helper()
	// Docker 20.10 refuses a df while another client's runs: wait for it, as Berth does.
	var out []byte
	for try := 0; ; try++ {
		var err error
		out, err = exec.Command("docker", "system", "df", "--format", "{{json .}}").Output()
		if err == nil {
			break
		}
		var ee *exec.ExitError
		if try == 50 || !errors.As(err, &ee) || !strings.Contains(string(ee.Stderr), "a disk usage operation is already running") {
			t.Fatalf("docker system df: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	var rows []cliRow
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r cliRow
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("docker system df line %q: %v", line, err)
		}
		rows = append(rows, r)
	}
	return rows
}

// asCLI words a row as the CLI does (units.HumanSize, "(N%)" but for the build cache).
func asCLI(r engine.DiskUsageRow) cliRow {
	rec := units.HumanSize(float64(r.Reclaimable))
	if r.Kind != engine.DiskBuildCache && r.Size > 0 {
		rec = fmt.Sprintf("%s (%d%%)", rec, r.ReclaimablePercent())
	}
	return cliRow{Type: string(r.Kind), TotalCount: fmt.Sprint(r.Total), Active: fmt.Sprint(r.Active),
		Size: units.HumanSize(float64(r.Size)), Reclaimable: rec}
}

// TestRealDiskUsageMatchesCLI compares DiskUsage with `docker system df`,
// every kind, every column. Other test processes create and remove
// containers, images and volumes on the same engine at the same time, so a
// comparison only counts when the engine's numbers did not move across the
// CLI's call (DiskUsage before and after it agree); it retries until such
// a quiet moment, at most 15 times.
func TestRealDiskUsageMatchesCLI(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	// Something in every kind but the build cache (the classic builder makes none).
	testbed.LabelledImage(t, testbed.ImageRef(t, "df"), map[string]string{"berth.test.df": "1"})
	name := testName(t, "df")
	cli := testbed.Client(t)
	if _, err := cli.ContainerCreate(ctx, &container.Config{Image: testbed.WebImage(t)}, nil, nil, nil, name); err != nil {
		t.Fatal(err)
	}
	vol := testName(t, "dfvol")
	if _, err := cli.VolumeCreate(ctx, volume.CreateOptions{Name: vol}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cli.VolumeRemove(context.Background(), vol, true) })

	for try := 1; try <= 15; try++ {
		before, err := eng.Disk.DiskUsage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := cliDiskUsage(t)
		after, err := eng.Disk.DiskUsage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if before != after {
			t.Logf("try %d: the engine changed during the comparison, again", try)
			continue
		}
		var want []cliRow
		for _, r := range before.Rows() {
			want = append(want, asCLI(r))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("docker system df:\n%+v\nBerth:\n%+v", got, want)
		}
		if before.Images.Total < 2 || before.Containers.Total < 1 || before.Volumes.Total < 1 {
			t.Fatalf("disk usage misses this test's objects: %+v", before)
		}
		t.Logf("equal on try %d: %+v", try, want)
		return
	}
	t.Fatal("the engine never held still for a comparison")
}

// TestRealCleanupScoped previews a cleanup of every kind scoped by a label
// of this test's own, creates more labelled objects after the preview, then
// cleans up: exactly what the preview listed goes; what came after, and
// what is in use, stays.
func TestRealCleanupScoped(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	cli := testbed.Client(t)
	key := "berth.test.cleanup"
	val := testName(t, "scope") // unique per run
	labels := map[string]string{key: val}
	web := testbed.WebImage(t)

	mkContainer := func(base string, start bool, binds ...string) string {
		t.Helper()
		name := testName(t, base)
		r, err := cli.ContainerCreate(ctx, &container.Config{Image: web, Labels: labels}, &container.HostConfig{Binds: binds}, nil, nil, name)
		if err != nil {
			t.Fatal(err)
		}
		if start {
			if err := cli.ContainerStart(ctx, r.ID, container.StartOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		return r.ID
	}
	mkVolume := func(base string) string {
		t.Helper()
		name := testName(t, base)
		if _, err := cli.VolumeCreate(ctx, volume.CreateOptions{Name: name, Labels: labels}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cli.VolumeRemove(context.Background(), name, true) })
		return name
	}
	// In the preview: a stopped container, an unused volume, an unused
	// network, an unused tagged image and a dangling one.
	stopped := mkContainer("stopped", false)
	unusedVol := mkVolume("unused")
	netName := testName(t, "net")
	nr, err := cli.NetworkCreate(ctx, netName, network.CreateOptions{Labels: labels})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cli.NetworkRemove(context.Background(), nr.ID) })
	imgRef := testbed.ImageRef(t, "cleanup")
	danglingID := testbed.LabelledImage(t, imgRef, map[string]string{key: val, "n": "1"})
	taggedID := testbed.LabelledImage(t, imgRef, map[string]string{key: val, "n": "2"}) // makes the first dangling
	// An image that only the stopped container below uses: it goes after it.
	onlyRef := testbed.ImageRef(t, "cleanup-only")
	onlyID := testbed.LabelledImage(t, onlyRef, map[string]string{key: val, "n": "3"})
	onlyName := testName(t, "only")
	onlyC, err := cli.ContainerCreate(ctx, &container.Config{Image: onlyRef, Labels: labels}, nil, nil, nil, onlyName)
	if err != nil {
		t.Fatal(err)
	}
	// Not in the preview: in use.
	usedVol := mkVolume("used")
	running := mkContainer("running", true, usedVol+":/data")

	opts := engine.CleanupOptions{Label: key + "=" + val, Kinds: []engine.CleanupKind{engine.CleanContainers,
		engine.CleanUnusedImages, engine.CleanVolumes, engine.CleanNetworks, engine.CleanBuildCache}}
	plan, err := eng.Disk.CleanupPreview(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(items []engine.CleanupItem) []string {
		var out []string
		for _, it := range items {
			out = append(out, string(it.Kind)+" "+it.ID)
		}
		slices.Sort(out)
		return out
	}
	want := []string{"containers " + stopped, "dangling " + danglingID, "networks " + nr.ID,
		"unused-images " + taggedID, "volumes " + unusedVol, "containers " + onlyC.ID, "unused-images " + onlyID}
	slices.Sort(want)
	if got := ids(plan.Items); !slices.Equal(got, want) {
		t.Fatalf("preview = %q, want %q", got, want)
	}
	if plan.Reclaim < 0 {
		t.Fatalf("reclaim = %d", plan.Reclaim)
	}
	// After the preview: a new stopped container and a new unused volume,
	// both matching the filter, must survive the cleanup.
	late := mkContainer("late", false)
	lateVol := mkVolume("late")

	res, err := eng.Disk.Cleanup(ctx, plan.Items)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) > 0 {
		t.Fatalf("failed: %+v", res.Failed)
	}
	if got := ids(res.Removed); !slices.Equal(got, want) {
		t.Fatalf("removed = %q, want %q", got, want)
	}
	for _, id := range []string{late, running} {
		if _, err := cli.ContainerInspect(ctx, id); err != nil {
			t.Errorf("container %s is gone: %v", id, err)
		}
	}
	if _, err := cli.ContainerInspect(ctx, stopped); err == nil {
		t.Error("the stopped container is still there")
	}
	for _, v := range []string{lateVol, usedVol} {
		if _, err := cli.VolumeInspect(ctx, v); err != nil {
			t.Errorf("volume %s is gone: %v", v, err)
		}
	}
	if _, err := cli.VolumeInspect(ctx, unusedVol); err == nil {
		t.Error("the unused volume is still there")
	}
	if _, err := cli.NetworkInspect(ctx, nr.ID, network.InspectOptions{}); err == nil {
		t.Error("the network is still there")
	}
	for _, id := range []string{danglingID, taggedID, onlyID} {
		if _, err := cli.ImageInspect(ctx, id); err == nil {
			t.Errorf("image %s is still there", id)
		}
	}
	if _, err := cli.ImageInspect(ctx, web); err != nil {
		t.Errorf("the shared web image is gone: %v", err)
	}
	// A second preview lists only what came after the first one.
	again, err := eng.Disk.CleanupPreview(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	want2 := []string{"containers " + late, "volumes " + lateVol}
	slices.Sort(want2)
	if got := ids(again.Items); !slices.Equal(got, want2) {
		t.Fatalf("second preview = %q, want %q", got, want2)
	}
}

// TestRealCleanupImageUsedSincePreview: an image that a container started
// using after the preview is left alone, and said so.
func TestRealCleanupImageUsedSincePreview(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	cli := testbed.Client(t)
	key, val := "berth.test.cleanup", testName(t, "since")
	ref := testbed.ImageRef(t, "since")
	id := testbed.LabelledImage(t, ref, map[string]string{key: val})
	plan, err := eng.Disk.CleanupPreview(ctx, engine.CleanupOptions{Label: key + "=" + val, Kinds: []engine.CleanupKind{engine.CleanUnusedImages}})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Items) != 1 || plan.Items[0].ID != id {
		t.Fatalf("preview = %+v", plan.Items)
	}
	if _, err := cli.ContainerCreate(ctx, &container.Config{Image: ref}, nil, nil, nil, testName(t, "since")); err != nil {
		t.Fatal(err)
	}
	res, err := eng.Disk.Cleanup(ctx, plan.Items)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Removed) != 0 || len(res.Failed) != 1 || !engine.IsKind(res.Failed[0].Err, engine.ErrImageInUse) {
		t.Fatalf("result = %+v", res)
	}
	if _, err := cli.ImageInspect(ctx, ref); err != nil {
		t.Fatalf("the image in use is gone: %v", err)
	}
}

// TestRealCleanupReclaimCountsSharedLayers: two unused images of this
// test's own share a 1 MB layer that no other image has; each one's own
// size is next to nothing, yet removing both frees the layer, and the
// preview says so.
func TestRealCleanupReclaimCountsSharedLayers(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	key, val := "berth.test.cleanup", testName(t, "shared")
	base := testbed.ImageRef(t, "shared-base")
	baseID := testbed.PadImage(t, base, "scratch", 1<<20, map[string]string{key: val})
	childID := testbed.PadImage(t, testbed.ImageRef(t, "shared-child"), base, 0, map[string]string{key: val, "child": "1"})
	plan, err := eng.Disk.CleanupPreview(ctx, engine.CleanupOptions{Label: key + "=" + val, Kinds: []engine.CleanupKind{engine.CleanUnusedImages}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var sizes []int64
	for _, it := range plan.Items {
		got = append(got, it.ID)
		sizes = append(sizes, it.Size)
	}
	slices.Sort(got)
	want := []string{baseID, childID}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("preview %q, want %q", got, want)
	}
	// The layer is on the image removed last: its removal frees it.
	if sizes[0] > 1000 || plan.Reclaim < 1<<20 || plan.Reclaim > 1<<20+4096 || sizes[1] != plan.Reclaim-sizes[0] {
		t.Fatalf("sizes %d, reclaim %d: want the shared 1 MiB layer counted once, on the last", sizes, plan.Reclaim)
	}
	res, err := eng.Disk.Cleanup(ctx, plan.Items)
	if err != nil || len(res.Failed) > 0 || len(res.Removed) != 2 || res.Reclaimed != plan.Reclaim {
		t.Fatalf("cleanup: %+v, %v", res, err)
	}
}

// TestRealBuildCache makes build cache records of its own (a BuildKit
// build FROM scratch), checks that DiskUsage's Build Cache row is `docker
// system df`'s, that a build-cache preview lists every record of the
// build, and that cleaning up exactly those removes them and reclaims
// their size. Only this test's records are removed: other clients' cache
// stays (the preview of the build cache is engine-wide, the cleanup is
// not).
func TestRealBuildCache(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	ours := testbed.BuildCache(t, testbed.ImageRef(t, "bc"), map[string]string{"berth.test.bc": "1"})
	t.Logf("the build made %d records: %v", len(ours), ours)

	var row engine.DiskUsageRow
	for try := 1; ; try++ {
		before, err := eng.Disk.DiskUsage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := cliDiskUsage(t)
		after, err := eng.Disk.DiskUsage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if before != after && try < 15 {
			continue
		}
		if before != after {
			t.Fatal("the engine never held still for a comparison")
		}
		if want := asCLI(before.BuildCache); len(got) != 4 || got[3] != want {
			t.Fatalf("docker system df's build cache %+v, Berth's %+v", got, want)
		}
		row = before.BuildCache
		break
	}
	if row.Total < len(ours) || row.Size <= 0 {
		t.Fatalf("the build cache row misses the test's records: %+v", row)
	}

	plan, err := eng.Disk.CleanupPreview(ctx, engine.CleanupOptions{Kinds: []engine.CleanupKind{engine.CleanBuildCache}})
	if err != nil {
		t.Fatal(err)
	}
	var mine []engine.CleanupItem
	var size int64
	for _, it := range plan.Items {
		if it.Kind != engine.CleanBuildCache {
			t.Errorf("a build-cache preview lists %+v", it)
		}
		if slices.Contains(ours, it.ID) {
			mine = append(mine, it)
			size += it.Size
		}
	}
	if len(mine) != len(ours) {
		t.Fatalf("the preview lists %d of the build's %d records: %+v", len(mine), len(ours), plan.Items)
	}
	res, err := eng.Disk.Cleanup(ctx, mine)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) > 0 || len(res.Removed) != len(mine) {
		t.Fatalf("cleanup: removed %d of %d, failed %+v", len(res.Removed), len(mine), res.Failed)
	}
	if res.Reclaimed < size {
		t.Errorf("reclaimed %d bytes, the preview said %d", res.Reclaimed, size)
	}
	after, err := eng.Disk.CleanupPreview(ctx, engine.CleanupOptions{Kinds: []engine.CleanupKind{engine.CleanBuildCache}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range after.Items {
		if slices.Contains(ours, it.ID) {
			t.Errorf("record %s is still there after the cleanup", it.ID)
		}
	}
	others := len(plan.Items) - len(mine)
	if len(after.Items) < others {
		t.Errorf("other clients' records went too: %d before, %d after", others, len(after.Items))
	}
	t.Logf("removed %d records, %d bytes", len(res.Removed), res.Reclaimed)
}
