package gui

import (
	"context"
	"net/url"
	"time"

	"fyne.io/fyne/v2"

	"berth/engine"
	enginecompose "berth/engine/compose"
	"berth/gui/compose"
	"berth/gui/containers"
	"berth/gui/images"
	"berth/gui/kit"
	"berth/gui/logs"
	"berth/gui/pull"
	"berth/gui/run"
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
	_ compose.Host    = host{}
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

// composeAPI is the compose stacks' API: the berth-compose helper for the engine Berth shows.
func (h host) composeAPI() engine.ComposeAPI {
	if h.u.compose != nil {
		return h.u.compose
	}
	return enginecompose.New(h.u.client.Endpoint)
}

// OpenComposeUp opens the compose up dialog.
func (h host) OpenComposeUp() { compose.Open(h, h.composeAPI(), "") }

// Stacks is compose down for the compose headers of the Containers tab.
func (h host) Stacks() containers.Stacks { return h.composeAPI() }
