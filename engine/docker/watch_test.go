package docker

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"berth/engine"
)

func TestWatchSocket(t *testing.T) {
	if WatchSocket(context.Background(), "tcp://127.0.0.1:2376") != nil || WatchSocket(context.Background(), "ssh://h") != nil {
		t.Fatal("only unix sockets are watched")
	}
	run := t.TempDir()
	// The folder does not exist yet, as /run/user/1000/podman before Podman's first run.
	sock := filepath.Join(run, "podman", "podman.sock")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := WatchSocket(ctx, "unix://"+sock)
	if ch == nil {
		t.Fatal("no watch")
	}
	if err := os.Mkdir(filepath.Dir(sock), 0o700); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // the watch moves to the new folder
	select {
	case <-ch:
		t.Fatal("a folder is not the socket")
	default:
	}
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatal("the socket appeared, no report")
	}
}

func TestWatchConfig(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := WatchConfig(ctx, dir)
	if ch == nil {
		t.Fatal("no watch")
	}
	s := testStore(t, dir)
	wait := func(what string) {
		t.Helper()
		select {
		case <-ch:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: no report", what)
		}
		// Drain what the same change also reported.
		time.Sleep(20 * time.Millisecond)
		select {
		case <-ch:
		default:
		}
	}
	// The first context makes contexts/ and contexts/meta/ on the way.
	if err := s.Add(engine.Endpoint{Name: "one", Host: "tcp://127.0.0.1:1"}, ""); err != nil {
		t.Fatal(err)
	}
	wait("first context")
	if err := s.Add(engine.Endpoint{Name: "two", Host: "tcp://127.0.0.1:2"}, ""); err != nil {
		t.Fatal(err)
	}
	wait("second context")
	if err := s.Use("two"); err != nil {
		t.Fatal(err)
	}
	wait("use")
	if err := s.Remove("one"); err != nil {
		t.Fatal(err)
	}
	wait("remove")
}
