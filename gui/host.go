package gui

import (
	"context"
	"net/url"
	"time"

	"fyne.io/fyne/v2"

	"berth/engine"
	"berth/gui/containers"
	"berth/gui/engines"
	"berth/gui/images"
	"berth/gui/kit"
	"berth/gui/logs"
	"berth/gui/networks"
	"berth/gui/pull"
	"berth/gui/run"
	"berth/gui/swarm"
	"berth/gui/volumes"
)

// host is the shell as the features see it: it implements the Host of
// every feature package.
type host struct{ u *UI }

var (
	_ containers.Host = host{}
	_ images.Host     = host{}
	_ run.Host        = host{}
	_ pull.Host       = host{}
	_ logs.Host       = host{}
	_ volumes.Host    = host{}
	_ networks.Host   = host{}
	_ engines.Host    = host{}
	_ swarm.Host      = host{}
)

func (h host) Do(f func())              { h.u.do(f) }
func (h host) Now() time.Time           { return h.u.now() }
func (h host) Window() fyne.Window      { return h.u.win }
func (h host) Context() context.Context { return h.u.ctx }
func (h host) App() fyne.App            { return h.u.app }
func (h host) State() engine.State      { return h.u.state }
func (h host) ShowMain()                { h.u.ShowMain() }
func (h host) OpenURL(u *url.URL) error { return h.u.openURL(u) }

// Ask shows q over the main window and keeps it as the last dialog.
func (h host) Ask(q kit.Question) { h.u.dialog = kit.ShowQuestion(h.u.win, q) }

// Shortcut runs s if it is one of the window's shortcuts.
func (h host) Shortcut(s fyne.Shortcut) bool { return h.u.windowShortcut(s) }

// OpenRun opens the run dialog for image ("" for none yet).
func (h host) OpenRun(image string) {
	run.Open(h, h.u.client.Containers, h.u.client.Images, image)
}

// OpenPull opens the pull dialog for ref.
func (h host) OpenPull(ref string) { pull.Open(h, h.u.client.Images, ref) }

// OpenLogs opens the logs window of c.
func (h host) OpenLogs(c engine.Container) { logs.Open(h, h.u.client.Logs, c) }

// Preferences are the app's preferences (the volumes' helper image).
func (h host) Preferences() fyne.Preferences { return h.u.app.Preferences() }

// OpenContainer shows the container with full ID id: the Containers tab,
// filtered to its name.
func (h host) OpenContainer(id string) {
	if c, ok := h.u.state.Snapshot().Container(id); ok {
		h.u.tabs.show("Containers")
		h.u.containers.SetFilter(c.Name)
	}
}

// Current is the endpoint the window shows.
func (h host) Current() engine.Endpoint { return h.u.client.Endpoint }

// Switch shows another engine in the window and the tray.
func (h host) Switch(ep engine.Endpoint) { h.u.Switch(ep) }

// Probe asks the engine of ep for its info (Engines view, add-engine dialog).
func (h host) Probe(ctx context.Context, ep engine.Endpoint) (engine.Info, error) {
	if h.u.engineSet == nil || h.u.engineSet.Probe == nil {
		return engine.Info{}, &engine.Error{Kind: engine.ErrEndpoint, Ref: ep.Host}
	}
	return h.u.engineSet.Probe(ctx, ep)
}

// EnginesChanged has the tray's Engines submenu follow the Engines view.
func (h host) EnginesChanged() {
	if h.u.enginesView != nil {
		h.u.setEngineList(h.u.enginesView.Entries())
	}
}
