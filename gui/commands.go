package gui

import (
	"slices"
	"strconv"
	"strings"

	"berth/engine"
	"berth/gui/details"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/logs"
	"berth/instance"
)

// Post hands cmd (from the command line, `berth logs NAME`) to Handle on
// the UI goroutine. It is safe from any goroutine. Once the UI is closing
// it returns instance.ErrNotRunning (the sender then starts its own Berth).
func (u *UI) Post(cmd instance.Command) error {
	if u.ctx.Err() != nil {
		return instance.ErrNotRunning
	}
	u.do(func() { u.Handle(cmd) })
	return nil
}

// Handle runs a command from the command line (UI goroutine): "logs NAME"
// opens the log of the container named (or of that ID, or the merged log
// of that compose project) in front. Unknown verbs and containers are
// told in a dialog.
func (u *UI) Handle(cmd instance.Command) {
	switch cmd.Verb {
	case "logs":
		u.handleLogs(cmd.Args)
	case "show":
		u.handleShow(cmd.Args)
	case "tab":
		u.handleTab(cmd.Args)
	case "image":
		u.handleImage(cmd.Args)
	case "compose":
		u.handleCompose(cmd.Args)
	case "tutorial":
		u.handleTutorial()
	default:
		u.commandFailed(i18n.T("shell.cmd.unknown"), i18n.T("shell.cmd.unknown.text", "Verb", strconv.Quote(cmd.Verb)))
	}
}

func (u *UI) handleLogs(args []string) {
	if len(args) != 1 || args[0] == "" {
		u.commandFailed(i18n.T("shell.cmd.logs"), i18n.T("shell.cmd.logs.text"))
		return
	}
	ref := args[0]
	api := u.client.Containers
	go func() {
		// The engine's own list: the window may not have had its first one yet.
		cs, err := api.ContainerList(u.ctx, true)
		u.do(func() {
			if err != nil {
				u.ShowMain()
				u.host.Ask(kit.ErrorQuestion(i18n.T("shell.cmd.logsOf", "Ref", ref), err))
				return
			}
			if c, ok := findContainer(cs, ref); ok {
				logs.Open(u.host, u.client.Logs, c).Raise()
				return
			}
			var project []engine.Container
			for _, c := range cs {
				if c.Labels["com.docker.compose.project"] == ref {
					project = append(project, c)
				}
			}
			if len(project) > 0 {
				logs.OpenProject(u.host, u.client.Logs, ref, project).Raise()
				return
			}
			u.commandFailed(i18n.T("shell.cmd.logsOf", "Ref", ref),
				i18n.T("shell.cmd.logsOf.none", "Ref", strconv.Quote(ref)))
		})
	}()
}

// handleShow opens a container's details with a tab in front
// (`berth show NAME [overview|inspect|terminal|files|stats]`).
func (u *UI) handleShow(args []string) {
	if len(args) == 0 || args[0] == "" {
		u.commandFailed(i18n.T("shell.cmd.show"), i18n.T("shell.cmd.show.text"))
		return
	}
	ref, tab := args[0], ""
	if len(args) > 1 {
		tab = strings.ToLower(args[1])
		if !slices.Contains(details.Tabs, tab) && tab != "history" && tab != "env" {
			u.commandFailed(i18n.T("shell.cmd.showRef", "Ref", ref), i18n.T("shell.cmd.show.tab", "Tab", strconv.Quote(tab)))
			return
		}
	}
	api := u.client.Containers
	go func() {
		cs, err := api.ContainerList(u.ctx, true)
		u.do(func() {
			if err != nil {
				u.ShowMain()
				u.host.Ask(kit.ErrorQuestion(i18n.T("shell.cmd.showRef", "Ref", ref), err))
				return
			}
			c, ok := findContainer(cs, ref)
			if !ok {
				u.commandFailed(i18n.T("shell.cmd.showRef", "Ref", ref), i18n.T("shell.cmd.show.none", "Ref", strconv.Quote(ref)))
				return
			}
			u.host.OpenDetails(c, details.TabArg(tab))
		})
	}()
}

// findContainer finds ref as a container's name, its ID or the start of
// its ID, as docker does.
func findContainer(cs []engine.Container, ref string) (engine.Container, bool) {
	name := strings.TrimPrefix(ref, "/")
	for _, c := range cs {
		if c.Name == name || c.ID == ref {
			return c, true
		}
	}
	var found []engine.Container
	for _, c := range cs {
		if len(ref) >= 3 && strings.HasPrefix(c.ID, ref) {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return engine.Container{}, false
}

func (u *UI) commandFailed(title, msg string) {
	u.ShowMain()
	u.host.Ask(kit.Question{Title: title, Message: msg, Choices: []kit.Choice{kit.OK()}})
}
