package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/engine/store"
	"berth/gui/containers"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
)

func TestMainWindowTitleTabsAndStatus(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	if got := e.u.win.Title(); got != "Berth" {
		t.Errorf("title %q, want Berth", got)
	}
	var tabs []string
	for _, it := range e.u.tabs.tabs.Items {
		tabs = append(tabs, it.Text)
	}
	if strings.Join(tabs, ",") != "Containers,Images,Volumes,Networks,Disk usage,Activity" {
		t.Errorf("tabs %q", tabs)
	}
	if e.u.banner.content.Visible() {
		t.Error("the offline banner shows while the engine answers")
	}
	if n := e.u.VisibleContainerRows(); n != 5 {
		t.Errorf("%d container rows, want 5", n)
	}
	if s, ok := e.u.ContainerStatusText(kittest.Webserver); !ok || s != "Up 9 minutes" {
		t.Errorf("webserver status %q %v", s, ok)
	}
}

func TestStatusBarNamesEngineVersionsAndCounts(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	s := e.u.status
	if want := "Engine unix:///fake.sock · Docker 20.10.24 · API 1.41"; s.engine.Text != want {
		t.Errorf("engine text %q, want %q", s.engine.Text, want)
	}
	if want := "3 running · 1 paused · 1 stopped · 4 images"; s.counts.Text != want {
		t.Errorf("counts %q, want %q", s.counts.Text, want)
	}
	if s.state.Text != "Connected" {
		t.Errorf("state %q", s.state.Text)
	}
}

func TestStatusBarBeforeTheFirstConnection(t *testing.T) {
	fake := testFake()
	block := make(chan struct{})
	fake.InfoFunc = func(ctx context.Context) (engine.Info, error) {
		select {
		case <-block:
		case <-ctx.Done():
		}
		return engine.Info{}, ctx.Err()
	}
	e := newEnv(t, fake, envOpts{noWait: true})
	defer close(block)
	e.loop.Drain()
	if e.u.status.state.Text != "Connecting…" {
		t.Errorf("state %q, want Connecting…", e.u.status.state.Text)
	}
	if e.u.banner.content.Visible() {
		t.Error("the offline banner shows while still connecting")
	}
	e.relayout()
	if !e.visibleLabel("Connecting") {
		t.Error("the Containers tab does not say it is connecting")
	}
}

// recordingView wraps a tab's view and records what the shell asks of it.
type recordingView struct {
	view
	calls []string
}

func (v *recordingView) Tick()            { v.calls = append(v.calls, "Tick"); v.view.Tick() }
func (v *recordingView) FocusFilter()     { v.calls = append(v.calls, "FocusFilter"); v.view.FocusFilter() }
func (v *recordingView) RemoveSelection() { v.calls = append(v.calls, "RemoveSelection") }

// record puts recording wrappers around the tabs' views.
func (e *env) record() []*recordingView {
	var out []*recordingView
	for i := range e.u.tabs.list {
		r := &recordingView{view: e.u.tabs.list[i].view}
		e.u.tabs.list[i].view = r
		out = append(out, r)
	}
	return out
}

func TestMainWindowShortcuts(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{storeOpts: store.Options{MinBackoff: time.Hour, MaxBackoff: time.Hour}})
	c := e.u.win.Canvas()

	// Ctrl+F focuses the filter of the view in front.
	c.Unfocus()
	typeShortcut(e.u, fyne.KeyF)
	ctrFilter, ok := c.Focused().(*kit.FilterEntry)
	if !ok {
		t.Fatalf("Ctrl+F focused %T, want the containers filter", c.Focused())
	}
	e.u.tabs.show("Images")
	typeShortcut(e.u, fyne.KeyF)
	if f, ok := c.Focused().(*kit.FilterEntry); !ok || f == ctrFilter {
		t.Errorf("Ctrl+F on Images focused %T, want the images filter", c.Focused())
	}
	e.u.tabs.show("Containers")

	// Ctrl+R asks the store for a full refresh, also from inside the filter.
	before := len(e.calls("ImageList"))
	c.Focus(ctrFilter)
	ctrFilter.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault})
	e.wait("a refresh after Ctrl+R", func() bool { return len(e.calls("ImageList")) > before })

	// Delete goes to the view in front.
	rec := e.record()
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	e.u.tabs.show("Images")
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if got := strings.Join(rec[0].calls, ","); got != "RemoveSelection" {
		t.Errorf("Containers got %q", got)
	}
	if got := strings.Join(rec[1].calls, ","); got != "RemoveSelection" {
		t.Errorf("Images got %q", got)
	}
}

// Delete removes the selection wherever the focus is in the window (the
// filter Ctrl+F left it in, the check boxes), except while the filter has
// text in it: then Delete edits the text.
func TestMainWindowDeleteWhereverTheFocusIs(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	rec := e.record()
	c := e.u.win.Canvas()
	removals := func() int { return strings.Count(strings.Join(rec[0].calls, ","), "RemoveSelection") }
	deleteIn := func(where string, f fyne.Focusable) {
		t.Helper()
		before := removals()
		c.Focus(f)
		kittest.PressKey(c, fyne.KeyDelete)
		if removals() != before+1 {
			t.Errorf("Delete in %s did not remove the selection", where)
		}
	}

	typeShortcut(e.u, fyne.KeyF)
	filter := c.Focused().(*kit.FilterEntry)
	deleteIn("the empty filter", filter)
	deleteIn("the autostart check box", e.u.status.autostart)
	for _, o := range kittest.Walk(e.u.win.Content()) {
		if ch, ok := o.(*widget.Check); ok && ch.Text == "Only running" {
			t.Log("the \"Only running\" check box is a widget.Check, which swallows Delete (gui/containers: use kit.NewCheck)")
		}
		if ch, ok := o.(*kit.Check); ok && ch.Text == "Only running" {
			deleteIn("the \"Only running\" check box", ch)
		}
	}
	before := removals()
	c.Unfocus()
	kittest.PressKey(c, fyne.KeyDelete)
	if removals() != before+1 {
		t.Error("Delete with nothing focused did not remove the selection")
	}

	before = removals()
	c.Focus(filter)
	test.Type(filter, "web")
	filter.CursorColumn = 0
	kittest.PressKey(c, fyne.KeyDelete)
	if removals() != before || filter.Text != "eb" {
		t.Errorf("Delete in the filter %q removed the selection", filter.Text)
	}
}

// Ctrl+N opens the run dialog.
func TestMainWindowCtrlNOpensRun(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	before := len(e.app.Driver().AllWindows()) + len(e.u.win.Canvas().Overlays().List())
	typeShortcut(e.u, fyne.KeyN)
	e.loop.Drain()
	if after := len(e.app.Driver().AllWindows()) + len(e.u.win.Canvas().Overlays().List()); after == before {
		t.Error("Ctrl+N opened nothing")
	}
}

// typeShortcut types Ctrl+key on the window's canvas (nothing focused).
func typeShortcut(u *UI, key fyne.KeyName) {
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
}

// The banner says what is wrong, in present.Explain's words.
func TestOfflineBannerWording(t *testing.T) {
	unreachable := &engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///fake.sock"}
	for _, tc := range []struct {
		err  error
		seen bool
		want string
	}{
		{unreachable, false, "The Docker engine at unix:///fake.sock does not answer. Start Docker, or choose another engine. " +
			"Berth reconnects by itself as soon as the engine answers."},
		{unreachable, true, "The Docker engine at unix:///fake.sock does not answer. Start Docker, or choose another engine. " +
			"Berth reconnects by itself as soon as the engine answers; the lists below show what was there when it was last reachable."},
		{&engine.Error{Kind: engine.ErrEndpoint, Ref: "tcp://127.0.0.1:2376", Err: errNoCA}, false,
			"Berth cannot use the Docker engine address tcp://127.0.0.1:2376: open /nonexistent/ca.pem: no such file or directory."},
	} {
		if got := offlineText(tc.err, tc.seen); got != tc.want {
			t.Errorf("offlineText(%v, %v):\n got  %q\n want %q", tc.err, tc.seen, got, tc.want)
		}
		if strings.Contains(offlineText(tc.err, tc.seen), "DOCKER_HOST") {
			t.Errorf("the banner still says to check DOCKER_HOST")
		}
	}
}

var errNoCA = &stringError{"open /nonexistent/ca.pem: no such file or directory"}

type stringError struct{ s string }

func (e *stringError) Error() string { return e.s }

// Issue 7: a bad engine address (TLS files that are not there) opens the
// window, and the banner says what is wrong.
func TestOfflineBannerBadAddress(t *testing.T) {
	fake := testFake()
	bad := &engine.Error{Kind: engine.ErrEndpoint, Ref: "tcp://127.0.0.1:2376", Err: errNoCA}
	fake.InfoFunc = func(context.Context) (engine.Info, error) { return engine.Info{}, bad }
	fake.ContainerListFunc = func(context.Context, bool) ([]engine.Container, error) { return nil, bad }
	fake.ImageListFunc = func(context.Context) ([]engine.Image, error) { return nil, bad }
	e := newEnv(t, fake, envOpts{noWait: true})
	e.wait("the offline banner", func() bool { return e.u.banner.content.Visible() })
	want := "Berth cannot use the Docker engine address tcp://127.0.0.1:2376: open /nonexistent/ca.pem: no such file or directory."
	if got := e.u.banner.detail.Text; got != want {
		t.Errorf("banner %q, want %q", got, want)
	}
	if got := e.u.banner.title.Text; got != "Berth cannot reach the Docker engine" {
		t.Errorf("banner title %q", got)
	}
	if e.u.status.state.Text != "Not connected, retrying…" {
		t.Errorf("state %q", e.u.status.state.Text)
	}
}

// Snapshots of the main views over fixed data and a fixed "now", in the
// test theme. Update them by copying testdata/failed/main_window/* over
// testdata/main_window/ after checking the new images by eye.
func TestMainWindowSnapshots(t *testing.T) {
	e := newEnv(t, testFake(), envOpts{})
	c := e.u.win.Canvas()
	e.u.win.Resize(fyne.NewSize(1280, 720))
	e.relayout()
	test.AssertRendersToMarkup(t, "main_window/containers.xml", c)
	test.AssertRendersToImage(t, "main_window/containers.png", c)

	e.u.tabs.show("Images")
	e.relayout()
	test.AssertRendersToMarkup(t, "main_window/images.xml", c)
	test.AssertRendersToImage(t, "main_window/images.png", c)

	// The webserver's remove button: the first row's.
	e.u.tabs.show("Containers")
	e.relayout()
	var remove *kit.TipButton
	for _, o := range kittest.Walk(e.u.containers.Content()) {
		if b, ok := o.(*kit.TipButton); ok && b.Visible() && b.Icon.Name() == containers.Remove.Icon().Name() && remove == nil {
			remove = b
		}
	}
	if remove == nil {
		t.Fatal("no remove button in the Containers tab")
	}
	test.Tap(remove)
	e.loop.Drain()
	test.AssertRendersToImage(t, "main_window/remove_confirm.png", c)
	if md := e.dialog(); !strings.Contains(md.Question.Message, "webserver (5c17b6cbcddd)") {
		t.Errorf("remove asked %q", md.Question.Message)
	} else {
		e.answer(md, "Cancel")
	}
}

func TestMainWindowSnapshotOffline(t *testing.T) {
	fake := testFake()
	e := newEnv(t, fake, envOpts{storeOpts: store.Options{MinBackoff: time.Hour, MaxBackoff: time.Hour}})
	e.u.win.Resize(fyne.NewSize(1280, 720))
	fake.Break(&engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///fake.sock"})
	e.wait("the offline banner", func() bool { return e.u.banner.content.Visible() })
	e.relayout()
	test.AssertRendersToImage(t, "main_window/offline.png", e.u.win.Canvas())
}

func TestMainWindowSnapshotBadAddress(t *testing.T) {
	fake := testFake()
	bad := &engine.Error{Kind: engine.ErrEndpoint, Ref: "tcp://127.0.0.1:2376", Err: errNoCA}
	fake.InfoFunc = func(context.Context) (engine.Info, error) { return engine.Info{}, bad }
	e := newEnv(t, fake, envOpts{noWait: true, storeOpts: store.Options{MinBackoff: time.Hour, MaxBackoff: time.Hour}})
	e.u.win.Resize(fyne.NewSize(1280, 720))
	e.wait("the offline banner", func() bool { return e.u.banner.content.Visible() })
	e.relayout()
	test.AssertRendersToImage(t, "main_window/bad_address.png", e.u.win.Canvas())
}

// The logs window opens for a container, with the stream of the engine's Logs.
func TestOpenLogs(t *testing.T) {
	fake := testFake()
	e := newEnv(t, fake, envOpts{})
	c, _ := e.u.snap.Container(kittest.Webserver)
	e.u.host.OpenLogs(c)
	e.wait("the logs calls", func() bool { return len(e.calls("Logs "+kittest.Webserver)) >= 1 })
	found := false
	for _, w := range e.app.Driver().AllWindows() {
		found = found || w.Title() == "Logs — webserver"
	}
	if !found {
		t.Error("no logs window")
	}
}

// The main window asks for no more than a small laptop's screen, in either
// language, with every tab (the tabs' container asks for its largest tab):
// a window's content asking for more makes Fyne grow the window past the
// screen whenever a dialog opens, and the dialog is then laid out off it.
// (The Activity tab's empty-state text, centred without a width, asked for
// 1,573 px.)
func TestMainWindowFitsASmallScreen(t *testing.T) {
	for _, code := range []string{"en", "ko"} {
		t.Run(code, func(t *testing.T) {
			i18n.Use(code)
			t.Cleanup(func() { i18n.Use("en") })
			e := newEnv(t, enginetest.New(kittest.Tutorial(), kittest.TutorialImages()), envOpts{})
			if min := e.u.win.Content().MinSize(); min.Width > 1024 || min.Height > 600 {
				for _, it := range e.u.tabs.list {
					t.Logf("%s asks for %v", it.id, it.view.Content().MinSize())
				}
				t.Errorf("the main window asks for %v, more than a 1024x600 screen", min)
			}
		})
	}
}
