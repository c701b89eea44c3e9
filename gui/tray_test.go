package gui

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/godbus/dbus/v5"

	"berth/assets"
	"berth/engine"
	"berth/engine/enginetest"
	"berth/engine/store"
)

// trayTestApp is the test app made a desktop.App: it records what the tray
// hands it, and the windows it makes record being shown and hidden.
type trayTestApp struct {
	fyne.App

	mu    sync.Mutex
	menu  *fyne.Menu
	menus int // SetSystemTrayMenu calls
	icons []fyne.Resource
	quits int
	win   *trayTestWindow
	icon  fyne.Resource
}

func (a *trayTestApp) SetIcon(r fyne.Resource) {
	a.mu.Lock()
	a.icon = r
	a.mu.Unlock()
}

func (a *trayTestApp) Icon() fyne.Resource {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.icon
}

var _ desktop.App = (*trayTestApp)(nil)

func (a *trayTestApp) NewWindow(title string) fyne.Window {
	w := &trayTestWindow{Window: a.App.NewWindow(title)}
	a.mu.Lock()
	a.win = w
	a.mu.Unlock()
	return w
}

func (a *trayTestApp) SetSystemTrayMenu(m *fyne.Menu) {
	a.mu.Lock()
	a.menu, a.menus = m, a.menus+1
	a.mu.Unlock()
}

func (a *trayTestApp) SetSystemTrayIcon(r fyne.Resource) {
	a.mu.Lock()
	a.icons = append(a.icons, r)
	a.mu.Unlock()
}

func (a *trayTestApp) SetSystemTrayWindow(fyne.Window) {}

func (a *trayTestApp) Quit() {
	a.mu.Lock()
	a.quits++
	a.mu.Unlock()
}

func (a *trayTestApp) state() (menus, quits int, icon fyne.Resource) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.icons) > 0 {
		icon = a.icons[len(a.icons)-1]
	}
	return a.menus, a.quits, icon
}

type trayTestWindow struct {
	fyne.Window

	mu            sync.Mutex
	shown, hidden int
	visible       bool
	intercept     func()
}

func (w *trayTestWindow) Show() {
	w.mu.Lock()
	w.shown++
	w.visible = true
	w.mu.Unlock()
	w.Window.Show()
}

func (w *trayTestWindow) Hide() {
	w.mu.Lock()
	w.hidden++
	w.visible = false
	w.mu.Unlock()
	w.Window.Hide()
}

func (w *trayTestWindow) SetCloseIntercept(f func()) {
	w.mu.Lock()
	w.intercept = f
	w.mu.Unlock()
	w.Window.SetCloseIntercept(f)
}

// userClose is what the window manager's close button does.
func (w *trayTestWindow) userClose() {
	w.mu.Lock()
	f := w.intercept
	w.mu.Unlock()
	if f == nil {
		w.Close()
		return
	}
	f()
}

func (w *trayTestWindow) isVisible() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.visible
}

// trayContainers is the fake engine's list: 5 containers, 3 up (one paused).
func trayContainers() []engine.Container {
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	mk := func(id, name string, state engine.ContainerState, age int, ports ...engine.PortBinding) engine.Container {
		full := strings.Repeat(id, 64/len(id))
		return engine.Container{ID: full, ShortID: full[:12], Name: name, Names: []string{name}, Image: "localhost:5000/berthtest/web:1",
			State: state, Status: string(state), Created: t0.Add(time.Duration(age) * time.Minute), Ports: ports}
	}
	return []engine.Container{
		mk("a1", "web", engine.StateRunning, 5,
			engine.PortBinding{ContainerPort: 443, Proto: "tcp"},
			engine.PortBinding{HostIP: "0.0.0.0", HostPort: 8080, ContainerPort: 80, Proto: "tcp"},
			engine.PortBinding{HostIP: "::", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}),
		mk("b2", "api", engine.StateRunning, 4,
			engine.PortBinding{HostIP: "127.0.0.1", HostPort: 9090, ContainerPort: 9000, Proto: "tcp"}),
		mk("c3", "Cache", engine.StatePaused, 3,
			engine.PortBinding{HostIP: "0.0.0.0", HostPort: 5353, ContainerPort: 53, Proto: "udp"}),
		mk("d4", "old-job", engine.StateExited, 2),
		mk("e5", "created-only", engine.StateCreated, 1),
	}
}

type trayEnv struct {
	*env
	app  *trayTestApp
	win  *trayTestWindow
	tray *tray
	host *fakeTrayHost
}

// newTrayEnv builds the whole UI over the fake engine with a running store,
// the app made a desktop.App and the tray host forced to host.
func newTrayEnv(t *testing.T, host *fakeTrayHost) *trayEnv {
	t.Helper()
	return newTrayEnvWith(t, host, enginetest.New(trayContainers(), nil))
}

func newTrayEnvWith(t *testing.T, host *fakeTrayHost, fake *enginetest.Engine) *trayEnv {
	t.Helper()
	app := &trayTestApp{App: test.NewTempApp(t)}
	e := &trayEnv{app: app, host: host}
	e.env = newEnv(t, fake, envOpts{app: app, trayHost: host, now: time.Now,
		storeOpts: store.Options{MinBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond}})
	e.win = app.win
	e.tray = e.u.tray
	return e
}

// sync waits until the window (and so the tray) has applied a snapshot of
// the store for which cond holds.
func (e *trayEnv) sync(t *testing.T, cond func(engine.Snapshot) bool) {
	t.Helper()
	e.wait("the change to reach the tray", func() bool { return cond(e.u.snap) })
}

// trayLabels lists a menu's labels, "-" for separators, "(x)" for disabled
// items, "[x]" for checked ones and "x ▸" for submenus.
func trayLabels(items []*fyne.MenuItem) []string {
	var out []string
	for _, it := range items {
		l := it.Label
		switch {
		case it.IsSeparator:
			l = "-"
		case it.Disabled:
			l = "(" + l + ")"
		case it.Checked:
			l = "[" + l + "]"
		}
		if it.ChildMenu != nil {
			l += " ▸"
		}
		out = append(out, l)
	}
	return out
}

func trayItem(t *testing.T, items []*fyne.MenuItem, path ...string) *fyne.MenuItem {
	t.Helper()
	for _, it := range items {
		if it.Label == path[0] {
			if len(path) == 1 {
				return it
			}
			if it.ChildMenu == nil {
				t.Fatalf("%q has no submenu", path[0])
			}
			return trayItem(t, it.ChildMenu.Items, path[1:]...)
		}
	}
	t.Fatalf("no menu item %q in %q", path[0], trayLabels(items))
	return nil
}

func trayWant(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func TestTrayMenuFromSnapshot(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	m := e.tray.buildMenu(e.store.Snapshot())

	trayWant(t, "tray menu", trayLabels(m.Items), []string{
		"(Engine running · 3 of 5 containers up)", "Open Berth", "Containers ▸", "Run image…", "-",
		"Start at login", "-", "Quit Berth"})
	// Running (and paused) containers only, sorted by name whatever the case.
	trayWant(t, "Containers submenu", trayLabels(trayItem(t, m.Items, "Containers").ChildMenu.Items),
		[]string{"api ▸", "Cache (paused) ▸", "web ▸"})
	// The first published TCP port, on localhost or on the IP it is bound to.
	trayWant(t, "web submenu", trayLabels(trayItem(t, m.Items, "Containers", "web").ChildMenu.Items),
		[]string{"Stop", "Restart", "Open localhost:8080 in browser", "Details…"})
	trayWant(t, "api submenu", trayLabels(trayItem(t, m.Items, "Containers", "api").ChildMenu.Items),
		[]string{"Stop", "Restart", "Open 127.0.0.1:9090 in browser", "Details…"})
	// Only a UDP port: nothing to open in a browser.
	trayWant(t, "Cache submenu", trayLabels(trayItem(t, m.Items, "Containers", "Cache (paused)").ChildMenu.Items),
		[]string{"Stop", "Restart", "Details…"})

	// Exactly one quit item, last, marked IsQuit so that Fyne adds none of its own.
	last := m.Items[len(m.Items)-1]
	if !last.IsQuit || last.Action == nil {
		t.Errorf("last item %q: IsQuit %v, action %v; want Berth's own quit item", last.Label, last.IsQuit, last.Action != nil)
	}
	quits := 0
	for _, it := range m.Items {
		if it.IsQuit || strings.Contains(it.Label, "Quit") {
			quits++
		}
	}
	if quits != 1 {
		t.Errorf("%d quit items, want 1", quits)
	}

	// The menu handed to the app is this one.
	menus, _, icon := e.app.state()
	if menus != 1 {
		t.Errorf("SetSystemTrayMenu called %d times, want once", menus)
	}
	trayWant(t, "menu handed to the app", trayLabels(e.tray.items()), trayLabels(m.Items))
	if icon != assets.TrayIcon {
		t.Errorf("tray icon %v, want assets.TrayIcon", icon)
	}
	if e.app.Icon() != assets.Icon {
		t.Error("the app icon is not assets.Icon")
	}
}

func TestTrayStatusLine(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	one := trayContainers()[:1]
	stopped := trayContainers()[3:4]
	for _, tc := range []struct {
		name string
		snap engine.Snapshot
		want []string
		sub  []string
	}{
		{"connecting", engine.Snapshot{}, []string{"(Connecting to the engine…)", "Open Berth", "(Containers) ▸", "Run image…"},
			[]string{"(No running containers)"}},
		{"unreachable", engine.Snapshot{Seq: 7, Err: errors.New("dial unix /var/run/docker.sock: connect: no such file or directory")},
			[]string{"(Engine not reachable)", "Reconnect now", "Open Berth", "(Containers) ▸", "Run image…"},
			[]string{"(No running containers)"}},
		{"no containers", engine.Snapshot{Seq: 3, Reachable: true},
			[]string{"(Engine running · no containers)", "Open Berth", "Containers ▸", "Run image…"},
			[]string{"(No running containers)"}},
		{"one up", engine.Snapshot{Seq: 3, Reachable: true, Containers: one},
			[]string{"(Engine running · 1 of 1 container up)", "Open Berth", "Containers ▸", "Run image…"},
			[]string{"web ▸"}},
		{"one stopped", engine.Snapshot{Seq: 3, Reachable: true, Containers: stopped},
			[]string{"(Engine running · 0 of 1 container up)", "Open Berth", "Containers ▸", "Run image…"},
			[]string{"(No running containers)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := e.tray.buildMenu(tc.snap)
			trayWant(t, "menu", trayLabels(m.Items)[:len(tc.want)], tc.want)
			trayWant(t, "Containers", trayLabels(trayItem(t, m.Items, "Containers").ChildMenu.Items), tc.sub)
		})
	}
}

func TestTrayMenuCapsContainers(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	var cs []engine.Container
	for i := range trayMaxContainers + 7 {
		id := strings.Repeat(string(rune('a'+i%26)), 32) + strings.Repeat(string(rune('0'+i%10)), 32)
		cs = append(cs, engine.Container{ID: id, Name: "c" + string(rune('a'+i/10)) + string(rune('0'+i%10)), State: engine.StateRunning})
	}
	m := e.tray.buildMenu(engine.Snapshot{Seq: 1, Reachable: true, Containers: cs})
	sub := trayLabels(trayItem(t, m.Items, "Containers").ChildMenu.Items)
	if len(sub) != trayMaxContainers+2 || sub[len(sub)-1] != "7 more in Berth…" {
		t.Errorf("Containers submenu ends %q (%d items), want %d containers, a separator and \"7 more in Berth…\"",
			sub[max(0, len(sub)-3):], len(sub), trayMaxContainers)
	}
}

func TestTrayMenuActions(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	web := trayContainers()[0].ID
	api := trayContainers()[1].ID
	items := e.tray.items()

	trayItem(t, items, "Containers", "web", "Stop").Action()
	trayItem(t, items, "Containers", "api", "Restart").Action()
	e.wait("the fake engine is asked to stop web and restart api", func() bool {
		calls := e.fake.Calls()
		return slices.Contains(calls, "Stop "+web) && slices.Contains(calls, "Restart "+api)
	})

	trayItem(t, items, "Containers", "api", "Open 127.0.0.1:9090 in browser").Action()
	if got := <-e.opened; got != "http://127.0.0.1:9090" {
		t.Errorf("opened %q, want http://127.0.0.1:9090", got)
	}

	e.win.Hide()
	trayItem(t, items, "Open Berth").Action()
	if !e.win.isVisible() {
		t.Error("Open Berth did not show the main window")
	}
	e.win.Hide()
	trayItem(t, items, "Run image…").Action()
	if !e.win.isVisible() {
		t.Error("Run image… did not show the main window")
	}

	trayItem(t, items, "Quit Berth").Action()
	if _, quits, _ := e.app.state(); quits != 1 {
		t.Errorf("Quit Berth quit %d times, want 1", quits)
	}
}

// A failed action from the tray has no window to show its error in: it
// becomes a notification.
func TestTrayActionFailureNotifies(t *testing.T) {
	fake := enginetest.New(trayContainers(), nil)
	fake.ContainerStopFunc = func(context.Context, string, *time.Duration) error {
		return &engine.Error{Kind: engine.ErrNotFound, Ref: "web", What: "container"}
	}
	e := newTrayEnvWith(t, &fakeTrayHost{bus: true, present: true}, fake)
	trayItem(t, e.tray.items(), "Containers", "web", "Stop").Action()
	n := e.note()
	if n.Title != "Could not stop web" || n.Content != `There is no container "web" on this engine.` {
		t.Errorf("notification %q / %q", n.Title, n.Content)
	}
}

func TestTrayFollowsStore(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	var refreshes atomic.Int32
	e.tray.mu.Lock()
	e.tray.refresh = func() { refreshes.Add(1) }
	e.tray.mu.Unlock()

	// web stops: it leaves the Containers submenu and the status line counts 2 up.
	cs := trayContainers()
	web := cs[0].ID
	cs[0].State = engine.StateExited
	e.fake.SetContainers(cs)
	e.fake.Emit(engine.Event{Kind: engine.EventContainer, Action: "die", ID: web, Name: "web", ExitCode: "0"})
	e.sync(t, func(s engine.Snapshot) bool { c, _ := s.Container(web); return c.State == engine.StateExited })
	items := e.tray.items()
	trayWant(t, "Containers after web stopped", trayLabels(trayItem(t, items, "Containers").ChildMenu.Items),
		[]string{"api ▸", "Cache (paused) ▸"})
	if got := trayLabels(items)[0]; got != "(Engine running · 2 of 5 containers up)" {
		t.Errorf("status line %q", got)
	}
	if n := refreshes.Load(); n != 1 {
		t.Errorf("menu refreshed %d times for one visible change, want 1", n)
	}

	// An image event changes nothing the tray shows: no refresh.
	before := e.store.Snapshot().Seq
	e.fake.Emit(engine.Event{Kind: engine.EventImage, Action: "pull", ID: "sha256:0123", Name: "busybox:latest"})
	e.sync(t, func(s engine.Snapshot) bool { return s.Seq > before })
	if n := refreshes.Load(); n != 1 {
		t.Errorf("menu refreshed %d times after an invisible change, want still 1", n)
	}
	if menus, _, _ := e.app.state(); menus != 1 {
		t.Errorf("SetSystemTrayMenu called %d times: the menu must be set once and refreshed", menus)
	}
}

func TestTrayIconFollowsReachability(t *testing.T) {
	var down atomic.Bool
	unreachable := &engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///fake.sock"}
	fake := enginetest.New(trayContainers(), nil)
	fake.ContainerListFunc = func(ctx context.Context, all bool) ([]engine.Container, error) {
		if down.Load() {
			return nil, unreachable
		}
		return trayContainers(), nil
	}
	e := newTrayEnvWith(t, &fakeTrayHost{bus: true, present: true}, fake)
	down.Store(true)
	e.fake.Break(unreachable)
	e.sync(t, func(s engine.Snapshot) bool { return !s.Reachable })
	if _, _, icon := e.app.state(); icon != assets.TrayIconOff {
		t.Errorf("icon while the engine is unreachable: %v, want assets.TrayIconOff", icon)
	}
	if got := trayLabels(e.tray.items())[0]; got != "(Engine not reachable)" {
		t.Errorf("status line %q", got)
	}

	down.Store(false)
	e.store.Reconnect()
	e.sync(t, func(s engine.Snapshot) bool { return s.Reachable })
	if _, _, icon := e.app.state(); icon != assets.TrayIcon {
		t.Errorf("icon once the engine is back: %v, want assets.TrayIcon", icon)
	}
}

func TestTrayCloseHidesToTray(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	e.u.ShowMain()
	e.win.userClose()
	if e.win.isVisible() {
		t.Error("closing the window with a tray host did not hide it")
	}
	if _, quits, _ := e.app.state(); quits != 0 {
		t.Error("closing the window with a tray host quit Berth")
	}

	// The tray host goes away while the window is hidden: the window comes
	// back, and closing it now quits.
	e.host.set(false)
	e.loop.Drain()
	if !e.win.isVisible() {
		t.Error("the tray host went away and the hidden window stayed hidden")
	}
	e.win.userClose()
	if _, quits, _ := e.app.state(); quits != 1 {
		t.Errorf("closing without a tray host: %d quits, want 1", quits)
	}
}

func TestTrayCloseQuitsWithoutHost(t *testing.T) {
	// The session bus answers but no tray host is on it: the tray is set up
	// (it registers when a host appears) and closing quits until then.
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: false})
	if menus, _, _ := e.app.state(); menus != 1 {
		t.Errorf("SetSystemTrayMenu called %d times, want 1", menus)
	}
	e.win.userClose()
	if _, quits, _ := e.app.state(); quits != 1 {
		t.Errorf("closing without a tray host: %d quits, want 1", quits)
	}
	if e.u.StartInTray() || !e.win.isVisible() {
		t.Error("StartInTray without a tray host must show the window")
	}

	e.host.set(true)
	e.loop.Drain()
	e.win.userClose()
	if e.win.isVisible() {
		t.Error("a tray host appeared, yet closing did not hide the window")
	}
	if _, quits, _ := e.app.state(); quits != 1 {
		t.Error("closing with a tray host quit Berth")
	}
}

func TestTrayNoSessionBus(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: false})
	if menus, _, _ := e.app.state(); menus != 0 {
		t.Errorf("SetSystemTrayMenu called %d times without a session bus: Fyne's systray would panic on quit", menus)
	}
	if e.u.StartInTray() || !e.win.isVisible() {
		t.Error("StartInTray without a tray must show the window")
	}
	e.win.userClose()
	if _, quits, _ := e.app.state(); quits != 1 {
		t.Errorf("closing without a tray: %d quits, want 1", quits)
	}
}

func TestTrayStartInTray(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	if !e.u.StartInTray() || e.win.isVisible() {
		t.Error("StartInTray with a tray host must leave the window hidden")
	}
	trayItem(t, e.tray.items(), "Open Berth").Action()
	if !e.win.isVisible() {
		t.Error("Open Berth did not show the window")
	}
}

func TestTrayNotADesktopApp(t *testing.T) {
	e := newEnv(t, enginetest.New(trayContainers(), nil), envOpts{})
	if e.u.tray != nil {
		t.Error("a tray for an app that is not a desktop.App")
	}
}

func TestTrayAutostartItem(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	check := e.u.status.autostart
	path := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "autostart", "io.github.berth.desktop")

	trayItem(t, e.tray.items(), "Start at login").Action()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("Start at login did not write the autostart entry: %v", err)
	}
	if !trayItem(t, e.tray.items(), "Start at login").Checked {
		t.Error("Start at login is not checked after turning it on")
	}
	if !check.Checked {
		t.Error("the main window's check did not follow the tray item")
	}

	test.Tap(check)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("unchecking did not remove the autostart entry: %v", err)
	}
	if trayItem(t, e.tray.items(), "Start at login").Checked {
		t.Error("the tray item did not follow the main window's check")
	}
}

// TestTrayDBusHost runs the real detection against a private session bus.
func TestTrayDBusHost(t *testing.T) {
	h := dbusTrayHost{timeout: 5 * time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	if bus, present := h.Watch(ctx, func(bool) {}); bus || present {
		t.Errorf("no DBUS_SESSION_BUS_ADDRESS: bus %v present %v, want false false", bus, present)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "nobody-listens"))
	if bus, present := h.Watch(ctx, func(bool) {}); bus || present {
		t.Errorf("dead bus: bus %v present %v, want false false", bus, present)
	}

	addr := trayPrivateBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	changes := make(chan bool, 4)
	bus, present := h.Watch(ctx, func(p bool) { changes <- p })
	if !bus || present {
		t.Fatalf("bus without a tray host: bus %v present %v, want true false", bus, present)
	}

	// A tray host appears (takes the watcher's name), then goes away.
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if reply, err := conn.RequestName(statusNotifierWatcher, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName: %v %v", reply, err)
	}
	trayWantChange(t, changes, true)
	if _, err := conn.ReleaseName(statusNotifierWatcher); err != nil {
		t.Fatal(err)
	}
	trayWantChange(t, changes, false)

	// With the host there from the start.
	if _, err := conn.RequestName(statusNotifierWatcher, dbus.NameFlagDoNotQueue); err != nil {
		t.Fatal(err)
	}
	trayWantChange(t, changes, true)
	if bus, present := h.Watch(ctx, func(bool) {}); !bus || !present {
		t.Errorf("bus with a tray host: bus %v present %v, want true true", bus, present)
	}
}

func trayWantChange(t *testing.T, ch <-chan bool, want bool) {
	t.Helper()
	select {
	case got := <-ch:
		if got != want {
			t.Errorf("tray host present %v, want %v", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no news of the tray host (want present %v)", want)
	}
}

// trayPrivateBus starts a dbus-daemon of the test's own and returns its address.
func trayPrivateBus(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Fatal("dbus-daemon not found: install Debian's dbus package (scripts/testenv.sh does)")
	}
	sock := filepath.Join(t.TempDir(), "bus")
	cmd := exec.Command(bin, "--session", "--nofork", "--nopidfile", "--print-address", "--address=unix:path="+sock)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return strings.TrimSpace(line)
}

// The menu is refreshed at most once per refreshGap: a burst of changes costs
// one refresh now and one, with the latest state, when the gap has passed.
func TestTrayRefreshGap(t *testing.T) {
	e := newTrayEnv(t, &fakeTrayHost{bus: true, present: true})
	var refreshes atomic.Int32
	e.tray.mu.Lock()
	e.tray.refresh = func() { refreshes.Add(1) }
	e.tray.refreshGap = 300 * time.Millisecond
	e.tray.lastRefresh = time.Time{} // the start's refreshes are long past
	e.tray.mu.Unlock()

	snap := func(up int) engine.Snapshot {
		cs := trayContainers()
		for i := range cs {
			if i >= up {
				cs[i].State = engine.StateExited
			}
		}
		return engine.Snapshot{Seq: 100, Reachable: true, Containers: cs}
	}
	status := func() string { return trayLabels(e.tray.items())[0] }

	e.tray.show(e.tray.modelOf(snap(2))) // the first change in a while: at once
	if n := refreshes.Load(); n != 1 || status() != "(Engine running · 2 of 5 containers up)" {
		t.Fatalf("after the first change: %d refreshes, status %q", n, status())
	}
	e.tray.show(e.tray.modelOf(snap(1))) // within the gap: waits
	e.tray.show(e.tray.modelOf(snap(0))) // replaces the waiting one
	if n := refreshes.Load(); n != 1 {
		t.Errorf("%d refreshes within the gap, want still 1", n)
	}
	e.wait("the waiting change is shown", func() bool { return refreshes.Load() == 2 })
	if got := status(); got != "(Engine running · 0 of 5 containers up)" {
		t.Errorf("after the gap the status line is %q, want the latest state", got)
	}

	// A change that is undone within the gap costs nothing.
	e.tray.show(e.tray.modelOf(snap(3)))
	e.tray.show(e.tray.modelOf(snap(0)))
	time.Sleep(2 * 300 * time.Millisecond) // nothing may happen: no other way to see it
	e.loop.Drain()
	if n := refreshes.Load(); n != 2 {
		t.Errorf("%d refreshes after a change that was undone, want still 2", n)
	}
}
