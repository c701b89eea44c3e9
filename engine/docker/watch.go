package docker

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// WatchSocket reports on the returned channel each time the unix socket
// of host (unix:///run/user/1000/docker.sock) appears or its engine
// finishes setting it up (created, then chmod-ed once it listens), until
// ctx ends; the channel holds one pending report, so a slow reader sees one
// and never blocks the watch. It watches the socket's folder with inotify
// (fsnotify) rather than polling, and when the folder does not exist yet
// (/run/user/1000/podman before Podman first runs), the nearest folder
// above it until it does.
//
// For an address that is not a unix socket, or when inotify is not
// available, it returns nil: a nil channel never fires, and the store then
// only retries on its backoff. Give it to the store as store.Options.Wake.
func WatchSocket(ctx context.Context, host string) <-chan struct{} {
	path, ok := strings.CutPrefix(host, "unix://")
	if !ok || path == "" {
		return nil
	}
	path = filepath.Clean(path)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil
	}
	dir := nearestDir(filepath.Dir(path))
	if err := w.Add(dir); err != nil {
		_ = w.Close()
		return nil
	}
	out := make(chan struct{}, 1)
	go watchSocket(ctx, w, path, dir, out)
	return out
}

func watchSocket(ctx context.Context, w *fsnotify.Watcher, path, dir string, out chan<- struct{}) {
	defer w.Close()
	report := func() {
		select {
		case out <- struct{}{}:
		default:
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.Errors:
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			switch {
			case ev.Name == path && ev.Has(fsnotify.Create|fsnotify.Chmod):
				report()
			case ev.Has(fsnotify.Create) && strings.HasPrefix(path, ev.Name+string(filepath.Separator)):
				// A folder on the way to the socket appeared: watch it instead
				// (and catch a socket made in the meantime).
				_ = w.Remove(dir)
				dir = nearestDir(filepath.Dir(path))
				_ = w.Add(dir)
				if _, err := os.Stat(path); err == nil {
					report()
				}
			}
		}
	}
}

// nearestDir is dir, or the nearest folder above it that exists.
func nearestDir(dir string) string {
	for {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return dir
		}
		dir = up
	}
}
