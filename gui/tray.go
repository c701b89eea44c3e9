package gui

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/godbus/dbus/v5"

	"berth/assets"
	"berth/engine"
)

// trayMaxContainers caps the Containers submenu; the rest are one "… more" item.
const trayMaxContainers = 25

// deskState is what the tray, the notifications and the settings keep per UI.
// UI has no field for it, so it lives in a map keyed by the UI and is dropped
// when the UI closes.
type deskState struct {
	tray      *tray // nil when the app is not a desktop.App
	notes     *notifier
	autostart *autostart
}

var (
	desksMu sync.Mutex
	desks   = map[*UI]*deskState{}
)

// desk returns u's desktop state, making it on first use.
func (u *UI) desk() *deskState {
	desksMu.Lock()
	defer desksMu.Unlock()
	d, ok := desks[u]
	if !ok {
		d = &deskState{}
		desks[u] = d
		context.AfterFunc(u.ctx, func() {
			desksMu.Lock()
			delete(desks, u)
			desksMu.Unlock()
		})
	}
	return d
}

// setupTray sets the app and window icons, starts the notifications and, when
// the app is a desktop app whose session bus answers, installs the tray icon
// and menu. New calls it before the app runs: Fyne starts the tray only if its
// menu is set before Run.
func (u *UI) setupTray() {
	u.app.SetIcon(assets.Icon)
	u.win.SetIcon(assets.Icon)
	u.desk().autostart = newAutostart()
	u.setupNotifications()

	desk, ok := u.app.(desktop.App)
	if !ok || u.store == nil {
		return
	}
	t := newTray(u, desk)
	u.desk().tray = t
	u.win.SetCloseIntercept(t.closeWindow)

	bus, present := newTrayHost().Watch(u.ctx, func(present bool) {
		u.do(func() { t.setHost(present) })
	})
	t.setHost(present)
	if !bus {
		// No session bus: Fyne's systray would panic on quit without one,
		// so there is no tray and closing the window quits.
		return
	}
	// Subscribe first: start shows the snapshot of that moment and update
	// skips anything older.
	cancel := u.store.Subscribe(func(snap engine.Snapshot, _ engine.Change) {
		u.do(func() { t.update(snap) })
	})
	context.AfterFunc(u.ctx, cancel)
	t.start()
}

// StartInTray is for a start at login (`berth --hidden`): it leaves the main
// window hidden when a tray host shows Berth's icon, and shows it otherwise.
// It reports whether Berth stays in the tray.
func (u *UI) StartInTray() bool {
	if t := u.desk().tray; t != nil && t.hideToTray() {
		return true
	}
	u.ShowMain()
	return false
}

// trayEngine is what the tray asks of the engine.
type trayEngine interface {
	Stop(ctx context.Context, id string, timeout *time.Duration) error
	Restart(ctx context.Context, id string, timeout *time.Duration) error
}

// tray is Berth's system tray icon and menu. It runs on the UI goroutine; its
// mutex only matters to tests, where fyne.Do runs on the caller's goroutine.
type tray struct {
	u       *UI
	desk    desktop.App
	eng     trayEngine
	openURL func(*url.URL) error
	notify  func(title, content string) // failures of tray actions: there is no window to show them in
	refresh func()                      // re-exports the menu to the tray host (menu.Refresh)

	mu          sync.Mutex
	menu        *fyne.Menu    // handed to the tray once; its items are swapped on change
	model       trayModel     // what the menu shows now
	seq         uint64        // the store sequence number model was built from
	off         bool          // the icon shows the engine as unreachable
	started     bool          // the menu has been handed to the app
	refreshGap  time.Duration // the least time between two menu refreshes
	lastRefresh time.Time
	pending     *trayModel // waits for refreshGap to pass
	timer       bool       // a flush is scheduled
	host        bool       // a tray host is present: closing the window hides it
	hiddenByUs  bool       // the window was hidden to the tray
}

func newTray(u *UI, desk desktop.App) *tray {
	t := &tray{u: u, desk: desk, eng: u.eng, openURL: u.openURL, menu: fyne.NewMenu("Berth"), refreshGap: time.Second}
	t.notify = func(title, content string) {
		if n := u.desk().notes; n != nil {
			n.send(&fyne.Notification{Title: title, Content: content})
		}
	}
	t.refresh = t.menu.Refresh
	return t
}

// start hands the icon and the menu to the app.
func (t *tray) start() {
	snap := t.u.store.Snapshot()
	t.mu.Lock()
	t.model, t.seq = t.modelOf(snap), snap.Seq
	t.menu.Items = t.menuFor(t.model).Items
	t.off = t.model.off
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

// update follows the store: it swaps the menu's items and the icon only when
// what they show changed.
func (t *tray) update(snap engine.Snapshot) {
	t.mu.Lock()
	if !t.started || snap.Seq < t.seq {
		t.mu.Unlock()
		return
	}
	t.seq = snap.Seq
	t.mu.Unlock()
	t.show(t.modelOf(snap))
}

// show applies a model: the icon at once if it changed, new menu items if
// anything in the menu changed, but no more often than refreshGap. Fyne
// rebuilds the whole tray menu on each refresh, with new item IDs, and a
// tray host empties the submenus it has open when that happens; an engine
// busy creating and removing containers would make the menu unusable.
func (t *tray) show(m trayModel) {
	t.mu.Lock()
	iconChanged := m.off != t.off
	t.off = m.off
	icon := t.icon()
	menuChanged := !m.equal(t.model)
	t.pending = nil
	if menuChanged {
		if wait := time.Until(t.lastRefresh.Add(t.refreshGap)); wait > 0 {
			t.pending = &m
			if !t.timer {
				t.timer = true
				time.AfterFunc(wait, func() { t.u.do(t.flush) })
			}
			menuChanged = false
		} else {
			t.setModel(m)
		}
	}
	refresh := t.refresh
	t.mu.Unlock()
	if iconChanged {
		t.desk.SetSystemTrayIcon(icon)
	}
	if menuChanged {
		refresh()
	}
}

// flush applies the model that waited for refreshGap.
func (t *tray) flush() {
	t.mu.Lock()
	t.timer = false
	m := t.pending
	t.pending = nil
	if m != nil && t.u.ctx.Err() == nil {
		t.setModel(*m)
	}
	refresh := t.refresh
	t.mu.Unlock()
	if m != nil {
		refresh()
	}
}

// setModel swaps the menu's items; t.mu is held.
func (t *tray) setModel(m trayModel) {
	t.model = m
	t.menu.Items = t.menuFor(m).Items
	t.lastRefresh = time.Now()
}

// items returns the menu's current items (for tests).
func (t *tray) items() []*fyne.MenuItem {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.menu.Items
}

// autostartChanged re-reads the setting after something changed it.
func (t *tray) autostartChanged() {
	t.mu.Lock()
	started := t.started
	t.mu.Unlock()
	if started {
		snap := t.u.store.Snapshot()
		t.show(t.modelOf(snap))
	}
}

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
	t.u.app.Quit()
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
}

// trayContainer is one running container in the Containers submenu.
type trayContainer struct {
	id, label string
	url       string // first published port, "" if none
}

func (m trayModel) equal(o trayModel) bool {
	return m.status == o.status && m.off == o.off && m.connecting == o.connecting && m.more == o.more &&
		m.autostart == o.autostart && m.canAutostart == o.canAutostart && slices.Equal(m.containers, o.containers)
}

// modelOf derives what the tray shows from a store snapshot.
func (t *tray) modelOf(snap engine.Snapshot) trayModel {
	m := trayModel{status: trayStatus(snap), connecting: !snap.Reachable && snap.Seq == 0}
	m.off = !snap.Reachable && !m.connecting
	if a := t.u.desk().autostart; a != nil && a.Supported() {
		m.canAutostart, m.autostart = true, a.Enabled()
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
			label += " (paused)"
		case engine.StateRestarting:
			label += " (restarting)"
		}
		m.containers = append(m.containers, trayContainer{id: c.ID, label: label, url: browserURL(c.Ports)})
	}
	return m
}

// trayStatus is the status line: "Engine running · 3 of 5 containers up".
func trayStatus(snap engine.Snapshot) string {
	if !snap.Reachable {
		if snap.Seq == 0 {
			return "Connecting to the engine…"
		}
		return "Engine not reachable"
	}
	total, up := len(snap.Containers), 0
	for _, c := range snap.Containers {
		if c.Running() {
			up++
		}
	}
	switch total {
	case 0:
		return "Engine running · no containers"
	case 1:
		return fmt.Sprintf("Engine running · %d of 1 container up", up)
	}
	return fmt.Sprintf("Engine running · %d of %d containers up", up, total)
}

// browserURL is the address of a container's first published TCP port:
// http://localhost:PORT, or the bound IP when it is bound to one.
func browserURL(ports []engine.PortBinding) string {
	for _, p := range ports {
		if p.HostPort == 0 || (p.Proto != "" && p.Proto != "tcp") {
			continue
		}
		host := "localhost"
		if ip := net.ParseIP(p.HostIP); ip != nil && !ip.IsUnspecified() {
			host = p.HostIP
		}
		return "http://" + net.JoinHostPort(host, strconv.Itoa(int(p.HostPort)))
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
		items = append(items, &fyne.MenuItem{Label: "Reconnect now", Action: t.u.store.Reconnect})
	}
	items = append(items, &fyne.MenuItem{Label: "Open Berth", Action: t.openMain})
	containers := &fyne.MenuItem{Label: "Containers", ChildMenu: fyne.NewMenu("Containers"), Disabled: m.off || m.connecting}
	for _, c := range m.containers {
		containers.ChildMenu.Items = append(containers.ChildMenu.Items, t.containerItem(c))
	}
	if m.more > 0 {
		containers.ChildMenu.Items = append(containers.ChildMenu.Items, fyne.NewMenuItemSeparator(),
			&fyne.MenuItem{Label: fmt.Sprintf("%d more in Berth…", m.more), Action: t.openMain})
	}
	if len(containers.ChildMenu.Items) == 0 {
		containers.ChildMenu.Items = []*fyne.MenuItem{{Label: "No running containers", Disabled: true}}
	}
	items = append(items,
		containers,
		&fyne.MenuItem{Label: "Run image…", Action: t.runImage},
		fyne.NewMenuItemSeparator(),
	)
	if m.canAutostart {
		items = append(items,
			&fyne.MenuItem{Label: "Start at login", Checked: m.autostart, Action: t.toggleAutostart},
			fyne.NewMenuItemSeparator())
	}
	items = append(items, &fyne.MenuItem{Label: "Quit Berth", IsQuit: true, Action: t.quit})
	return fyne.NewMenu("Berth", items...)
}

// containerItem is one running container: a submenu of what can be done to it.
func (t *tray) containerItem(c trayContainer) *fyne.MenuItem {
	sub := fyne.NewMenu(c.label,
		&fyne.MenuItem{Label: "Stop", Action: func() { t.act("stop", c, t.eng.Stop) }},
		&fyne.MenuItem{Label: "Restart", Action: func() { t.act("restart", c, t.eng.Restart) }},
	)
	if c.url != "" {
		u := c.url
		sub.Items = append(sub.Items, &fyne.MenuItem{
			Label:  "Open " + strings.TrimPrefix(u, "http://") + " in browser",
			Action: func() { t.open(u) },
		})
	}
	return &fyne.MenuItem{Label: c.label, ChildMenu: sub}
}

// act runs an engine action off the UI goroutine; a failure becomes a notification.
func (t *tray) act(verb string, c trayContainer, fn func(context.Context, string, *time.Duration) error) {
	ctx := t.u.ctx
	go func() {
		if err := fn(ctx, c.id, nil); err != nil && ctx.Err() == nil {
			t.notify("Could not "+verb+" "+c.label, engine.Explain(err))
		}
	}()
}

func (t *tray) open(raw string) {
	u, err := url.Parse(raw)
	if err == nil {
		err = t.openURL(u)
	}
	if err != nil {
		t.notify("Could not open "+raw, err.Error())
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
	t.u.OpenRun("")
}

func (t *tray) toggleAutostart() {
	a := t.u.desk().autostart
	if a == nil {
		return
	}
	if err := a.Set(!a.Enabled()); err != nil {
		t.notify("Could not change “Start at login”", err.Error())
	}
	t.autostartChanged()
}

func (t *tray) quit() { t.u.Quit() }

// trayHost finds out whether Berth can have a tray icon: whether the session
// bus answers (Fyne's systray needs it, and panics on quit without it) and
// whether a tray host (an org.kde.StatusNotifierWatcher) is on it.
type trayHost interface {
	// Watch reports both now, then calls changed, from another goroutine,
	// each time a tray host appears or goes away, until ctx ends.
	Watch(ctx context.Context, changed func(present bool)) (bus, present bool)
}

// newTrayHost makes the detector setupTray uses; tests replace it.
var newTrayHost = func() trayHost { return dbusTrayHost{timeout: 2 * time.Second} }

const statusNotifierWatcher = "org.kde.StatusNotifierWatcher"

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
				dbus.WithMatchObjectPath("/org/freedesktop/DBus"),
				dbus.WithMatchInterface("org.freedesktop.DBus"),
				dbus.WithMatchMember("NameOwnerChanged"),
				dbus.WithMatchArg(0, statusNotifierWatcher))
		}
		if a.err == nil {
			a.sigs = make(chan *dbus.Signal, 8)
			a.conn.Signal(a.sigs)
			a.err = a.conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, statusNotifierWatcher).Store(&a.present)
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
