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

// WatchConfig reports on the returned channel (one pending report at most)
// when the docker CLI's config or context store in configDir ("" for
// DOCKER_CONFIG or ~/.docker) changes: `docker context use` rewrites
// config.json, `docker context create` and `rm` add or remove a folder in
// contexts/meta. The Engines view re-reads List (and the CLI's current
// context) on each report. nil when inotify is not available.
func WatchConfig(ctx context.Context, configDir string) <-chan struct{} {
	if configDir == "" {
		configDir = ConfigDir()
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil
	}
	config, meta := filepath.Join(configDir, "config.json"), filepath.Join(configDir, "contexts", "meta")
	watched := map[string]bool{}
	rewatch := func() (added bool) {
		for _, d := range []string{configDir, meta} {
			if d = nearestDir(d); !watched[d] && w.Add(d) == nil {
				watched[d], added = true, true
			}
		}
		return added
	}
	rewatch()
	if len(watched) == 0 {
		_ = w.Close()
		return nil
	}
	out := make(chan struct{}, 1)
	go func() {
		defer w.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case <-w.Errors:
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				// A folder on the way appeared (contexts, contexts/meta): what
				// was made in it before the watch reached it is news too.
				grew := ev.Has(fsnotify.Create) && rewatch()
				if grew || ev.Name == config || filepath.Dir(ev.Name) == meta {
					select {
					case out <- struct{}{}:
					default:
					}
				}
			}
		}
	}()
	return out
}
