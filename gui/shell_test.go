package gui

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/engine/store"
	"berth/gui/kit"
)

// loop stands in for Fyne's UI goroutine in tests: the UI's do queues
// work, and the test goroutine runs it, so widgets are only ever touched by
// the test goroutine (go test -race stays meaningful).
type loop struct {
	mu sync.Mutex
	q  []func()
}

func (l *loop) do(f func()) {
	l.mu.Lock()
	l.q = append(l.q, f)
	l.mu.Unlock()
}

func (l *loop) drain() {
	for {
		l.mu.Lock()
		q := l.q
		l.q = nil
		l.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, f := range q {
			f()
		}
	}
}

// testNow is the fixed "now" of the fake-engine tests.
var testNow = time.Date(2019, 2, 10, 12, 0, 0, 0, time.UTC)

// env is a UI over a real store over a fake (or the real) engine.
type env struct {
	t      *testing.T
	fake   *enginetest.Engine // nil over the real engine
	client *engine.Client
	store  *store.Store
	app    fyne.App
	u      *UI
	loop   *loop
	notes  chan *fyne.Notification
	opened chan string // URLs the UI opened
	// timeout bounds wait (10 s unless a test needs more, e.g. the real engine).
	timeout time.Duration
}

type envOpts struct {
	storeOpts store.Options
	noWait    bool // do not wait for the first connection
	now       func() time.Time
	app       fyne.App // test.NewTempApp unless set
	trayHost  trayHost // a tray host that is there, unless set
	client    *engine.Client
}

// newEnv builds the UI over fake and a running store.
func newEnv(t *testing.T, fake *enginetest.Engine, o envOpts) *env {
	t.Helper()
	if o.client == nil {
		o.client = fake.Client()
	}
	e := startEnv(t, o)
	e.fake = fake
	return e
}

func startEnv(t *testing.T, o envOpts) *env {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if o.app == nil {
		o.app = test.NewTempApp(t)
	}
	if o.storeOpts.MinBackoff == 0 {
		o.storeOpts.MinBackoff = 20 * time.Millisecond
		o.storeOpts.MaxBackoff = 100 * time.Millisecond
	}
	if o.now == nil {
		o.now = func() time.Time { return testNow }
	}
	if o.trayHost == nil {
		o.trayHost = &fakeTrayHost{bus: true, present: true}
	}
	st := store.New(o.client, o.storeOpts)
	e := &env{t: t, client: o.client, store: st, app: o.app, loop: &loop{}, timeout: 10 * time.Second,
		notes: make(chan *fyne.Notification, 16), opened: make(chan string, 4)}
	e.u = newUI(o.app, o.client, st, options{do: e.loop.do, now: o.now, trayHost: o.trayHost,
		notify:  func(n *fyne.Notification) { e.notes <- n },
		openURL: func(u *url.URL) error { e.opened <- u.String(); return nil }})
	if e.u.tray != nil {
		e.u.tray.refreshGap = 0 // TestTrayRefreshGap tests the gap
	}
	e.u.win.Resize(fyne.NewSize(1500, 800))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { st.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		e.u.Close()
		e.loop.drain()
	})
	if !o.noWait {
		e.wait("the first connection", func() bool { return e.u.snap.Reachable })
	}
	return e
}

// wait runs the UI's queued work and checks cond every 5 ms, up to the timeout.
// (Polling is for test synchronisation only.)
func (e *env) wait(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(e.timeout)
	for {
		e.loop.drain()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// note waits for the next notification.
func (e *env) note() *fyne.Notification {
	e.t.Helper()
	deadline := time.After(e.timeout)
	for {
		e.loop.drain()
		select {
		case n := <-e.notes:
			return n
		case <-deadline:
			e.t.Fatal("no notification")
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// relayout lays the window out again, as the real driver does on the next
// frame after a content's minimum size changed (the test canvas does not).
func (e *env) relayout() {
	s := e.u.win.Canvas().Size()
	e.u.win.Resize(s.AddWidthHeight(1, 1))
	e.u.win.Resize(s)
}

// dialog returns the question the UI asked last, failing if none is open.
func (e *env) dialog() *kit.Dialog {
	e.t.Helper()
	if e.u.dialog == nil || e.u.win.Canvas().Overlays().Top() == nil {
		e.t.Fatal("no dialog is open")
	}
	return e.u.dialog
}

// answer taps a dialog's button.
func (e *env) answer(md *kit.Dialog, text string) {
	e.t.Helper()
	b := md.Button(text)
	if b == nil {
		var have []string
		for _, b := range md.Buttons {
			have = append(have, b.Text)
		}
		e.t.Fatalf("dialog %q has no button %q (has %q)", md.Question.Title, text, have)
	}
	test.Tap(b)
}

func (e *env) calls(prefix string) []string {
	var out []string
	for _, c := range e.fake.Calls() {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// walk lists the objects under o as they are drawn (test.LaidOutObjects
// makes new renderers, which a Table does not survive).
func walk(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			out = append(out, walk(ch)...)
		}
	case *fyne.Container:
		for _, ch := range c.Objects {
			out = append(out, walk(ch)...)
		}
	}
	return out
}

// visibleLabel reports whether a visible label in the window contains text.
func (e *env) visibleLabel(text string) bool {
	for _, o := range walk(e.u.win.Content()) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, text) {
			return true
		}
	}
	return false
}

// fakeTrayHost forces what the tray host detection finds.
type fakeTrayHost struct {
	bus, present bool

	mu      sync.Mutex
	changed func(bool)
}

func (h *fakeTrayHost) Watch(_ context.Context, changed func(bool)) (bool, bool) {
	h.mu.Lock()
	h.changed = changed
	h.mu.Unlock()
	return h.bus, h.present
}

func (h *fakeTrayHost) set(present bool) {
	h.mu.Lock()
	f := h.changed
	h.mu.Unlock()
	f(present)
}

// testID makes a 64-hex-digit ID from a 12-digit prefix.
func testID(short string) string { return short + strings.Repeat("0", 64-len(short)) }

var testWebserver = testID("5c17b6cbcddd")

const (
	testNginxID    = "sha256:42b4762643dc" + "00000000000000000000000000000000000000000000000000000"
	testWebImageID = "sha256:9a0b1c2d3e4f" + "00000000000000000000000000000000000000000000000000000"
	testPgImageID  = "sha256:7f0e1d2c3b4a" + "00000000000000000000000000000000000000000000000000000"
	testDangleID   = "sha256:0d0e0a0d0b0e" + "00000000000000000000000000000000000000000000000000000"
)

// testContainers is the fixed data of the main window's tests: the
// tutorial's webserver, an exited container, and a compose project of three.
func testContainers() []engine.Container {
	mk := func(short, name, image, imageID, cmd string, state engine.ContainerState, status string, age time.Duration, ports []engine.PortBinding, project string) engine.Container {
		c := engine.Container{ID: testID(short), ShortID: short, Name: name, Names: []string{name}, Image: image, ImageID: imageID,
			Command: cmd, Created: testNow.Add(-age), State: state, Status: status, Ports: ports, Project: project}
		if project != "" {
			c.Labels = map[string]string{"com.docker.compose.project": project}
		}
		return c
	}
	web := []engine.PortBinding{{HostIP: "0.0.0.0", HostPort: 80, ContainerPort: 80, Proto: "tcp"}, {HostIP: "::", HostPort: 80, ContainerPort: 80, Proto: "tcp"}}
	shopWeb := []engine.PortBinding{{HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}}
	db := []engine.PortBinding{{ContainerPort: 5432, Proto: "tcp"}}
	return []engine.Container{
		mk("5c17b6cbcddd", "webserver", "nginx", testNginxID, "nginx -g 'daemon off;'", engine.StateRunning, "Up 9 minutes", 9*time.Minute, web, ""),
		mk("a1b2c3d4e5f6", "shop-web-1", "localhost:5000/berthtest/web:1", testWebImageID, "/web", engine.StateRunning, "Up 2 hours", 2*time.Hour, shopWeb, "shop"),
		mk("b2c3d4e5f6a1", "shop-db-1", "postgres:15", testPgImageID, "docker-entrypoint.sh postgres", engine.StateRunning, "Up 2 hours", 2*time.Hour+time.Second, db, "shop"),
		mk("c3d4e5f6a1b2", "shop-worker-1", "localhost:5000/berthtest/web:1", testWebImageID, "/web --worker", engine.StatePaused, "Up 2 hours (Paused)", 2*time.Hour+2*time.Second, nil, "shop"),
		mk("e6d5c4b3a291", "awesome_mclaren", "nginx", testNginxID, "nginx -g 'daemon off;'", engine.StateExited, "Exited (0) 3 days ago", 72*time.Hour, nil, ""),
	}
}

func testImages() []engine.Image {
	mk := func(id, repo, tag string, age time.Duration, size int64) engine.Image {
		im := engine.Image{ID: id, ShortID: engine.ShortID(id), Repository: repo, Tag: tag, Created: testNow.Add(-age), Size: size}
		if repo == "<none>" {
			im.Dangling = true
		} else {
			im.RepoTags = []string{repo + ":" + tag}
		}
		return im
	}
	return []engine.Image{
		mk(testWebImageID, "localhost:5000/berthtest/web", "1", time.Hour*26, 4_700_000),
		mk(testNginxID, "nginx", "latest", 5*24*time.Hour, 109_000_000),
		mk(testPgImageID, "postgres", "15", 9*24*time.Hour, 379_000_000),
		mk(testDangleID, "<none>", "<none>", 30*24*time.Hour, 72_500_000),
	}
}

func testFake() *enginetest.Engine { return enginetest.New(testContainers(), testImages()) }
