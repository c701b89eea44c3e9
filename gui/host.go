package gui

import (
	"context"
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	engact "berth/engine/activity"
	enginecompose "berth/engine/compose"
	"berth/gui/activity"
	"berth/gui/compose"
	"berth/gui/containers"
	"berth/gui/details"
	"berth/gui/disk"
	"berth/gui/engines"
	"berth/gui/i18n"
	"berth/gui/imagedetails"
	"berth/gui/images"
	"berth/gui/kit"
	"berth/gui/logs"
	"berth/gui/networks"
	"berth/gui/present"
	"berth/gui/pull"
	"berth/gui/rebuild"
	"berth/gui/run"
	"berth/gui/stats"
	"berth/gui/swarm"
	"berth/gui/terminal"
	"berth/gui/volumes"
)

// host is the shell as the features see it: it implements the Host of
// every feature package.
type host struct{ u *UI }

var (
	_ containers.Host   = host{}
	_ images.Host       = host{}
	_ run.Host          = host{}
	_ pull.Host         = host{}
	_ logs.Host         = host{}
	_ engines.Host      = host{}
	_ swarm.Host        = host{}
	_ disk.Host         = host{}
	_ imagedetails.Host = host{}
	_ details.Host      = host{}
	_ rebuild.Host      = host{}
	_ volumes.Host      = host{}
	_ networks.Host     = host{}
	_ compose.Host      = host{}
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
		h.u.tabs.show(i18n.Code("Containers"))
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

// OpenImageDetails opens the details window of the image ref.
func (h host) OpenImageDetails(ref string) { imagedetails.Open(h, h.u.client.ImageDetails, ref) }

// OpenDetails opens the details window of c with tab in front ("" for
// the overview), or brings its open window forward.
func (h host) OpenDetails(c engine.Container, tab string) {
	details.Open(h, details.API{Inspect: h.u.client.Inspect, Files: h.u.client.Files}, c, tab)
}

// Panes are the shell's tabs in a container's details window: terminal,
// stats, processes and history; each opens its stream only while shown.
func (h host) Panes(c engine.Container) []details.NamedPane {
	return []details.NamedPane{
		// English names: the details window finds a pane by its name
		// (`berth show NAME terminal`) and words its tab title itself.
		{Name: i18n.Code("Terminal"), Pane: terminal.NewPane(h, h.u.client.Exec, c)},
		{Name: i18n.Code("Stats"), Pane: stats.NewPane(h, h.u.client.Stats, c)},
		{Name: i18n.Code("Processes"), Pane: stats.NewProcesses(h, h.u.client.Stats, c)},
		{Name: i18n.Code("History"), Pane: activity.HistoryPane(h, h.u.client.History, c)},
		{Name: rebuild.Title, Pane: rebuild.NewPane(h, h.u.client.Inspect, h.u.client.ImageDetails, c)},
	}
}

// RunCopy opens the run dialog filled from an existing container ("Run a copy…").
func (h host) RunCopy(spec engine.RunSpec) {
	h.u.ShowMain()
	run.OpenSpec(h, h.u.client.Containers, h.u.client.Images, spec)
}

// OpenProjectLogs opens the merged log of a compose project's containers
// (those of the current snapshot with its com.docker.compose.project
// label); nothing when it has none.
func (h host) OpenProjectLogs(project string) {
	var cs []engine.Container
	for _, c := range h.u.snap.Containers {
		if c.Labels["com.docker.compose.project"] == project {
			cs = append(cs, c)
		}
	}
	if len(cs) > 0 {
		logs.OpenProject(h, h.u.client.Logs, project, cs)
	}
}

// composeAPI is the compose stacks' API: the berth-compose helper for the engine Berth shows.
// Its up and down are recorded in the activity log.
func (h host) composeAPI() engine.ComposeAPI {
	api := h.u.compose
	if api == nil {
		api = enginecompose.New(h.u.client.Endpoint)
	}
	return engact.WrapCompose(api, h.u.log)
}

// OpenComposeUp opens the compose up dialog.
func (h host) OpenComposeUp() { compose.Open(h, h.composeAPI(), "") }

// Stacks is compose down for the compose headers of the Containers tab.
func (h host) Stacks() containers.Stacks { return h.composeAPI() }

// ConnectNetwork asks which network to connect c to (its details' Overview).
func (h host) ConnectNetwork(c engine.Container) {
	networks.ConnectDialog(h, h.u.client.Networks, c.ID)
}

// DisconnectNetwork asks, then disconnects c from network.
func (h host) DisconnectNetwork(c engine.Container, network string) {
	api, name := h.u.client.Networks, present.ContainerLabel(c)
	h.Ask(kit.Question{Title: i18n.T("shell.disconnect.title", "Network", network),
		Message: i18n.T("shell.disconnect.text", "Name", name, "Network", network),
		Choices: []kit.Choice{kit.Cancel(), {Text: i18n.T("shell.disconnect.yes"), Importance: widget.DangerImportance, Run: func() {
			go func() {
				if err := api.NetworkDisconnect(h.u.ctx, network, c.ID); err != nil {
					h.Do(func() {
						h.Ask(kit.ErrorQuestion(i18n.T("shell.disconnect.failed", "Name", name, "Network", network), err))
					})
				}
			}()
		}}}})
}

var _ details.NetworkHost = host{}
