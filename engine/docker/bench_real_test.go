//go:build e2e

package docker_test

// Benchmarks against the real engine with 1,000 created containers.
// Run them with bench/engine.sh; see docs/PERFORMANCE.md.

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

// BenchmarkRealFullRefreshVsList alternates a bare SDK ContainerList (the
// baseline) with the store's full refresh, over 1,000 containers, and reports
// both and their ratio.
func BenchmarkRealFullRefreshVsList(b *testing.B) {
	cli := testbed.Client(b)
	testbed.EnsureBenchContainers(b, 1000)
	eng := docker.New(docker.ResolveEndpoint())
	defer eng.Close()
	st := store.New(eng, store.Options{})
	ctx := context.Background()
	// Warm both paths (API negotiation, connections).
	if _, err := cli.ContainerList(ctx, container.ListOptions{All: true}); err != nil {
		b.Fatal(err)
	}
	if err := st.FullRefresh(ctx); err != nil {
		b.Fatal(err)
	}
	var bare, full time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := cli.ContainerList(ctx, container.ListOptions{All: true}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := st.FullRefresh(ctx); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		bare += t1.Sub(t0)
		full += t2.Sub(t1)
	}
	b.StopTimer()
	if n := len(st.Snapshot().Containers); n < 1000 {
		b.Fatalf("store has %d containers", n)
	}
	b.ReportMetric(float64(bare.Microseconds())/float64(b.N)/1000, "bare-list-ms/op")
	b.ReportMetric(float64(full.Microseconds())/float64(b.N)/1000, "store-refresh-ms/op")
	b.ReportMetric(float64(full)/float64(bare), "ratio")
}

// BenchmarkRealCLIStopToStore measures how long after `docker stop` returns
// the store's subscribers see the container exited, with 1,000 other containers.
func BenchmarkRealCLIStopToStore(b *testing.B) {
	testbed.EnsureBenchContainers(b, 1000)
	eng := docker.New(docker.ResolveEndpoint())
	defer eng.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := store.New(eng, store.Options{})
	type seen struct {
		state engine.ContainerState
		at    time.Time
	}
	var mu sync.Mutex
	var last seen
	changed := make(chan struct{}, 1000)
	name := fmt.Sprintf("%sh1-bench-stop-%d", testbed.Prefix, time.Now().UnixNano())
	var (
		id  string
		err error
	)
	st.Subscribe(func(s engine.Snapshot, ch engine.Change) {
		now := time.Now()
		mu.Lock()
		if c, ok := s.Container(id); ok && c.State != last.state {
			last = seen{c.State, now}
		}
		mu.Unlock()
		changed <- struct{}{}
	})
	go st.Run(ctx)
	id, err = eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: testbed.WebImage(b), Name: name}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Containers.ContainerRemove(context.Background(), id, engine.RemoveOptions{Force: true})
	waitState := func(want engine.ContainerState) time.Time {
		deadline := time.After(30 * time.Second)
		for {
			mu.Lock()
			l := last
			mu.Unlock()
			if l.state == want {
				return l.at
			}
			select {
			case <-changed:
			case <-deadline:
				b.Fatalf("store never saw %s", want)
			}
		}
	}
	waitState(engine.StateRunning)
	testbed.MeasureCLIStops(b, name, func() time.Time { return waitState(engine.StateExited) }, func() {
		if err := eng.Containers.ContainerStart(ctx, id); err != nil {
			b.Fatal(err)
		}
		waitState(engine.StateRunning)
	})
}
