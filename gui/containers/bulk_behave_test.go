package containers

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
)

// crowd is n containers named prefix-0, prefix-1... in state.
func crowd(prefix string, n int, state engine.ContainerState) []engine.Container {
	status := "Up 9 minutes"
	if state != engine.StateRunning {
		status = "Exited (0) 2 minutes ago"
	}
	cs := make([]engine.Container, n)
	for i := range cs {
		short := fmt.Sprintf("%s%06x", map[bool]string{true: "aaaaaa", false: "bbbbbb"}[prefix < "m"], i)
		cs[i] = engine.Container{ID: kittest.ID(short), ShortID: short, Name: fmt.Sprintf("%s-%d", prefix, i), Image: "nginx",
			Created: now.Add(-time.Duration(i) * time.Second), State: state, Status: status}
	}
	return cs
}

// tickAll ticks the header box: every visible container.
func (e *env) tickAll() {
	e.t.Helper()
	test.Tap(e.header(colTick).(fyne.Tappable))
}

// A selection applies to what is shown: a filter that hides checked rows
// drops them from it, and no action reaches them.
func TestContainersSelectionFollowsTheFilter(t *testing.T) {
	cs := append(crowd("app", 300, engine.StateRunning), crowd("other", 1, engine.StateExited)...)
	e := start(t, enginetest.New(cs, nil))
	e.v.SetFilter("app")
	e.tickAll()
	if got := e.v.selLabel.Text; got != "300 selected" {
		t.Fatalf("bar %q after ticking all under the filter", got)
	}
	e.v.SetFilter("other")
	if e.v.selBar.Visible() {
		t.Errorf("the bar says %q with only an unselected row shown", e.v.selLabel.Text)
	}
	test.Tap(barButton(t, e.v, Stop))
	test.Tap(barButton(t, e.v, Restart))
	e.v.RemoveSelection()
	e.h.Drain()
	if n := len(e.calls("Stop ")) + len(e.calls("Restart ")); n != 0 {
		t.Errorf("%d hidden containers were acted on", n)
	}
	if len(e.h.All()) != 0 {
		t.Errorf("Remove… asked %q about hidden containers", e.h.Last(t).Message)
	}
	// Back to the first filter: what was hidden is no longer selected.
	e.v.SetFilter("app")
	if e.v.selBar.Visible() {
		t.Errorf("the bar says %q: the hidden rows came back selected", e.v.selLabel.Text)
	}
	// Part of a selection hidden: the bar counts what shows.
	e.tickAll()
	e.v.SetFilter("app-1")
	want := fmt.Sprintf("%d selected", e.v.VisibleRows())
	if got := e.v.selLabel.Text; got != want {
		t.Errorf("bar %q, want %q", got, want)
	}
}

func TestContainersSelectionFollowsOnlyRunning(t *testing.T) {
	e := start(t, newFake())
	e.tickAll()
	if got := e.v.selLabel.Text; got != "5 selected" {
		t.Fatalf("bar %q", got)
	}
	test.Tap(e.v.onlyRunning)
	if got := e.v.selLabel.Text; got != "4 selected" {
		t.Errorf("bar %q with the exited one hidden, want 4 selected", got)
	}
	// A checked row that leaves the view by itself leaves the selection.
	e.setState(webserver, engine.StateExited, "Exited (0) 1 second ago")
	if got := e.v.selLabel.Text; got != "3 selected" {
		t.Errorf("bar %q after webserver stopped under Only running, want 3 selected", got)
	}
	e.v.RemoveSelection()
	if q := e.h.Last(t); strings.Contains(q.Message, "webserver") || strings.Contains(q.Message, "awesome_mclaren") {
		t.Errorf("Remove… names a hidden container: %q", q.Message)
	}
}

// listIn finds the list of names under a question.
func listIn(t *testing.T, q kit.Question) *widget.List {
	t.Helper()
	if q.Extra == nil {
		t.Fatalf("question %q has no list under it", q.Title)
	}
	for _, o := range kittest.Walk(q.Extra) {
		if l, ok := o.(*widget.List); ok {
			return l
		}
	}
	t.Fatalf("no list in %T", q.Extra)
	return nil
}

func TestContainersRemoveManyAsksWithAShortList(t *testing.T) {
	cs := append(crowd("app", 200, engine.StateExited), crowd("run", 100, engine.StateRunning)...)
	e := start(t, enginetest.New(cs, nil))
	e.h.win.Resize(fyne.NewSize(1000, 600))
	e.tickAll()
	e.v.RemoveSelection()
	q := e.h.Last(t)
	if q.Title != "Remove 300 containers" {
		t.Errorf("title %q", q.Title)
	}
	if !strings.Contains(q.Message, "300") || strings.Contains(q.Message, "app-1") || len(q.Message) > 300 {
		t.Errorf("message %q: want the count, not the names", q.Message)
	}
	if !strings.Contains(q.Message, "100 of them are running") {
		t.Errorf("message %q does not count the running ones", q.Message)
	}
	l := listIn(t, q)
	if n := l.Length(); n != 300 {
		t.Errorf("the list has %d names", n)
	}
	if h := q.Extra.MinSize().Height; h > 9*kit.RowHeight() || h < 3*kit.RowHeight() {
		t.Errorf("the list is %v high, want about 8 rows", h)
	}
	// Shown: the dialog fits the window, its buttons in it, in a low window too.
	for _, height := range []float32{600, 440} {
		e.h.win.Resize(fyne.NewSize(1000, height))
		e.v.RemoveSelection()
		d := kit.ShowQuestion(e.h.win, e.h.Last(t))
		for _, b := range d.Buttons {
			pos, ok := positionIn(e.h.win.Canvas().Overlays().Top(), b)
			if !ok || pos.Y < 0 || pos.Y+b.Size().Height > height {
				t.Errorf("button %q at %v (height %v), outside the window %v high", b.Text, pos, b.Size().Height, height)
			}
		}
		d.Hide()
	}
	// The second question, for the running ones, is as short.
	e.h.Answer(t, q, "Remove")
	second := e.h.Last(t)
	if !strings.HasPrefix(second.Message, "100 containers are running.") || len(second.Message) > 300 {
		t.Errorf("second question %q", second.Message)
	}
	if n := listIn(t, second).Length(); n != 100 {
		t.Errorf("the second list has %d names", n)
	}
}

// positionIn is where button b is drawn in root, if it is under it.
func positionIn(root fyne.CanvasObject, b *widget.Button) (fyne.Position, bool) {
	if d, ok := root.(*kit.DialogButton); ok && &d.Button == b {
		return root.Position(), true
	}
	var children []fyne.CanvasObject
	switch c := root.(type) {
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	case *fyne.Container:
		children = c.Objects
	}
	for _, ch := range children {
		if p, ok := positionIn(ch, b); ok {
			return p.Add(root.Position()), true
		}
	}
	return fyne.Position{}, false
}

// Bulk actions run a few at a time, show their progress, and apply their
// results in batches; the rows say "Stopping…" until theirs is done.
func TestContainersBulkStopRunsAFewAtATime(t *testing.T) {
	fake := enginetest.New(crowd("app", 300, engine.StateRunning), nil)
	release := make(chan struct{})
	var inFlight, most, returned atomic.Int32
	fake.ContainerStopFunc = func(ctx context.Context, id string, _ *time.Duration) error {
		n := inFlight.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		defer returned.Add(1)
		defer inFlight.Add(-1)
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	e := start(t, fake)
	e.tickAll()
	test.Tap(barButton(t, e.v, Stop))
	e.h.Until(t, "the first stops", func() bool { return inFlight.Load() == 8 })
	time.Sleep(20 * time.Millisecond)
	if m := most.Load(); m > 8 {
		t.Errorf("%d stops at once, want at most 8", m)
	}
	last := e.containers()[299].ID
	if got := e.statusOf(last); got != Stop.Doing {
		t.Errorf("a waiting row shows %q, want %q", got, Stop.Doing)
	}
	if !e.v.progress.Visible() || e.v.progress.Text != "Stopping 0 of 300" {
		t.Errorf("progress %q (shown %v)", e.v.progress.Text, e.v.progress.Visible())
	}
	for range 120 {
		release <- struct{}{}
	}
	e.h.Until(t, "Stopping 120 of 300", func() bool { return e.v.progress.Text == "Stopping 120 of 300" })

	// The other 180 finish while the UI goroutine is busy: one update applies them all.
	e.h.Drain()
	before := e.h.dos.Load()
	for range 180 {
		release <- struct{}{}
	}
	deadline := time.Now().Add(10 * time.Second)
	for returned.Load() < 300 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if n := e.h.dos.Load() - before; n > 2 {
		t.Errorf("180 results took %d Host.Do calls, want them in one batch", n)
	}
	e.h.Until(t, "the end of the stops", func() bool { return !e.v.progress.Visible() })
	if got := e.statusOf(last); got != "Up 9 minutes" {
		t.Errorf("the last row shows %q after its stop", got)
	}
	if m := most.Load(); m > 8 {
		t.Errorf("%d stops at once, want at most 8", m)
	}
	if len(e.h.All()) != 0 {
		t.Errorf("asked %q", e.h.Last(t).Title)
	}
}

// Many failures are told once, short, with the list of who failed and why.
func TestContainersManyFailuresToldOnce(t *testing.T) {
	fake := enginetest.New(crowd("app", 50, engine.StateExited), nil)
	fake.ContainerStartFunc = func(context.Context, string) error {
		return &engine.Error{Kind: engine.ErrPortAllocated}
	}
	e := start(t, fake)
	e.tickAll()
	test.Tap(barButton(t, e.v, Start))
	e.h.Until(t, "the error", func() bool { return len(e.h.All()) > 0 && !e.v.progress.Visible() })
	if len(e.h.All()) != 1 {
		t.Fatalf("asked %d times", len(e.h.All()))
	}
	q := e.h.Last(t)
	if q.Title != "Could not start 50 containers" || len(q.Message) > 300 {
		t.Errorf("%q: %q", q.Title, q.Message)
	}
	if !strings.Contains(q.Message, "A host port you asked for is already in use") {
		t.Errorf("message %q does not say why", q.Message)
	}
	if n := listIn(t, q).Length(); n != 50 {
		t.Errorf("the list has %d lines", n)
	}
}

// A port link with no browser to open it offers to copy the address.
func TestContainersPortLinkWithoutBrowserOffersCopy(t *testing.T) {
	e := start(t, newFake())
	e.h.openErr = errors.New("exec: \"xdg-open\": executable file not found in $PATH")
	e.v.openLink(&url.URL{Scheme: "http", Host: "localhost:80", Path: "/"})
	q := e.h.Last(t)
	if _, ok := q.Choice("OK"); !ok {
		t.Errorf("question %q offers no OK", q.Title)
	}
	e.h.Answer(t, q, "Copy the address")
	if got := fyne.CurrentApp().Clipboard().Content(); got != "http://localhost:80/" {
		t.Errorf("clipboard %q", got)
	}
}

// showHost shows questions in its window, as the shell does.
type showHost struct{ host }

func (h *showHost) Ask(q kit.Question) { kit.ShowQuestion(h.win, q) }

// BenchmarkContainersRemove300Question is the time from Delete on 300
// selected containers to the question shown in the window.
func BenchmarkContainersRemove300Question(b *testing.B) {
	a := test.NewTempApp(b)
	h := &showHost{host{win: a.NewWindow("Berth"), ctx: context.Background(), now: now}}
	cs := crowd("app", 300, engine.StateExited)
	v := New(h, enginetest.New(cs, nil))
	h.win.SetContent(v.Content())
	h.win.Resize(fyne.NewSize(1280, 720))
	h.win.Show()
	v.Apply(engine.Snapshot{Reachable: true, Containers: cs, Seq: 1}, engine.Change{Full: true})
	v.toggleAll()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.RemoveSelection()
		b.StopTimer()
		if h.win.Canvas().Overlays().Top() == nil {
			b.Fatal("no question shown")
		}
		for h.win.Canvas().Overlays().Top() != nil {
			h.win.Canvas().Overlays().Remove(h.win.Canvas().Overlays().Top())
		}
		b.StartTimer()
	}
}
