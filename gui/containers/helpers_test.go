package containers

import (
	"context"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

// now is the fixed "now" of the tests.
var now = kittest.Now

// host is a fake Host. Do queues work and the test goroutine runs it
// (Drain, Until); Ask records the question (Last, Answer).
type host struct {
	kittest.Queue
	kittest.Questions
	win fyne.Window
	ctx context.Context
	now time.Time

	dos     atomic.Int64 // calls of Do
	openErr error        // what OpenURL answers

	opened   []string
	runs     []string
	logs     []string
	details  []string
	shortcut []string

	projectLogs []string // OpenProjectLogs
	composeUps  int      // OpenComposeUp
	stacks      *enginetest.Compose
}

func (h *host) Do(f func()) {
	h.dos.Add(1)
	h.Queue.Do(f)
}

func (h *host) Now() time.Time              { return h.now }
func (h *host) Window() fyne.Window         { return h.win }
func (h *host) Context() context.Context    { return h.ctx }
func (h *host) OpenRun(image string)        { h.runs = append(h.runs, image) }
func (h *host) OpenLogs(c engine.Container) { h.logs = append(h.logs, c.ID) }
func (h *host) OpenDetails(c engine.Container, tab string) {
	h.details = append(h.details, c.ID+" "+tab)
}
func (h *host) OpenURL(u *url.URL) error {
	h.opened = append(h.opened, u.String())
	return h.openErr
}

func (h *host) Shortcut(s fyne.Shortcut) bool {
	h.shortcut = append(h.shortcut, s.ShortcutName())
	return true
}

// env is the view over the fake engine, with the snapshots the store
// would send.
type env struct {
	t      *testing.T
	h      *host
	fake   *enginetest.Engine
	v      *View
	snap   engine.Snapshot
	cancel context.CancelFunc
	// colOf and shows tell what each cell content is: its column, and the
	// row it showed last (a container ID, or "[project]").
	colOf    map[fyne.CanvasObject]int
	shows    map[fyne.CanvasObject]string
	headerOf map[fyne.CanvasObject]int
}

// start shows the view over fake, with the fake's containers applied.
func start(t *testing.T, fake *enginetest.Engine) *env {
	t.Helper()
	e := startEmpty(t, fake)
	e.apply(engine.Change{Full: true})
	return e
}

// startEmpty shows the view before the first snapshot.
func startEmpty(t *testing.T, fake *enginetest.Engine) *env {
	t.Helper()
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	h := &host{win: a.NewWindow("Berth"), ctx: ctx, now: now}
	e := &env{t: t, h: h, fake: fake, v: New(h, fake), cancel: cancel,
		colOf: map[fyne.CanvasObject]int{}, shows: map[fyne.CanvasObject]string{}, headerOf: map[fyne.CanvasObject]int{}}
	e.instrument()
	h.win.SetContent(e.v.Content())
	h.win.Resize(fyne.NewSize(1500, 800))
	t.Cleanup(func() {
		cancel()
		h.Drain()
	})
	return e
}

// instrument records what the table's cells show (before any is made).
func (e *env) instrument() {
	for i := range e.v.table.Columns {
		col := &e.v.table.Columns[i]
		create, update, header := col.Create, col.Update, col.HeaderCreate
		if header != nil {
			col.HeaderCreate = func() fyne.CanvasObject {
				o := header()
				e.headerOf[o] = i
				return o
			}
		}
		col.Create = func() fyne.CanvasObject {
			o := create()
			e.colOf[o] = i
			return o
		}
		col.Update = func(r *row, o fyne.CanvasObject) {
			if r.g != nil {
				e.shows[o] = "[" + r.g.name + "]"
			} else {
				e.shows[o] = r.e.c.ID
			}
			update(r, o)
		}
	}
}

// containers is the fake engine's list.
func (e *env) containers() []engine.Container {
	cs, _ := e.fake.ContainerList(context.Background(), true)
	return cs
}

// apply sends the view the fake's state as the store would.
func (e *env) apply(ch engine.Change) {
	e.snap = engine.Snapshot{Reachable: true, Containers: e.containers(), Seq: e.snap.Seq + 1}
	e.v.Apply(e.snap, ch)
}

// setState changes a container in the fake engine and applies the change.
func (e *env) setState(id string, state engine.ContainerState, status string) {
	cs := e.containers()
	for i := range cs {
		if cs[i].ID == id {
			cs[i].State, cs[i].Status = state, status
		}
	}
	e.fake.SetContainers(cs)
	e.apply(engine.Change{Containers: []string{id}})
}

func (e *env) removeFromFake(id string) {
	var keep []engine.Container
	for _, c := range e.containers() {
		if c.ID != id {
			keep = append(keep, c)
		}
	}
	e.fake.SetContainers(keep)
	e.apply(engine.Change{Removed: []string{id}})
}

// setReachable applies the last known lists with the engine (un)reachable.
func (e *env) setReachable(on bool, err error) {
	e.snap.Reachable, e.snap.Err = on, err
	e.snap.Seq++
	e.v.Apply(e.snap, engine.Change{Reachability: true})
}

func (e *env) statusOf(id string) string {
	s, _ := e.v.StatusText(id)
	return s
}

func (e *env) calls(prefix string) []string { return e.fake.CallsWith(prefix) }

// cell finds the drawn content of row (a container ID or "[project]") in column col.
func (e *env) cell(row string, col int) fyne.CanvasObject {
	e.t.Helper()
	kittest.Relayout(e.h.win)
	for _, o := range kittest.Walk(e.v.table) {
		if c, ok := e.colOf[o]; ok && c == col && e.shows[o] == row {
			return o
		}
	}
	e.t.Fatalf("no cell for %s in column %d", row, col)
	return nil
}

// header finds the drawn header cell of column col (the tick-all box).
func (e *env) header(col int) fyne.CanvasObject {
	e.t.Helper()
	kittest.Relayout(e.h.win)
	for _, o := range kittest.Walk(e.v.table) {
		if c, ok := e.headerOf[o]; ok && c == col {
			return o
		}
	}
	e.t.Fatalf("no header cell in column %d", col)
	return nil
}

func (e *env) actions(id string) *actionsCell { return e.cell(id, colActions).(*actionsCell) }
func (e *env) status(id string) *statusCell   { return e.cell(id, colStatus).(*statusCell) }

// button is the button of container id's row that runs a.
func (e *env) button(id string, a *Action) fyne.Tappable {
	e.t.Helper()
	b := e.actions(id).button(a)
	if b == nil {
		e.t.Fatalf("the row of %s offers no %s", id[:12], a.Label)
	}
	return b
}
