//go:build e2e

package containers

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/docker/docker/api/types/container"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/enginetest"
	"berth/internal/testbed"
)

// dockerdTicks is dockerd's CPU time so far (utime+stime, clock ticks of 1/100 s).
func dockerdTicks(b *testing.B) int64 {
	b.Helper()
	pid, err := os.ReadFile("/var/run/docker.pid")
	if err != nil {
		b.Fatal(err)
	}
	stat, err := os.ReadFile("/proc/" + strings.TrimSpace(string(pid)) + "/stat")
	if err != nil {
		b.Fatal(err)
	}
	f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+2:]))
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return u + s
}

// BenchmarkUsageDockerdCPU shows 50 running containers with the CPU and
// Memory columns on, and reports dockerd's CPU over a minute (percent of
// one core) against a minute before Berth looked, in the same run.
func BenchmarkUsageDockerdCPU(b *testing.B) {
	const n = 50
	span := time.Minute
	if s := os.Getenv("USAGE_SPAN"); s != "" {
		span, _ = time.ParseDuration(s)
	}
	cli := testbed.Client(b)
	img := testbed.ToolboxImage(b)
	ids := make([]string, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range ids {
		name := testbed.Name(b, "h10-usage")
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			ctx := context.Background()
			c, err := cli.ContainerCreate(ctx, &container.Config{Image: img}, nil, nil, nil, name)
			if err == nil {
				err = cli.ContainerStart(ctx, c.ID, container.StartOptions{})
			}
			if err != nil {
				b.Error(err)
				return
			}
			ids[i] = c.ID
		}()
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
	eng := docker.New(docker.ResolveEndpoint())
	defer eng.Close()
	list, err := eng.Containers.ContainerListByID(context.Background(), ids...)
	if err != nil || len(list) != n {
		b.Fatalf("list: %d, %v", len(list), err)
	}

	measure := func() float64 {
		t0, w0 := dockerdTicks(b), time.Now()
		time.Sleep(span)
		return float64(dockerdTicks(b)-t0) / 100 / time.Since(w0).Seconds() * 100
	}
	b.ResetTimer()
	base := measure()

	a := test.NewTempApp(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h := &host{win: a.NewWindow("Berth"), ctx: ctx, now: time.Now()}
	fake := enginetest.New(list, nil)
	v := New(h, fake)
	var asked sync.Map
	counting := &countingStats{StatsAPI: eng.Stats, asked: &asked}
	v.EnableUsage(context.Background(), counting)
	h.win.SetContent(v.Content())
	h.win.Resize(fyne.NewSize(1600, 2600))
	v.Apply(engine.Snapshot{Reachable: true, Containers: list, Seq: 1}, engine.Change{Full: true})
	stop := make(chan struct{})
	go func() { // the UI goroutine
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				h.Drain()
			}
		}
	}()
	with := measure()
	close(stop)
	b.StopTimer()
	cancel()
	calls := 0
	asked.Range(func(_, v any) bool { calls += int(v.(*atomicInt).load()); return true })
	// The cost of one sample, from a burst in which Berth's calls dominate
	// dockerd's load, against the minute after: Berth's steady share is
	// then its calls per second times that cost.
	burstCalls := 200
	t0, w0 := dockerdTicks(b), time.Now()
	todo := make(chan string)
	var bw sync.WaitGroup
	for range 4 {
		bw.Add(1)
		go func() {
			defer bw.Done()
			for id := range todo {
				_, _ = eng.Stats.ContainerStatsOneShot(context.Background(), id)
			}
		}()
	}
	for i := range burstCalls {
		todo <- list[i%n].ID
	}
	close(todo)
	bw.Wait()
	burstTicks, burstWall := dockerdTicks(b)-t0, time.Since(w0)
	after := measure()
	perCall := (float64(burstTicks)/100 - after/100*burstWall.Seconds()) / float64(burstCalls) // CPU seconds
	perSecond := float64(n) / UsageEvery.Seconds()                                             // Berth's steady call rate
	b.ReportMetric(perCall*1000, "dockerd-ms-per-sample")
	b.ReportMetric(perCall*perSecond*100, "derived-from-berth-%core")
	b.ReportMetric(after, "dockerd-after-%core")
	b.ReportMetric(base, "dockerd-baseline-%core")
	b.ReportMetric(with, "dockerd-with-berth-%core")
	b.ReportMetric(with-base, "dockerd-from-berth-%core")
	b.ReportMetric(float64(calls), "stats-calls")
}

type atomicInt struct {
	mu sync.Mutex
	n  int
}

func (a *atomicInt) add()      { a.mu.Lock(); a.n++; a.mu.Unlock() }
func (a *atomicInt) load() int { a.mu.Lock(); defer a.mu.Unlock(); return a.n }

type countingStats struct {
	engine.StatsAPI
	asked *sync.Map
}

func (c *countingStats) ContainerStatsOneShot(ctx context.Context, id string) (engine.StatsSample, error) {
	v, _ := c.asked.LoadOrStore(id, &atomicInt{})
	v.(*atomicInt).add()
	return c.StatsAPI.ContainerStatsOneShot(ctx, id)
}
