package gui

import (
	"context"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
)

// maxLogLines bounds what a logs window keeps; older lines drop off the top.
const maxLogLines = 20000

// logsEngine is what the logs window needs from the engine.
type logsEngine interface {
	Logs(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error)
}

// logsView shows a container's output like `docker logs --follow`, in a
// virtualised list. Lines arrive on a goroutine and are applied in batches.
type logsView struct {
	eng    logsEngine
	do     func(func())
	id     string
	ctx    context.Context
	cancel context.CancelFunc

	lines  []engine.LogLine // UI goroutine only
	list   *widget.List
	status *widget.Label
	follow *widget.Check
	stamps *widget.Check

	mu      sync.Mutex
	pending []engine.LogLine
	queued  bool
}

func newLogsView(parent context.Context, eng logsEngine, do func(func()), id string) *logsView {
	v := &logsView{eng: eng, do: do, id: id}
	v.ctx, v.cancel = context.WithCancel(parent)
	v.status = widget.NewLabel("Loading logs…")
	v.list = &widget.List{
		Length:     func() int { return len(v.lines) },
		CreateItem: v.createLine,
		UpdateItem: v.updateLine,
	}
	v.follow = &widget.Check{Text: "Follow", Checked: true, OnChanged: v.onFollow}
	v.stamps = &widget.Check{Text: "Show timestamps", OnChanged: func(bool) { v.list.Refresh() }}
	return v
}

func (v *logsView) createLine() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.TextStyle.Monospace = true
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (v *logsView) updateLine(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(v.lines) {
		return
	}
	l := v.lines[i]
	text := l.Text
	if v.stamps.Checked && !l.Time.IsZero() {
		text = l.Time.Local().Format("2006-01-02 15:04:05.000") + "  " + text
	}
	lbl := o.(*widget.Label)
	lbl.Importance = widget.MediumImportance
	if l.Stderr {
		lbl.Importance = widget.DangerImportance
	}
	lbl.SetText(strings.ReplaceAll(text, "\t", "    "))
}

func (v *logsView) content() fyne.CanvasObject {
	top := container.NewHBox(v.follow, v.stamps, v.status)
	return container.NewBorder(top, nil, nil, nil, v.list)
}

// start streams the logs in a goroutine.
func (v *logsView) start() {
	go func() {
		ch, err := v.eng.Logs(v.ctx, v.id, engine.LogOptions{Follow: true, Tail: maxLogLines})
		if err != nil {
			v.do(func() { v.status.SetText(engine.Explain(err)) })
			return
		}
		v.do(func() { v.status.SetText("") })
		for l := range ch {
			v.add(l)
		}
		if v.ctx.Err() == nil {
			v.do(func() { v.status.SetText("The container stopped; its output ends here.") })
		}
	}()
}

// add queues a line and schedules one UI update for all queued lines.
func (v *logsView) add(l engine.LogLine) {
	v.mu.Lock()
	v.pending = append(v.pending, l)
	schedule := !v.queued
	v.queued = true
	v.mu.Unlock()
	if schedule {
		v.do(v.flush)
	}
}

func (v *logsView) flush() {
	v.mu.Lock()
	batch := v.pending
	v.pending = nil
	v.queued = false
	v.mu.Unlock()
	v.lines = append(v.lines, batch...)
	if n := len(v.lines); n > maxLogLines {
		v.lines = append([]engine.LogLine(nil), v.lines[n-maxLogLines:]...)
	}
	v.list.Refresh()
	if v.follow.Checked {
		v.list.ScrollToBottom()
	}
}

func (v *logsView) onFollow(on bool) {
	if on {
		v.list.ScrollToBottom()
	}
}

func (v *logsView) stop() { v.cancel() }

// OpenLogs opens a window with a container's logs, following them.
func (u *UI) OpenLogs(id, name string) {
	v := newLogsView(u.ctx, u.eng, u.do, id)
	w := u.app.NewWindow("Logs — " + name)
	w.SetContent(v.content())
	w.Resize(fyne.NewSize(900, 500))
	w.SetOnClosed(v.stop)
	v.start()
	w.Show()
}
