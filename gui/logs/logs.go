// Package logs is the logs window: a container's output like
// `docker logs --follow`, streamed with the window's own context and ended
// when the window closes.
package logs

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/kit"
	"berth/gui/present"
)

// maxLines bounds what a logs window keeps; older lines drop off the top.
const maxLines = 20000

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

	shown  []engine.LogLine // UI goroutine only
	list   *widget.List
	status *widget.Label
	follow *widget.Check
	stamps *widget.Check
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
	w.win.SetOnClosed(w.cancel)
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
		Length:     func() int { return len(w.shown) },
		CreateItem: createLine,
		UpdateItem: w.updateLine,
	}
	w.follow = &widget.Check{Text: "Follow", Checked: true, OnChanged: w.onFollow}
	w.stamps = &widget.Check{Text: "Show timestamps", OnChanged: func(bool) { w.list.Refresh() }}
	return w
}

// Close closes the window, which ends the stream.
func (w *Window) Close() { w.win.Close() }

func createLine() fyne.CanvasObject {
	l := kit.CellLabel()
	l.TextStyle.Monospace = true
	return l
}

func (w *Window) updateLine(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(w.shown) {
		return
	}
	l := w.shown[i]
	text := l.Text
	if w.stamps.Checked && !l.Time.IsZero() {
		text = l.Time.Local().Format("2006-01-02 15:04:05.000") + "  " + text
	}
	imp := widget.MediumImportance
	if l.Stderr {
		imp = widget.DangerImportance
	}
	kit.SetLabel(o.(*widget.Label), strings.ReplaceAll(text, "\t", "    "), fyne.TextStyle{Monospace: true}, imp)
}

func (w *Window) content() fyne.CanvasObject {
	top := container.NewHBox(w.follow, w.stamps, w.status)
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
	w.shown = append(w.shown, batch...)
	if n := len(w.shown); n > maxLines {
		w.shown = append([]engine.LogLine(nil), w.shown[n-maxLines:]...)
	}
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
