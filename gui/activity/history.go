package activity

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// HistoryHost is what a container's history needs from the shell.
type HistoryHost interface {
	Do(func())                // run on the UI goroutine
	Context() context.Context // canceled when the UI closes
	State() engine.State      // to follow the container's new events
}

// History is a container's life from the engine's events since it was
// created (`docker events --since CREATED --until now --filter
// container=ID`), for a tab of the container's details. It asks the
// engine when shown, and again when the container changes while shown.
type History struct {
	h   HistoryHost
	api engine.HistoryAPI
	c   engine.Container

	mu     sync.Mutex // guards cancel and unsub (Shown and Hidden may race a late answer)
	cancel context.CancelFunc
	unsub  func()

	events  []engine.HistoryEvent // UI goroutine only
	list    *widget.List
	note    *widget.Label
	content fyne.CanvasObject
	updates *kit.Coalescer[struct{}]
	loaded  bool // the engine answered at least once
}

// HistoryPane makes the history of container c; nothing is asked until Shown.
func HistoryPane(h HistoryHost, api engine.HistoryAPI, c engine.Container) *History {
	p := &History{h: h, api: api, c: c}
	p.list = widget.NewList(func() int { return len(p.events) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(170, kit.RowHeight()), kit.PlainLabel()), nil, kit.CellLabel())
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < 0 || i >= len(p.events) {
				return
			}
			ev := p.events[i]
			b := o.(*fyne.Container)
			text, imp := HistoryText(ev)
			kit.SetLabel(b.Objects[0].(*widget.Label), text, fyne.TextStyle{}, imp)
			kit.SetLabel(b.Objects[1].(*fyne.Container).Objects[0].(*widget.Label),
				ev.Time.Local().Format("2006-01-02 15:04:05"), fyne.TextStyle{}, widget.LowImportance)
		})
	p.note = kit.WrapLabel(i18n.T("history.loading"), widget.MediumImportance)
	p.content = container.NewBorder(p.note, nil, nil, nil, p.list)
	p.updates = kit.NewCoalescer(h.Do, nil, func(struct{}) { p.load() })
	return p
}

// Content is the pane.
func (p *History) Content() fyne.CanvasObject { return p.content }

// Shown asks the engine for the history and follows the container's changes.
func (p *History) Shown() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.unsub != nil {
		return
	}
	id := p.c.ID
	p.unsub = p.h.State().Subscribe(func(_ engine.Snapshot, ch engine.Change) {
		for _, ev := range ch.Events {
			if ev.ID == id {
				p.updates.Post(struct{}{})
				return
			}
		}
	})
	p.updates.Post(struct{}{})
}

// Hidden stops following the container.
func (p *History) Hidden() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.unsub != nil {
		p.unsub()
		p.unsub = nil
	}
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
}

// Close releases the pane.
func (p *History) Close() { p.Hidden() }

// Events are the events shown, oldest first (tests).
func (p *History) Events() []engine.HistoryEvent {
	return append([]engine.HistoryEvent(nil), p.events...)
}

// Loaded reports whether the engine has answered (tests).
func (p *History) Loaded() bool { return p.loaded }

// load asks the engine (UI goroutine; the call runs beside it).
func (p *History) load() {
	p.mu.Lock()
	if p.unsub == nil {
		p.mu.Unlock()
		return // hidden meanwhile
	}
	if p.cancel != nil {
		p.cancel()
	}
	ctx, cancel := context.WithTimeout(p.h.Context(), 30*time.Second)
	p.cancel = cancel
	p.mu.Unlock()
	go func() {
		evs, err := p.api.ContainerHistory(ctx, p.c.ID, p.c.Created)
		if ctx.Err() != nil {
			return
		}
		p.h.Do(func() { p.show(evs, err) })
	}()
}

func (p *History) show(evs []engine.HistoryEvent, err error) {
	if err != nil {
		kit.SetLabel(p.note, i18n.T("history.failed", "Why", present.Explain(err)), fyne.TextStyle{}, widget.DangerImportance)
		return
	}
	p.loaded = true
	p.events = evs
	created := p.c.Created.Local().Format("2006-01-02 15:04")
	note := i18n.T("history.since", "Created", created)
	if len(evs) == 0 || evs[0].Action != "create" {
		note += " " + i18n.T("history.forgotten")
	}
	kit.SetLabel(p.note, note, fyne.TextStyle{}, widget.MediumImportance)
	p.list.Refresh()
	p.list.ScrollToBottom()
}

// HistoryText words one event of a container's life, with its importance.
func HistoryText(ev engine.HistoryEvent) (string, widget.Importance) {
	switch ev.Action {
	case "create":
		return i18n.T("history.create"), widget.MediumImportance
	case "start":
		if ev.ByPolicy {
			return i18n.T("history.policyRestart"), widget.WarningImportance
		}
		return i18n.T("history.start"), widget.SuccessImportance
	case "restart":
		return i18n.T("history.restart"), widget.SuccessImportance
	case "kill":
		return i18n.T("history.kill", "Signal", ev.Signal), widget.MediumImportance
	case "die":
		if ev.ExitCode == "0" {
			return i18n.T("history.exit0"), widget.MediumImportance
		}
		return i18n.T("history.die", "Code", ev.ExitCode), widget.WarningImportance
	case "stop":
		return i18n.T("history.stop"), widget.MediumImportance
	case "oom":
		return i18n.T("history.oom"), widget.DangerImportance
	case "pause":
		return i18n.T("history.pause"), widget.MediumImportance
	case "unpause":
		return i18n.T("history.unpause"), widget.MediumImportance
	case "health_status":
		switch ev.Health {
		case "healthy":
			return i18n.T("history.healthy"), widget.SuccessImportance
		case "unhealthy":
			return i18n.T("history.unhealthy"), widget.DangerImportance
		}
		return i18n.T("history.health", "Health", ev.Health), widget.MediumImportance
	case "rename":
		return i18n.T("history.rename"), widget.MediumImportance
	case "destroy":
		return i18n.T("history.destroy"), widget.MediumImportance
	}
	return i18n.T("history.other", "Action", ev.Action), widget.MediumImportance
}
