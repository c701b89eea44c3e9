// Package gui is Berth's shell: the app, the main window with its tabs,
// shortcuts, status line and offline banner, the clock, the tray, the
// notifications and the settings. It wires the feature packages
// (gui/containers, gui/images, gui/run, gui/pull, gui/logs) to the engine
// client and the live state, implementing their Hosts.
package gui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"

	"berth/engine"
	engact "berth/engine/activity"
	"berth/gui/activity"
	"berth/gui/containers"
	"berth/gui/engines"
	"berth/gui/i18n"
	"berth/gui/images"
	"berth/gui/kit"
	"berth/gui/swarm"
)

// UI is Berth's user interface: the main window, its dialogs, the tray.
type UI struct {
	app    fyne.App
	client *engine.Client
	state  engine.State
	win    fyne.Window
	host   host

	ctx    context.Context // canceled when the UI shuts down
	cancel context.CancelFunc

	// do runs f on the UI goroutine: fyne.Do guarded by ctx, or a test's own loop.
	do      func(f func())
	now     func() time.Time
	openURL func(*url.URL) error

	containers *containers.View
	images     *images.View
	swarm      *swarm.View // nil until the engine says it manages a Swarm
	tabs       *tabs
	status     *statusBar
	banner     *offlineBanner
	tray       *tray // nil when the app is not a desktop app with a session bus
	notes      *notifier
	autostart  *autostart

	// log is what Berth did and saw done, as commands (the Activity tab).
	log      *engact.Log
	activity *activity.View
	// dialog is the question Berth asked last (tests answer it).
	dialog *kit.Dialog
	// compose is the compose stacks' API; nil: the berth-compose helper for the client's engine.
	compose engine.ComposeAPI

	// updates carries the store's changes to the UI goroutine, merged.
	updates *kit.Coalescer[update]
	unsub   func()
	snap    engine.Snapshot // the last snapshot applied (UI goroutine only)
	settled bool            // the first list has been applied (UI goroutine only)
	gen     int             // bumped when the window switches engines (UI goroutine only)

	// The engines the window can show (nil: only the one it started with).
	engineSet   *Engines
	enginesView *engines.View
	engineList  []engine.EngineEntry // for the tray's Engines submenu (UI goroutine only)
	stopConn    func()               // ends the shown engine's live state and client
	stopClock   func()               // ends the clock of the shown engine
	stopViews   func()               // ends the goroutines of the views built last
}

// update is one step of the store: the snapshot after it and what changed.
type update struct {
	snap engine.Snapshot
	ch   engine.Change
}

// options replace what tests need to control; zero values are Berth's own.
type options struct {
	do       func(func())
	now      func() time.Time
	trayHost trayHost
	notify   func(*fyne.Notification)
	openURL  func(*url.URL) error
	engines  *Engines
	stop     func()
}

// New builds the UI over an engine client and its live state (a running
// store). It does not show the window.
func New(a fyne.App, c *engine.Client, st engine.State) *UI {
	u := newUI(a, c, st, options{})
	u.runClock()
	return u
}

func newUI(a fyne.App, c *engine.Client, st engine.State, o options) *UI {
	ctx, cancel := context.WithCancel(context.Background())
	i18n.Setup(a.Preferences())
	u := &UI{app: a, state: st, ctx: ctx, cancel: cancel, do: o.do, now: o.now, openURL: o.openURL,
		engineSet: o.engines, stopConn: o.stop, stopClock: func() {}, stopViews: func() {}}
	// Every action the features take through the client is recorded as its command.
	u.log = engact.NewLog()
	u.client = engact.Wrap(c, u.log, u.containerName)
	u.host = host{u}
	if u.engineSet != nil && u.engineSet.Store != nil {
		u.enginesView = engines.New(u.host, u.engineSet.Store)
	}
	if u.do == nil {
		u.do = u.fyneDo
		a.Lifecycle().SetOnStopped(cancel)
	}
	if u.now == nil {
		u.now = time.Now
	}
	if u.openURL == nil {
		u.openURL = a.OpenURL
	}
	if o.trayHost == nil {
		o.trayHost = dbusTrayHost{timeout: 2 * time.Second}
	}
	if o.notify == nil {
		o.notify = a.SendNotification
	}
	u.win = a.NewWindow(i18n.T("shell.app"))
	u.win.Resize(fyne.NewSize(1280, 760))
	u.autostart = newAutostart()
	u.win.SetContent(u.buildMain())
	u.addShortcuts()
	u.setupHelp()
	u.notes = newNotifier(o.notify)
	u.setupTray(o.trayHost)
	u.follow()
	u.loadEngines()
	u.watchEngines()
	return u
}

// fyneDo runs f on Fyne's UI goroutine unless the UI is closed: once Fyne
// has stopped its loop, fyne.Do runs work on the caller's goroutine, with
// GLFW already gone, so nothing may reach Fyne after that.
func (u *UI) fyneDo(f func()) {
	if u.ctx.Err() != nil {
		return
	}
	fyne.Do(func() {
		if u.ctx.Err() == nil {
			f()
		}
	})
}

// containerName is the name of container (or network) id as the store knows it, "" if unknown.
func (u *UI) containerName(id string) string {
	snap := u.state.Snapshot()
	if c, ok := snap.Container(id); ok {
		return c.Name
	}
	for _, n := range snap.Networks { // a network's ID, for network rm and connect
		if n.ID == id {
			return n.Name
		}
	}
	return ""
}

// Activity is the log behind the Activity tab.
func (u *UI) Activity() *engact.Log { return u.log }

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowMain shows and raises the main window (UI goroutine).
func (u *UI) ShowMain() {
	u.win.Show()
	u.win.RequestFocus()
}

// Quit closes the UI and stops the app. It is safe from any goroutine (the
// signal handler calls it): the work runs on the UI goroutine, and not at
// all once the app has stopped. It stops Fyne's loop without closing the
// windows first, as Fyne's own SIGTERM handler does.
func (u *UI) Quit() {
	u.do(func() {
		u.Close()
		u.app.Driver().Quit()
	})
}

// Close releases what the UI holds (subscriptions, goroutines, streams);
// nothing reaches the widgets after it. Safe from any goroutine.
func (u *UI) Close() {
	if u.unsub != nil {
		u.unsub()
	}
	u.cancel()
	if u.stopConn != nil {
		stop := u.stopConn
		u.stopConn = nil
		stop()
	}
}

// follow subscribes to the store and applies its current state at once.
// Changes that arrive while the UI goroutine is busy are merged, so a burst
// of events costs one update of the views.
func (u *UI) follow() {
	gen := u.gen
	u.updates = kit.NewCoalescer(u.do, func(p, next update) update {
		// From an empty change: the store's slices are shared with other subscribers.
		return update{snap: next.snap, ch: engine.Change{}.Merge(p.ch).Merge(next.ch)}
	}, func(v update) {
		if gen == u.gen { // not an engine the window has switched away from
			u.apply(v.snap, v.ch)
		}
	})
	unsub := u.state.Subscribe(func(snap engine.Snapshot, ch engine.Change) {
		u.updates.Post(update{snap, ch})
	})
	unlog := engact.Follow(u.log, u.state)
	u.unsub = func() { unsub(); unlog(); u.activity.Close() }
	u.apply(u.state.Snapshot(), engine.Change{Full: true, Images: true, Reachability: true})
}

// apply hands a snapshot to every view, the status line, the banner, the
// tray and the notifications (UI goroutine).
func (u *UI) apply(snap engine.Snapshot, ch engine.Change) {
	if snap.Seq != 0 && snap.Seq <= u.snap.Seq {
		return // already shown
	}
	u.snap = snap
	u.followSwarm(snap)
	for _, t := range u.tabs.list {
		t.view.Apply(snap, ch)
	}
	u.status.apply(snap)
	u.banner.apply(snap)
	if u.tray != nil {
		u.tray.update(snap)
	}
	u.notes.observe(snap, ch)
	if !u.settled && snap.Reachable {
		u.settled = true
		u.traceReady()
		u.openLogsFromEnv(snap)
		// The first full list is the start-up's biggest burst of garbage
		// (the engine's JSON for every container). Hand that memory back
		// now rather than keep it for the life of an idle desktop app.
		go debug.FreeOSMemory()
	}
}

// traceReady prints "berth-ready rows=N" to stderr if BERTH_TRACE_READY=1:
// the Containers table shows the engine's containers for the first time.
// bench/window.sh times Berth's start-up with it.
func (u *UI) traceReady() {
	if os.Getenv("BERTH_TRACE_READY") == "1" {
		fmt.Fprintf(os.Stderr, i18n.Code("berth-ready rows=%d\n"), u.VisibleContainerRows())
	}
}

// openLogsFromEnv opens the logs window of the container named by
// BERTH_OPEN_LOGS, if set: bench/logs-memory.sh measures that window's memory.
func (u *UI) openLogsFromEnv(snap engine.Snapshot) {
	name := os.Getenv("BERTH_OPEN_LOGS")
	for _, c := range snap.Containers {
		if name != "" && c.Name == name {
			u.host.OpenLogs(c)
		}
	}
}

// SetFilter types s into the Containers filter, as the user would. Call it on
// the UI goroutine (or, in a test, while nothing else drives the UI).
func (u *UI) SetFilter(s string) { u.containers.SetFilter(s) }

// SetOnlyRunning sets the "Only running" toggle of the Containers view. Call
// it on the UI goroutine.
func (u *UI) SetOnlyRunning(on bool) { u.containers.SetOnlyRunning(on) }

// VisibleContainerRows is how many container rows the Containers table shows
// after the filter and the toggle.
func (u *UI) VisibleContainerRows() int { return u.containers.VisibleRows() }

// ContainerStatusText is the text the status cell of container id (full ID)
// shows: the engine's status ("Up 9 minutes") or an action in flight
// ("Stopping…"). ok is false when the container has no visible row.
func (u *UI) ContainerStatusText(id string) (text string, ok bool) {
	return u.containers.StatusText(id)
}
