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
	"github.com/docker/docker/client"
)

// BenchLabel marks the containers benchmarks create; the bench/ scripts remove them.
const BenchLabel = "berth.bench"

// EnsureBenchContainers makes sure n containers labelled BenchLabel exist
// (created from WebImage, not started), creating the missing ones in parallel.
func EnsureBenchContainers(tb testing.TB, n int) {
	tb.Helper()
	cli := Client(tb)
	have, err := cli.ContainerList(context.Background(), container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("label", BenchLabel))})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := createBench(cli, WebImage(tb), "1", n-len(have)); err != nil {
		tb.Fatal(err)
	}
}

// BenchContainers creates n containers of WebImage (not started) labelled
// BenchLabel=value, 8 at a time, returns their IDs and removes them (forced)
// when the test ends.
func BenchContainers(tb testing.TB, n int, value string) []string {
	tb.Helper()
	cli := Client(tb)
	ids, err := createBench(cli, WebImage(tb), value, n)
	tb.Cleanup(func() {
		err := eachParallel(ids, func(id string) error {
			return cli.ContainerRemove(context.Background(), id, container.RemoveOptions{Force: true})
		})
		if err != nil {
			tb.Errorf("testbed: remove bench containers: %v", err)
		}
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ids
}

// createBench creates n containers of img labelled BenchLabel=value, 8 at a time.
func createBench(cli *client.Client, img, value string, n int) ([]string, error) {
	var (
		mu  sync.Mutex
		ids []string
		is  = make([]string, max(n, 0))
	)
	for i := range is {
		is[i] = fmt.Sprint(i)
	}
	err := eachParallel(is, func(i string) error {
		name := fmt.Sprintf("%sbench-%s-%d-%s", Prefix, sanitize(value), time.Now().UnixNano(), i)
		own(name) // other test processes' RemoveContainers leave it alone
		c, err := cli.ContainerCreate(context.Background(), &container.Config{Image: img, Labels: map[string]string{BenchLabel: value}},
			nil, nil, nil, name)
		if err == nil {
			mu.Lock()
			ids = append(ids, c.ID)
			mu.Unlock()
		}
		return err
	})
	return ids, err
}

// eachParallel calls fn for every item, 8 at a time, and returns the first error.
func eachParallel(items []string, fn func(string) error) error {
	todo := make(chan string)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range todo {
				if err := fn(it); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, it := range items {
		todo <- it
	}
	close(todo)
	wg.Wait()
	return firstErr
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
