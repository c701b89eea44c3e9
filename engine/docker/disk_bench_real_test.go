//go:build e2e

package docker_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/container"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

// BenchmarkRealDiskUsage alternates, on the engine as it is (other test
// processes may be using it), a bare ContainerList (the baseline: what the
// store does on a full refresh), the SDK's DiskUsage, Berth's DiskUsage
// (the same call and the CLI's arithmetic) and a cleanup preview of every
// kind (read only: it lists, never removes). BERTH_BENCH_DISK_N=200 adds
// that many stopped containers of its own first (removed at the end). Run it with
//
//	go test -tags e2e -run '^$' -bench RealDiskUsage -benchtime 20x ./engine/docker/
func BenchmarkRealDiskUsage(b *testing.B) {
	cli := testbed.Client(b)
	if n, _ := strconv.Atoi(os.Getenv("BERTH_BENCH_DISK_N")); n > 0 {
		testbed.BenchContainers(b, n, "disk")
	}
	eng := realEngineB(b)
	ctx := context.Background()
	all := engine.CleanupOptions{Kinds: []engine.CleanupKind{engine.CleanContainers, engine.CleanUnusedImages,
		engine.CleanVolumes, engine.CleanNetworks, engine.CleanBuildCache}}
	if _, err := eng.Disk.DiskUsage(ctx); err != nil {
		b.Fatal(err)
	}
	var list, sdk, berth, preview time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := cli.ContainerList(ctx, container.ListOptions{All: true}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := cli.DiskUsage(ctx, types.DiskUsageOptions{}); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if _, err := eng.Disk.DiskUsage(ctx); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		if _, err := eng.Disk.CleanupPreview(ctx, all); err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		list += t1.Sub(t0)
		sdk += t2.Sub(t1)
		berth += t3.Sub(t2)
		preview += t4.Sub(t3)
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(b.N) / 1000 }
	b.ReportMetric(ms(list), "list-ms/op")
	b.ReportMetric(ms(sdk), "sdk-df-ms/op")
	b.ReportMetric(ms(berth), "berth-df-ms/op")
	b.ReportMetric(ms(preview), "preview-ms/op")
	b.ReportMetric(float64(sdk)/float64(list), "df/list")
	b.ReportMetric(float64(preview)/float64(sdk), "preview/df")
}

func realEngineB(b *testing.B) *engine.Client {
	b.Helper()
	eng := docker.New(docker.ResolveEndpoint())
	b.Cleanup(func() { eng.Close() })
	return eng
}
