// Package activity is the Activity tab: what Berth did (and what others
// did to the engine) as the docker commands it stands for, newest first,
// with a copy button per command and "Copy all as a shell script"; and a
// container's history from the engine's events (HistoryPane).
package activity

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	act "berth/engine/activity"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// Host is what the view needs from the shell.
type Host interface {
	Do(func())      // run on the UI goroutine
	Now() time.Time // for the script's date
	App() fyne.App  // its clipboard
}

// View is the Activity tab.
type View struct {
	h     Host
	log   *act.Log
	unsub func()

	rows    []act.Entry // newest first (UI goroutine only)
	table   *kit.Table[act.Entry]
	empty   *widget.Label
	copyAll *widget.Button
	count   *widget.Label
	content fyne.CanvasObject
	updates *kit.Coalescer[struct{}] // one redraw per burst of changes
}

// New makes the Activity tab over log; it follows the log until Close.
func New(h Host, log *act.Log) *View {
	v := &View{h: h, log: log}
	v.table = kit.NewTable(v.columns(), func() int { return len(v.rows) }, func(i int) *act.Entry {
		if i < 0 || i >= len(v.rows) {
			return nil
		}
		return &v.rows[i]
	})
	v.empty = kit.WrapLabel(i18n.T("activity.empty"), widget.MediumImportance)
	v.copyAll = &widget.Button{Text: i18n.T("activity.copyAll"), Icon: theme.ContentCopyIcon(), OnTapped: v.CopyAll}
	intro := kit.WrapLabel(i18n.T("activity.intro"), widget.MediumImportance)
	v.count = kit.PlainLabel()
	top := container.NewVBox(intro, container.NewHBox(v.copyAll, v.count))
	v.content = container.NewBorder(top, nil, nil, nil, container.NewStack(v.table, container.NewCenter(container.New(kit.BoxWidth(420), v.empty))))
	v.updates = kit.NewCoalescer(h.Do, func(struct{}, struct{}) struct{} { return struct{}{} }, func(struct{}) { v.load() })
	v.unsub = log.Subscribe(func() { v.updates.Post(struct{}{}) })
	v.load()
	return v
}

// load takes the log's entries, newest first (UI goroutine).
func (v *View) load() {
	es := v.log.Entries()
	v.rows = v.rows[:0]
	for i := len(es) - 1; i >= 0; i-- {
		v.rows = append(v.rows, es[i])
	}
	kit.Show(v.empty, len(v.rows) == 0)
	kit.Enable(v.copyAll, len(v.rows) > 0)
	kit.SetLabel(v.count, i18n.N("activity.count", len(v.rows)), fyne.TextStyle{}, widget.LowImportance)
	v.table.Refresh()
}

// Content is the tab's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Apply implements the shell's view: the log follows the engine itself.
func (v *View) Apply(engine.Snapshot, engine.Change) {}

// Tick implements the shell's view: the times are clock times.
func (v *View) Tick() {}

// FocusFilter implements the shell's view: there is no filter.
func (v *View) FocusFilter() {}

// RemoveSelection implements the shell's view: nothing to remove.
func (v *View) RemoveSelection() {}

// Close stops following the log.
func (v *View) Close() { v.unsub() }

// Rows are the entries shown, newest first (tests).
func (v *View) Rows() []act.Entry { return append([]act.Entry(nil), v.rows...) }

// Copy puts e's command on the clipboard.
func (v *View) Copy(e act.Entry) {
	if e.Command != "" {
		v.h.App().Clipboard().SetContent(e.Command)
	}
}

// CopyAll puts every command on the clipboard as a shell script, oldest first.
func (v *View) CopyAll() {
	v.h.App().Clipboard().SetContent(act.Script(v.log.Entries(), v.h.Now()))
}

// What words an entry in the user's language: "Stopped webserver" once
// done, "Stop webserver" while in flight or when it failed.
func What(e act.Entry) string {
	obj := e.Object
	if obj == "" {
		obj = "?"
	}
	if !e.External && (!e.Done || e.Err != nil) {
		switch e.Action {
		case act.ContainerStart:
			return i18n.T("activity.do.start", "Name", obj)
		case act.ContainerStop:
			return i18n.T("activity.do.stop", "Name", obj)
		case act.ContainerRestart:
			return i18n.T("activity.do.restart", "Name", obj)
		case act.ContainerPause:
			return i18n.T("activity.do.pause", "Name", obj)
		case act.ContainerUnpause:
			return i18n.T("activity.do.unpause", "Name", obj)
		case act.ContainerRemove:
			return i18n.T("activity.do.remove", "Name", obj)
		case act.ContainerRun:
			return i18n.T("activity.do.run", "Name", obj)
		case act.ImagePull:
			return i18n.T("activity.do.pull", "Name", obj)
		case act.ImageRemove:
			return i18n.T("activity.do.imageRemove", "Name", obj)
		case act.ImageTag:
			return i18n.T("activity.do.tag", "Name", obj)
		case act.ImagePush:
			return i18n.T("activity.do.push", "Name", obj)
		case act.VolumeCreate:
			return i18n.T("activity.do.volumeCreate", "Name", obj)
		case act.VolumeRemove:
			return i18n.T("activity.do.volumeRemove", "Name", obj)
		case act.NetworkCreate:
			return i18n.T("activity.do.networkCreate", "Name", obj)
		case act.NetworkRemove:
			return i18n.T("activity.do.networkRemove", "Name", obj)
		case act.NetworkConnect:
			return i18n.T("activity.do.networkConnect", "Name", obj, "Network", e.Detail)
		case act.NetworkDisconnect:
			return i18n.T("activity.do.networkDisconnect", "Name", obj, "Network", e.Detail)
		case act.ComposeUp:
			return i18n.T("activity.do.composeUp", "Name", obj)
		case act.ComposeDown:
			return i18n.T("activity.do.composeDown", "Name", obj)
		}
	}
	switch e.Action {
	case act.ContainerStart:
		return i18n.T("activity.what.start", "Name", obj)
	case act.ContainerStop:
		return i18n.T("activity.what.stop", "Name", obj)
	case act.ContainerRestart:
		return i18n.T("activity.what.restart", "Name", obj)
	case act.ContainerPause:
		return i18n.T("activity.what.pause", "Name", obj)
	case act.ContainerUnpause:
		return i18n.T("activity.what.unpause", "Name", obj)
	case act.ContainerRemove:
		return i18n.T("activity.what.remove", "Name", obj)
	case act.ContainerRun:
		return i18n.T("activity.what.run", "Name", obj)
	case act.ContainerCreate:
		return i18n.T("activity.what.create", "Name", obj)
	case act.ContainerExit:
		return i18n.T("activity.what.exit", "Name", obj, "Code", e.Detail)
	case act.ContainerOOM:
		return i18n.T("activity.what.oom", "Name", obj)
	case act.ImagePull:
		return i18n.T("activity.what.pull", "Name", obj)
	case act.ImageRemove:
		return i18n.T("activity.what.imageRemove", "Name", obj)
	case act.ImageDelete:
		return i18n.T("activity.what.imageDelete", "Name", obj)
	case act.ImageTag:
		return i18n.T("activity.what.tag", "Name", obj)
	case act.ImagePush:
		return i18n.T("activity.what.push", "Name", obj)
	case act.VolumeCreate:
		return i18n.T("activity.what.volumeCreate", "Name", obj)
	case act.VolumeRemove:
		return i18n.T("activity.what.volumeRemove", "Name", obj)
	case act.NetworkCreate:
		return i18n.T("activity.what.networkCreate", "Name", obj)
	case act.NetworkRemove:
		return i18n.T("activity.what.networkRemove", "Name", obj)
	case act.NetworkConnect:
		return i18n.T("activity.what.networkConnect", "Name", obj, "Network", e.Detail)
	case act.NetworkDisconnect:
		return i18n.T("activity.what.networkDisconnect", "Name", obj, "Network", e.Detail)
	case act.ComposeUp:
		return i18n.T("activity.what.composeUp", "Name", obj)
	case act.ComposeDown:
		return i18n.T("activity.what.composeDown", "Name", obj)
	}
	return e.What()
}

// Result words how an entry went: done, still running, or the engine's
// error in plain words.
func Result(e act.Entry) string {
	switch {
	case e.External:
		return i18n.T("activity.result.external")
	case !e.Done:
		return i18n.T("activity.result.running")
	case e.Err != nil:
		return present.Explain(e.Err)
	}
	return i18n.T("activity.result.done")
}

// Duration words how long an action took: "0.4 s", "12 s"; "" for others' actions.
func Duration(e act.Entry) string {
	if e.External || !e.Done {
		return ""
	}
	d := e.Duration
	if d < 10*time.Second {
		return i18n.T("activity.seconds.tenths", "N", float64(d.Round(100*time.Millisecond))/float64(time.Second))
	}
	return i18n.T("activity.seconds", "N", int(d.Round(time.Second)/time.Second))
}

// copyCell is the command column's cell: the command and its copy button.
type copyCell struct {
	kit.Cell[act.Entry]
	label  *widget.Label
	button *kit.TipButton
}

func (v *View) newCopyCell() fyne.CanvasObject {
	c := &copyCell{label: kit.CellLabel()}
	c.button = kit.NewTipButton(theme.ContentCopyIcon(), i18n.T("activity.copy"), func() {
		if r := c.Row(); r != nil {
			v.Copy(*r)
		}
	})
	c.Content = container.NewBorder(nil, nil, nil, c.button, c.label)
	c.ExtendBaseWidget(c)
	return c
}

func (v *View) columns() []kit.Column[act.Entry] {
	label := func() fyne.CanvasObject { return kit.CellLabel() }
	set := func(o fyne.CanvasObject, s string, imp widget.Importance) {
		kit.SetLabel(o.(*widget.Label), s, fyne.TextStyle{}, imp)
	}
	return []kit.Column[act.Entry]{
		{Title: i18n.T("activity.col.time"), Width: 90, Create: label, Update: func(e *act.Entry, o fyne.CanvasObject) {
			set(o, e.Time.Local().Format("15:04:05"), widget.MediumImportance)
		}},
		{Title: i18n.T("activity.col.what"), Width: 300, Create: label, Update: func(e *act.Entry, o fyne.CanvasObject) {
			s, imp := What(*e), widget.MediumImportance
			if e.External {
				s = i18n.T("activity.outside", "What", s)
				imp = widget.LowImportance
			}
			set(o, s, imp)
		}},
		{Title: i18n.T("activity.col.command"), Width: 420, Fill: true, Create: v.newCopyCell, Update: func(e *act.Entry, o fyne.CanvasObject) {
			c := o.(*copyCell)
			kit.SetLabel(c.label, e.Command, fyne.TextStyle{}, widget.MediumImportance)
			kit.Show(c.button, e.Command != "")
		}},
		{Title: i18n.T("activity.col.result"), Width: 300, Create: label, Update: func(e *act.Entry, o fyne.CanvasObject) {
			imp := widget.SuccessImportance
			switch {
			case e.External || !e.Done:
				imp = widget.MediumImportance
			case e.Err != nil:
				imp = widget.DangerImportance
			}
			set(o, Result(*e), imp)
		}},
		{Title: i18n.T("activity.col.duration"), Width: 80, Create: label, Update: func(e *act.Entry, o fyne.CanvasObject) {
			set(o, Duration(*e), widget.MediumImportance)
		}},
	}
}
