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
	"berth/gui/kit/kittest"
)

// env is a UI over a real store over a fake (or the real) engine.
type env struct {
	t      *testing.T
	fake   *enginetest.Engine // nil over the real engine
	client *engine.Client
	store  *store.Store
	app    fyne.App
	u      *UI
	// loop stands in for Fyne's UI goroutine: its Timeout bounds wait and
	// note (10 s unless a test needs more, e.g. the real engine).
	loop   *kittest.Queue
	notes  chan *fyne.Notification
	opened chan string // URLs the UI opened
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
		o.now = func() time.Time { return kittest.Now }
	}
	if o.trayHost == nil {
		o.trayHost = &fakeTrayHost{bus: true, present: true}
	}
	st := store.New(o.client, o.storeOpts)
	e := &env{t: t, client: o.client, store: st, app: o.app, loop: &kittest.Queue{Timeout: 10 * time.Second},
		notes: make(chan *fyne.Notification, 16), opened: make(chan string, 4)}
	e.u = newUI(o.app, o.client, st, options{do: e.loop.Do, now: o.now, trayHost: o.trayHost,
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
		e.loop.Drain()
	})
	if !o.noWait {
		e.wait("the first connection", func() bool { return e.u.snap.Reachable })
	}
	return e
}

// wait runs the UI's queued work until cond holds.
func (e *env) wait(what string, cond func() bool) {
	e.t.Helper()
	e.loop.Until(e.t, what, cond)
}

// note waits for the next notification.
func (e *env) note() *fyne.Notification {
	e.t.Helper()
	deadline := time.After(e.loop.Timeout)
	for {
		e.loop.Drain()
		select {
		case n := <-e.notes:
			return n
		case <-deadline:
			e.t.Fatal("no notification")
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func (e *env) relayout() { kittest.Relayout(e.u.win) }

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

func (e *env) calls(prefix string) []string { return e.fake.CallsWith(prefix) }

// visibleLabel reports whether a visible label in the window contains text.
func (e *env) visibleLabel(text string) bool {
	for _, o := range kittest.Walk(e.u.win.Content()) {
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

func testFake() *enginetest.Engine {
	return enginetest.New(kittest.Tutorial(), kittest.TutorialImages())
}
