//go:build e2e

package logs

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

// benchHost times every function it runs on the (test's) UI goroutine.
type benchHost struct {
	*host
	mu      sync.Mutex
	longest time.Duration
	measure bool
}

func (h *benchHost) Do(f func()) {
	h.host.Do(func() {
		t0 := time.Now()
		f()
		if d := time.Since(t0); h.measure && d > h.longest {
			h.mu.Lock()
			h.longest = d
			h.mu.Unlock()
		}
	})
}

func rssMB() float64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			kb, _ := strconv.Atoi(strings.Fields(l)[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

func settledRSS() float64 {
	runtime.GC()
	debug.FreeOSMemory()
	time.Sleep(200 * time.Millisecond)
	return rssMB()
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLogsHistory opens the log of the container BERTH_BENCH_LOGS
// names (bench/logs.sh makes one that wrote 1,000,000 lines): the time to
// the last screenful, to the whole history, the searches (first and
// later, literal and regexp) and the resident memory before, with and
// after. Run with -benchtime 1x.
func BenchmarkLogsHistory(b *testing.B) {
	name := os.Getenv("BERTH_BENCH_LOGS")
	if name == "" {
		b.Skip("BERTH_BENCH_LOGS names the container (bench/logs.sh)")
	}
	c := docker.New(docker.ResolveEndpoint())
	defer c.Close()
	for b.Loop() {
		h := &benchHost{host: &host{ctx: b.Context(), app: test.NewTempApp(b)}}
		h.Timeout = 5 * time.Minute
		before := settledRSS()
		// The faces the log draws with (monospace, and the fallbacks of
		// its characters), which Fyne keeps for the life of the process:
		// what closing the log cannot hand back.
		for _, st := range []fyne.TextStyle{{Monospace: true}, {}} {
			fyne.MeasureText("2026-12-01T12:00:00.000Z level=INFO GET /api/v1/items dur=6µs … │ ⚠ 3 of 50", theme.TextSize(), st)
		}
		fonts := settledRSS()
		t0 := time.Now()
		w := Open(h, c.Logs, engine.Container{ID: name, Name: name})
		h.Until(b, "the last screenful", func() bool { return w.doc.rows() > 0 })
		screen := time.Since(t0)
		h.Until(b, "the history", func() bool { return w.histDone })
		hist := time.Since(t0)
		n := w.main.Len()
		with := settledRSS()
		if f := os.Getenv("BERTH_BENCH_HEAP"); f != "" {
			out, _ := os.Create(f)
			pprof.WriteHeapProfile(out)
			out.Close()
		}
		search := func(pattern string, re bool) (time.Duration, int) {
			var took time.Duration
			var hits = -1
			w.SearchDone = func(d time.Duration, n int) { took, hits = d, n }
			w.search.SetText("")
			w.reBox.SetChecked(re)
			w.search.SetText(pattern)
			h.Until(b, "the search", func() bool { return hits >= 0 })
			return took, hits
		}
		lit1, litN := search("upstream timed out", false)
		re1, reN := search(`status=50\d bytes`, true)
		lit2, _ := search("upstream timed out", false)
		re2, _ := search(`status=50\d bytes`, true)
		withSearch := settledRSS()
		w.Close()
		time.Sleep(freeAfterClose + 200*time.Millisecond)
		after := settledRSS()
		if f := os.Getenv("BERTH_BENCH_HEAP_AFTER"); f != "" {
			out, _ := os.Create(f)
			pprof.WriteHeapProfile(out)
			out.Close()
		}
		b.ReportMetric(float64(n), "lines")
		b.ReportMetric(float64(screen.Milliseconds()), "screenful_ms")
		b.ReportMetric(hist.Seconds(), "history_s")
		b.ReportMetric(float64(lit1.Milliseconds()), "literal_first_ms")
		b.ReportMetric(float64(lit2.Milliseconds()), "literal_later_ms")
		b.ReportMetric(float64(litN), "literal_hits")
		b.ReportMetric(float64(re1.Milliseconds()), "regexp_first_ms")
		b.ReportMetric(float64(re2.Milliseconds()), "regexp_later_ms")
		b.ReportMetric(float64(reN), "regexp_hits")
		b.ReportMetric(before, "rss_before_MB")
		b.ReportMetric(fonts, "rss_fonts_MB")
		b.ReportMetric(with, "rss_with_MB")
		b.ReportMetric(withSearch, "rss_searched_MB")
		b.ReportMetric(after, "rss_after_MB")
	}
}

// BenchmarkLogsFollow follows a container that writes 200,000 lines at
// 20,000 a second: the longest time the UI goroutine was busy at once,
// the CPU used (of one core) and the lines that arrived (all of them).
func BenchmarkLogsFollow(b *testing.B) {
	c := docker.New(docker.ResolveEndpoint())
	defer c.Close()
	const lines, rate = 200000, 20000
	for b.Loop() {
		name := testbed.Name(b, "benchfollow")
		id := testbed.RunLogWriter(b, name, nil, false, "-n", "1", "-then", strconv.Itoa(lines), "-rate", strconv.Itoa(rate))
		h := &benchHost{host: &host{ctx: b.Context(), app: test.NewTempApp(b)}}
		h.Timeout = time.Minute
		w := Open(h, c.Logs, engine.Container{ID: id, Name: name})
		h.Until(b, "the first line", func() bool { return w.histDone && w.main.Len() >= 1 })
		h.measure = true
		cpu0, t0 := cpuTime(), time.Now()
		deadline := time.Now().Add(3 * lines / rate * time.Second)
		for w.main.Len() < lines+1 && time.Now().Before(deadline) {
			h.Drain()
			time.Sleep(2 * time.Millisecond)
		}
		h.Drain()
		wall, cpu := time.Since(t0), cpuTime()-cpu0
		got := w.main.Len()
		w.Close()
		b.ReportMetric(float64(got-1), "lines_seen")
		b.ReportMetric(float64(lines), "lines_written")
		b.ReportMetric(float64(h.longest.Microseconds())/1000, "longest_stall_ms")
		b.ReportMetric(100*cpu.Seconds()/wall.Seconds(), "cpu_%core")
		b.ReportMetric(wall.Seconds(), "follow_s")
	}
}
