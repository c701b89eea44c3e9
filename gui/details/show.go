package details

import (
	"strings"

	"berth/engine"
	"berth/gui/i18n"
)

// For `berth show NAME|ID [TAB]`: the shell finds the container in the
// live state and calls its OpenDetails(c, tab).

// Find is the container ref names in snap: its name (with or without the
// leading slash), its full ID, or a unique prefix of its ID, as the docker
// CLI resolves them (an exact name or ID first).
func Find(snap engine.Snapshot, ref string) (engine.Container, bool) {
	ref = strings.TrimPrefix(strings.TrimSpace(ref), "/")
	if ref == "" {
		return engine.Container{}, false
	}
	for _, c := range snap.Containers {
		if c.ID == ref || c.Name == ref {
			return c, true
		}
	}
	var found engine.Container
	n := 0
	for _, c := range snap.Containers {
		if strings.HasPrefix(c.ID, ref) {
			found = c
			n++
		}
	}
	return found, n == 1
}

// Tabs are the tab names `berth show` takes; the view's own and the
// shell's panes (whose names the shell chooses: these are the issue's).
var Tabs = []string{TabOverview, TabEnvironment, TabInspect, TabFiles, i18n.Code("terminal"), i18n.Code("stats"), i18n.Code("processes"), i18n.Code("logs")}

// TabArg is the tab a `berth show` argument names ("" and unknown words:
// the overview), any case.
func TabArg(arg string) string {
	arg = strings.ToLower(strings.TrimSpace(arg))
	for _, t := range Tabs {
		if arg == t {
			return t
		}
	}
	if arg == "env" {
		return TabEnvironment
	}
	return TabOverview
}
