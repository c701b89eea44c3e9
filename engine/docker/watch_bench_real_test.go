//go:build e2e

package docker_test

// How fast Berth notices a local engine that starts: the store waits out its
// backoff (capped at 5 s after a long outage) unless docker.WatchSocket wakes
// it when the socket appears. Run: go test -tags e2e -run '^$' -bench
// SocketNotice -benchtime 5x ./engine/docker/ (see docs/PERFORMANCE.md).

import (
	"context"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

// serveSocket makes the socket path appear, an engine behind it: each
// connection is relayed to the second test engine's socket.
func serveSocket(b *testing.B, path, engineSock string) net.Listener {
	l, err := net.Listen("unix", path)
	if err != nil {
		b.Fatal(err)
	}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				e, err := net.Dial("unix", engineSock)
				if err != nil {
					return
				}
				defer e.Close()
				go io.Copy(e, c)
				io.Copy(c, e)
			}()
		}
	}()
	return l
}

// noticeTime starts a store on a socket that does not exist, lets it fail
// into its backoff, makes the socket appear and returns how long the store
// took to be connected.
func noticeTime(b *testing.B, engineSock string, watch bool, backoff time.Duration) time.Duration {
	sock := filepath.Join(b.TempDir(), "engine.sock")
	host := "unix://" + sock
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := docker.New(engine.Endpoint{Host: host})
	defer c.Close()
	opts := store.Options{MinBackoff: backoff, MaxBackoff: backoff}
	if watch {
		opts.Wake = docker.WatchSocket(ctx, host)
	}
	st := store.New(c, opts)
	up := make(chan time.Time, 1)
	st.Subscribe(func(s engine.Snapshot, _ engine.Change) {
		if s.Reachable {
			select {
			case up <- time.Now():
			default:
			}
		}
	})
	go st.Run(ctx)
	// Let it fail and sit in its backoff for a random part of it, as after a
	// long outage.
	for st.Snapshot().Err == nil {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(time.Duration(time.Now().UnixNano() % int64(backoff)))
	start := time.Now()
	l := serveSocket(b, sock, engineSock)
	defer l.Close()
	select {
	case t := <-up:
		return t.Sub(start)
	case <-time.After(3 * backoff):
		b.Fatal("never connected")
	}
	return 0
}

func BenchmarkRealSocketNotice(b *testing.B) {
	bed := testbed.EnginesBed(b)
	engineSock := strings.TrimPrefix(bed.Docker, "unix://")
	const backoff = 5 * time.Second // the store's cap: where a long outage leaves it
	var watched, waited time.Duration
	for i := 0; i < b.N; i++ {
		watched += noticeTime(b, engineSock, true, backoff)
		waited += noticeTime(b, engineSock, false, backoff)
	}
	b.ReportMetric(float64(watched.Milliseconds())/float64(b.N), "ms-watched")
	b.ReportMetric(float64(waited.Milliseconds())/float64(b.N), "ms-backoff")
	b.ReportMetric(float64(waited)/float64(max(watched, 1)), "x-faster")
}
