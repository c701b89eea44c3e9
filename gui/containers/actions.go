package containers

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/kit"
	"berth/gui/present"
)

// Action is one thing that can be done to a container. The row buttons,
// the selection bar, the context menu and the tray all read the actions
// table below; a new action is one more value there.
type Action struct {
	Label   string // "Stop"
	Doing   string // "Stopping…", on the row while the action is in flight
	Verb    string // "stop", for "Could not stop webserver"
	Icon    fyne.Resource
	Applies func(c engine.Container) bool
	Run     func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error
	Confirm bool // asks first (remove)
}

// The container actions.
var (
	Start = &Action{Label: "Start", Doing: "Starting…", Verb: "start", Icon: theme.MediaPlayIcon(),
		Applies: func(c engine.Container) bool { return !c.Running() },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerStart(ctx, c.ID)
		}}
	Stop = &Action{Label: "Stop", Doing: "Stopping…", Verb: "stop", Icon: theme.MediaStopIcon(),
		Applies: engine.Container.Running,
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerStop(ctx, c.ID, nil)
		}}
	Restart = &Action{Label: "Restart", Doing: "Restarting…", Verb: "restart", Icon: theme.MediaReplayIcon(),
		Applies: func(engine.Container) bool { return true },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerRestart(ctx, c.ID, nil)
		}}
	Pause = &Action{Label: "Pause", Doing: "Pausing…", Verb: "pause", Icon: theme.MediaPauseIcon(),
		Applies: func(c engine.Container) bool { return c.State == engine.StateRunning },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerPause(ctx, c.ID)
		}}
	Resume = &Action{Label: "Resume", Doing: "Resuming…", Verb: "resume", Icon: theme.MediaPlayIcon(),
		Applies: func(c engine.Container) bool { return c.State == engine.StatePaused },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerUnpause(ctx, c.ID)
		}}
	// Remove removes a stopped container; a running one the engine refuses
	// (ErrMustStop), and StopAndRemove is the way after the user agreed.
	Remove = &Action{Label: "Remove", Doing: "Removing…", Verb: "remove", Icon: theme.DeleteIcon(), Confirm: true,
		Applies: func(engine.Container) bool { return true },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerRemove(ctx, c.ID, engine.RemoveOptions{})
		}}
)

// Actions are the container actions in display order (the selection bar's).
var Actions = []*Action{Start, Stop, Restart, Pause, Resume, Remove}

// rowSlots are a row's action buttons and the first items of its menu:
// each slot shows the first of its actions that applies. Remove comes last
// in both, after Logs and Copy ID.
var rowSlots = [][]*Action{{Start, Stop}, {Pause, Resume}, {Restart}}

// applicable is the first action of slot that applies to c, nil if none does.
func applicable(slot []*Action, c engine.Container) *Action {
	for _, a := range slot {
		if a.Applies(c) {
			return a
		}
	}
	return nil
}

// title is what a button or a menu item says: "Remove…" for an action that asks first.
func (a *Action) title() string {
	if a.Confirm {
		return a.Label + "…"
	}
	return a.Label
}

// StopAndRemove is the Remove action's force path, after "Stop and
// remove": it stops c, then removes it with force. stopped, if not nil, is
// called between the two.
func StopAndRemove(ctx context.Context, api engine.ContainerAPI, c engine.Container, stopped func()) error {
	if err := Stop.Run(ctx, api, c); err != nil && !engine.IsKind(err, engine.ErrNotFound) {
		return err
	}
	if stopped != nil {
		stopped()
	}
	return api.ContainerRemove(ctx, c.ID, engine.RemoveOptions{Force: true})
}

// choose runs a on cs, from a button or a menu item. The one action that
// asks first is Remove.
func (v *View) choose(a *Action, cs []engine.Container) {
	if a.Confirm {
		v.confirmRemove(cs)
		return
	}
	v.act(a, cs)
}

// act runs a on each of cs.
func (v *View) act(a *Action, cs []engine.Container) {
	v.run(a, a.Doing, cs, func(ctx context.Context, c engine.Container) error { return a.Run(ctx, v.api, c) })
}

// batch is one action on several containers, so that its errors are told
// once, when the last one is done.
type batch struct {
	a        *Action
	left     int
	errs     []string
	err      error            // the error, when just one container failed
	failed   engine.Container // and that container
	mustStop []engine.Container
}

// run calls call for each of cs that has nothing in flight, in goroutines,
// showing doing ("Stopping…") on its row meanwhile.
func (v *View) run(a *Action, doing string, cs []engine.Container, call func(ctx context.Context, c engine.Container) error) {
	var todo []engine.Container
	for _, c := range cs {
		if v.pending[c.ID] == "" {
			todo = append(todo, c)
		}
	}
	if len(todo) == 0 {
		return
	}
	b := &batch{a: a, left: len(todo)}
	ctx := v.h.Context()
	for _, c := range todo {
		v.setPending(c.ID, doing)
		go func() {
			err := call(ctx, c)
			v.h.Do(func() { v.done(b, c, err) })
		}()
	}
}

func (v *View) done(b *batch, c engine.Container, err error) {
	v.setPending(c.ID, "")
	b.left--
	switch {
	case err == nil || engine.IsKind(err, engine.ErrCanceled) || v.h.Context().Err() != nil:
	case b.a == Remove && engine.IsKind(err, engine.ErrMustStop):
		// It runs after all (started meanwhile): asked about again.
		if now, ok := v.container(c.ID); ok {
			b.mustStop = append(b.mustStop, now)
		}
	default:
		b.err, b.failed = err, c
		b.errs = append(b.errs, present.ContainerLabel(c)+": "+present.Explain(err))
	}
	if b.left > 0 {
		return
	}
	if len(b.mustStop) > 0 {
		v.confirmStopAndRemove(b.mustStop)
	}
	switch len(b.errs) {
	case 0:
	case 1:
		v.tell("Could not "+b.a.Verb+" "+present.ContainerLabel(b.failed), present.Explain(b.err))
	default:
		v.tell(fmt.Sprintf("Could not %s %d containers", b.a.Verb, len(b.errs)), strings.Join(b.errs, "\n"))
	}
}

// tell shows a message with an OK button.
func (v *View) tell(title, message string) {
	v.h.Ask(kit.Question{Title: title, Message: message, Choices: []kit.Choice{kit.OK()}})
}

// setPending shows (or, with "", clears) an action in flight on a row.
func (v *View) setPending(id, doing string) {
	v.mu.Lock()
	if doing == "" {
		delete(v.pending, id)
	} else {
		v.pending[id] = doing
	}
	r := v.rowOf(id)
	v.mu.Unlock()
	if r >= 0 {
		v.table.RefreshRow(r)
	}
}

// remove removes containers the user agreed to remove. With force (after
// "Stop and remove") each is stopped first, then removed. Without, a
// container that turns out to be running is asked about again.
func (v *View) remove(cs []engine.Container, force bool) {
	if !force {
		v.act(Remove, cs)
		return
	}
	v.run(Remove, Stop.Doing, cs, func(ctx context.Context, c engine.Container) error {
		return StopAndRemove(ctx, v.api, c, func() {
			v.h.Do(func() {
				if v.pending[c.ID] != "" {
					v.setPending(c.ID, Remove.Doing)
				}
			})
		})
	})
}

// confirmRemove asks before removing cs; running ones are removed only
// after a second, explicit "Stop and remove".
func (v *View) confirmRemove(cs []engine.Container) {
	if len(cs) == 0 {
		return
	}
	title := "Remove container"
	if len(cs) > 1 {
		title = fmt.Sprintf("Remove %d containers", len(cs))
	}
	v.h.Ask(kit.Question{Title: title, Message: present.RemoveContainersText(cs), Choices: []kit.Choice{
		kit.Cancel(),
		{Text: Remove.Label, Icon: Remove.Icon, Importance: widget.DangerImportance, Run: func() {
			var stopped, running []engine.Container
			for _, c := range cs {
				if c.Running() {
					running = append(running, c)
				} else {
					stopped = append(stopped, c)
				}
			}
			if len(stopped) > 0 {
				v.remove(stopped, false)
			}
			if len(running) > 0 {
				v.confirmStopAndRemove(running)
			}
		}},
	}})
}

// confirmStopAndRemove is the second, explicit question for running containers.
func (v *View) confirmStopAndRemove(running []engine.Container) {
	title := "Container is running"
	if len(running) > 1 {
		title = "Containers are running"
	}
	v.h.Ask(kit.Question{Title: title, Message: present.StopAndRemoveText(running), Choices: []kit.Choice{
		kit.Cancel(),
		{Text: "Stop and remove", Icon: Remove.Icon, Importance: widget.DangerImportance, Run: func() { v.remove(running, true) }},
	}})
}

// copyIDs puts the full IDs of cs on the clipboard, one a line.
func (v *View) copyIDs(cs []engine.Container) {
	if len(cs) == 0 {
		return
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	fyne.CurrentApp().Clipboard().SetContent(strings.Join(ids, "\n"))
}
