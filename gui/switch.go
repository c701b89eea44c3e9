package gui

import (
	"context"

	"fyne.io/fyne/v2"

	"berth/engine"
	engact "berth/engine/activity"
	"berth/gui/engines"
	"berth/gui/i18n"
	"berth/gui/kit"
)

// Connection is one engine reached: its client, its live state (a running
// store) and how to end both.
type Connection struct {
	Client *engine.Client
	State  engine.State
	// Stop ends the live state and closes the client; it may block, and the
	// shell calls it off the UI goroutine. nil for nothing to stop.
	Stop func()
}

// Engines lets the window show every engine the user has, not only the one
// it started with. main wires it from engine/docker.
type Engines struct {
	// Store is the docker CLI's context store.
	Store engine.EndpointStore
	// Connect builds the client of ep and starts its live state. It must not
	// wait for the engine (the window shows "Connecting…" until it answers).
	Connect func(ep engine.Endpoint) Connection
	// Probe asks the engine of ep for its info, bounded by ctx.
	Probe func(ctx context.Context, ep engine.Endpoint) (engine.Info, error)
	// Changes, when set, reports changes of the context store made outside
	// Berth (`docker context create`, `use`, `rm` in a terminal) until ctx ends.
	Changes func(ctx context.Context) <-chan struct{}
}

// NewWithEngines builds the UI over a first connection, with the Engines
// tab and the tray's Engines submenu to show the others. It does not show
// the window.
func NewWithEngines(a fyne.App, first Connection, e Engines) *UI {
	u := newUI(a, first.Client, first.State, options{engines: &e, stop: first.Stop})
	u.runClock()
	return u
}

// Switch shows the engine of ep in the window and the tray (UI goroutine):
// the views are built again over its client, the old engine's live state
// ends, and nothing of it reaches the new views.
func (u *UI) Switch(ep engine.Endpoint) {
	if u.engineSet == nil || engines.Same(ep, u.client.Endpoint) {
		return
	}
	conn := u.engineSet.Connect(ep)
	oldStop := u.stopConn
	if u.unsub != nil {
		u.unsub()
	}
	u.stopClock()
	u.gen++ // updates of the old engine still queued are dropped
	u.client, u.state, u.stopConn = engact.Wrap(conn.Client, u.log, u.containerName), conn.State, conn.Stop
	u.snap = engine.Snapshot{}
	u.notes = newNotifier(u.notes.sendFn)
	u.rebuildViews()
	u.runClock()
	if u.tray != nil {
		u.tray.update(u.snap)
	}
	if oldStop != nil {
		go oldStop()
	}
}

// rebuildViews builds the window's views again (the engine changed, or a
// setting that shapes them), keeping the tab in front (UI goroutine).
func (u *UI) rebuildViews() {
	u.snap = engine.Snapshot{} // the new views have shown nothing yet
	selected := u.tabs.tabs.SelectedIndex()
	u.win.SetContent(u.buildMain())
	u.tabs.tabs.SelectIndex(selected)
	u.follow()
}

// languageChanged builds the window's content (tabs, status line, banner),
// its title and menu, and the tray menu again in the language i18n speaks
// now (UI goroutine; the language setting has called i18n.Use). Other open
// windows keep their words until they open again, as the setting says.
func (u *UI) languageChanged(string) {
	u.status.hideSettings()
	u.win.SetTitle(i18n.T("shell.app"))
	if u.unsub != nil {
		u.unsub()
	}
	u.gen++
	if u.enginesView != nil {
		u.enginesView = engines.New(u.host, u.engineSet.Store)
	}
	u.rebuildViews()
	u.setupHelp()
}

// usageKey is the preference of the CPU and memory columns (off: at the
// default window size the Actions column then still fits).
var usageKey = i18n.Code("containers.usage")

// newUsageCheck is the status line's "CPU and memory" setting.
func (u *UI) newUsageCheck() *kit.Check {
	c := kit.NewCheck(i18n.T("shell.setting.usage"), nil)
	c.Checked = u.app.Preferences().Bool(usageKey)
	c.OnChanged = func(on bool) {
		if on == u.app.Preferences().Bool(usageKey) {
			return
		}
		u.app.Preferences().SetBool(usageKey, on)
		if u.unsub != nil {
			u.unsub()
		}
		u.gen++
		u.rebuildViews()
	}
	return c
}

// Current is the endpoint the window shows.
func (u *UI) Current() engine.Endpoint { return u.client.Endpoint }

// watchEngines re-reads the engine list (the Engines tab, the tray) when
// the docker CLI's context store changes.
func (u *UI) watchEngines() {
	if u.engineSet == nil || u.engineSet.Changes == nil {
		return
	}
	ch := u.engineSet.Changes(u.ctx)
	if ch == nil {
		return
	}
	go func() {
		for {
			select {
			case <-u.ctx.Done():
				return
			case <-ch:
				u.do(func() {
					if u.enginesView != nil && u.enginesView.Opened() {
						u.enginesView.Refresh() // the tray follows through EnginesChanged
					} else {
						u.loadEngines()
					}
				})
			}
		}
	}()
}

// loadEngines reads the engine list for the tray's submenu, off the UI goroutine.
func (u *UI) loadEngines() {
	if u.engineSet == nil || u.engineSet.Store == nil {
		return
	}
	st := u.engineSet.Store
	go func() {
		list, err := st.List()
		if err != nil {
			return
		}
		u.do(func() { u.setEngineList(list) })
	}()
}

// setEngineList keeps the engine list and refreshes the tray (UI goroutine).
func (u *UI) setEngineList(list []engine.EngineEntry) {
	u.engineList = list
	if u.tray != nil {
		u.tray.update(u.snap)
	}
}
