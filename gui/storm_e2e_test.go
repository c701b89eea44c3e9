//go:build e2e

package gui

// The window under an event storm (issue 13): 300 containers started, then
// stopped, by the docker CLI at once. bench/storm.sh runs it.

import (
	"context"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

const (
	stormSize  = 300
	stormProbe = 5 * time.Millisecond
)

// stormLoop is the UI goroutine of the benchmark. It times every piece of
// work (the longest is the longest stall), and a probe posts into it every
// stormProbe to measure how long a click would have waited. After each
// piece of the window's own work it signals worked (the benchmark reads the
// table on another goroutine, so that its reading costs the loop nothing).
type stormLoop struct {
	work   chan stormWork
	worked chan struct{}

	mu       sync.Mutex
	stall    time.Duration // the longest piece of work
	probeLag time.Duration // the longest wait of a probe
}

type stormWork struct {
	f     func()
	probe bool
}

func (l *stormLoop) do(f func()) { l.work <- stormWork{f: f} }

func (l *stormLoop) run(ctx context.Context) {
	for {
		select {
		case w := <-l.work:
			start := time.Now()
			w.f()
			d := time.Since(start)
			l.mu.Lock()
			if d > l.stall {
				l.stall = d
			}
			l.mu.Unlock()
			if !w.probe {
				select {
				case l.worked <- struct{}{}:
				default:
				}
			}
		case <-ctx.Done():
			return
		}
	}
}

// probe posts a timestamped no-op every stormProbe until ctx ends.
func (l *stormLoop) probe(ctx context.Context) {
	t := time.NewTicker(stormProbe)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			sent := time.Now()
			select {
			case l.work <- stormWork{probe: true, f: func() {
				lag := time.Since(sent)
				l.mu.Lock()
				l.probeLag = max(l.probeLag, lag)
				l.mu.Unlock()
			}}:
			case <-ctx.Done():
				return
			}
		}
	}
}

// reset starts a new measurement and returns the last one.
func (l *stormLoop) reset() (stall, probeLag time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	stall, probeLag = l.stall, l.probeLag
	l.stall, l.probeLag = 0, 0
	return stall, probeLag
}

// BenchmarkRealStorm: 300 containers started (4 docker start commands in
// parallel) and stopped (one docker stop) by the CLI while the window
// follows the real engine. Reported, for each storm: the longest piece of
// work on the UI goroutine (stall-ms), the longest a probe posted every
// 5 ms waited (probe-ms), and the time from the last CLI return to the
// window's table showing all 300 in their new state (all-ms).
func BenchmarkRealStorm(b *testing.B) {
	ids := testbed.BenchContainers(b, stormSize, "storm")
	c := docker.New(docker.ResolveEndpoint())
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := test.NewTempApp(b)
	st := store.New(c, store.Options{})

	var (
		mu       sync.Mutex
		counts   map[string]int // status word ("Up", "Exited", "Created", …) → rows
		allSince time.Time      // when counts last became all one word
		u        *UI
	)
	changed := make(chan struct{}, 1)
	loop := &stormLoop{work: make(chan stormWork, 64), worked: make(chan struct{}, 1)}
	check := func() {
		n := map[string]int{}
		for _, id := range ids {
			text, ok := u.ContainerStatusText(id)
			if ok {
				word, _, _ := strings.Cut(text, " ")
				n[word]++
			}
		}
		mu.Lock()
		if len(n) == 1 && len(counts) != 1 {
			allSince = time.Now()
		}
		if len(n) != 1 {
			allSince = time.Time{}
		}
		counts = n
		mu.Unlock()
		select {
		case changed <- struct{}{}:
		default:
		}
	}
	created := make(chan struct{})
	loop.work <- stormWork{f: func() {
		u = newUI(a, c, st, options{do: loop.do, trayHost: &fakeTrayHost{}})
		u.win.Resize(fyne.NewSize(1280, 760))
		u.win.Show()
		close(created)
	}}
	go loop.run(ctx)
	<-created
	go func() {
		for {
			select {
			case <-loop.worked:
				check()
			case <-ctx.Done():
				return
			}
		}
	}()
	go st.Run(ctx)
	go loop.probe(ctx)

	// all waits until every storm container shows word and returns when it
	// first did.
	all := func(word string) time.Time {
		deadline := time.After(2 * time.Minute)
		for {
			mu.Lock()
			ok, at, seen := counts[word] == len(ids), allSince, counts
			mu.Unlock()
			if ok {
				return at
			}
			select {
			case <-changed:
			case <-deadline:
				b.Fatalf("the window never showed all %d %s: %v", len(ids), word, seen)
			}
		}
	}
	// cli runs docker with args, the IDs split over n commands at once, and
	// returns when the last one returned.
	cli := func(n int, args ...string) time.Time {
		var wg sync.WaitGroup
		for part := range n {
			lo, hi := part*len(ids)/n, (part+1)*len(ids)/n
			wg.Add(1)
			go func() {
				defer wg.Done()
				if out, err := exec.Command("docker", append(args, ids[lo:hi]...)...).CombinedOutput(); err != nil {
					b.Errorf("docker %s: %v %s", args[0], err, out)
				}
			}()
		}
		wg.Wait()
		return time.Now()
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	var stallStart, probeStart, allStart, stallStop, probeStop, allStop time.Duration
	storm := func(word string, n int, args ...string) (stall, probeLag, late time.Duration) {
		loop.reset()
		returned := cli(n, args...)
		late = max(all(word).Sub(returned), 0)
		stall, probeLag = loop.reset()
		return stall, probeLag, late
	}
	all("Created")
	b.ResetTimer()
	for range b.N {
		s, p, l := storm("Up", 4, "start")
		stallStart, probeStart, allStart = max(stallStart, s), max(probeStart, p), max(allStart, l)
		s, p, l = storm("Exited", 1, "stop", "-t", "5")
		stallStop, probeStop, allStop = max(stallStop, s), max(probeStop, p), max(allStop, l)
	}
	b.StopTimer()
	b.ReportMetric(ms(stallStart), "start-stall-ms")
	b.ReportMetric(ms(probeStart), "start-probe-ms")
	b.ReportMetric(ms(allStart), "start-all-ms")
	b.ReportMetric(ms(stallStop), "stop-stall-ms")
	b.ReportMetric(ms(probeStop), "stop-probe-ms")
	b.ReportMetric(ms(allStop), "stop-all-ms")
	done := make(chan struct{})
	loop.work <- stormWork{f: func() { u.Close(); close(done) }}
	<-done
}
