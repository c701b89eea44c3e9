// Package swarm is the Swarm tab, shown when the engine is a manager of a
// Swarm: its nodes, its services with their replicas, and a service's
// tasks, read-only, as docker node ls, service ls and service ps show them.
package swarm

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
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the Swarm tab needs from the shell.
type Host interface {
	Do(f func())
	Now() time.Time
	Context() context.Context
}

// View is the Swarm tab.
type View struct {
	h   Host
	api engine.SwarmAPI

	content  fyne.CanvasObject
	note     *widget.Label
	nodes    *kit.Table[engine.SwarmNode]
	services *kit.Table[engine.SwarmService]
	tasks    *kit.Table[engine.SwarmTask]
	taskHead *widget.Label

	nodeRows    []engine.SwarmNode
	serviceRows []engine.SwarmService
	taskRows    []engine.SwarmTask
	selected    string // the service whose tasks show
	gen         int
	shown       bool
}

// New makes the Swarm tab; it reads the cluster when shown and when asked.
func New(h Host, api engine.SwarmAPI) *View {
	v := &View{h: h, api: api}
	v.note = kit.MessageLabel()
	v.nodes = kit.NewTable(v.nodeColumns(), func() int { return len(v.nodeRows) }, func(i int) *engine.SwarmNode { return &v.nodeRows[i] })
	v.nodes.OnSort = func() { sortBy(v.nodes, v.nodeRows); v.nodes.Refresh() }
	v.services = kit.NewTable(v.serviceColumns(), func() int { return len(v.serviceRows) }, func(i int) *engine.SwarmService { return &v.serviceRows[i] })
	v.services.OnSort = func() { sortBy(v.services, v.serviceRows); v.services.Refresh() }
	v.services.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.serviceRows) {
			v.showTasks(v.serviceRows[id.Row].ID)
		}
	}
	v.tasks = kit.NewTable(v.taskColumns(), func() int { return len(v.taskRows) }, func(i int) *engine.SwarmTask { return &v.taskRows[i] })
	v.taskHead = &widget.Label{Text: i18n.T("swarm.tasks.none"), TextStyle: fyne.TextStyle{Bold: true}}
	refresh := &widget.Button{Text: i18n.T("swarm.refresh"), Icon: theme.ViewRefreshIcon(), OnTapped: v.Refresh}
	intro := kit.WrapLabel(i18n.T("swarm.intro"), widget.LowImportance)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, refresh, intro), v.note)
	section := func(title string, t fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}}, nil, nil, nil, t)
	}
	lower := container.NewVSplit(section(i18n.T("swarm.services"), v.services), container.NewBorder(v.taskHead, nil, nil, nil, v.tasks))
	split := container.NewVSplit(section(i18n.T("swarm.nodes"), v.nodes), lower)
	split.Offset = 0.3
	v.content = container.NewBorder(top, nil, nil, nil, split)
	return v
}

func sortBy[R any](t *kit.Table[R], rows []R) {
	if col, _ := t.SortedBy(); col >= 0 {
		slices.SortStableFunc(rows, func(a, b R) int { return t.Compare(&a, &b) })
	}
}

func (v *View) nodeColumns() []kit.Column[engine.SwarmNode] {
	return []kit.Column[engine.SwarmNode]{
		kit.TextColumn(i18n.T("swarm.node.hostname"), 220, func(n *engine.SwarmNode) string {
			if n.Self {
				return i18n.T("swarm.node.self", "Name", n.Hostname)
			}
			return n.Hostname
		}),
		kit.TextColumn(i18n.T("swarm.node.role"), 90, func(n *engine.SwarmNode) string { return n.Role }),
		kit.TextColumn(i18n.T("swarm.node.status"), 90, func(n *engine.SwarmNode) string { return n.Status }),
		kit.TextColumn(i18n.T("swarm.node.availability"), 110, func(n *engine.SwarmNode) string { return n.Availability }),
		kit.TextColumn(i18n.T("swarm.node.manager"), 130, func(n *engine.SwarmNode) string { return n.ManagerStatus }),
		kit.TextColumn(i18n.T("swarm.node.engine"), 100, func(n *engine.SwarmNode) string { return n.EngineVersion }),
		kit.TextColumn(i18n.T("swarm.node.address"), 140, func(n *engine.SwarmNode) string { return n.Addr }),
	}
}

func (v *View) serviceColumns() []kit.Column[engine.SwarmService] {
	return []kit.Column[engine.SwarmService]{
		kit.TextColumn(i18n.T("swarm.service.name"), 220, func(s *engine.SwarmService) string { return s.Name }),
		kit.TextColumn(i18n.T("swarm.service.mode"), 110, func(s *engine.SwarmService) string { return s.Mode }),
		kit.TextColumn(i18n.T("swarm.service.replicas"), 90, func(s *engine.SwarmService) string { return Replicas(*s) }),
		kit.TextColumn(i18n.T("swarm.service.image"), 280, func(s *engine.SwarmService) string { return s.Image }),
		kit.TextColumn(i18n.T("swarm.service.ports"), 220, func(s *engine.SwarmService) string { return strings.Join(s.Ports, ", ") }),
		kit.TextColumn(i18n.T("swarm.service.updated"), 150, func(s *engine.SwarmService) string { return present.Ago(s.Updated, v.h.Now()) }),
	}
}

func (v *View) taskColumns() []kit.Column[engine.SwarmTask] {
	return []kit.Column[engine.SwarmTask]{
		kit.TextColumn(i18n.T("swarm.service.name"), 220, func(t *engine.SwarmTask) string { return t.Name }),
		kit.TextColumn(i18n.T("swarm.task.node"), 160, func(t *engine.SwarmTask) string { return t.Node }),
		kit.TextColumn(i18n.T("swarm.task.desired"), 90, func(t *engine.SwarmTask) string { return t.DesiredState }),
		kit.TextColumn(i18n.T("swarm.task.state"), 200, func(t *engine.SwarmTask) string {
			return i18n.T("swarm.task.stateSince", "State", t.State, "Ago", present.Ago(t.Since, v.h.Now()))
		}),
		kit.TextColumn(i18n.T("swarm.service.image"), 220, func(t *engine.SwarmTask) string { return t.Image }),
		kit.TextColumn(i18n.T("swarm.task.error"), 260, func(t *engine.SwarmTask) string { return t.Error }),
	}
}

// Replicas is "2/3" as docker service ls prints it.
func Replicas(s engine.SwarmService) string { return fmt.Sprintf("%d/%d", s.Running, s.Desired) }

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Shown reads the cluster the first time the tab shows.
func (v *View) Shown() {
	if !v.shown {
		v.shown = true
		v.Refresh()
	}
}

// Apply re-reads the cluster when the engine comes back (UI goroutine);
// Swarm's own changes are read on Refresh.
func (v *View) Apply(snap engine.Snapshot, ch engine.Change) {
	if v.shown && ch.Reachability && snap.Reachable {
		v.Refresh()
	}
}

// Tick redraws the ages.
func (v *View) Tick() {
	if v.shown {
		v.services.Refresh()
		v.tasks.Refresh()
	}
}

func (v *View) FocusFilter()     {}
func (v *View) RemoveSelection() {}

// Refresh reads nodes and services (and the selected service's tasks) off
// the UI goroutine.
func (v *View) Refresh() {
	v.shown = true
	v.gen++
	gen, api, sel := v.gen, v.api, v.selected
	go func() {
		ctx, cancel := context.WithTimeout(v.h.Context(), 20*time.Second)
		defer cancel()
		nodes, err := api.SwarmNodes(ctx)
		var svcs []engine.SwarmService
		if err == nil {
			svcs, err = api.SwarmServices(ctx)
		}
		var tasks []engine.SwarmTask
		if err == nil && sel != "" {
			tasks, _ = api.SwarmTasks(ctx, sel)
		}
		v.h.Do(func() {
			if gen != v.gen {
				return
			}
			if err != nil {
				kit.ShowMessage(v.note, i18n.T("swarm.readFailed", "Why", present.Explain(err)), widget.DangerImportance)
				return
			}
			kit.ShowMessage(v.note, "", widget.DangerImportance)
			v.nodeRows, v.serviceRows = nodes, svcs
			sortBy(v.nodes, v.nodeRows)
			sortBy(v.services, v.serviceRows)
			v.nodes.Refresh()
			v.services.Refresh()
			if sel != "" {
				v.setTasks(sel, tasks)
			}
		})
	}()
}

// showTasks reads a service's tasks.
func (v *View) showTasks(id string) {
	v.selected = id
	api := v.api
	go func() {
		ctx, cancel := context.WithTimeout(v.h.Context(), 20*time.Second)
		defer cancel()
		tasks, err := api.SwarmTasks(ctx, id)
		v.h.Do(func() {
			if v.selected != id {
				return
			}
			if err != nil {
				v.taskHead.SetText(i18n.T("swarm.tasks.readFailed", "Why", present.Explain(err)))
				return
			}
			v.setTasks(id, tasks)
		})
	}()
}

func (v *View) setTasks(id string, tasks []engine.SwarmTask) {
	name := id
	for _, s := range v.serviceRows {
		if s.ID == id {
			name = s.Name
		}
	}
	v.taskHead.SetText(i18n.N("swarm.tasks.head", len(tasks), "Name", name))
	v.taskRows = tasks
	v.tasks.Refresh()
}

// Rows are the nodes, services and tasks shown (tests).
func (v *View) Rows() ([]engine.SwarmNode, []engine.SwarmService, []engine.SwarmTask) {
	return v.nodeRows, v.serviceRows, v.taskRows
}

// SelectService shows the tasks of the i-th service, as a click on its row does.
func (v *View) SelectService(i int) { v.services.Select(widget.TableCellID{Row: i, Col: 0}) }
