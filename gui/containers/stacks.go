package containers

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Stacks is what a compose project's header needs beyond the container
// actions: what `docker compose down` of the project removes, and the down
// itself (engine.ComposeAPI has both).
type Stacks interface {
	ComposeResources(ctx context.Context, project string) (engine.ComposeResources, error)
	ComposeDown(ctx context.Context, f engine.ComposeFile, progress func(engine.ComposeStep)) error
}

// The header of a compose project acts on the whole stack: Start starts
// its stopped containers, Stop stops its running ones, Restart restarts
// them all (through the same pool of workers and progress line as the
// container actions), Logs opens their merged logs, and Remove is `docker
// compose down`: its containers and the networks compose made for it.

// members are the containers of compose group g, in the table's order.
func (v *View) members(g *group) []engine.Container {
	cs := make([]engine.Container, 0, len(g.members))
	for _, m := range g.members {
		cs = append(cs, v.entries[m].c)
	}
	return cs
}

// stackRunning reports whether any container of g runs.
func (v *View) stackRunning(g *group) bool {
	for _, m := range g.members {
		if v.entries[m].running {
			return true
		}
	}
	return false
}

// stackBusy reports whether an action is in flight on a container of g.
func (v *View) stackBusy(g *group) bool {
	for _, m := range g.members {
		if v.pending[v.entries[m].c.ID] != "" {
			return true
		}
	}
	return false
}

// stackAction runs a on the stack of g, from its header's buttons or menu.
func (v *View) stackAction(a *Action, g *group) {
	if v.offline {
		return
	}
	if a == Remove {
		v.removeStack(g.name)
		return
	}
	var cs []engine.Container
	for _, c := range v.members(g) {
		if a.Applies(c) {
			cs = append(cs, c)
		}
	}
	v.act(a, cs)
}

// showSlot shows or hides a row's slot i (a header has no pause).
func (c *actionsCell) showSlot(i int, on bool) {
	if c.slots[i].Visible() != on {
		kit.Show(c.slots[i], on)
		kit.Show(c.gap, !on)
		c.box.Refresh()
	}
}

// updateStackActions sets a header's buttons: Start (none runs) or Stop,
// Restart, Logs, Remove.
func (v *View) updateStackActions(g *group, c *actionsCell) {
	kit.Show(c, true)
	c.showSlot(1, false)
	busy := v.offline || v.stackBusy(g)
	first := Start
	if v.stackRunning(g) {
		first = Stop
	}
	for i, a := range []*Action{first, nil, Restart} {
		if a == nil {
			continue
		}
		if c.shown[i] != a {
			c.shown[i] = a
			c.slots[i].SetIcon(a.Icon())
		}
		c.slots[i].SetTip(v.tips.stack[a])
		kit.Enable(&c.slots[i].Button, !busy)
	}
	c.remove.SetTip(v.tips.stackRemove)
	c.logs.SetTip(v.tips.stackLogs)
	kit.Enable(&c.remove.Button, !busy)
}

// showStackMenu is a header's context menu.
func (v *View) showStackMenu(g *group, pos fyne.Position) {
	busy := v.offline || v.stackBusy(g)
	item := func(text string, a *Action) *fyne.MenuItem {
		it := fyne.NewMenuItem(text, func() { v.stackAction(a, g) })
		it.Disabled = busy || (a != Remove && !slices.ContainsFunc(v.members(g), a.Applies))
		return it
	}
	name := g.name
	items := []*fyne.MenuItem{item(v.tips.stack[Start], Start), item(v.tips.stack[Stop], Stop), item(v.tips.stack[Restart], Restart),
		fyne.NewMenuItem(v.tips.logs, func() { v.h.OpenProjectLogs(name) }),
		fyne.NewMenuItemSeparator(),
		item(i18n.T("containers.stack.removeMenu"), Remove)}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), v.h.Window().Canvas(), pos)
}

// removeStack asks about `docker compose down` of project, naming what
// it removes as the engine has it now, then takes it down.
func (v *View) removeStack(project string) {
	st := v.h.Stacks()
	ctx := v.h.Context()
	go func() {
		r, err := st.ComposeResources(ctx, project)
		v.h.Do(func() {
			if err != nil {
				if ctx.Err() == nil {
					v.h.Ask(kit.ErrorQuestion(i18n.T("containers.stack.removeFailed", "Name", project), err))
				}
				return
			}
			v.h.Ask(kit.Question{Title: i18n.T("containers.stack.removeTitle", "Name", project), Message: present.RemoveStackText(r), Choices: []kit.Choice{
				kit.Cancel(),
				{Text: Remove.Label, Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, Run: func() { v.downStack(project, r) }},
			}})
		})
	}()
}

// downStack runs `docker compose down` of project, its containers showing
// "Removing…" until it is done.
func (v *View) downStack(project string, r engine.ComposeResources) {
	var marked []engine.Container
	v.mu.Lock()
	for _, rc := range r.Containers {
		if c, ok := v.container(rc.ID); ok && v.pending[c.ID] == "" {
			v.pending[c.ID] = Remove.Doing
			marked = append(marked, c)
		}
	}
	v.mu.Unlock()
	if len(marked) > 0 {
		v.refreshRows(marked)
	}
	st := v.h.Stacks()
	ctx := v.h.Context()
	go func() {
		err := st.ComposeDown(ctx, engine.ComposeFile{Project: project}, nil)
		v.h.Do(func() {
			v.mu.Lock()
			for _, c := range marked {
				delete(v.pending, c.ID)
			}
			v.mu.Unlock()
			if len(marked) > 0 {
				v.refreshRows(marked)
			}
			if err != nil && ctx.Err() == nil && !engine.IsKind(err, engine.ErrCanceled) {
				v.h.Ask(kit.ErrorQuestion(i18n.T("containers.stack.removeFailed", "Name", project), err))
			}
		})
	}()
}

// StackMembers are the IDs of the containers that compose project's
// header groups, nil when the table has no such header. Safe from any
// goroutine.
func (v *View) StackMembers(project string) []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, r := range v.rows {
		if r.g != nil && r.g.name == project {
			ids := make([]string, len(r.g.members))
			for i, m := range r.g.members {
				ids[i] = v.entries[m].c.ID
			}
			return ids
		}
	}
	return nil
}

// RunStackAction is a tap on the header button of project that runs a
// (Start, Stop, Restart, Remove), as the header shows it (UI goroutine).
func (v *View) RunStackAction(project string, a *Action) {
	for i := range v.groups {
		if v.groups[i].name == project {
			v.stackAction(a, &v.groups[i])
			return
		}
	}
}
