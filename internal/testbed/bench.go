package testbed

import (
	"context"
	"fmt"
	"os/exec"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
)

// BenchLabel marks the containers benchmarks create; the bench/ scripts remove them.
const BenchLabel = "berth.bench"

// EnsureBenchContainers makes sure n containers labelled BenchLabel exist
// (created from WebImage, not started), creating the missing ones in parallel.
func EnsureBenchContainers(tb testing.TB, n int) {
	tb.Helper()
	cli := Client(tb)
	ctx := context.Background()
	have, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("label", BenchLabel))})
	if err != nil {
		tb.Fatal(err)
	}
	img := WebImage(tb)
	todo := make(chan int)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range todo {
				_, err := cli.ContainerCreate(ctx, &container.Config{Image: img, Labels: map[string]string{BenchLabel: "1"}},
					nil, nil, nil, fmt.Sprintf("%sbench-%d-%d", Prefix, time.Now().UnixNano(), i))
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
				}
			}
		}()
	}
	for i := len(have); i < n; i++ {
		todo <- i
	}
	close(todo)
	wg.Wait()
	if firstErr != nil {
		tb.Fatal(firstErr)
	}
}

// ReportLatencies reports the median, 90th percentile and maximum of lat
// (in milliseconds) as the benchmark's metrics.
func ReportLatencies(b *testing.B, lat []time.Duration) {
	b.Helper()
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "median-ms")
	b.ReportMetric(ms(lat[len(lat)*9/10]), "p90-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
}

// MeasureCLIStops stops container name with the docker CLI b.N times and
// reports how long after the CLI returned the observer under test saw it:
// exitedAt blocks until the observer has seen the container exited and
// returns when that was (0 latency if it knew before the CLI returned).
// restart, off the clock, starts the container again and waits until the
// observer sees it running.
func MeasureCLIStops(b *testing.B, name string, exitedAt func() time.Time, restart func()) {
	b.Helper()
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if out, err := exec.Command("docker", "stop", "-t", "5", name).CombinedOutput(); err != nil {
			b.Fatalf("docker stop: %v %s", err, out)
		}
		returned := time.Now()
		lat = append(lat, max(exitedAt().Sub(returned), 0))
		b.StopTimer()
		restart()
		b.StartTimer()
	}
	b.StopTimer()
	ReportLatencies(b, lat)
}
