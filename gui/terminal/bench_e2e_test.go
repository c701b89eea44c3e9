//go:build e2e

package terminal

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

// timedQueue is the UI goroutine of the benchmarks: it runs what Do
// queues, in order, and keeps the longest single run (a stall).
type timedQueue struct {
	mu      sync.Mutex
	q       []func()
	wake    chan struct{}
	longest time.Duration
	runs    int
}

func newTimedQueue() *timedQueue { return &timedQueue{wake: make(chan struct{}, 1)} }

func (l *timedQueue) Do(f func()) {
	l.mu.Lock()
	l.q = append(l.q, f)
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// until runs the queue until cond holds (checked after each run).
func (l *timedQueue) until(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		l.mu.Lock()
		if len(l.q) == 0 {
			l.mu.Unlock()
			select {
			case <-l.wake:
			case <-time.After(5 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				tb.Fatalf("timed out waiting for %s", what)
			}
			continue
		}
		f := l.q[0]
		l.q = l.q[1:]
		l.mu.Unlock()
		start := time.Now()
		f()
		if d := time.Since(start); d > l.longest {
			l.longest = d
		}
		l.runs++
	}
}

// benchTerminal is a terminal over a real exec session in a toolbox
// container, its output copied in as the pane does.
func benchTerminal(b *testing.B) (*Terminal, *timedQueue, engine.ExecSession, string) {
	b.Helper()
	test.NewTempApp(b)
	id := testbed.RunToolbox(b, "h10-bench")
	eng := docker.New(docker.ResolveEndpoint())
	b.Cleanup(func() { eng.Close() })
	q := newTimedQueue()
	term := New(q.Do)
	b.Cleanup(term.Close)
	sess, err := eng.Exec.ExecStart(context.Background(), id, nil, engine.TermSize{Cols: 80, Rows: 24})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { sess.Close() })
	term.SetSink(sess)
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := sess.Read(buf)
			if n > 0 {
				term.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	q.until(b, "the prompt", func() bool { return strings.Contains(gridText(term), "/ #") })
	return term, q, sess, id
}

func gridText(term *Terminal) string {
	var b strings.Builder
	for _, r := range term.grid.Rows {
		var l strings.Builder
		for _, c := range r.Cells {
			l.WriteRune(c.Rune)
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// BenchmarkKeyToEcho types a key into a real exec session (busybox sh in
// the toolbox) and waits until its echo is in the grid the widget draws,
// applied on the UI goroutine. Baseline: the same key written to a bare
// exec session and its echo read back, with no emulator and no UI.
func BenchmarkKeyToEcho(b *testing.B) {
	term, q, _, id := benchTerminal(b)
	var lat []time.Duration
	xs := func() int { return strings.Count(gridRowText(term, cursorRow(term)), "x") }
	typed := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if typed == 40 {
			b.StopTimer()
			term.Type("\x15") // ^U: a fresh line
			q.until(b, "the line cleared", func() bool { return xs() == 0 })
			typed = 0
			b.StartTimer()
		}
		start := time.Now()
		term.Type("x")
		typed++
		q.until(b, "the echo", func() bool { return xs() == typed })
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	testbed.ReportLatencies(b, lat)

	// Baseline, same run.
	eng := docker.New(docker.ResolveEndpoint())
	defer eng.Close()
	sess, err := eng.Exec.ExecStart(context.Background(), id, nil, engine.TermSize{Cols: 80, Rows: 24})
	if err != nil {
		b.Fatal(err)
	}
	defer sess.Close()
	echoes := make(chan struct{}, 1)
	go func() {
		p := make([]byte, 4096)
		for {
			n, err := sess.Read(p)
			if strings.Contains(string(p[:n]), "y") {
				echoes <- struct{}{}
			}
			if err != nil {
				return
			}
		}
	}()
	time.Sleep(300 * time.Millisecond) // the prompt
	var base []time.Duration
	for i := 0; i < max(b.N, 20); i++ {
		if i%40 == 39 {
			io.WriteString(sess, "\x15")
			time.Sleep(20 * time.Millisecond)
		}
		start := time.Now()
		io.WriteString(sess, "y")
		<-echoes
		base = append(base, time.Since(start))
	}
	sortDur(base)
	b.ReportMetric(float64(base[len(base)/2].Microseconds())/1000, "baseline-median-ms")
}

func gridRowText(term *Terminal, y int) string {
	var b strings.Builder
	for _, c := range term.grid.Rows[y].Cells {
		b.WriteRune(c.Rune)
	}
	return b.String()
}

func cursorRow(term *Terminal) int {
	_, y := term.CursorCell()
	return y
}

func sortDur(d []time.Duration) {
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && d[j-1] > d[j]; j-- {
			d[j-1], d[j] = d[j], d[j-1]
		}
	}
}

// BenchmarkCat10MB cats a 10 MB text file through the terminal and reports
// the longest single run on the UI goroutine (a stall), the redraws and the
// time to the end mark. Baseline: the same cat through a bare exec session
// read to the end, no emulator.
func BenchmarkCat10MB(b *testing.B) {
	term, q, _, id := benchTerminal(b)
	term.Type("head -c 7500000 /dev/urandom | base64 > /tmp/big; ls -l /tmp/big; echo MADE\r")
	q.until(b, "the file", func() bool { return strings.Contains(gridText(term), "MADE\n") })
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q.longest, q.runs = 0, 0
		mark := "END" + string(rune('A'+i%26))
		start := time.Now()
		term.Type("clear; cat /tmp/big; echo " + mark[:3] + "-" + mark[3:] + "\r")
		q.until(b, "the end of the cat", func() bool { return strings.Contains(gridText(term), "\n"+mark[:3]+"-"+mark[3:]+"\n") })
		total += time.Since(start)
	}
	b.StopTimer()
	b.ReportMetric(float64(q.longest.Microseconds())/1000, "longest-stall-ms")
	b.ReportMetric(float64(q.runs), "redraws")
	b.ReportMetric(total.Seconds()/float64(b.N), "cat-s")

	eng := docker.New(docker.ResolveEndpoint())
	defer eng.Close()
	start := time.Now()
	sess, err := eng.Exec.ExecStart(context.Background(), id, []string{"cat", "/tmp/big"}, engine.TermSize{Cols: 80, Rows: 24})
	if err != nil {
		b.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, sess)
	sess.Close()
	b.ReportMetric(time.Since(start).Seconds(), "baseline-cat-s")
	b.ReportMetric(float64(n)/1e6, "MB")
}
