package gui

import (
	"fmt"
	"slices"
	"strings"

	"berth/gui/activity"
	"berth/gui/compose"
	"berth/gui/containers"
	"berth/gui/disk"
	"berth/gui/engines"
	"berth/gui/imagedetails"
	"berth/gui/images"
	"berth/gui/networks"
	"berth/gui/swarm"
	"berth/gui/tutorial"
	"berth/gui/volumes"
)

// TabNames are the tabs `berth tab NAME` brings to the front.
var TabNames = []string{"containers", "images", "volumes", "networks", "disk", "activity", "engines", "swarm"}

// tabName is the command line's name of the main window's tab of v.
func tabName(v view) string {
	switch v.(type) {
	case *containers.View:
		return "containers"
	case *images.View:
		return "images"
	case *volumes.View:
		return "volumes"
	case *networks.View:
		return "networks"
	case *disk.View:
		return "disk"
	case *activity.View:
		return "activity"
	case *engines.View:
		return "engines"
	case *swarm.View:
		return "swarm"
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
		u.commandFailed("Cannot show that tab", fmt.Sprintf("Berth has no tab %q; try %s.", name, strings.Join(TabNames, ", ")))
		return
	}
	u.ShowMain()
	for i, t := range u.tabs.list {
		if tabName(t.view) == name {
			u.tabs.tabs.SelectIndex(i)
			return
		}
	}
	u.commandFailed("Cannot show the "+name+" tab", fmt.Sprintf("The %s tab is not there (Engines needs the engines' store, Swarm a Swarm manager).", name))
}

// handleImage opens an image's details, or one of their dialogs
// (`berth image REF [tag|push|search]`).
func (u *UI) handleImage(args []string) {
	if len(args) == 0 || args[0] == "" {
		u.commandFailed("Cannot show an image", "Say which image: berth image REF.")
		return
	}
	ref, dlg := args[0], ""
	if len(args) > 1 {
		dlg = strings.ToLower(args[1])
		if !slices.Contains(imagedetails.Dialogs, dlg) {
			u.commandFailed("Cannot show "+ref, fmt.Sprintf("An image's details have no dialog %q; try %s.", dlg, strings.Join(imagedetails.Dialogs, ", ")))
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
