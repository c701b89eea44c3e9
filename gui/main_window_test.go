package gui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/internal/fakeengine"
)

// mwLoop stands in for Fyne's UI goroutine in tests: the UI's do queues
// work, and the test goroutine runs it, so widgets are only ever touched by
// the test goroutine (go test -race stays meaningful).
type mwLoop struct {
	mu sync.Mutex
	q  []func()
}

func (l *mwLoop) do(f func()) {
	l.mu.Lock()
	l.q = append(l.q, f)
	l.mu.Unlock()
}

func (l *mwLoop) drain() {
	for {
		l.mu.Lock()
		q := l.q
		l.q = nil
		l.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, f := range q {
			f()
		}
	}
}

// mwNow is the fixed "now" of the fake-engine tests.
var mwNow = time.Date(2019, 2, 10, 12, 0, 0, 0, time.UTC)

// mwEnv is a UI over a real engine.Store over the fake engine.
type mwEnv struct {
	t     *testing.T
	fake  *fakeengine.Engine
	store *engine.Store
	u     *UI
	loop  *mwLoop
	// timeout bounds wait (10 s unless a test needs more, e.g. the real engine).
	timeout time.Duration
}

type mwOpts struct {
	storeOpts engine.StoreOptions
	noWait    bool // do not wait for the first connection
	now       func() time.Time
}

func mwStart(t *testing.T, fake *fakeengine.Engine, o mwOpts) *mwEnv {
	t.Helper()
	e := mwStartEngine(t, fake, o)
	e.fake = fake
	return e
}

// mwStartEngine builds the UI over eng (fake or real) and a running store.
func mwStartEngine(t *testing.T, eng engine.Engine, o mwOpts) *mwEnv {
	t.Helper()
	a := test.NewTempApp(t)
	if o.storeOpts.MinBackoff == 0 {
		o.storeOpts.MinBackoff = 20 * time.Millisecond
		o.storeOpts.MaxBackoff = 100 * time.Millisecond
	}
	store := engine.NewStore(eng, o.storeOpts)
	loop := &mwLoop{}
	now := o.now
	if now == nil {
		now = func() time.Time { return mwNow }
	}
	u := newUI(a, eng, store, uiOptions{do: loop.do, now: now})
	u.win.Resize(fyne.NewSize(1500, 800))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { store.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		u.Close()
		loop.drain()
	})
	e := &mwEnv{t: t, store: store, u: u, loop: loop, timeout: 10 * time.Second}
	if !o.noWait {
		e.wait("the first connection", func() bool { return u.snap.Reachable })
	}
	return e
}

// wait runs the UI's queued work and checks cond every 10 ms, up to 10 s.
// (Polling is for test synchronisation only.)
func (e *mwEnv) wait(what string, cond func() bool) {
	e.t.Helper()
	mwWait(e.t, e.loop, e.timeout, what, cond)
}

func mwWait(t *testing.T, loop *mwLoop, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		loop.drain()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// mwID makes a 64-hex-digit ID from a 12-digit prefix.
func mwID(short string) string { return short + strings.Repeat("0", 64-len(short)) }

const (
	mwNginxID    = "sha256:42b4762643dc" + "00000000000000000000000000000000000000000000000000000"
	mwWebImageID = "sha256:9a0b1c2d3e4f" + "00000000000000000000000000000000000000000000000000000"
	mwPgImageID  = "sha256:7f0e1d2c3b4a" + "00000000000000000000000000000000000000000000000000000"
	mwDangleID   = "sha256:0d0e0a0d0b0e" + "00000000000000000000000000000000000000000000000000000"
)

// mwContainers is the fixed data of the fake-engine tests: the tutorial's
// webserver, an exited container, and a compose project of three.
func mwContainers() []engine.Container {
	mk := func(short, name, image, imageID, cmd string, state engine.ContainerState, status string, age time.Duration, ports []engine.PortBinding, project string) engine.Container {
		c := engine.Container{ID: mwID(short), ShortID: short, Name: name, Names: []string{name}, Image: image, ImageID: imageID,
			Command: cmd, Created: mwNow.Add(-age), State: state, Status: status, Ports: ports, Project: project}
		if project != "" {
			c.Labels = map[string]string{"com.docker.compose.project": project}
		}
		return c
	}
	web := []engine.PortBinding{{HostIP: "0.0.0.0", HostPort: 80, ContainerPort: 80, Proto: "tcp"}, {HostIP: "::", HostPort: 80, ContainerPort: 80, Proto: "tcp"}}
	shopWeb := []engine.PortBinding{{HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}}
	db := []engine.PortBinding{{ContainerPort: 5432, Proto: "tcp"}}
	return []engine.Container{
		mk("5c17b6cbcddd", "webserver", "nginx", mwNginxID, "nginx -g 'daemon off;'", engine.StateRunning, "Up 9 minutes", 9*time.Minute, web, ""),
		mk("a1b2c3d4e5f6", "shop-web-1", "localhost:5000/berthtest/web:1", mwWebImageID, "/web", engine.StateRunning, "Up 2 hours", 2*time.Hour, shopWeb, "shop"),
		mk("b2c3d4e5f6a1", "shop-db-1", "postgres:15", mwPgImageID, "docker-entrypoint.sh postgres", engine.StateRunning, "Up 2 hours", 2*time.Hour+time.Second, db, "shop"),
		mk("c3d4e5f6a1b2", "shop-worker-1", "localhost:5000/berthtest/web:1", mwWebImageID, "/web --worker", engine.StatePaused, "Up 2 hours (Paused)", 2*time.Hour+2*time.Second, nil, "shop"),
		mk("e6d5c4b3a291", "awesome_mclaren", "nginx", mwNginxID, "nginx -g 'daemon off;'", engine.StateExited, "Exited (0) 3 days ago", 72*time.Hour, nil, ""),
	}
}

func mwImages() []engine.Image {
	mk := func(id, repo, tag string, age time.Duration, size int64) engine.Image {
		im := engine.Image{ID: id, ShortID: engine.ShortID(id), Repository: repo, Tag: tag, Created: mwNow.Add(-age), Size: size}
		if repo == "<none>" {
			im.Dangling = true
		} else {
			im.RepoTags = []string{repo + ":" + tag}
		}
		return im
	}
	return []engine.Image{
		mk(mwWebImageID, "localhost:5000/berthtest/web", "1", time.Hour*26, 4_700_000),
		mk(mwNginxID, "nginx", "latest", 5*24*time.Hour, 109_000_000),
		mk(mwPgImageID, "postgres", "15", 9*24*time.Hour, 379_000_000),
		mk(mwDangleID, "<none>", "<none>", 30*24*time.Hour, 72_500_000),
	}
}

func mwFake() *fakeengine.Engine {
	return fakeengine.New(mwContainers(), mwImages())
}

// --- finding widgets ----------------------------------------------------------

// mwWalk lists the objects under o as they are drawn (test.LaidOutObjects
// makes new renderers, which a Table does not survive).
func mwWalk(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			out = append(out, mwWalk(ch)...)
		}
	case *fyne.Container:
		for _, ch := range c.Objects {
			out = append(out, mwWalk(ch)...)
		}
	}
	return out
}

// relayout lays the window out again, as the real driver does on the next
// frame after a content's minimum size changed (the test canvas does not).
func (e *mwEnv) relayout() {
	s := e.u.win.Canvas().Size()
	e.u.win.Resize(s.AddWidthHeight(1, 1))
	e.u.win.Resize(s)
}

// ctrCellAt finds the rendered cell of container id in column col.
func (e *mwEnv) ctrCellAt(id string, col int) *ctrCell {
	e.t.Helper()
	e.relayout()
	for _, o := range mwWalk(e.u.containers.table) {
		if c, ok := o.(*ctrCell); ok && c.Visible() && !c.header && c.id == id && c.col == col && c.group < 0 {
			return c
		}
	}
	return nil
}

func (e *mwEnv) mustCtrCell(id string, col int) *ctrCell {
	e.t.Helper()
	c := e.ctrCellAt(id, col)
	if c == nil {
		e.t.Fatalf("no cell for container %s in column %d", id, col)
	}
	return c
}

func (e *mwEnv) imgCellAt(ref string, col int) *imgCell {
	e.t.Helper()
	e.relayout()
	for _, o := range mwWalk(e.u.images.table) {
		if c, ok := o.(*imgCell); ok && c.Visible() && !c.header && c.col == col && strings.HasSuffix(c.row, "\x00"+ref) {
			return c
		}
	}
	e.t.Fatalf("no cell for image %s in column %d", ref, col)
	return nil
}

// dialog returns the dialog the UI showed last, failing if none is open.
func (e *mwEnv) dialog() *mainDialog {
	e.t.Helper()
	if e.u.dialog == nil || e.u.win.Canvas().Overlays().Top() == nil {
		e.t.Fatal("no dialog is open")
	}
	return e.u.dialog
}

// answer taps a dialog's button.
func (e *mwEnv) answer(md *mainDialog, text string) {
	e.t.Helper()
	b := md.button(text)
	if b == nil {
		var have []string
		for _, b := range md.buttons {
			have = append(have, b.Text)
		}
		e.t.Fatalf("dialog %q has no button %q (has %q)", md.title, text, have)
	}
	test.Tap(b)
}

func (e *mwEnv) calls(prefix string) []string {
	var out []string
	for _, c := range e.fake.Calls() {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// --- main window ----------------------------------------------------------------

func TestMainWindowTitleTabsAndStatus(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	if got := e.u.win.Title(); got != "Berth" {
		t.Errorf("title %q, want Berth", got)
	}
	var tabs []string
	for _, it := range e.u.tabs.tabs.Items {
		tabs = append(tabs, it.Text)
	}
	if strings.Join(tabs, ",") != "Containers,Images" {
		t.Errorf("tabs %q", tabs)
	}
	if e.u.banner.content.Visible() {
		t.Error("the offline banner shows while the engine answers")
	}
}

func TestStatusBarNamesEngineVersionsAndCounts(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
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
	fake := mwFake()
	block := make(chan struct{})
	fake.InfoFunc = func(ctx context.Context) (engine.Info, error) {
		select {
		case <-block:
		case <-ctx.Done():
		}
		return engine.Info{}, ctx.Err()
	}
	e := mwStart(t, fake, mwOpts{noWait: true})
	defer close(block)
	if e.u.status.state.Text != "Connecting…" {
		t.Errorf("state %q, want Connecting…", e.u.status.state.Text)
	}
	if e.u.banner.content.Visible() {
		t.Error("the offline banner shows while still connecting")
	}
	if !e.u.containers.empty.Visible() || !strings.Contains(e.u.containers.empty.Text, "Connecting") {
		t.Errorf("empty text %q", e.u.containers.empty.Text)
	}
}

func TestMainWindowShortcuts(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{storeOpts: engine.StoreOptions{MinBackoff: time.Hour, MaxBackoff: time.Hour}})
	c := e.u.win.Canvas()

	// Ctrl+F focuses the filter of the view in front.
	c.Unfocus()
	mwShortcut(e.u, fyne.KeyF)
	if c.Focused() != e.u.containers.filter {
		t.Errorf("Ctrl+F focused %v, want the containers filter", c.Focused())
	}
	e.u.tabs.showImages()
	mwShortcut(e.u, fyne.KeyF)
	if c.Focused() != e.u.images.filter {
		t.Errorf("Ctrl+F on Images focused %v, want the images filter", c.Focused())
	}
	e.u.tabs.showContainers()

	// Ctrl+R asks the store for a full refresh, also from inside the filter.
	before := len(e.calls("ImageList"))
	c.Focus(e.u.containers.filter)
	e.u.containers.filter.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault})
	e.wait("a refresh after Ctrl+R", func() bool { return len(e.calls("ImageList")) > before })

	// Delete with a highlighted row asks before removing it.
	c.Unfocus()
	e.u.containers.table.Select(widget.TableCellID{Row: e.u.containers.rowOf(mwID("e6d5c4b3a291")), Col: colName})
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	md := e.dialog()
	if !strings.Contains(md.message, "awesome_mclaren (e6d5c4b3a291)") {
		t.Errorf("Delete asked %q", md.message)
	}
	e.answer(md, "Cancel")
	if got := e.calls("Remove "); len(got) != 0 {
		t.Errorf("Cancel removed: %q", got)
	}

	// Delete in the focused table does the same.
	e.u.containers.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if md2 := e.dialog(); md2 == md {
		t.Error("Delete in the table asked nothing")
	} else {
		e.answer(md2, "Cancel")
	}
}

// mwShortcut types Ctrl+key on the window's canvas (nothing focused).
func mwShortcut(u *UI, key fyne.KeyName) {
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
}

// Snapshots of the main views over fixed data and a fixed "now", in the
// test theme. Update them by copying testdata/failed/main_window/* over
// testdata/main_window/ after checking the new images by eye.
func TestMainWindowSnapshots(t *testing.T) {
	e := mwStart(t, mwFake(), mwOpts{})
	c := e.u.win.Canvas()
	e.u.win.Resize(fyne.NewSize(1280, 720))
	e.relayout()
	test.AssertRendersToMarkup(t, "main_window/containers.xml", c)
	test.AssertRendersToImage(t, "main_window/containers.png", c)

	e.u.tabs.showImages()
	e.relayout()
	test.AssertRendersToMarkup(t, "main_window/images.xml", c)
	test.AssertRendersToImage(t, "main_window/images.png", c)

	e.u.tabs.showContainers()
	test.Tap(e.mustCtrCell(mwWebserver, colActions).removeBtn)
	test.AssertRendersToImage(t, "main_window/remove_confirm.png", c)
	e.answer(e.dialog(), "Cancel")
}

func TestMainWindowSnapshotOffline(t *testing.T) {
	fake := mwFake()
	e := mwStart(t, fake, mwOpts{storeOpts: engine.StoreOptions{MinBackoff: time.Hour, MaxBackoff: time.Hour}})
	e.u.win.Resize(fyne.NewSize(1280, 720))
	fake.Break(&engine.Error{Kind: engine.ErrUnreachable, Msg: "The Docker engine at unix:///fake.sock is not reachable. Start Docker, or check DOCKER_HOST."})
	e.wait("the offline banner", func() bool { return e.u.banner.content.Visible() })
	e.relayout()
	test.AssertRendersToImage(t, "main_window/offline.png", e.u.win.Canvas())
}
