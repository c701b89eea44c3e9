package testbed

import (
	"context"
	"fmt"
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
