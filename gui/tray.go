package gui

import (
	"context"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/godbus/dbus/v5"

	"berth/assets"
	"berth/engine"
	"berth/gui/containers"
	"berth/gui/engines"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// trayMaxContainers caps the Containers submenu; the rest are one "… more" item.
const trayMaxContainers = 25

// trayActions are the container actions the tray offers, from the
// Containers tab's table.
var trayActions = []*containers.Action{containers.Stop, containers.Restart}

// setupTray sets the app and window icons and, when the app is a desktop
// app whose session bus answers, installs the tray icon and menu. newUI
// calls it before the app runs: Fyne starts the tray only if its menu is set
// before Run.
func (u *UI) setupTray(th trayHost) {
	u.app.SetIcon(assets.Icon)
	u.win.SetIcon(assets.Icon)
	desk, ok := u.app.(desktop.App)
	if !ok {
		return
	}
	t := newTray(u, desk)
	u.win.SetCloseIntercept(t.closeWindow)
	bus, present := th.Watch(u.ctx, func(present bool) {
		u.do(func() { t.setHost(present) })
	})
	t.setHost(present)
	if !bus {
		// No session bus: Fyne's systray would panic on quit without one,
		// so there is no tray and closing the window quits.
		return
	}
	u.tray = t
	t.start(u.state.Snapshot())
}

// StartInTray is for a start at login (`berth --hidden`): it leaves the main
// window hidden when a tray host shows Berth's icon, and shows it otherwise.
// It reports whether Berth stays in the tray.
func (u *UI) StartInTray() bool {
	if u.tray != nil && u.tray.hideToTray() {
		return true
	}
	u.ShowMain()
	return false
}

// tray is Berth's system tray icon and menu. It runs on the UI goroutine; its
// mutex only matters to tests, where fyne.Do runs on the caller's goroutine.
type tray struct {
	u       *UI
	desk    desktop.App
	refresh func() // re-exports the menu to the tray host (menu.Refresh)
	// menus carries new models to the menu, at most one refresh per refreshGap.
	menus *kit.Coalescer[trayModel]

	mu          sync.Mutex
	menu        *fyne.Menu    // handed to the tray once; its items are swapped on change
	model       trayModel     // what the menu shows now
	latest      trayModel     // the last model posted to menus
	off         bool          // the icon shows the engine as unreachable
	started     bool          // the menu has been handed to the app
	refreshGap  time.Duration // the least time between two menu refreshes
	lastRefresh time.Time
	host        bool // a tray host is present: closing the window hides it
	hiddenByUs  bool // the window was hidden to the tray
}

func newTray(u *UI, desk desktop.App) *tray {
	t := &tray{u: u, desk: desk, menu: fyne.NewMenu(i18n.T("shell.app")), refreshGap: time.Second}
	t.refresh = t.menu.Refresh
	t.menus = kit.NewCoalescer(t.afterGap, nil, t.setModel)
	return t
}

// start hands the icon and the menu to the app.
func (t *tray) start(snap engine.Snapshot) {
	m := t.modelOf(snap)
	t.mu.Lock()
	t.model, t.latest = m, m
	t.menu.Items = t.menuFor(m).Items
	t.off = m.off
	icon := t.icon()
	t.started = true
	t.mu.Unlock()
	t.desk.SetSystemTrayIcon(icon)
	t.desk.SetSystemTrayMenu(t.menu)
}

func (t *tray) icon() fyne.Resource {
	if t.off {
		return assets.TrayIconOff
	}
	return assets.TrayIcon
}

// update follows the store (UI goroutine).
func (t *tray) update(snap engine.Snapshot) {
	t.mu.Lock()
	started := t.started
	t.mu.Unlock()
	if started {
		t.show(t.modelOf(snap))
	}
}

// show applies a model: the icon at once if it changed, the menu's items if
// anything in the menu changed, but no more often than refreshGap. Fyne
// rebuilds the whole tray menu on each refresh, with new item IDs, and a
// tray host empties the submenus it has open when that happens; an engine
// busy creating and removing containers would make the menu unusable.
func (t *tray) show(m trayModel) {
	t.mu.Lock()
	iconChanged := m.off != t.off
	t.off = m.off
	icon := t.icon()
	post := !m.equal(t.latest)
	t.latest = m
	t.mu.Unlock()
	if iconChanged {
		t.desk.SetSystemTrayIcon(icon)
	}
	if post {
		t.menus.Post(m)
	}
}

// afterGap runs f once refreshGap has passed since the last refresh: at
// once after a quiet spell, else on the UI goroutine when the gap is over.
func (t *tray) afterGap(f func()) {
	t.mu.Lock()
	wait := time.Until(t.lastRefresh.Add(t.refreshGap))
	t.mu.Unlock()
	if wait <= 0 {
		f()
		return
	}
	time.AfterFunc(wait, func() { t.u.do(f) })
}

// setModel swaps the menu's items and refreshes it if what it shows changed.
func (t *tray) setModel(m trayModel) {
	t.mu.Lock()
	if m.equal(t.model) {
		t.mu.Unlock()
		return
	}
	t.model = m
	t.menu.Items = t.menuFor(m).Items
	t.lastRefresh = time.Now()
	refresh := t.refresh
	t.mu.Unlock()
	refresh()
}

// items returns the menu's current items (for tests).
func (t *tray) items() []*fyne.MenuItem {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.menu.Items
}

// autostartChanged re-reads the setting after something changed it.
func (t *tray) autostartChanged() { t.update(t.u.state.Snapshot()) }

// setHost follows the tray host coming and going.
func (t *tray) setHost(present bool) {
	t.mu.Lock()
	t.host = present
	reshow := !present && t.hiddenByUs
	if reshow {
		t.hiddenByUs = false
	}
	t.mu.Unlock()
	if reshow {
		// The icon is gone: bring the window back, or the user cannot reach Berth.
		t.u.ShowMain()
	}
}

// hideToTray reports whether the tray shows Berth's icon, and if so marks
// the window as hidden to it.
func (t *tray) hideToTray() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.started && t.host {
		t.hiddenByUs = true
		return true
	}
	return false
}

// closeWindow is the main window's close intercept: hide to the tray when a
// tray host shows the icon, quit otherwise.
func (t *tray) closeWindow() {
	if t.hideToTray() {
		t.u.win.Hide()
		return
	}
	t.quit()
}

// trayModel is what the tray shows; equal models show the same menu.
type trayModel struct {
	status     string
	off        bool // engine known to be unreachable
	connecting bool // no answer from the engine yet
	containers []trayContainer
	more       int // running containers left out of the submenu
	autostart  bool
	// canAutostart: the system has XDG autostart
	canAutostart bool
	// engines is the Engines submenu: every engine the user has.
	engines []trayEngine
	lang    string // the language of its words
}

// trayEngine is one engine in the Engines submenu.
type trayEngine struct {
	label string
	ep    engine.Endpoint
	shown bool // the window shows it
}

// trayContainer is one running container in the Containers submenu.
type trayContainer struct {
	id, label string
	url       string // first published port, "" if none
}

func (m trayModel) equal(o trayModel) bool {
	return m.status == o.status && m.lang == o.lang && m.off == o.off && m.connecting == o.connecting && m.more == o.more &&
		m.autostart == o.autostart && m.canAutostart == o.canAutostart && slices.Equal(m.containers, o.containers) &&
		slices.Equal(m.engines, o.engines)
}

// modelOf derives what the tray shows from a store snapshot.
func (t *tray) modelOf(snap engine.Snapshot) trayModel {
	m := trayModel{status: trayStatus(snap), connecting: !snap.Reachable && snap.Seq == 0, lang: i18n.Current()}
	m.off = !snap.Reachable && !m.connecting
	if a := t.u.autostart; a.Supported() {
		m.canAutostart, m.autostart = true, a.Enabled()
	}
	for _, e := range t.u.engineList {
		m.engines = append(m.engines, trayEngine{label: engines.Title(e), ep: e.Endpoint, shown: engines.Same(e.Endpoint, t.u.client.Endpoint)})
	}
	if !snap.Reachable {
		return m
	}
	var running []engine.Container
	for _, c := range snap.Containers {
		if c.Running() {
			running = append(running, c)
		}
	}
	slices.SortFunc(running, func(a, b engine.Container) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	if len(running) > trayMaxContainers {
		m.more = len(running) - trayMaxContainers
		running = running[:trayMaxContainers]
	}
	for _, c := range running {
		label := c.Name
		if label == "" {
			label = c.ShortID
		}
		switch c.State {
		case engine.StatePaused:
			label = i18n.T("shell.tray.paused", "Name", label)
		case engine.StateRestarting:
			label = i18n.T("shell.tray.restarting", "Name", label)
		}
		m.containers = append(m.containers, trayContainer{id: c.ID, label: label, url: browserURL(c.Ports)})
	}
	return m
}

// trayStatus is the status line: "Engine running · 3 of 5 containers up".
func trayStatus(snap engine.Snapshot) string {
	if !snap.Reachable {
		if snap.Seq == 0 {
			return i18n.T("shell.tray.connecting")
		}
		return i18n.T("shell.tray.unreachable")
	}
	total, up := len(snap.Containers), 0
	for _, c := range snap.Containers {
		if c.Running() {
			up++
		}
	}
	if total == 0 {
		return i18n.T("shell.tray.none")
	}
	return i18n.N("shell.tray.up", total, "Up", up)
}

// browserURL is the address of a container's first published TCP port:
// http://localhost:PORT, or the bound IP when it is bound to one.
func browserURL(ports []engine.PortBinding) string {
	for _, p := range ports {
		if u := p.URL(); u != "" && (p.Proto == "" || p.Proto == "tcp") {
			return strings.TrimSuffix(u, "/")
		}
	}
	return ""
}

// buildMenu builds the tray menu for a snapshot.
func (t *tray) buildMenu(snap engine.Snapshot) *fyne.Menu {
	return t.menuFor(t.modelOf(snap))
}

// menuFor builds the tray menu for a model. Its last item is Berth's own
// quit item (IsQuit), which stops Fyne from adding a second one.
func (t *tray) menuFor(m trayModel) *fyne.Menu {
	// No separator before the Containers submenu: the systray tells the tray
	// host that the menu changed when it adds a separator (not when it adds
	// an item), and a host that fetches the menu before a submenu is complete
	// shows that submenu empty.
	items := []*fyne.MenuItem{{Label: m.status, Disabled: true}}
	if m.off {
		items = append(items, &fyne.MenuItem{Label: i18n.T("shell.reconnect"), Action: t.u.state.Reconnect})
	}
	items = append(items, &fyne.MenuItem{Label: i18n.T("shell.tray.open"), Action: t.openMain})
	containers := &fyne.MenuItem{Label: i18n.T("shell.tab.containers"), ChildMenu: fyne.NewMenu(i18n.T("shell.tab.containers")), Disabled: m.off || m.connecting}
	for _, c := range m.containers {
		containers.ChildMenu.Items = append(containers.ChildMenu.Items, t.containerItem(c))
	}
	if m.more > 0 {
		containers.ChildMenu.Items = append(containers.ChildMenu.Items, fyne.NewMenuItemSeparator(),
			&fyne.MenuItem{Label: i18n.N("shell.tray.more", m.more), Action: t.openMain})
	}
	if len(containers.ChildMenu.Items) == 0 {
		containers.ChildMenu.Items = []*fyne.MenuItem{{Label: i18n.T("shell.tray.noRunning"), Disabled: true}}
	}
	items = append(items, containers)
	if len(m.engines) > 1 {
		sub := &fyne.MenuItem{Label: i18n.T("shell.tab.engines"), ChildMenu: fyne.NewMenu(i18n.T("shell.tab.engines"))}
		for _, e := range m.engines {
			ep := e.ep
			sub.ChildMenu.Items = append(sub.ChildMenu.Items, &fyne.MenuItem{Label: e.label, Checked: e.shown,
				Action: func() { t.u.Switch(ep) }})
		}
		items = append(items, sub)
	}
	items = append(items,
		&fyne.MenuItem{Label: i18n.T("shell.tray.run"), Action: t.runImage},
		fyne.NewMenuItemSeparator(),
	)
	if m.canAutostart {
		items = append(items,
			&fyne.MenuItem{Label: i18n.T("shell.tray.autostart"), Checked: m.autostart, Action: t.toggleAutostart},
			fyne.NewMenuItemSeparator())
	}
	items = append(items, &fyne.MenuItem{Label: i18n.T("shell.tray.quit"), IsQuit: true, Action: t.quit})
	return fyne.NewMenu(i18n.T("shell.app"), items...)
}

// details opens the details window of container id (the window too).
func (t *tray) details(id string) {
	if c, ok := t.u.state.Snapshot().Container(id); ok {
		t.u.ShowMain()
		t.u.host.OpenDetails(c, "")
	}
}

// containerItem is one running container: a submenu of what can be done to it.
func (t *tray) containerItem(c trayContainer) *fyne.MenuItem {
	sub := fyne.NewMenu(c.label)
	for _, a := range trayActions {
		sub.Items = append(sub.Items, &fyne.MenuItem{Label: a.Label, Action: func() { t.act(a, c) }})
	}
	if c.url != "" {
		u := c.url
		sub.Items = append(sub.Items, &fyne.MenuItem{
			Label:  i18n.T("shell.tray.browse", "Address", strings.TrimPrefix(u, "http://")),
			Action: func() { t.open(u) },
		})
	}
	id := c.id
	sub.Items = append(sub.Items, &fyne.MenuItem{Label: i18n.T("shell.tray.details"), Action: func() { t.details(id) }})
	return &fyne.MenuItem{Label: c.label, ChildMenu: sub}
}

// act runs a container action off the UI goroutine; a failure becomes a
// notification, as there is no window to show it in.
func (t *tray) act(a *containers.Action, tc trayContainer) {
	ctx, api := t.u.ctx, t.u.client.Containers
	c, ok := t.u.state.Snapshot().Container(tc.id)
	if !ok {
		c = engine.Container{ID: tc.id, ShortID: engine.ShortID(tc.id), Name: tc.label}
	}
	go func() {
		if err := a.Run(ctx, api, c); err != nil && ctx.Err() == nil {
			t.notify(i18n.T("shell.tray.actionFailed", "Verb", a.Verb, "Name", tc.label), present.Explain(err))
		}
	}()
}

func (t *tray) notify(title, content string) {
	t.u.notes.send(&fyne.Notification{Title: title, Content: content})
}

func (t *tray) open(raw string) {
	u, err := url.Parse(raw)
	if err == nil {
		err = t.u.openURL(u)
	}
	if err != nil {
		t.notify(i18n.T("shell.tray.openFailed", "Address", raw), err.Error())
	}
}

func (t *tray) openMain() {
	t.mu.Lock()
	t.hiddenByUs = false
	t.mu.Unlock()
	t.u.ShowMain()
}

func (t *tray) runImage() {
	t.openMain()
	t.u.host.OpenRun("")
}

func (t *tray) toggleAutostart() {
	if err := t.u.setAutostart(!t.u.autostart.Enabled()); err != nil {
		t.notify(i18n.T("shell.tray.autostartFailed"), err.Error())
	}
}

// quit closes the UI and quits the app (UI goroutine).
func (t *tray) quit() {
	t.u.Close()
	t.u.app.Quit()
}

// trayHost finds out whether Berth can have a tray icon: whether the session
// bus answers (Fyne's systray needs it, and panics on quit without it) and
// whether a tray host (an org.kde.StatusNotifierWatcher) is on it.
type trayHost interface {
	// Watch reports both now, then calls changed, from another goroutine,
	// each time a tray host appears or goes away, until ctx ends.
	Watch(ctx context.Context, changed func(present bool)) (bus, present bool)
}

var statusNotifierWatcher = i18n.Code("org.kde.StatusNotifierWatcher")

// dbusTrayHost asks the D-Bus session bus. On Windows and macOS the tray is
// always there.
type dbusTrayHost struct {
	timeout time.Duration // for connecting and asking
}

func (h dbusTrayHost) Watch(ctx context.Context, changed func(bool)) (bus, present bool) {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true, true
	}
	addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if addr == "" {
		return false, false
	}
	type answer struct {
		conn    *dbus.Conn
		sigs    chan *dbus.Signal
		present bool
		err     error
	}
	ch := make(chan answer, 1)
	go func() {
		var a answer
		a.conn, a.err = dbus.Connect(addr)
		if a.err == nil {
			// Listen before asking, so that no change in between is lost.
			a.err = a.conn.AddMatchSignal(
				dbus.WithMatchSender("org.freedesktop.DBus"),
				dbus.WithMatchObjectPath(dbus.ObjectPath("/org/freedesktop/DBus")),
				dbus.WithMatchInterface("org.freedesktop.DBus"),
				dbus.WithMatchMember("NameOwnerChanged"),
				dbus.WithMatchArg(0, statusNotifierWatcher))
		}
		if a.err == nil {
			a.sigs = make(chan *dbus.Signal, 8)
			a.conn.Signal(a.sigs)
			a.err = a.conn.BusObject().Call(i18n.Code("org.freedesktop.DBus.NameHasOwner"), 0, statusNotifierWatcher).Store(&a.present)
		}
		if a.err != nil && a.conn != nil {
			a.conn.Close()
		}
		ch <- a
	}()
	timer := time.NewTimer(h.timeout)
	defer timer.Stop()
	var a answer
	select {
	case a = <-ch:
	case <-timer.C:
		go func() { // the bus does not answer; close the connection if it ever does
			if a := <-ch; a.err == nil {
				a.conn.Close()
			}
		}()
		return false, false
	case <-ctx.Done():
		return false, false
	}
	if a.err != nil {
		return false, false
	}
	go func() {
		defer a.conn.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case s, ok := <-a.sigs:
				if !ok || s == nil {
					return
				}
				if len(s.Body) == 3 {
					if owner, ok := s.Body[2].(string); ok {
						changed(owner != "")
					}
				}
			}
		}
	}()
	return true, a.present
}
