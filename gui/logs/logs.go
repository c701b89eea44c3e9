// Package logs is the logs window: a container's output like
// `docker logs --follow`, streamed with the window's own context and ended
// when the window closes.
package logs

import (
	"context"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/kit"
	"berth/gui/present"
)

// maxLines bounds what a logs window keeps; older lines drop off the top.
const maxLines = 20000

// A notch of the mouse wheel scrolls three lines, as in other desktop apps.
// Fyne's desktop driver turns a notch into a scroll of wheelNotch units
// (its scrollSpeed on Linux and Windows), which would be under one line.
const (
	wheelNotch     = 25
	linesPerNotch  = 3
	freeAfterClose = time.Second // for the driver to let go of the window first
)

// Host is what the logs window needs from the shell.
type Host interface {
	// Do runs f on the UI goroutine.
	Do(f func())
	// Context ends when Berth shuts down.
	Context() context.Context
	// App makes the window.
	App() fyne.App
}

// Window shows one container's logs in a virtualised list. Lines arrive on
// a goroutine and reach the list through one kit.Coalescer.
type Window struct {
	api    engine.LogAPI
	id     string
	ctx    context.Context
	cancel context.CancelFunc
	win    fyne.Window
	lines  *kit.Coalescer[[]engine.LogLine]

	shown  text // UI goroutine only
	list   *widget.List
	pitch  float32 // the height of a line in the list, separator included
	status *widget.Label
	follow *widget.Check
	stamps *widget.Check
	close  *widget.Button
}

// Open opens a window with c's logs and follows them until it closes.
func Open(h Host, api engine.LogAPI, c engine.Container) *Window {
	w := newWindow(h, api, c.ID)
	name := c.Name
	if name == "" {
		name = c.ShortID
	}
	w.win = h.App().NewWindow("Logs — " + name)
	w.win.SetContent(w.content())
	w.win.Resize(fyne.NewSize(900, 500))
	w.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.Close() })
	w.win.SetOnClosed(w.closed)
	w.start(h)
	w.win.Show()
	return w
}

func newWindow(h Host, api engine.LogAPI, id string) *Window {
	w := &Window{api: api, id: id}
	w.ctx, w.cancel = context.WithCancel(h.Context())
	w.lines = kit.NewCoalescer(h.Do, func(pending, next []engine.LogLine) []engine.LogLine {
		return append(pending, next...)
	}, w.add)
	w.status = widget.NewLabel("Loading logs…")
	w.list = &widget.List{
		Length:     w.shown.len,
		CreateItem: w.createLine,
		UpdateItem: w.updateLine,
	}
	w.pitch = w.createLine().MinSize().Height + theme.Padding()
	w.follow = &widget.Check{Text: "Follow", Checked: true, OnChanged: w.onFollow}
	w.stamps = &widget.Check{Text: "Show timestamps", OnChanged: func(bool) { w.list.Refresh() }}
	w.close = widget.NewButtonWithIcon("Close", theme.WindowCloseIcon(), w.Close)
	return w
}

// Close closes the window, which ends the stream.
func (w *Window) Close() { w.win.Close() }

// closed ends the stream and hands the lines' memory back (the window is
// gone: nothing draws them any more).
func (w *Window) closed() {
	w.cancel()
	w.shown = text{}
	time.AfterFunc(freeAfterClose, debug.FreeOSMemory)
}

// line is a line of the list: a label that scrolls the list by whole lines.
type line struct {
	widget.Label
	w *Window
}

func (w *Window) createLine() fyne.CanvasObject {
	l := &line{w: w}
	l.Truncation = fyne.TextTruncateEllipsis
	l.TextStyle.Monospace = true
	l.ExtendBaseWidget(l)
	return l
}

// Scrolled implements fyne.Scrollable: a notch of the wheel scrolls
// linesPerNotch lines (the list's own scroller would move wheelNotch units).
func (l *line) Scrolled(ev *fyne.ScrollEvent) {
	list := l.w.list
	list.ScrollToOffset(list.GetScrollOffset() - ev.Scrolled.DY/wheelNotch*linesPerNotch*l.w.pitch)
}

func (w *Window) updateLine(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= w.shown.len() {
		return
	}
	s, at, stderr := w.shown.line(i)
	if w.stamps.Checked && at != 0 {
		s = time.Unix(0, at).Local().Format("2006-01-02 15:04:05.000") + "  " + s
	}
	imp := widget.MediumImportance
	if stderr {
		imp = widget.DangerImportance
	}
	kit.SetLabel(&o.(*line).Label, strings.ReplaceAll(s, "\t", "    "), fyne.TextStyle{Monospace: true}, imp)
}

func (w *Window) content() fyne.CanvasObject {
	top := container.NewBorder(nil, nil, container.NewHBox(w.follow, w.stamps), w.close, w.status)
	return container.NewBorder(top, nil, nil, nil, w.list)
}

// start streams the logs in a goroutine until the window's context ends.
func (w *Window) start(h Host) {
	go func() {
		ch, err := w.api.ContainerLogs(w.ctx, w.id, engine.LogOptions{Follow: true, Tail: maxLines})
		if err != nil {
			h.Do(func() { w.status.SetText(present.Explain(err)) })
			return
		}
		h.Do(func() { w.status.SetText("") })
		for l := range ch {
			w.lines.Post([]engine.LogLine{l})
		}
		if w.ctx.Err() == nil {
			h.Do(func() { w.status.SetText("The container stopped; its output ends here.") })
		}
	}()
}

// add shows a batch of lines (UI goroutine).
func (w *Window) add(batch []engine.LogLine) {
	w.shown.add(batch)
	w.list.Refresh()
	if w.follow.Checked {
		w.list.ScrollToBottom()
	}
}

func (w *Window) onFollow(on bool) {
	if on {
		w.list.ScrollToBottom()
	}
}
