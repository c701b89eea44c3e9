//go:build e2e

package docker_test

// Switching engines at 1,000 containers (issue 8): from choosing another
// engine to the store's first full snapshot of it. Run: go test -tags e2e
// -run '^$' -bench SwitchEngine -benchtime 10x ./engine/docker/ (see
// docs/PERFORMANCE.md). The 1,000 containers live in the second test
// engine of scripts/engines.sh (created once, never started), not in the
// shared one.

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

// ensureSecondEngineContainers makes n containers labelled
// testbed.BenchLabel exist in the second test engine.
func ensureSecondEngineContainers(b *testing.B, bed testbed.Engines, n int) {
	web := testbed.WebImage(b)
	testbed.LoadInto(b, bed.Docker, web)
	cli := testbed.HostClient(b, bed.Docker)
	ctx := context.Background()
	have, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("label", testbed.BenchLabel))})
	if err != nil {
		b.Fatal(err)
	}
	todo := make(chan int)
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range todo {
				_, err := cli.ContainerCreate(ctx, &container.Config{Image: web, Labels: map[string]string{testbed.BenchLabel: "1"}},
					&container.HostConfig{NetworkMode: "none"}, nil, nil, fmt.Sprintf("berthbench-switch-%d-%d", time.Now().UnixNano(), i))
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for i := len(have); i < n; i++ {
		todo <- i
	}
	close(todo)
	wg.Wait()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
}

func BenchmarkRealSwitchEngine(b *testing.B) {
	bed := testbed.EnginesBed(b)
	ensureSecondEngineContainers(b, bed, 1000)
	raw := testbed.HostClient(b, bed.Docker)
	ep := engine.Endpoint{Name: "second", Host: bed.Docker, Source: engine.SourceContext}
	var bare, switched time.Duration
	for i := 0; i < b.N; i++ {
		// Baseline: a bare SDK list of the same engine.
		t0 := time.Now()
		list, err := raw.ContainerList(context.Background(), container.ListOptions{All: true})
		if err != nil || len(list) < 1000 {
			b.Fatalf("list: %d, %v", len(list), err)
		}
		bare += time.Since(t0)

		// The switch: a new client and store, until its first full snapshot.
		t0 = time.Now()
		c := docker.New(ep)
		st := store.New(c, store.Options{})
		ready := make(chan struct{})
		var once sync.Once
		st.Subscribe(func(s engine.Snapshot, _ engine.Change) {
			if s.Reachable && len(s.Containers) >= 1000 {
				once.Do(func() { close(ready) })
			}
		})
		ctx, cancel := context.WithCancel(context.Background())
		go st.Run(ctx)
		select {
		case <-ready:
		case <-time.After(30 * time.Second):
			b.Fatal("no snapshot")
		}
		switched += time.Since(t0)
		cancel()
		c.Close()
	}
	b.ReportMetric(float64(switched.Milliseconds())/float64(b.N), "ms-switch")
	b.ReportMetric(float64(bare.Milliseconds())/float64(b.N), "ms-bare-list")
	b.ReportMetric(float64(switched)/float64(max(bare, 1)), "x-bare")
}
