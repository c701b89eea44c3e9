// Package networks is the Networks tab (which Docker Desktop lacks): docker
// network ls as a live table with each network's subnets and the containers
// attached (with their addresses); create, remove, prune of exactly the
// unused networks shown, and connect or disconnect a container.
package networks

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the Networks tab needs from the shell.
type Host interface {
	Do(f func())
	Now() time.Time
	Window() fyne.Window
	Context() context.Context
	Ask(q kit.Question)
	Shortcut(s fyne.Shortcut) bool
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

	content fyne.CanvasObject
	filter  *kit.FilterEntry
	create  *widget.Button
	pruneB  *widget.Button
	table   *kit.Table[entry]
	empty   *widget.Label
	note    *widget.Label

	snap    engine.Snapshot
	entries []entry
	rows    []int32
	query   string
	offline bool
	pending map[string]string // network ID -> "Removing…"
	current string            // ID of the highlighted network
	applied bool
}

// New makes the Networks tab.
func New(h Host, api engine.NetworkAPI) *View {
	v := &View{h: h, api: api, pending: map[string]string{}}
	v.filter = kit.NewFilterEntry("Filter by name, driver, subnet or container (Ctrl+F)", v.setQuery)
	v.filter.Shortcut = h.Shortcut
	v.create = &widget.Button{Text: "Create…", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: v.openCreate}
	v.pruneB = &widget.Button{Text: "Remove unused…", Icon: theme.DeleteIcon(), OnTapped: v.askPrune}
	v.table = kit.NewTable(v.columns(), func() int { return len(v.rows) }, func(i int) *entry { return &v.entries[v.rows[i]] })
	v.table.OnDelete = v.RemoveSelection
	v.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.rows) {
			v.current = v.entries[v.rows[id.Row]].net.ID
		}
	}
	v.table.OnSort = v.refilter
	v.empty = kit.WrapLabel("", widget.LowImportance)
	v.empty.Alignment = fyne.TextAlignCenter
	v.note = kit.MessageLabel()
	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.pruneB, v.create), v.filter)
	v.content = container.NewBorder(top, v.note, nil, nil,
		container.NewStack(v.table, container.NewCenter(container.New(kit.BoxWidth(420), v.empty))))
	return v
}

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// FocusFilter puts the keyboard focus in the filter field.
func (v *View) FocusFilter() { v.h.Window().Canvas().Focus(v.filter) }

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
	live := map[string]bool{}
	for i, n := range snap.Networks {
		v.entries[i] = entry{net: n, key: strings.ToLower(strings.Join([]string{n.Name, n.ShortID(), n.Driver, n.Scope,
			present.NetworkSubnets(n), present.NetworkAttachedAll(n)}, "\x00"))}
		live[n.ID] = true
	}
	for k := range v.pending {
		if !live[k] {
			delete(v.pending, k)
		}
	}
	kit.Enable(v.create, !v.offline)
	kit.Enable(v.pruneB, !v.offline)
	v.refilter()
}

func (v *View) setQuery(s string) {
	v.query = strings.ToLower(strings.TrimSpace(s))
	v.refilter()
	v.table.ScrollToTop()
}

func (v *View) refilter() {
	rows := v.rows[:0]
	for i := range v.entries {
		if v.query == "" || strings.Contains(v.entries[i].key, v.query) {
			rows = append(rows, int32(i))
		}
	}
	slices.SortStableFunc(rows, func(a, b int32) int { return v.table.Compare(&v.entries[a], &v.entries[b]) })
	v.rows = rows
	v.table.Refresh()
	switch {
	case len(v.rows) > 0:
		v.empty.Hide()
		return
	case v.snap.NetworksErr != nil && len(v.entries) == 0:
		v.empty.SetText("The engine did not list its networks: " + present.Explain(v.snap.NetworksErr))
	case len(v.entries) == 0 && v.offline:
		v.empty.SetText("No networks to show: the engine is not reachable.")
	case len(v.entries) == 0:
		v.empty.SetText("Connecting to the Docker engine…")
	default:
		v.empty.SetText(fmt.Sprintf("No network matches %q.", v.filter.Text))
	}
	v.empty.Show()
}

func (v *View) network(id string) (engine.Network, bool) {
	for _, e := range v.entries {
		if e.net.ID == id {
			return e.net, true
		}
	}
	return engine.Network{}, false
}

// Rows are the names of the networks shown, in order (tests).
func (v *View) Rows() []string {
	out := make([]string, len(v.rows))
	for i, r := range v.rows {
		out[i] = v.entries[r].net.Name
	}
	return out
}

// Note is the line under the table (tests).
func (v *View) Note() string { return kit.MessageText(v.note) }

func (v *View) say(text string, imp widget.Importance) { kit.ShowMessage(v.note, text, imp) }

func (v *View) setPending(id, doing string) {
	if doing == "" {
		delete(v.pending, id)
	} else {
		v.pending[id] = doing
	}
	v.table.Refresh()
}

func (v *View) quiet(err error) bool {
	return engine.IsKind(err, engine.ErrCanceled) || v.h.Context().Err() != nil
}
