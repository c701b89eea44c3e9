// Package gui is Berth's Fyne front end. It sees the engine only through
// interfaces, so tests can run it against the real engine or a fake.
package gui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"berth/engine"
)

// Store is what the views need from the live state: a snapshot and change
// notifications (called off the UI goroutine; views apply them with fyne.Do).
type Store interface {
	Snapshot() engine.Snapshot
	Subscribe(fn func(engine.Snapshot, engine.Change)) (cancel func())
	Reconnect()
}

// UI is Berth's user interface: the main window, its dialogs, the tray.
type UI struct {
	app   fyne.App
	eng   engine.Engine
	store Store
	win   fyne.Window

	ctx    context.Context // canceled when the UI shuts down
	cancel context.CancelFunc

	// do runs f on the UI goroutine: fyne.Do, or a test's own loop.
	do func(f func())
	// now is the clock behind "9 minutes ago"; tests fix it.
	now func() time.Time
	// openURL opens a published port in the browser.
	openURL func(*url.URL) error
	// openRun and openPull open the run and pull dialogs (OpenRun, OpenPull;
	// tests watch them).
	openRun, openPull func(string)

	settled bool // the first full list has been applied (UI goroutine only)

	// snap is the last snapshot applied to the views (UI goroutine only).
	snap engine.Snapshot

	tabs       *tabsView
	containers *containersView
	images     *imagesView
	status     *statusBar
	banner     *offlineBanner
	// dialog is the dialog Berth showed last (for tests and for Escape).
	dialog *mainDialog

	pendMu    sync.Mutex
	pend      engine.Change
	pendSnap  engine.Snapshot
	pendQueue bool
	unsub     func()
}

// uiOptions replace what tests need to control.
type uiOptions struct {
	do  func(func())
	now func() time.Time
}

// New builds the UI over an engine and a running store. It does not show the window.
func New(a fyne.App, eng engine.Engine, store Store) *UI {
	u := newUI(a, eng, store, uiOptions{})
	u.runClock()
	return u
}

func newUI(a fyne.App, eng engine.Engine, store Store, o uiOptions) *UI {
	ctx, cancel := context.WithCancel(context.Background())
	u := &UI{app: a, eng: eng, store: store, ctx: ctx, cancel: cancel, do: o.do, now: o.now}
	if u.do == nil {
		// Once the UI is closed (Berth is quitting) nothing more reaches the
		// widgets: after Fyne stops its loop, fyne.Do runs work on the
		// caller's goroutine, with GLFW already gone.
		u.do = func(f func()) {
			if u.ctx.Err() != nil {
				return
			}
			fyne.Do(func() {
				if u.ctx.Err() == nil {
					f()
				}
			})
		}
		a.Lifecycle().SetOnStopped(cancel)
	}
	if u.now == nil {
		u.now = time.Now
	}
	u.openURL = a.OpenURL
	u.openRun, u.openPull = u.OpenRun, u.OpenPull
	u.win = a.NewWindow("Berth")
	u.win.Resize(fyne.NewSize(1280, 760))
	u.win.SetContent(u.buildMain())
	u.addShortcuts()
	u.follow()
	u.setupTray()
	u.status.addSetting(u.newAutostartCheck())
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowMain shows and raises the main window.
func (u *UI) ShowMain() {
	u.win.Show()
	u.win.RequestFocus()
}

// Quit closes the UI, then quits the app.
func (u *UI) Quit() {
	u.Close()
	u.app.Quit()
}

// Close releases what the UI holds (subscriptions, goroutines).
func (u *UI) Close() {
	if u.unsub != nil {
		u.unsub()
	}
	u.cancel()
}

// follow subscribes to the store and applies its current state at once.
// Changes that arrive while the UI goroutine is busy are merged, so a burst
// of events costs one update of the views.
func (u *UI) follow() {
	u.unsub = u.store.Subscribe(u.storeChanged)
	u.apply(u.store.Snapshot(), engine.Change{Full: true, Images: true, Reachability: true})
}

// storeChanged runs on the store's goroutine.
func (u *UI) storeChanged(snap engine.Snapshot, ch engine.Change) {
	u.pendMu.Lock()
	u.pendSnap = snap
	p := &u.pend
	p.Full = p.Full || ch.Full
	p.Images = p.Images || ch.Images
	p.Reachability = p.Reachability || ch.Reachability
	p.Containers = append(p.Containers, ch.Containers...)
	p.Removed = append(p.Removed, ch.Removed...)
	queued := u.pendQueue
	u.pendQueue = true
	u.pendMu.Unlock()
	if !queued {
		u.do(u.applyPending)
	}
}

func (u *UI) applyPending() {
	u.pendMu.Lock()
	snap, ch := u.pendSnap, u.pend
	u.pend, u.pendSnap, u.pendQueue = engine.Change{}, engine.Snapshot{}, false
	u.pendMu.Unlock()
	if u.ctx.Err() != nil {
		return
	}
	u.apply(snap, ch)
}

// apply hands a snapshot to every view (UI goroutine).
func (u *UI) apply(snap engine.Snapshot, ch engine.Change) {
	if snap.Seq != 0 && snap.Seq <= u.snap.Seq {
		return // already shown
	}
	u.snap = snap
	u.containers.apply(snap, ch)
	u.images.apply(snap, ch)
	u.status.apply(snap)
	u.banner.apply(snap)
	if !u.settled && snap.Reachable {
		u.settled = true
		u.traceReady()
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
		fmt.Fprintf(os.Stderr, "berth-ready rows=%d\n", u.VisibleContainerRows())
	}
}

// SetFilter types s into the Containers filter, as the user would. Call it on
// the UI goroutine (or, in a test, while nothing else drives the UI).
func (u *UI) SetFilter(s string) { u.containers.filter.SetText(s) }

// SetOnlyRunning sets the "Only running" toggle of the Containers view. Call
// it on the UI goroutine.
func (u *UI) SetOnlyRunning(on bool) { u.containers.onlyRunning.SetChecked(on) }

// VisibleContainerRows is how many container rows the Containers table shows
// after the filter and the toggle (compose group headers not counted). Safe
// from any goroutine.
func (u *UI) VisibleContainerRows() int { return u.containers.visibleCount() }

// ContainerStatusText is the text the status cell of container id (full ID)
// shows: the engine's status ("Up 9 minutes") or an action in flight
// ("Stopping…"). ok is false when the container has no visible row. Safe
// from any goroutine.
func (u *UI) ContainerStatusText(id string) (text string, ok bool) {
	return u.containers.statusText(id)
}
