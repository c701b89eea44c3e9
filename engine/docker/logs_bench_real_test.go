//go:build e2e

package docker_test

import (
	"context"
	"os"
	"testing"
	"time"

	"berth/engine"
	"berth/engine/docker"
)

// BenchmarkRealLogsRead reads the whole log of BERTH_BENCH_LOGS (the
// reader alone: no store, no window), as bench/logs.sh compares with
// `docker logs -t NAME > /dev/null`.
func BenchmarkRealLogsRead(b *testing.B) {
	name := os.Getenv("BERTH_BENCH_LOGS")
	if name == "" {
		b.Skip("BERTH_BENCH_LOGS names the container (bench/logs.sh)")
	}
	c := docker.New(docker.ResolveEndpoint())
	defer c.Close()
	for b.Loop() {
		n := 0
		t0 := time.Now()
		err := c.Logs.ContainerLogs(context.Background(), name, engine.LogOptions{}, func(batch []engine.LogLine) { n += len(batch) })
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "lines")
		b.ReportMetric(time.Since(t0).Seconds(), "read_s")
	}
}
