package details

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
)

var now = time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)

// state is a fake engine.State: Emit hands a snapshot and a change to the subscribers.
type state struct {
	mu   sync.Mutex
	snap engine.Snapshot
	subs map[int]func(engine.Snapshot, engine.Change)
	n    int
}

func (s *state) Snapshot() engine.Snapshot { s.mu.Lock(); defer s.mu.Unlock(); return s.snap }
func (s *state) Reconnect()                {}
func (s *state) Subscribe(fn func(engine.Snapshot, engine.Change)) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.subs == nil {
		s.subs = map[int]func(engine.Snapshot, engine.Change){}
	}
	s.n++
	id := s.n
	s.subs[id] = fn
	return func() { s.mu.Lock(); delete(s.subs, id); s.mu.Unlock() }
}

func (s *state) emit(snap engine.Snapshot, ch engine.Change) {
	s.mu.Lock()
	s.snap = snap
	subs := make([]func(engine.Snapshot, engine.Change), 0, len(s.subs))
	for _, f := range s.subs {
		subs = append(subs, f)
	}
	s.mu.Unlock()
	for _, f := range subs {
		f(snap, ch)
	}
}

func (s *state) subscribers() int { s.mu.Lock(); defer s.mu.Unlock(); return len(s.subs) }

type host struct {
	kittest.Queue
	app   fyne.App
	st    *state
	panes []NamedPane
	urls  []string
	asked kittest.Questions
}

func (h *host) Now() time.Time                     { return now }
func (h *host) Context() context.Context           { return context.Background() }
func (h *host) App() fyne.App                      { return h.app }
func (h *host) State() engine.State                { return h.st }
func (h *host) OpenURL(u *url.URL) error           { h.urls = append(h.urls, u.String()); return nil }
func (h *host) Panes(engine.Container) []NamedPane { return h.panes }

// pane is a fake shell pane that counts its calls.
type pane struct {
	shown, hidden, closed int
	obj                   fyne.CanvasObject
}

func (p *pane) Content() fyne.CanvasObject { return p.obj }
func (p *pane) Shown()                     { p.shown++ }
func (p *pane) Hidden()                    { p.hidden++ }
func (p *pane) Close()                     { p.closed++ }

const webID = "7d6632c2f785e8c31d945e8a130642edbc6fe7c372574b0f993a37d84afe5f18"

func webContainer() engine.Container {
	return engine.Container{ID: webID, ShortID: webID[:12], Name: "web", Image: "localhost:5000/berthtest/web:1",
		State: engine.StateRunning, Status: "Up 6 minutes", StateSince: now.Add(-6 * time.Minute),
		Created: now.Add(-7 * time.Minute)}
}

func webDetails() engine.ContainerDetails {
	return engine.ContainerDetails{ID: webID, Name: "web", Image: "localhost:5000/berthtest/web:1",
		ImageID: "sha256:caf707b91c9270aaa0d8b996080d663b9c9c6fa54f16fc2ceb677fda70a6792f", Entrypoint: []string{"/web"},
		Hostname: "7d6632c2f785", Env: []string{"DB_PASSWORD=hunter2", "GREETING=hello", "API_TOKEN=abc123",
			"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
		Labels:  map[string]string{"com.example.team": "web", "berth.test": "details"},
		Created: now.Add(-7 * time.Minute), Started: now.Add(-6 * time.Minute), State: engine.StateRunning, Pid: 4242,
		Health: &engine.Health{Status: "healthy", Log: []engine.HealthResult{
			{Start: now.Add(-time.Minute), End: now.Add(-time.Minute + 20*time.Millisecond), Output: "GET / 200 OK"},
			{Start: now.Add(-30 * time.Second), End: now.Add(-30*time.Second + 15*time.Millisecond), Output: "GET / 200 OK"}}},
		Restart: engine.RestartUnlessStopped, Restarts: 1,
		Ports: []engine.PortBinding{{HostIP: "127.0.0.1", HostPort: 18080, ContainerPort: 80, Proto: "tcp"}},
		Mounts: []engine.Mount{{Type: engine.MountBind, Source: "/srv/web/data", Destination: "/data"},
			{Type: engine.MountBind, Source: "/srv/web/config", Destination: "/config", ReadOnly: true}},
		Networks: []engine.NetworkAttachment{{Name: "bridge", IPAddress: "172.17.0.2/16", Gateway: "172.17.0.1", MacAddress: "02:42:ac:11:00:02"}},
	}
}

func webFiles() map[string]enginetest.FakeFile {
	t := now.Add(-time.Hour)
	return map[string]enginetest.FakeFile{
		"/web":             {Mode: 0o755, Data: make([]byte, 5<<20), ModTime: t},
		"/.dockerenv":      {Mode: 0o755, ModTime: t},
		"/etc/hosts":       {Mode: 0o644, Data: []byte("127.0.0.1\tlocalhost\n172.17.0.2\t7d6632c2f785\n"), ModTime: t},
		"/etc/hostname":    {Mode: 0o644, Data: []byte("7d6632c2f785\n"), ModTime: t},
		"/etc/resolv.conf": {Mode: 0o644, Data: []byte("nameserver 10.0.2.3\n"), ModTime: t},
		"/etc/mtab":        {Mode: fs.ModeSymlink | 0o777, Link: "/proc/mounts", ModTime: t},
		"/data/index.html": {Mode: 0o644, Data: []byte("<h1>Hello from Berth</h1>\n"), ModTime: t},
		"/data/logo.png":   {Mode: 0o644, Data: append([]byte("\x89PNG\r\n\x1a\n\x00"), make([]byte, 40000)...), ModTime: t},
		"/config/app.toml": {Mode: 0o600, Data: []byte("[server]\nport = 80\n"), ModTime: t},
		"/proc":            {Mode: fs.ModeDir | 0o555, ModTime: t},
		"/sys":             {Mode: fs.ModeDir | 0o555, ModTime: t},
		"/dev":             {Mode: fs.ModeDir | 0o755, ModTime: t},
	}
}

type fixture struct {
	t    *testing.T
	h    *host
	eng  *enginetest.Engine
	v    *View
	win  fyne.Window
	term *pane
}

// newFixture opens the web container's details in a test window, loaded.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	app := test.NewTempApp(t)
	raw, err := os.ReadFile(filepath.Join("testdata", "inspect.json"))
	if err != nil {
		t.Fatal(err)
	}
	eng := enginetest.New([]engine.Container{webContainer()}, nil)
	eng.SetDetails(webDetails(), raw)
	eng.SetFiles(webID, webFiles())
	eng.SetChanges(webID, []engine.FileChange{{Path: "/data", Kind: engine.Changed}, {Path: "/data/index.html", Kind: engine.Added},
		{Path: "/etc/motd", Kind: engine.Deleted}})
	tp := &pane{obj: kit.WrapLabel("terminal", 0)}
	h := &host{app: app, st: &state{}, panes: []NamedPane{{"Terminal", tp}}}
	v := New(h, API{Inspect: eng, Files: eng}, webContainer())
	v.ask = h.asked.Ask
	win := test.NewWindow(v.Content())
	win.Resize(fyne.NewSize(960, 640))
	t.Cleanup(func() { v.Close(); win.Close() })
	f := &fixture{t: t, h: h, eng: eng, v: v, win: win, term: tp}
	loaded := false
	v.onLoaded = func() { loaded = true }
	v.Start()
	h.Until(t, "the details", func() bool { return loaded })
	return f
}

func writeFile(p, s string) error { return os.WriteFile(p, []byte(s), 0o644) }
