package logs

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit/kittest"
)

// host is a fake Host: Do queues, the test goroutine runs the queue (the
// UI goroutine of the test).
type host struct {
	kittest.Queue
	ctx context.Context
	app fyne.App
}

func newHost(t *testing.T) *host {
	return &host{ctx: t.Context(), app: test.NewTempApp(t)}
}

func (h *host) Context() context.Context { return h.ctx }
func (h *host) App() fyne.App            { return h.app }

func TestLogsShowsAndFollows(t *testing.T) {
	h := newHost(t)
	feed := make(chan engine.LogLine)
	fake := enginetest.New(nil, nil)
	fake.ContainerLogsFunc = func(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error) {
		if !opts.Follow || id != "abc" {
			t.Errorf("opts %+v id %s", opts, id)
		}
		return feed, nil
	}
	w := Open(h, fake, engine.Container{ID: "abc", ShortID: "abc", Name: "webserver"})
	defer w.Close()
	if got := w.win.Title(); got != "Logs — webserver" {
		t.Errorf("title %q", got)
	}
	go func() {
		for i := 0; i < 500; i++ {
			feed <- engine.LogLine{Text: fmt.Sprintf("line %d", i), Stderr: i == 499, Time: time.Unix(int64(i), 0)}
		}
		close(feed)
	}()
	h.Until(t, "500 lines", func() bool { return w.shown.len() == 500 })
	h.Until(t, "end message", func() bool { return strings.Contains(w.status.Text, "stopped") })
	if s, at, stderr := w.shown.line(499); s != "line 499" || !stderr || at != time.Unix(499, 0).UnixNano() {
		t.Errorf("last line %q %d %v", s, at, stderr)
	}
}

func TestLogsError(t *testing.T) {
	h := newHost(t)
	fake := enginetest.New(nil, nil)
	fake.ContainerLogsFunc = func(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error) {
		return nil, &engine.Error{Kind: engine.ErrNotFound, Ref: "abc", What: "container"}
	}
	w := Open(h, fake, engine.Container{ID: "abc", ShortID: "abc"})
	defer w.Close()
	if got := w.win.Title(); got != "Logs — abc" {
		t.Errorf("title %q", got)
	}
	h.Until(t, "error", func() bool { return w.status.Text == `There is no container "abc" on this engine.` })
}

func TestLogsBounded(t *testing.T) {
	h := newHost(t)
	w := newWindow(h, enginetest.New(nil, nil), "abc")
	win := test.NewWindow(w.content())
	defer win.Close()
	batch := make([]engine.LogLine, maxLines+10)
	for i := range batch {
		batch[i] = engine.LogLine{Text: fmt.Sprint(i)}
	}
	w.add(batch)
	if first, _, _ := w.shown.line(0); w.shown.len() != maxLines || first != "10" {
		t.Fatalf("kept %d lines starting %q", w.shown.len(), first)
	}
	// Lines keep coming: the buffer stays bounded, the text right.
	for range 5 {
		w.add(batch)
	}
	if first, _, _ := w.shown.line(0); first != "10" || len(w.shown.buf) > 4*maxLines*len("19999") {
		t.Errorf("first line %q, %d bytes kept", first, len(w.shown.buf))
	}
	if last, _, _ := w.shown.line(maxLines - 1); last != fmt.Sprint(maxLines+9) {
		t.Errorf("last line %q", last)
	}
}

// Closing the window ends the stream: the engine call's context is canceled.
func TestLogsCloseEndsStream(t *testing.T) {
	h := newHost(t)
	ended := make(chan struct{})
	fake := enginetest.New(nil, nil)
	fake.ContainerLogsFunc = func(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error) {
		ch := make(chan engine.LogLine)
		go func() {
			<-ctx.Done()
			close(ch)
			close(ended)
		}()
		return ch, nil
	}
	w := Open(h, fake, engine.Container{ID: "abc", Name: "web"})
	h.Until(t, "the stream to open", func() bool { return w.status.Text == "" })
	w.Close()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("closing the window did not end the stream")
	}
}

// streamed opens a logs window over n lines ("line 0"…) and an open
// stream; ended is closed when the stream's context ends.
func streamed(t *testing.T, h *host, n int) (w *Window, ended chan struct{}) {
	t.Helper()
	ended = make(chan struct{})
	fake := enginetest.New(nil, nil)
	fake.ContainerLogsFunc = func(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error) {
		ch := make(chan engine.LogLine)
		go func() {
			defer close(ended)
			defer close(ch)
			for i := range n {
				select {
				case ch <- engine.LogLine{Text: fmt.Sprintf("line %d", i)}:
				case <-ctx.Done():
					return
				}
			}
			<-ctx.Done()
		}()
		return ch, nil
	}
	w = Open(h, fake, engine.Container{ID: "abc", Name: "web"})
	h.Until(t, "the lines", func() bool { return w.shown.len() == n })
	return w, ended
}

func waitEnded(t *testing.T, ended chan struct{}, how string) {
	t.Helper()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not end the stream", how)
	}
}

// The window closes under any window manager: its Close button, Ctrl+W.
// Closing hands the lines back.
func TestLogsCloseButtonAndCtrlW(t *testing.T) {
	h := newHost(t)
	w, ended := streamed(t, h, 10)
	var close *widget.Button
	for _, o := range kittest.Walk(w.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Close" {
			close = b
		}
	}
	if close == nil {
		t.Fatal("the logs window has no Close button")
	}
	test.Tap(close)
	waitEnded(t, ended, "the Close button")
	if w.shown.len() != 0 || w.shown.buf != nil {
		t.Errorf("a closed window keeps %d lines", w.shown.len())
	}

	w, ended = streamed(t, h, 10)
	w.win.Canvas().Focus(w.follow) // a focused check box leaves shortcuts to the window
	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault})
	waitEnded(t, ended, "Ctrl+W")
}

// A notch of the mouse wheel scrolls three lines: Fyne's desktop driver
// sends a notch as a scroll of 25 (which moved the list less than a line).
func TestLogsWheelScrollsThreeLines(t *testing.T) {
	h := newHost(t)
	w, _ := streamed(t, h, 500)
	defer w.Close()
	test.Tap(w.follow)
	w.list.ScrollToTop()
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(w.list)
	test.Scroll(w.win.Canvas(), top.AddXY(50, 50), 0, -25)
	test.Scroll(w.win.Canvas(), top.AddXY(50, 50), 0, -25)
	var at *line
	for _, o := range kittest.Walk(w.list) {
		if l, ok := o.(*line); ok && l.Visible() && l.Text == "line 6" {
			at = l
		}
	}
	if at == nil {
		t.Fatal("line 6 is not drawn after two notches")
	}
	if y := d.AbsolutePositionForObject(at).Y - top.Y; y < -1 || y > 1 {
		t.Errorf("after two notches line 6 is %.1f below the top of the list, want 0 (offset %.1f)", y, w.list.GetScrollOffset())
	}
}
