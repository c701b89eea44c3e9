package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/internal/fakeengine"
	"berth/internal/testbed"
)

// logsLoop stands in for the UI goroutine: do queues, drain runs on the test goroutine.
type logsLoop chan func()

func (l logsLoop) do(f func()) { l <- f }

func (l logsLoop) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case f := <-l:
			f()
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestLogsViewShowsAndFollows(t *testing.T) {
	test.NewTempApp(t)
	feed := make(chan engine.LogLine)
	fake := fakeengine.New(nil, nil)
	fake.LogsFunc = func(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error) {
		if !opts.Follow || id != "abc" {
			t.Errorf("opts %+v id %s", opts, id)
		}
		return feed, nil
	}
	loop := make(logsLoop, 100)
	v := newLogsView(context.Background(), fake, loop.do, "abc")
	w := test.NewWindow(v.content())
	defer w.Close()
	v.start()
	go func() {
		for i := 0; i < 500; i++ {
			feed <- engine.LogLine{Text: fmt.Sprintf("line %d", i), Stderr: i == 499, Time: time.Unix(int64(i), 0)}
		}
		close(feed)
	}()
	loop.waitFor(t, "500 lines", func() bool { return len(v.lines) == 500 })
	loop.waitFor(t, "end message", func() bool { return strings.Contains(v.status.Text, "stopped") })
	if v.lines[499].Text != "line 499" || !v.lines[499].Stderr {
		t.Errorf("last line %+v", v.lines[499])
	}
	v.stop()
}

func TestLogsViewError(t *testing.T) {
	test.NewTempApp(t)
	fake := fakeengine.New(nil, nil)
	fake.LogsFunc = func(ctx context.Context, id string, opts engine.LogOptions) (<-chan engine.LogLine, error) {
		return nil, &engine.Error{Kind: engine.ErrNotFound, Msg: "There is no container \"abc\" on this engine."}
	}
	loop := make(logsLoop, 10)
	v := newLogsView(context.Background(), fake, loop.do, "abc")
	v.start()
	loop.waitFor(t, "error", func() bool { return strings.Contains(v.status.Text, "There is no container") })
}

func TestLogsViewBounded(t *testing.T) {
	test.NewTempApp(t)
	loop := make(logsLoop, 10)
	v := newLogsView(context.Background(), fakeengine.New(nil, nil), loop.do, "abc")
	w := test.NewWindow(v.content())
	defer w.Close()
	for i := 0; i < maxLogLines+10; i++ {
		v.pending = append(v.pending, engine.LogLine{Text: fmt.Sprint(i)})
	}
	v.flush()
	if len(v.lines) != maxLogLines || v.lines[0].Text != "10" {
		t.Fatalf("kept %d lines starting %q", len(v.lines), v.lines[0].Text)
	}
}

func TestLogsRealEngine(t *testing.T) {
	test.NewTempApp(t)
	testbed.Client(t)
	eng, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	port := testbed.FreePort(t)
	id, err := eng.Run(ctx, engine.RunSpec{Image: testbed.WebImage(t), Name: testbed.Name(t, "guilogs"),
		Ports: []string{fmt.Sprintf("127.0.0.1:%d:80", port)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	loop := make(logsLoop, 100)
	v := newLogsView(ctx, eng, loop.do, id)
	w := test.NewWindow(v.content())
	defer w.Close()
	defer v.stop()
	v.start()
	loop.waitFor(t, "start line", func() bool { return len(v.lines) > 0 })
	testbed.Get(t, fmt.Sprintf("http://127.0.0.1:%d/from-the-gui-test", port))
	loop.waitFor(t, "request line", func() bool {
		for _, l := range v.lines {
			if strings.Contains(l.Text, "/from-the-gui-test") {
				return true
			}
		}
		return false
	})
}

func TestLogsOpenFromContainerRow(t *testing.T) {
	fake := mwFake()
	e := mwStart(t, fake, mwOpts{})
	test.Tap(e.mustCtrCell(mwWebserver, colActions).logsBtn)
	e.wait("the logs call", func() bool {
		for _, c := range fake.Calls() {
			if c == "Logs "+mwWebserver {
				return true
			}
		}
		return false
	})
	found := false
	for _, w := range e.u.app.Driver().AllWindows() {
		found = found || w.Title() == "Logs — webserver"
	}
	if !found {
		t.Error("no logs window")
	}
}
