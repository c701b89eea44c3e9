// Package networks is the Networks tab (which Docker Desktop lacks): docker
// network ls as a live table with each network's subnets and the containers
// attached (with their addresses); create, remove, prune of exactly the
// unused networks shown, and connect or disconnect a container.
package networks

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the Networks tab needs from the shell.
type Host interface {
	kit.TabHost
	// State is the live state: the containers to connect, the networks to connect them to.
	State() engine.State
}

type entry struct {
	net engine.Network
	key string
}

// View is the Networks tab.
type View struct {
	h   Host
	api engine.NetworkAPI

	list   *kit.ListTab[entry]
	filter *kit.FilterEntry
	create *widget.Button
	pruneB *widget.Button
	table  *kit.Table[entry]

	snap    engine.Snapshot
	entries []entry
	rows    []int32
	offline bool
	applied bool
}

// New makes the Networks tab.
func New(h Host, api engine.NetworkAPI) *View {
	v := &View{h: h, api: api}
	v.create = &widget.Button{Text: i18n.T("networks.createButton"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: v.openCreate}
	v.pruneB = &widget.Button{Text: i18n.T("networks.prune"), Icon: theme.DeleteIcon(), OnTapped: v.askPrune}
	v.list = kit.NewListTab(kit.List[entry]{
		Host: h, Placeholder: i18n.T("networks.filter"),
		Columns: v.columns(), Rows: &v.entries, Shown: &v.rows,
		ID:    func(e *entry) string { return e.net.ID },
		Key:   func(e *entry) string { return e.key },
		Tools: container.NewHBox(v.pruneB, v.create), Note: true,
		Nothing:  v.nothing,
		NoMatch:  func(filter string) string { return i18n.T("networks.noMatch", "Filter", strconv.Quote(filter)) },
		OnDelete: v.RemoveSelection,
	})
	v.filter, v.table = v.list.Filter, v.list.Table
	return v
}

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.list.Content() }

// FocusFilter puts the keyboard focus in the filter field.
func (v *View) FocusFilter() { v.list.FocusFilter() }

// Tick redraws the rows (nothing here ages, but the shell asks every view).
func (v *View) Tick() {}

// Apply shows a new snapshot (UI goroutine).
func (v *View) Apply(snap engine.Snapshot, ch engine.Change) {
	wasOffline := v.offline
	v.offline = snap.Offline()
	v.snap = snap
	if v.applied && !ch.Full && !ch.Networks && wasOffline == v.offline {
		return
	}
	v.applied = true
	v.entries = make([]entry, len(snap.Networks))
	for i, n := range snap.Networks {
		v.entries[i] = entry{net: n, key: strings.ToLower(strings.Join([]string{n.Name, n.ShortID(), n.Driver, n.Scope,
			present.NetworkSubnets(n), present.NetworkAttachedAll(n)}, "\x00"))}
	}
	kit.Enable(v.create, !v.offline)
	kit.Enable(v.pruneB, !v.offline)
	v.list.Set()
}

// nothing says why the tab shows no network at all.
func (v *View) nothing() string {
	switch {
	case v.snap.NetworksErr != nil:
		return i18n.T("networks.listFailed", "Why", present.Explain(v.snap.NetworksErr))
	case v.offline:
		return i18n.T("networks.offline")
	}
	return i18n.T("networks.connecting")
}

func (v *View) network(id string) (engine.Network, bool) {
	e, ok := v.list.Find(id)
	return e.net, ok
}

// Rows are the names of the networks shown, in order (tests).
func (v *View) Rows() []string {
	return kit.ShownAs(v.list, func(e *entry) string { return e.net.Name })
}

// Note is the line under the table (tests).
func (v *View) Note() string { return v.list.Said() }
