package gui

import (
	"slices"
	"strconv"
	"strings"

	"berth/gui/compose"
	"berth/gui/i18n"
	"berth/gui/imagedetails"
	"berth/gui/tutorial"
)

// TabNames are the tabs `berth tab NAME` brings to the front.
var TabNames = []string{i18n.Code("containers"), i18n.Code("images"), i18n.Code("volumes"), i18n.Code("networks"), i18n.Code("disk"), i18n.Code("activity"), i18n.Code("engines"), i18n.Code("swarm")}

// tabIDs are the tabs' ids (their English titles) by the command line's names.
var tabIDs = map[string]string{
	i18n.Code("containers"): i18n.Code("Containers"), i18n.Code("images"): i18n.Code("Images"),
	i18n.Code("volumes"): i18n.Code("Volumes"), i18n.Code("networks"): i18n.Code("Networks"),
	i18n.Code("disk"): i18n.Code("Disk usage"), i18n.Code("activity"): i18n.Code("Activity"),
	i18n.Code("engines"): i18n.Code("Engines"), i18n.Code("swarm"): i18n.Code("Swarm"),
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
	if !u.tabs.show(tabIDs[name]) {
		u.commandFailed(i18n.T("shell.cmd.tabNamed", "Tab", name), i18n.T("shell.cmd.tab.missing", "Tab", name))
	}
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
