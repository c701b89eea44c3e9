package logs

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
)

// loop is a fake Host: Do queues, waitFor runs the queue on the test
// goroutine (the UI goroutine of the test).
type loop struct {
	q   chan func()
	ctx context.Context
	app fyne.App
}

func newLoop(t *testing.T) *loop {
	return &loop{q: make(chan func(), 1000), ctx: t.Context(), app: test.NewTempApp(t)}
}

func (l *loop) Do(f func())              { l.q <- f }
func (l *loop) Context() context.Context { return l.ctx }
func (l *loop) App() fyne.App            { return l.app }

func (l *loop) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case f := <-l.q:
			f()
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestLogsShowsAndFollows(t *testing.T) {
	h := newLoop(t)
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
	h.waitFor(t, "500 lines", func() bool { return len(w.shown) == 500 })
	h.waitFor(t, "end message", func() bool { return strings.Contains(w.status.Text, "stopped") })
	if w.shown[499].Text != "line 499" || !w.shown[499].Stderr {
		t.Errorf("last line %+v", w.shown[499])
	}
}

func TestLogsError(t *testing.T) {
	h := newLoop(t)
	fake := enginetest.New(nil, nil)
	fake.ContainerLogsFunc = func(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error) {
		return nil, &engine.Error{Kind: engine.ErrNotFound, Ref: "abc", What: "container"}
	}
	w := Open(h, fake, engine.Container{ID: "abc", ShortID: "abc"})
	defer w.Close()
	if got := w.win.Title(); got != "Logs — abc" {
		t.Errorf("title %q", got)
	}
	h.waitFor(t, "error", func() bool { return w.status.Text == `There is no container "abc" on this engine.` })
}

func TestLogsBounded(t *testing.T) {
	h := newLoop(t)
	w := newWindow(h, enginetest.New(nil, nil), "abc")
	win := test.NewWindow(w.content())
	defer win.Close()
	batch := make([]engine.LogLine, maxLines+10)
	for i := range batch {
		batch[i] = engine.LogLine{Text: fmt.Sprint(i)}
	}
	w.add(batch)
	if len(w.shown) != maxLines || w.shown[0].Text != "10" {
		t.Fatalf("kept %d lines starting %q", len(w.shown), w.shown[0].Text)
	}
}

// Closing the window ends the stream: the engine call's context is canceled.
func TestLogsCloseEndsStream(t *testing.T) {
	h := newLoop(t)
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
	h.waitFor(t, "the stream to open", func() bool { return w.status.Text == "" })
	w.Close()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("closing the window did not end the stream")
	}
}
