package gui

import (
	"slices"
	"strconv"
	"strings"

	"berth/gui/activity"
	"berth/gui/compose"
	"berth/gui/containers"
	"berth/gui/disk"
	"berth/gui/engines"
	"berth/gui/i18n"
	"berth/gui/imagedetails"
	"berth/gui/images"
	"berth/gui/networks"
	"berth/gui/swarm"
	"berth/gui/tutorial"
	"berth/gui/volumes"
)

// TabNames are the tabs `berth tab NAME` brings to the front.
var TabNames = []string{i18n.Code("containers"), i18n.Code("images"), i18n.Code("volumes"), i18n.Code("networks"), i18n.Code("disk"), i18n.Code("activity"), i18n.Code("engines"), i18n.Code("swarm")}

// tabName is the command line's name of the main window's tab of v.
func tabName(v view) string {
	switch v.(type) {
	case *containers.View:
		return i18n.Code("containers")
	case *images.View:
		return i18n.Code("images")
	case *volumes.View:
		return i18n.Code("volumes")
	case *networks.View:
		return i18n.Code("networks")
	case *disk.View:
		return i18n.Code("disk")
	case *activity.View:
		return i18n.Code("activity")
	case *engines.View:
		return i18n.Code("engines")
	case *swarm.View:
		return i18n.Code("swarm")
	}
	return ""
}

// handleTab shows the main window with a tab in front
// (`berth tab containers|images|volumes|networks|disk|activity|engines|swarm`).
func (u *UI) handleTab(args []string) {
	name := ""
	if len(args) == 1 {
		name = strings.ToLower(args[0])
	}
	if !slices.Contains(TabNames, name) {
		u.commandFailed(i18n.T("shell.cmd.tab"), i18n.T("shell.cmd.tab.none", "Tab", strconv.Quote(name), "Tabs", strings.Join(TabNames, ", ")))
		return
	}
	u.ShowMain()
	for i, t := range u.tabs.list {
		if tabName(t.view) == name {
			u.tabs.tabs.SelectIndex(i)
			return
		}
	}
	u.commandFailed(i18n.T("shell.cmd.tabNamed", "Tab", name), i18n.T("shell.cmd.tab.missing", "Tab", name))
}

// handleImage opens an image's details, or one of their dialogs
// (`berth image REF [tag|push|search]`).
func (u *UI) handleImage(args []string) {
	if len(args) == 0 || args[0] == "" {
		u.commandFailed(i18n.T("shell.cmd.image"), i18n.T("shell.cmd.image.text"))
		return
	}
	ref, dlg := args[0], ""
	if len(args) > 1 {
		dlg = strings.ToLower(args[1])
		if !slices.Contains(imagedetails.Dialogs, dlg) {
			u.commandFailed(i18n.T("shell.cmd.showRef", "Ref", ref), i18n.T("shell.cmd.image.dialog", "Dialog", strconv.Quote(dlg), "Dialogs", strings.Join(imagedetails.Dialogs, ", ")))
			return
		}
	}
	// A missing image says so in its own window, as from the Images tab.
	imagedetails.Open(u.host, u.client.ImageDetails, ref).ShowDialog(dlg)
}

// handleCompose opens the compose up dialog, with FILE loaded if given
// (`berth compose [FILE]`).
func (u *UI) handleCompose(args []string) {
	path := ""
	if len(args) > 0 {
		path = args[0] // absolute: main made it so in the sender's directory
	}
	u.ShowMain()
	compose.Open(u.host, u.host.composeAPI(), path)
}

// handleTutorial opens the "Getting started" page (`berth tutorial`).
func (u *UI) handleTutorial() {
	_, w := tutorial.Open(u.host, u.client, tutorial.Options{})
	w.RequestFocus()
}
