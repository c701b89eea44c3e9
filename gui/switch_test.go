package gui

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync/atomic"
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

// twoEngines is a UI over the first of two fake engines, with the second in
// the context store.
type twoEngines struct {
	u       *UI
	loop    *kittest.Queue
	first   *enginetest.Engine
	second  *enginetest.Engine
	stopped atomic.Int32 // connections stopped
	store   *enginetest.Endpoints
}

func newTwoEngines(t *testing.T) *twoEngines { return newTwoEnginesWith(t, nil) }

func newTwoEnginesWith(t *testing.T, edit func(*Engines)) *twoEngines {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	env := &twoEngines{loop: &kittest.Queue{Timeout: 10 * time.Second}}
	env.first = enginetest.New(kittest.Tutorial(), kittest.TutorialImages())
	env.second = enginetest.New(kittest.Bench(5), nil)
	env.second.HostName = "ssh://berth@build"
	eps := map[string]*enginetest.Engine{"default": env.first, "build": env.second}
	env.store = &enginetest.Endpoints{Entries: []engine.EngineEntry{
		{Endpoint: engine.Endpoint{Name: "default", Host: env.first.HostName}, Current: true, Default: true},
		{Endpoint: engine.Endpoint{Name: "build", Host: env.second.HostName}},
	}}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	connect := func(ep engine.Endpoint) Connection {
		c := eps[ep.Name].Client()
		c.Endpoint = ep
		st := store.New(c, store.Options{MinBackoff: 20 * time.Millisecond, MaxBackoff: 100 * time.Millisecond})
		sctx, scancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { st.Run(sctx); close(done) }()
		return Connection{Client: c, State: st, Stop: func() { scancel(); <-done; env.stopped.Add(1) }}
	}
	first := connect(engine.Endpoint{Name: "default", Host: env.first.HostName})
	a := &trayTestApp{App: test.NewTempApp(t)}
	set := &Engines{Store: env.store, Connect: connect, Probe: func(ctx context.Context, ep engine.Endpoint) (engine.Info, error) {
		return eps[ep.Name].Info(ctx)
	}}
	if edit != nil {
		edit(set)
	}
	env.u = newUI(a, first.Client, first.State, options{do: env.loop.Do, trayHost: &fakeTrayHost{bus: true, present: true},
		notify: func(*fyne.Notification) {}, openURL: func(*url.URL) error { return nil }, engines: set, stop: first.Stop})
	env.u.tray.refreshGap = 0
	env.u.win.Resize(fyne.NewSize(1500, 800))
	t.Cleanup(func() { env.u.Close(); env.loop.Drain() })
	env.loop.Until(t, "the first engine's list", func() bool { return env.u.VisibleContainerRows() == len(kittest.Tutorial()) })
	return env
}

func TestSwitchShowsTheOtherEngine(t *testing.T) {
	env := newTwoEngines(t)
	u := env.u
	env.loop.Until(t, "the tray's Engines submenu", func() bool { return len(u.tray.model.engines) == 2 })
	u.tabs.show("Images")
	u.Switch(engine.Endpoint{Name: "build", Host: env.second.HostName})
	env.loop.Until(t, "the second engine's list", func() bool { return u.VisibleContainerRows() == 5 })
	if got := u.tabs.list[u.tabs.tabs.SelectedIndex()].title; got != "Images" {
		t.Errorf("after the switch the window shows the %s tab, want the one it showed (Images)", got)
	}
	if !strings.Contains(u.status.engine.Text, "build · ssh://berth@build") {
		t.Errorf("status line %q does not name the engine shown", u.status.engine.Text)
	}
	env.loop.Until(t, "the first engine's connection to end", func() bool { return env.stopped.Load() == 1 })
	// An event of the old engine reaches nothing.
	env.first.Emit(engine.Event{Kind: engine.EventContainer, Action: "destroy", ID: kittest.Tutorial()[0].ID})
	time.Sleep(50 * time.Millisecond)
	env.loop.Drain()
	if n := u.VisibleContainerRows(); n != 5 {
		t.Errorf("after an event of the engine switched away from, %d rows show, want 5", n)
	}
	var shown []string
	for _, e := range u.tray.model.engines {
		if e.shown {
			shown = append(shown, e.label)
		}
	}
	if len(shown) != 1 || shown[0] != "build" {
		t.Errorf("the tray marks %q as shown, want [build]", shown)
	}
}

func TestTrayEnginesSubmenuSwitches(t *testing.T) {
	env := newTwoEngines(t)
	u := env.u
	env.loop.Until(t, "the tray's Engines submenu", func() bool { return len(u.tray.model.engines) == 2 })
	m := u.tray.menuFor(u.tray.model)
	var sub *fyne.MenuItem
	for _, it := range m.Items {
		if it.Label == "Engines" {
			sub = it
		}
	}
	if sub == nil {
		t.Fatal("the tray menu has no Engines submenu")
	}
	if len(sub.ChildMenu.Items) != 2 || !sub.ChildMenu.Items[0].Checked || sub.ChildMenu.Items[1].Checked {
		t.Fatalf("Engines submenu %+v: want default checked, build not", sub.ChildMenu.Items)
	}
	sub.ChildMenu.Items[1].Action()
	env.loop.Until(t, "the second engine's list", func() bool { return u.VisibleContainerRows() == 5 })
}

func TestEnginesTabChecksEveryEngine(t *testing.T) {
	env := newTwoEngines(t)
	u := env.u
	u.tabs.show("Engines")
	env.loop.Until(t, "both engines checked", func() bool {
		texts := strings.Join(labelTexts(u.enginesView.Content()), "\n")
		return strings.Count(texts, "Docker 20.10.24 · API 1.41") == 2 &&
			strings.Contains(texts, "shown in this window")
	})
}

// labelTexts is the text of every label under o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, w := range kittest.Walk(o) {
		if l, ok := w.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

func TestStatusLineNamesTheContextAndPodman(t *testing.T) {
	for _, c := range []struct {
		ep   engine.Endpoint
		info engine.Info
		want string
	}{
		{engine.Endpoint{Name: "rootless", Host: "unix:///run/user/1000/docker.sock"}, engine.Info{Product: "Docker Engine - Community", Version: "28.1.1", APIVersion: "1.47"},
			"Engine rootless · unix:///run/user/1000/docker.sock · Docker 28.1.1 · API 1.47"},
		{engine.Endpoint{Host: "unix:///run/podman/podman.sock"}, engine.Info{Product: "Podman Engine", Version: "4.3.1", APIVersion: "1.41"},
			"Engine unix:///run/podman/podman.sock · Podman 4.3.1 · API 1.41"},
		{engine.Endpoint{Name: "default", Host: "unix:///var/run/docker.sock"}, engine.Info{Version: "20.10.24", APIVersion: "1.41"},
			"Engine unix:///var/run/docker.sock · Docker 20.10.24 · API 1.41"},
	} {
		if got := engineText(c.ep.String(), c.info); got != c.want {
			t.Errorf("engineText(%+v) = %q, want %q", c.ep, got, c.want)
		}
	}
}

func TestSwarmTabComesWithASwarmManager(t *testing.T) {
	fake := enginetest.New(kittest.Tutorial(), nil)
	e := newEnv(t, fake, envOpts{})
	if e.u.swarm != nil {
		t.Fatal("a Swarm tab for an engine that manages no Swarm")
	}
	fake.InfoFunc = func(context.Context) (engine.Info, error) {
		return engine.Info{Host: fake.HostName, Reachable: true, Version: "28.5.2", APIVersion: "1.51", SwarmManager: true}, nil
	}
	fake.Break(errors.New("the stream broke"))
	e.wait("the Swarm tab", func() bool { return e.u.swarm != nil })
	if got := e.u.tabs.list[len(e.u.tabs.list)-1].title; got != "Swarm" {
		t.Errorf("last tab %q, want Swarm", got)
	}
}

func TestEnginesFollowTheCLIsContextStore(t *testing.T) {
	env := newTwoEnginesWith(t, func(e *Engines) {
		ch := make(chan struct{}, 1)
		e.Changes = func(context.Context) <-chan struct{} { return ch }
		changed = ch
	})
	u := env.u
	env.loop.Until(t, "the tray's Engines submenu", func() bool { return len(u.tray.model.engines) == 2 })
	env.store.Add(engine.Endpoint{Name: "lab", Host: "tcp://lab:2376"}, "")
	changed <- struct{}{}
	env.loop.Until(t, "the new context in the tray", func() bool { return len(u.tray.model.engines) == 3 })
}

var changed chan struct{}

func TestDetailsConnectsAndDisconnectsNetworks(t *testing.T) {
	fake := enginetest.New(kittest.Tutorial(), nil)
	c := kittest.Tutorial()[0]
	fake.SetDetails(engine.ContainerDetails{ID: c.ID, Name: c.Name, Image: c.Image, State: c.State,
		Networks: []engine.NetworkAttachment{{Name: "bridge", IPAddress: "172.17.0.2/16"}}}, []byte(`{}`))
	e := newEnv(t, fake, envOpts{})
	e.u.host.OpenDetails(c, "")
	var win fyne.Window
	e.wait("the details window", func() bool {
		for _, w := range e.app.Driver().AllWindows() {
			if strings.HasSuffix(w.Title(), "— Berth") && w != e.u.win {
				win = w
			}
		}
		return win != nil
	})
	var connect *widget.Button
	var disconnect *kit.TipButton
	e.wait("the Connect and Disconnect buttons", func() bool {
		for _, o := range kittest.Walk(win.Content()) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Connect to a network…" {
				connect = b
			}
			if b, ok := o.(*kit.TipButton); ok && b.Tip() == "Disconnect from bridge" {
				disconnect = b
			}
		}
		return connect != nil && disconnect != nil
	})
	test.Tap(connect)
	e.wait("the network picker", func() bool { return e.u.win.Canvas().Overlays().Top() != nil })
	test.Tap(disconnect)
	q := e.dialog()
	if !strings.Contains(q.Question.Message, "Disconnect webserver") || !strings.Contains(q.Question.Message, "bridge") {
		t.Errorf("disconnect question %q", q.Question.Message)
	}
}

func TestUsageColumnsSetting(t *testing.T) {
	e := newEnv(t, enginetest.New(kittest.Tutorial(), nil), envOpts{})
	titles := func() string {
		var out []string
		for _, o := range kittest.Walk(e.u.win.Content()) {
			if l, ok := o.(*widget.Label); ok && (l.Text == "CPU" || l.Text == "Memory") {
				out = append(out, l.Text)
			}
		}
		return strings.Join(out, ",")
	}
	e.relayout()
	if got := titles(); got != "" {
		t.Fatalf("usage columns %q shown by default", got)
	}
	var check *kit.Check
	for _, o := range kittest.Walk(e.u.status.settings) {
		if c, ok := o.(*kit.Check); ok && c.Text == "CPU and memory" {
			check = c
		}
	}
	if check == nil {
		t.Fatal("no CPU and memory setting in the status line's Settings")
	}
	check.SetChecked(true)
	e.wait("the usage columns", func() bool { e.relayout(); return titles() == "CPU,Memory" })
	if !e.u.app.Preferences().Bool(usageKey) {
		t.Error("the setting is not kept")
	}
	e.wait("the rows again", func() bool { return e.u.VisibleContainerRows() == len(kittest.Tutorial()) })
}
