package imagedetails

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
)

// state is a fixed engine.State whose snapshot a test can change.
type state struct {
	mu   sync.Mutex
	snap engine.Snapshot
	subs []func(engine.Snapshot, engine.Change)
}

func (s *state) Snapshot() engine.Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snap
}

func (s *state) Subscribe(fn func(engine.Snapshot, engine.Change)) func() {
	s.mu.Lock()
	s.subs = append(s.subs, fn)
	s.mu.Unlock()
	return func() {}
}

func (s *state) Reconnect() {}

func (s *state) send(snap engine.Snapshot) {
	s.mu.Lock()
	s.snap = snap
	subs := slices.Clone(s.subs)
	s.mu.Unlock()
	for _, fn := range subs {
		fn(snap, engine.Change{})
	}
}

type testHost struct {
	kittest.Queue
	ctx   context.Context
	app   fyne.App
	st    *state
	pulls []string
}

func (h *testHost) Context() context.Context { return h.ctx }
func (h *testHost) App() fyne.App            { return h.app }
func (h *testHost) State() engine.State      { return h.st }
func (h *testHost) OpenPull(ref string)      { h.pulls = append(h.pulls, ref) }

var nginxConfig = engine.ImageConfig{
	ID: kittest.NginxID, RepoTags: []string{"nginx:latest"}, RepoDigests: []string{"nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"},
	Created: kittest.Now.Add(-5 * 24 * time.Hour), Size: 109_000_000, OS: "linux", Architecture: "amd64", Layers: 6,
	Entrypoint: []string{"/docker-entrypoint.sh"}, Cmd: []string{"nginx", "-g", "daemon off;"},
	Env:          []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.25.3", "NJS_VERSION=0.8.2"},
	ExposedPorts: []string{"80/tcp"}, StopSignal: "SIGQUIT",
	Labels: map[string]string{"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"},
}

var nginxHistory = []engine.HistoryLayer{
	{ID: kittest.NginxID, Created: kittest.Now.Add(-5 * 24 * time.Hour), CreatedBy: `/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon off;"]`},
	{ID: "<missing>", Created: kittest.Now.Add(-5 * 24 * time.Hour), CreatedBy: "/bin/sh -c #(nop)  STOPSIGNAL SIGQUIT"},
	{ID: "<missing>", Created: kittest.Now.Add(-5 * 24 * time.Hour), CreatedBy: "/bin/sh -c #(nop)  EXPOSE 80"},
	{ID: "<missing>", Created: kittest.Now.Add(-5 * 24 * time.Hour), CreatedBy: `/bin/sh -c #(nop)  ENTRYPOINT ["/docker-entrypoint.sh"]`},
	{ID: "<missing>", Created: kittest.Now.Add(-5 * 24 * time.Hour), CreatedBy: "/bin/sh -c #(nop) COPY file:e57eef017a414ca7 in /docker-entrypoint.d", Size: 4_620},
	{ID: "<missing>", Created: kittest.Now.Add(-5 * 24 * time.Hour), CreatedBy: "/bin/sh -c set -x && groupadd --system --gid 101 nginx && apt-get update && apt-get install --no-install-recommends -y nginx=${NGINX_VERSION}", Size: 61_400_000},
	{ID: "<missing>", Created: kittest.Now.Add(-6 * 24 * time.Hour), CreatedBy: "/bin/sh -c #(nop)  ENV NGINX_VERSION=1.25.3"},
	{ID: "<missing>", Created: kittest.Now.Add(-6 * 24 * time.Hour), CreatedBy: "/bin/sh -c #(nop) ADD file:9deb26e1dbc258df in / ", Size: 74_800_000},
}

type env struct {
	h    *testHost
	fake *enginetest.Engine
	w    *Window
}

func open(t *testing.T) *env {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	ctx, cancel := context.WithCancel(context.Background())
	st := &state{snap: engine.Snapshot{Reachable: true, Containers: kittest.Tutorial(), Seq: 1}}
	h := &testHost{ctx: ctx, app: a, st: st}
	fake := enginetest.New(nil, nil)
	fake.ConfigItems = map[string]engine.ImageConfig{"nginx:latest": nginxConfig, kittest.NginxID: nginxConfig}
	fake.HistoryItems = map[string][]engine.HistoryLayer{kittest.NginxID: nginxHistory}
	w := Open(h, fake, "nginx:latest")
	w.win.Resize(fyne.NewSize(980, 620))
	t.Cleanup(func() {
		w.Close()
		cancel()
	})
	e := &env{h: h, fake: fake, w: w}
	h.Until(t, "the details", func() bool { return w.loaded })
	return e
}

func TestDetails(t *testing.T) {
	e := open(t)
	w := e.w
	if len(w.history) != 8 || w.histTable.Len() != 8 {
		t.Fatalf("history rows = %d", len(w.history))
	}
	if got := w.summary.Text; got != "42b4762643dc  ·  109MB  ·  6 layers  ·  linux/amd64  ·  created 2019-02-05 12:00" {
		t.Fatalf("summary = %q", got)
	}
	rows := map[string]string{}
	for _, it := range w.config.Items {
		rows[it.Text] = it.Widget.(*widget.Label).Text
	}
	for k, want := range map[string]string{
		"Entrypoint":    `["/docker-entrypoint.sh"]`,
		"Command":       `["nginx", "-g", "daemon off;"]`,
		"Exposed ports": "80/tcp",
		"Working dir":   "—",
		"User":          "—",
		"Labels":        "maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>",
	} {
		if rows[k] != want {
			t.Errorf("config %s = %q, want %q", k, rows[k], want)
		}
	}
	if !strings.Contains(rows["Env"], "NGINX_VERSION=1.25.3") {
		t.Errorf("env = %q", rows["Env"])
	}
	// The containers that use it, live from the state.
	if len(w.users) != 2 || w.usersTab.Text != "Containers (2)" {
		t.Fatalf("users = %d, tab %q", len(w.users), w.usersTab.Text)
	}
	e.h.st.send(engine.Snapshot{Reachable: true, Containers: kittest.Tutorial()[:3], Seq: 2})
	e.h.Until(t, "one user", func() bool { return len(w.users) == 1 })
	if w.usersTab.Text != "Containers (1)" || w.users[0].Name != "webserver" {
		t.Fatalf("users tab %q", w.usersTab.Text)
	}
}

func TestMissingImage(t *testing.T) {
	a := test.NewTempApp(t)
	h := &testHost{ctx: context.Background(), app: a, st: &state{}}
	fake := enginetest.New(nil, nil)
	w := Open(h, fake, "gone:1")
	defer w.Close()
	h.Until(t, "the message", func() bool { return w.Message() != "" })
	if got := w.Message(); got != `Could not read the image: There is no image "gone:1" on this engine.` {
		t.Fatalf("message = %q", got)
	}
	if !w.tagButton.Disabled() || !w.pushButton.Disabled() {
		t.Fatal("tag or push offered for a missing image")
	}
}

func TestTag(t *testing.T) {
	e := open(t)
	w := e.w
	test.Tap(w.tagButton)
	box := w.dialog
	entry := findEntry(t, box)
	if entry.Text != "localhost:5000/nginx:latest" {
		t.Fatalf("suggested %q", entry.Text)
	}
	entry.SetText("Local/Web")
	msg := fieldMessage(box)
	if msg != "Image names must be lowercase." || !box.button("Tag").Disabled() {
		t.Fatalf("message %q, tag enabled %v", msg, !box.button("Tag").Disabled())
	}
	entry.SetText("localhost:5000/web:2")
	if fieldMessage(box) != "" || box.button("Tag").Disabled() {
		t.Fatal("a valid name is refused")
	}
	test.Tap(box.button("Tag"))
	e.h.Until(t, "the tag", func() bool { return w.Message() != "" })
	if got := e.fake.CallsWith("ImageTag "); !slices.Equal(got, []string{"ImageTag " + kittest.NginxID + " localhost:5000/web:2"}) {
		t.Fatalf("calls %q", got)
	}
	if w.Message() != "Tagged as localhost:5000/web:2." || !box.closed {
		t.Fatalf("message %q", w.Message())
	}
}

func TestPushProgress(t *testing.T) {
	e := open(t)
	w := e.w
	cfg := nginxConfig
	cfg.RepoTags = []string{"nginx:latest", "localhost:5000/nginx:latest"}
	e.fake.ConfigItems["nginx:latest"] = cfg
	w.cfg = cfg
	step := make(chan struct{})
	e.fake.ImagePushFunc = func(ctx context.Context, ref string, progress func(engine.PullProgress)) error {
		progress(engine.PullProgress{Ref: ref, Status: "The push refers to repository [localhost:5000/nginx]", Fraction: 0.25, Layers: []engine.Layer{
			{ID: "sha256:aaaaaaaaaaaa1", Status: engine.LayerPushing, Current: 1_000_000, Total: 4_000_000},
			{ID: "sha256:bbbbbbbbbbbb2", Status: engine.LayerInRepo}}})
		<-step
		progress(engine.PullProgress{Ref: ref, Done: true, Fraction: 1, Status: "latest: digest: sha256:abc size: 1570", Layers: []engine.Layer{
			{ID: "sha256:aaaaaaaaaaaa1", Status: engine.LayerPushed, Current: 4_000_000, Total: 4_000_000},
			{ID: "sha256:bbbbbbbbbbbb2", Status: engine.LayerInRepo}}})
		return nil
	}
	test.Tap(w.pushButton)
	box := w.dialog
	view := w.pushing
	test.Tap(box.button("Push"))
	e.h.Until(t, "the first progress", func() bool { return len(view.layers) == 2 })
	if got := view.lines(); !slices.Equal(got, []string{"aaaaaaaaaaaa: Pushing 1MB/4MB", "bbbbbbbbbbbb: Layer already exists"}) {
		t.Fatalf("lines %q", got)
	}
	if view.title.Text != "Pushing localhost:5000/nginx:latest" || box.button("Cancel") == nil {
		t.Fatalf("title %q", view.title.Text)
	}
	close(step)
	e.h.Until(t, "the end", func() bool { return w.Message() != "" })
	if view.title.Text != "Pushed localhost:5000/nginx:latest" || view.status.Text != "latest: digest: sha256:abc size: 1570" {
		t.Fatalf("end %q / %q", view.title.Text, view.status.Text)
	}
	if got := e.fake.CallsWith("ImagePush "); !slices.Equal(got, []string{"ImagePush localhost:5000/nginx:latest"}) {
		t.Fatalf("calls %q", got)
	}
}

// A repository with no tags (all deleted) is listed after the references,
// with nothing to pull, and is not counted as a tag.
func TestSearchRepositoryWithoutTags(t *testing.T) {
	e := open(t)
	e.fake.RegistryItems = []engine.RegistryRepo{
		{Registry: "localhost:5000", Name: "old/gone"},
		{Registry: "localhost:5000", Name: "berthtest/web", Tags: []string{"1"}},
	}
	test.Tap(e.w.searchButton)
	s := e.w.search
	s.run()
	e.h.Until(t, "the results", func() bool { return len(s.refs()) == 2 })
	if got := s.refs(); !slices.Equal(got, []string{"localhost:5000/berthtest/web:1", "localhost:5000/old/gone (no tags)"}) {
		t.Fatalf("refs %q", got)
	}
	if s.status.Text != "2 repositories, 1 tag." {
		t.Fatalf("status %q", s.status.Text)
	}
}

func TestSearch(t *testing.T) {
	e := open(t)
	w := e.w
	e.fake.RegistryItems = []engine.RegistryRepo{
		{Registry: "localhost:5000", Name: "berthtest/web", Tags: []string{"1", "2"}},
		{Registry: "localhost:5000", Name: "tools/busybox", Tags: []string{"latest"}},
	}
	test.Tap(w.searchButton)
	s := w.search
	s.query.SetText("web")
	s.run()
	e.h.Until(t, "the results", func() bool { return len(s.refs()) > 0 })
	if got := s.refs(); !slices.Equal(got, []string{"localhost:5000/berthtest/web:1", "localhost:5000/berthtest/web:2"}) {
		t.Fatalf("refs %q", got)
	}
	if s.status.Text != "1 repository, 2 tags." {
		t.Fatalf("status %q", s.status.Text)
	}
	e.fake.RegistrySearchFunc = func(context.Context, string, string) ([]engine.RegistryRepo, error) {
		return nil, &engine.Error{Kind: engine.ErrRegistryUnreachable, Ref: "localhost:5999"}
	}
	s.registry.SetText("localhost:5999")
	s.run()
	e.h.Until(t, "the error", func() bool { return len(s.refs()) == 0 })
	if !strings.Contains(s.status.Text, "localhost:5999") {
		t.Fatalf("status %q", s.status.Text)
	}
}

func findEntry(t *testing.T, box *dialogBox) *kit.DialogEntry {
	t.Helper()
	for _, o := range kittest.Walk(box.body) {
		if e, ok := o.(*kit.DialogEntry); ok {
			return e
		}
	}
	t.Fatal("no entry")
	return nil
}

// fieldMessage is the message under the dialog's field ("" when hidden).
func fieldMessage(box *dialogBox) string {
	for _, o := range kittest.Walk(box.body) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance {
			return kit.MessageText(l)
		}
	}
	return ""
}

// TestScreenshot renders the window to PNG when BERTH_SCREENSHOTS names a directory.
func TestScreenshot(t *testing.T) {
	dir := os.Getenv("BERTH_SCREENSHOTS")
	if dir == "" {
		t.Skip("BERTH_SCREENSHOTS not set")
	}
	e := open(t)
	save(t, e.w.win, filepath.Join(dir, "image-details.png"))
	e.w.tabs.SelectIndex(1)
	save(t, e.w.win, filepath.Join(dir, "image-details-config.png"))
	e.w.tabs.SelectIndex(0)
	e.w.win.Resize(fyne.NewSize(980, 680))
	cfg := nginxConfig
	cfg.RepoTags = []string{"localhost:5000/nginx:latest", "nginx:latest"}
	e.w.cfg = cfg
	block := make(chan struct{})
	defer close(block)
	e.fake.ImagePushFunc = func(ctx context.Context, ref string, progress func(engine.PullProgress)) error {
		progress(engine.PullProgress{Ref: ref, Status: "The push refers to repository [localhost:5000/nginx]", Fraction: 0.46, Layers: []engine.Layer{
			{ID: "sha256:8e2ab394fabf", Status: engine.LayerPushing, Current: 34_100_000, Total: 74_800_000},
			{ID: "sha256:a1d0a4f1e3b2", Status: engine.LayerPushing, Current: 12_000_000, Total: 61_400_000},
			{ID: "sha256:c9f3b7e2d1a0", Status: engine.LayerPushed},
			{ID: "sha256:d4e5f6a7b8c9", Status: engine.LayerInRepo},
			{ID: "sha256:e0f1a2b3c4d5", Status: engine.LayerPreparing}}})
		select {
		case <-block:
		case <-ctx.Done():
		}
		return nil
	}
	test.Tap(e.w.pushButton)
	test.Tap(e.w.dialog.button("Push"))
	e.h.Until(t, "the progress", func() bool { return len(e.w.pushing.layers) == 5 })
	kittest.Relayout(e.w.win)
	save(t, e.w.win, filepath.Join(dir, "image-push.png"))
	e.w.dialog.hide()
	e.fake.RegistryItems = []engine.RegistryRepo{
		{Registry: "localhost:5000", Name: "berthtest/web", Tags: []string{"1", "2"}},
		{Registry: "localhost:5000", Name: "shop/api", Tags: []string{"1.4.0", "latest"}},
		{Registry: "localhost:5000", Name: "nginx", Tags: []string{"latest"}},
	}
	test.Tap(e.w.searchButton)
	e.w.search.run()
	e.h.Until(t, "the results", func() bool { return len(e.w.search.refs()) == 5 })
	kittest.Relayout(e.w.win)
	save(t, e.w.win, filepath.Join(dir, "image-search.png"))
}

func save(t *testing.T, win fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

func findSelect(t *testing.T, box *dialogBox) *kit.DialogSelect {
	t.Helper()
	for _, o := range kittest.Walk(box.body) {
		if s, ok := o.(*kit.DialogSelect); ok {
			return s
		}
	}
	t.Fatal("no select")
	return nil
}
