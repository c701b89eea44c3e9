package containers

import (
	"context"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Action is one thing that can be done to a container. The row buttons,
// the selection bar, the context menu and the tray all read the actions
// table below; a new action is one more value there.
type Action struct {
	// The words, in the current language (Reword):
	Label    string             // "Stop"
	Doing    string             // "Stopping…", on the row while the action is in flight
	Verb     string             // "stop", for "Could not stop webserver"
	IconName fyne.ThemeIconName // resolved when a button is made: the theme exists only then
	Applies  func(c engine.Container) bool
	Run      func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error
	Confirm  bool // asks first (remove)
}

// Icon is the action's icon in the current theme.
func (a *Action) Icon() fyne.Resource { return theme.Icon(a.IconName) }

// The container actions.
var (
	Start = &Action{IconName: theme.IconNameMediaPlay,
		Applies: func(c engine.Container) bool { return !c.Running() },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerStart(ctx, c.ID)
		}}
	Stop = &Action{IconName: theme.IconNameMediaStop,
		Applies: engine.Container.Running,
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerStop(ctx, c.ID, nil)
		}}
	Restart = &Action{IconName: theme.IconNameMediaReplay,
		Applies: func(engine.Container) bool { return true },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerRestart(ctx, c.ID, nil)
		}}
	Pause = &Action{IconName: theme.IconNameMediaPause,
		Applies: func(c engine.Container) bool { return c.State == engine.StateRunning },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerPause(ctx, c.ID)
		}}
	Resume = &Action{IconName: theme.IconNameMediaPlay,
		Applies: func(c engine.Container) bool { return c.State == engine.StatePaused },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerUnpause(ctx, c.ID)
		}}
	// Remove removes a stopped container; a running one the engine refuses
	// (ErrMustStop), and StopAndRemove is the way after the user agreed.
	Remove = &Action{IconName: theme.IconNameDelete, Confirm: true,
		Applies: func(engine.Container) bool { return true },
		Run: func(ctx context.Context, api engine.ContainerAPI, c engine.Container) error {
			return api.ContainerRemove(ctx, c.ID, engine.RemoveOptions{})
		}}
)

// Actions are the container actions in display order (the selection bar's).
var Actions = []*Action{Start, Stop, Restart, Pause, Resume, Remove}

func init() { Reword() }

// Reword words the actions (Label, Doing, Verb) in the current language.
// New calls it: the language is chosen before the views are built.
func Reword() {
	set := func(a *Action, label, doing, verb string) {
		if a.Label != label || a.Doing != doing || a.Verb != verb {
			a.Label, a.Doing, a.Verb = label, doing, verb
		}
	}
	set(Start, i18n.T("containers.action.start"), i18n.T("containers.action.start.doing"), i18n.T("containers.action.start.verb"))
	set(Stop, i18n.T("containers.action.stop"), i18n.T("containers.action.stop.doing"), i18n.T("containers.action.stop.verb"))
	set(Restart, i18n.T("containers.action.restart"), i18n.T("containers.action.restart.doing"), i18n.T("containers.action.restart.verb"))
	set(Pause, i18n.T("containers.action.pause"), i18n.T("containers.action.pause.doing"), i18n.T("containers.action.pause.verb"))
	set(Resume, i18n.T("containers.action.resume"), i18n.T("containers.action.resume.doing"), i18n.T("containers.action.resume.verb"))
	set(Remove, i18n.T("containers.action.remove"), i18n.T("containers.action.remove.doing"), i18n.T("containers.action.remove.verb"))
}

// FailedTitle says, as one sentence of the current language, that the
// action failed on the container named name: "Could not stop webserver".
// (Build the sentence here rather than from Verb: word order differs.)
func (a *Action) FailedTitle(name string) string {
	return i18n.T("containers.failed.one", "Verb", a.Verb, "Name", name)
}

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
	return engine.StopAndRemove(ctx, api, c, stopped)
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
	v.run(a, a.Doing, cs, func(ctx context.Context, c engine.Container, _ func(string)) error { return a.Run(ctx, v.api, c) })
}

// workers is how many engine calls an action on many containers makes at once.
const workers = 8

// batch is one action on several containers, so that its progress shows
// and its errors are told once, when the last one is done.
type batch struct {
	a        *Action
	total    int
	done     int
	failed   []outcome
	mustStop []engine.Container
}

// outcome is news of the container of a batch at position i: its next
// in-flight word (the stop of a stop-and-remove is done: "Removing…"), or
// its end.
type outcome struct {
	b     *batch
	i     int
	c     engine.Container
	doing string // "" when the call is done
	err   error
}

// run calls call for each of cs that has nothing in flight, a few at a
// time off the UI goroutine, showing doing ("Stopping…") on each row until
// its call is done. call may report a next step with its step func. The
// outcomes reach the UI goroutine in batches, through v.outcomes.
func (v *View) run(a *Action, doing string, cs []engine.Container, call func(ctx context.Context, c engine.Container, step func(doing string)) error) {
	var todo []engine.Container
	v.mu.Lock()
	for _, c := range cs {
		if v.pending[c.ID] == "" {
			v.pending[c.ID] = doing
			todo = append(todo, c)
		}
	}
	v.mu.Unlock()
	if len(todo) == 0 {
		return
	}
	v.refreshRows(todo)
	b := &batch{a: a, total: len(todo)}
	v.batches = append(v.batches, b)
	v.updateProgress()
	ctx := v.h.Context()
	jobs := make(chan int)
	for range min(workers, len(todo)) {
		go func() {
			for i := range jobs {
				c := todo[i]
				step := func(doing string) { v.outcomes.Post([]outcome{{b: b, i: i, c: c, doing: doing}}) }
				err := call(ctx, c, step)
				v.outcomes.Post([]outcome{{b: b, i: i, c: c, err: err}})
			}
		}()
	}
	go func() {
		for i := range todo {
			jobs <- i
		}
		close(jobs)
	}()
}

// applyOutcomes shows news of the actions in flight on the UI goroutine:
// the rows' in-flight words, the progress, and each batch's errors once it
// is done.
func (v *View) applyOutcomes(news []outcome) {
	cs := make([]engine.Container, len(news))
	v.mu.Lock()
	for i, o := range news {
		cs[i] = o.c
		switch {
		case o.doing == "":
			delete(v.pending, o.c.ID)
		case v.pending[o.c.ID] != "":
			v.pending[o.c.ID] = o.doing
		}
	}
	v.mu.Unlock()
	v.refreshRows(cs)
	for _, o := range news {
		if o.doing == "" {
			v.done(o)
		}
	}
	v.updateProgress()
}

// refreshRows redraws the rows of cs: one by one for a few, else the table once.
func (v *View) refreshRows(cs []engine.Container) {
	if len(cs) > 1 {
		v.table.Refresh()
		return
	}
	if r := v.rowOf(cs[0].ID); r >= 0 {
		v.table.RefreshRow(r)
	}
}

// updateProgress shows how far the actions on many containers are.
func (v *View) updateProgress() {
	var parts []string
	for _, b := range v.batches {
		if b.total > 1 {
			parts = append(parts, present.BulkProgress(b.a.Doing, b.done, b.total))
		}
	}
	if len(parts) == 0 {
		v.progress.Hide()
		return
	}
	v.progress.SetText(strings.Join(parts, " · "))
	v.progress.Show()
}

// done counts the call of o as done; after the last one of its batch, it
// tells the batch's errors, in the order of the table.
func (v *View) done(o outcome) {
	b := o.b
	b.done++
	switch {
	case o.err == nil || engine.IsKind(o.err, engine.ErrCanceled) || v.h.Context().Err() != nil:
	case b.a == Remove && engine.IsKind(o.err, engine.ErrMustStop):
		// It runs after all (started meanwhile): asked about again.
		if now, ok := v.container(o.c.ID); ok {
			b.mustStop = append(b.mustStop, now)
		}
	default:
		b.failed = append(b.failed, o)
	}
	if b.done < b.total {
		return
	}
	v.batches = slices.DeleteFunc(v.batches, func(x *batch) bool { return x == b })
	if len(b.mustStop) > 0 {
		v.confirmStopAndRemove(b.mustStop)
	}
	if len(b.failed) == 1 {
		f := b.failed[0]
		v.h.Ask(kit.ErrorQuestion(b.a.FailedTitle(present.ContainerLabel(f.c)), f.err))
	}
	if len(b.failed) < 2 {
		return
	}
	slices.SortFunc(b.failed, func(x, y outcome) int { return x.i - y.i })
	lines := make([]string, len(b.failed))
	reasons := make([]string, len(b.failed))
	for i, f := range b.failed {
		reasons[i] = present.Explain(f.err)
		lines[i] = present.ContainerLabel(f.c) + ": " + reasons[i]
	}
	q := kit.Question{Title: i18n.N("containers.failed.many", len(lines), "Verb", b.a.Verb), Choices: []kit.Choice{kit.OK()}}
	if len(lines) <= present.NamedInText {
		q.Message = strings.Join(lines, "\n")
	} else {
		q.Message, q.Extra = present.FailuresText(reasons), v.list(lines)
	}
	v.h.Ask(q)
}

// listRows is how many lines the list under a question shows at most.
const listRows = 8

// list is the list under a question about many containers: a few lines
// high (fewer in a low window, so that the dialog's buttons stay in it),
// scrolling, and drawing only the lines in view.
func (v *View) list(lines []string) fyne.CanvasObject {
	l := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { return kit.CellLabel() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	line := kit.CellLabel().MinSize().Height + theme.SeparatorThicknessSize()
	// Room for the dialog's title, message and buttons.
	fit := int((v.h.Window().Canvas().Size().Height - 320) / line)
	rows := max(3, min(len(lines), listRows, fit))
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(0, float32(rows)*line))
	return container.NewStack(strut, l)
}

// remove removes containers the user agreed to remove. With force (after
// "Stop and remove") each is stopped first, then removed. Without, a
// container that turns out to be running is asked about again.
func (v *View) remove(cs []engine.Container, force bool) {
	if !force {
		v.act(Remove, cs)
		return
	}
	v.run(Remove, Stop.Doing, cs, func(ctx context.Context, c engine.Container, step func(string)) error {
		return StopAndRemove(ctx, v.api, c, func() { step(Remove.Doing) })
	})
}

// ask asks q about cs: with the list of them under it when the message
// counts them instead of naming them.
func (v *View) ask(q kit.Question, cs []engine.Container) {
	if len(cs) > present.NamedInText {
		q.Extra = v.list(present.ContainerLines(cs))
	}
	v.h.Ask(q)
}

// confirmRemove asks before removing cs; running ones are removed only
// after a second, explicit "Stop and remove".
func (v *View) confirmRemove(cs []engine.Container) {
	if len(cs) == 0 {
		return
	}
	title := i18n.T("containers.remove.title")
	if len(cs) > 1 {
		title = i18n.N("containers.remove.titleMany", len(cs))
	}
	v.ask(kit.Question{Title: title, Message: present.RemoveContainersText(cs), Choices: []kit.Choice{
		kit.Cancel(),
		{Text: Remove.Label, Icon: Remove.Icon(), Importance: widget.DangerImportance, Run: func() {
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
	}}, cs)
}

// confirmStopAndRemove is the second, explicit question for running containers.
func (v *View) confirmStopAndRemove(running []engine.Container) {
	title := i18n.T("containers.running.title")
	if len(running) > 1 {
		title = i18n.T("containers.running.titleMany")
	}
	v.ask(kit.Question{Title: title, Message: present.StopAndRemoveText(running), Choices: []kit.Choice{
		kit.Cancel(),
		{Text: i18n.T("containers.stopAndRemove"), Icon: Remove.Icon(), Importance: widget.DangerImportance, Run: func() { v.remove(running, true) }},
	}}, running)
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
