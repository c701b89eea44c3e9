package docker

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
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
