package activity

import (
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	act "berth/engine/activity"
	"berth/engine/enginetest"
	"berth/gui/i18n"
	"berth/gui/kit/kittest"
)

type host struct {
	kittest.Queue
	win   fyne.Window
	st    *kittest.State
	ctx   context.Context
	clock time.Time
}

func (h *host) Now() time.Time           { return h.clock }
func (h *host) App() fyne.App            { return fyne.CurrentApp() }
func (h *host) Context() context.Context { return h.ctx }
func (h *host) State() engine.State      { return h.st }

func newHost(t *testing.T) *host {
	test.NewTempApp(t)
	return &host{win: test.NewWindow(nil), st: kittest.NewState(engine.Snapshot{Reachable: true}), ctx: t.Context(), clock: kittest.Now}
}

// tutorialLog is the log after the tutorial done through the wrapped client, and a stop in a terminal.
func tutorialLog(t *testing.T) *act.Log {
	f := enginetest.New(nil, nil)
	log := act.NewLog()
	now := kittest.Now
	log.SetClock(func() time.Time { now = now.Add(700 * time.Millisecond); return now })
	names := func(id string) string {
		if id == kittest.Webserver {
			return "webserver"
		}
		return ""
	}
	inUse := &engine.Error{Kind: engine.ErrImageInUse, Ref: "nginx", Users: []string{"5c17b6cbcddd"},
		Err: errors.New("conflict: unable to remove repository reference \"nginx\" (must force) - container 5c17b6cbcddd is using its referenced image 42b4762643dc")}
	f.ImageRemoveFunc = func(context.Context, string, bool) ([]string, error) { return nil, inUse }
	c := act.Wrap(f.Client(), log, names)
	ctx := context.Background()
	_, _ = c.Containers.ContainerRun(ctx, engine.RunSpec{Image: "nginx", Name: "webserver", Ports: []string{"8080:80"}}, nil)
	_ = c.Containers.ContainerStop(ctx, kittest.Webserver, nil)
	_ = c.Containers.ContainerStart(ctx, kittest.Webserver)
	_, _ = c.Images.ImageRemove(ctx, "nginx", false)
	now = now.Add(time.Minute) // long after Berth's own stop
	log.Observe([]engine.Event{
		{Kind: engine.EventContainer, Action: "kill", ID: kittest.Webserver, Name: "webserver", Time: now.Add(time.Minute)},
		{Kind: engine.EventContainer, Action: "die", ID: kittest.Webserver, Name: "webserver", ExitCode: "0", Time: now.Add(time.Minute)},
		{Kind: engine.EventContainer, Action: "stop", ID: kittest.Webserver, Name: "webserver", Time: now.Add(time.Minute)},
	})
	return log
}

func TestActivityListsNewestFirst(t *testing.T) {
	h := newHost(t)
	v := New(h, tutorialLog(t))
	defer v.Close()
	h.Drain()
	var got []string
	for _, e := range v.Rows() {
		got = append(got, What(e)+" | "+e.Command+" | "+Result(e))
	}
	want := []string{
		"Stopped webserver | docker container stop webserver | Seen in the engine's events",
		"Remove image nginx | docker image rm nginx | The image nginx is used by container 5c17b6cbcddd. Remove the container first, or force the removal.",
		"Started webserver | docker container start webserver | Done",
		"Stopped webserver | docker container stop webserver | Done",
		"Ran webserver | docker run --detach --publish=8080:80 --name=webserver nginx | Done",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("rows\n got %q\nwant %q", got, want)
	}
	if d := Duration(v.Rows()[4]); d != "0.7 s" {
		t.Errorf("duration %q", d)
	}
	// Copy one command, then all as a script.
	v.Copy(v.Rows()[3])
	if got := fyne.CurrentApp().Clipboard().Content(); got != "docker container stop webserver" {
		t.Errorf("clipboard %q", got)
	}
	test.Tap(v.copyAll)
	script := fyne.CurrentApp().Clipboard().Content()
	if !strings.Contains(script, "set -e\ndocker run --detach --publish=8080:80 --name=webserver nginx\ndocker container stop webserver\ndocker container start webserver\n# failed: docker image rm nginx\n# outside Berth: docker container stop webserver\n") {
		t.Errorf("script:\n%s", script)
	}
}

func TestActivityFollowsTheLog(t *testing.T) {
	h := newHost(t)
	log := act.NewLog()
	v := New(h, log)
	h.Drain()
	if !v.empty.Visible() || !v.copyAll.Disabled() {
		t.Fatal("an empty log shows no hint, or copy all is enabled")
	}
	log.Observe([]engine.Event{{Kind: engine.EventContainer, Action: "pause", ID: kittest.Webserver, Name: "webserver"}})
	h.Until(t, "the entry", func() bool { return len(v.Rows()) == 1 })
	if v.empty.Visible() || v.copyAll.Disabled() {
		t.Fatal("the hint stays or copy all is disabled")
	}
	v.Close()
	log.Observe([]engine.Event{{Kind: engine.EventContainer, Action: "unpause", ID: kittest.Webserver, Name: "webserver"}})
	h.Drain()
	if len(v.Rows()) != 1 {
		t.Fatal("a closed view follows the log")
	}
}

func TestHistoryPane(t *testing.T) {
	h := newHost(t)
	f := enginetest.New(nil, nil)
	created := kittest.Now.Add(-time.Hour)
	at := func(m int) time.Time { return created.Add(time.Duration(m) * time.Minute) }
	f.EventHistory = map[string][]engine.HistoryEvent{kittest.Webserver: {
		{Time: at(0), Action: "create"}, {Time: at(0), Action: "start"},
		{Time: at(5), Action: "health_status", Health: "healthy"},
		{Time: at(10), Action: "oom"}, {Time: at(10), Action: "die", ExitCode: "137"}, {Time: at(10), Action: "start", ByPolicy: true},
		{Time: at(20), Action: "kill", Signal: "15"}, {Time: at(20), Action: "die", ExitCode: "0"}, {Time: at(20), Action: "stop"},
	}}
	c := engine.Container{ID: kittest.Webserver, Name: "webserver", Created: created}
	p := HistoryPane(h, f, c)
	w := test.NewWindow(p.Content())
	w.Resize(fyne.NewSize(700, 400))
	if len(f.CallsWith("History")) != 0 {
		t.Fatal("asked before shown")
	}
	p.Shown()
	h.Until(t, "the history", p.Loaded)
	var got []string
	for _, ev := range p.Events() {
		s, _ := HistoryText(ev)
		got = append(got, s)
	}
	want := []string{"Created", "Started", "Health check: healthy", "Killed: it ran out of memory (OOM)", "Its process died (exit code 137)",
		"Started again by its restart policy", "Sent the signal 15", "Its process ended (exit code 0)", "Stopped"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("history\n got %q\nwant %q", got, want)
	}
	// A new event of the container asks again; another container's does not.
	f.EventHistory[kittest.Webserver] = append(f.EventHistory[kittest.Webserver], engine.HistoryEvent{Time: at(30), Action: "start"})
	h.st.Set(engine.Snapshot{Reachable: true}, engine.Change{Events: []engine.Event{{Kind: engine.EventContainer, Action: "start", ID: kittest.ShopWeb}}})
	h.Drain()
	if n := len(f.CallsWith("History")); n != 1 {
		t.Fatalf("%d queries after another container's event", n)
	}
	h.st.Set(engine.Snapshot{Reachable: true}, engine.Change{Events: []engine.Event{{Kind: engine.EventContainer, Action: "start", ID: kittest.Webserver}}})
	h.Until(t, "the new event", func() bool { return len(p.Events()) == 10 })
	p.Hidden()
	if h.st.Subscribers() != 0 {
		t.Fatal("a hidden pane follows the state")
	}
	// History the engine forgot: the note says so.
	f.EventHistory[kittest.Webserver] = f.EventHistory[kittest.Webserver][3:]
	p.Shown()
	h.Until(t, "the shorter history", func() bool { return len(p.Events()) == 7 })
	if !strings.Contains(p.note.Text, "no longer remembers") {
		t.Errorf("note %q", p.note.Text)
	}
	p.Close()
}

// TestActivityScreenshot renders the tab after the tutorial, in English, to
// docs/screenshots/activity.png when BERTH_SCREENSHOTS is set (to the repository root).
func TestActivityScreenshot(t *testing.T) {
	root := os.Getenv("BERTH_SCREENSHOTS")
	if root == "" {
		t.Skip("BERTH_SCREENSHOTS is not set")
	}
	for _, lang := range []string{"en", "ko"} {
		i18n.Use(lang)
		h := newHost(t)
		v := New(h, tutorialLog(t))
		h.Drain()
		w := test.NewWindow(v.Content())
		w.Resize(fyne.NewSize(1280, 360))
		kittest.Relayout(w) // as the real driver does on its next frame
		dir := filepath.Join(root, "docs", "screenshots")
		if lang != "en" {
			dir = filepath.Join(dir, lang)
		}
		writePNG(t, w, filepath.Join(dir, "activity.png"))
		v.Close()

		f := enginetest.New(nil, nil)
		created := kittest.Now.Add(-time.Hour)
		at := func(m int) time.Time { return created.Add(time.Duration(m) * time.Minute) }
		f.EventHistory = map[string][]engine.HistoryEvent{kittest.Webserver: {
			{Time: at(0), Action: "create"}, {Time: at(0), Action: "start"},
			{Time: at(5), Action: "health_status", Health: "healthy"},
			{Time: at(10), Action: "oom"}, {Time: at(10), Action: "die", ExitCode: "137"}, {Time: at(10), Action: "start", ByPolicy: true},
			{Time: at(20), Action: "kill", Signal: "15"}, {Time: at(20), Action: "die", ExitCode: "0"}, {Time: at(20), Action: "stop"},
		}}
		p := HistoryPane(h, f, engine.Container{ID: kittest.Webserver, Name: "webserver", Created: created})
		hw := test.NewWindow(p.Content())
		hw.Resize(fyne.NewSize(640, 440))
		p.Shown()
		h.Until(t, "the history", p.Loaded)
		kittest.Relayout(hw)
		writePNG(t, hw, filepath.Join(dir, "history.png"))
		p.Close()
	}
	i18n.Use("en")
}

func writePNG(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
