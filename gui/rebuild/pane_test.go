package rebuild

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/i18n"
	"berth/gui/kit/kittest"
	"berth/gui/present"
)

type host struct {
	kittest.Queue
	ctx   context.Context
	specs []engine.RunSpec
}

func (h *host) Context() context.Context    { return h.ctx }
func (h *host) RunCopy(spec engine.RunSpec) { h.specs = append(h.specs, spec) }

const id = "5c17b6cbcddd0123456789abcdef0123456789abcdef0123456789abcdef0123"

var image = engine.ImageConfig{ID: "sha256:feed", Entrypoint: []string{"/docker-entrypoint.sh"}, Cmd: []string{"nginx", "-g", "daemon off;"},
	Env:    []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.27.3"},
	Labels: map[string]string{"maintainer": "NGINX Docker Maintainers"}, ExposedPorts: []string{"80/tcp"}}

func details() engine.ContainerDetails {
	return engine.ContainerDetails{ID: id, Name: "webserver", Image: "nginx:1.27", ImageID: "sha256:feed",
		Entrypoint: image.Entrypoint, Cmd: image.Cmd, Hostname: id[:12],
		Env:     append(append([]string{}, image.Env...), "GREETING=hello", "DB_PASSWORD=hunter2"),
		Labels:  map[string]string{"maintainer": "NGINX Docker Maintainers", "com.example.team": "web"},
		Restart: engine.RestartUnlessStopped, State: engine.StateRunning, NetworkMode: "shop",
		PortConfig: []engine.PortBinding{{HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}},
		Networks:   []engine.NetworkAttachment{{Name: "shop", Aliases: []string{id[:12], "web"}}},
		Mounts: []engine.Mount{{Type: engine.MountBind, Source: "/srv/www", Destination: "/usr/share/nginx/html", ReadOnly: true},
			{Type: engine.MountVolume, Name: "webcache", Destination: "/var/cache/nginx"}}}
}

type fixture struct {
	t   *testing.T
	h   *host
	eng *enginetest.Engine
	p   *Pane
	win fyne.Window
	n   int // loads applied
}

func newFixture(t *testing.T, eng *enginetest.Engine) *fixture {
	t.Helper()
	f := newFixtureOf(t, eng, eng, id)
	f.eng = eng
	return f
}

// newFixtureOf is the pane of the container cid over inspect and images, in a window.
func newFixtureOf(t *testing.T, inspect engine.InspectAPI, images engine.ImageDetailAPI, cid string) *fixture {
	t.Helper()
	test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	f := &fixture{t: t, h: &host{Queue: kittest.Queue{Timeout: time.Minute}, ctx: ctx}}
	f.p = NewPane(f.h, inspect, images, engine.Container{ID: cid})
	f.p.onAsync = func() { f.n++ }
	t.Cleanup(f.p.Close)
	tabs := container.NewAppTabs(container.NewTabItem("Overview", widget.NewLabel("")), container.NewTabItem("Environment", widget.NewLabel("")),
		container.NewTabItem("Inspect", widget.NewLabel("")), container.NewTabItem("Files", widget.NewLabel("")),
		container.NewTabItem(Title, f.p.Content()))
	tabs.SelectIndex(4)
	f.win = test.NewWindow(tabs)
	f.win.Resize(fyne.NewSize(960, 640))
	t.Cleanup(f.win.Close)
	return f
}

func (f *fixture) show() {
	f.t.Helper()
	want := f.n + 1
	f.p.Shown()
	f.h.Until(f.t, "the load", func() bool { return f.n >= want })
}

func fakeEngine() *enginetest.Engine {
	eng := enginetest.New(nil, nil)
	eng.ContainerInspectFunc = func(ctx context.Context, cid string) (engine.ContainerDetails, []byte, error) {
		return details(), nil, nil
	}
	eng.ImageConfigFunc = func(ctx context.Context, ref string) (engine.ImageConfig, error) {
		if ref != "sha256:feed" {
			return engine.ImageConfig{}, &engine.Error{Kind: engine.ErrNotFound, Ref: ref, What: "image"}
		}
		return image, nil
	}
	return eng
}

func TestPaneShowsMaskedCommandAndServiceAndReveals(t *testing.T) {
	f := newFixture(t, fakeEngine())
	if !f.p.CopyRunButton().Disabled() || !f.p.RunCopyButton().Disabled() {
		t.Error("nothing to copy or run before the container is read")
	}
	f.show()
	const run = "docker run --detach --name=webserver --publish=127.0.0.1:8080:80 --env=GREETING=hello --env='DB_PASSWORD=••••••••' " +
		"--label=com.example.team=web --volume=/srv/www:/usr/share/nginx/html:ro --volume=webcache:/var/cache/nginx " +
		"--network=shop --network-alias=web --restart=unless-stopped nginx:1.27"
	if got := f.p.RunText(); got != run {
		t.Errorf("run\n got %s\nwant %s", got, run)
	}
	for _, want := range []string{"services:\n  webserver:\n", `image: "nginx:1.27"`, "DB_PASSWORD=" + present.Mask, "restart: unless-stopped", "name: shop"} {
		if !strings.Contains(f.p.YAMLText(), want) {
			t.Errorf("the service lacks %q:\n%s", want, f.p.YAMLText())
		}
	}
	if strings.Contains(f.p.RunText()+f.p.YAMLText(), "hunter2") || strings.Contains(f.p.RunText(), "NGINX_VERSION") {
		t.Error("a secret, or the image's own env, is shown")
	}
	if !f.p.RevealCheck().Visible() {
		t.Fatal("Reveal secrets is hidden though there is a secret")
	}
	test.Tap(f.p.CopyRunButton())
	clip := fyne.CurrentApp().Clipboard()
	if c := clip.Content(); c != f.p.RunText() || strings.Contains(c, "hunter2") {
		t.Errorf("copied %q", c)
	}
	if !strings.Contains(f.p.status.Text, "masked") {
		t.Errorf("the status says the copy is masked: %q", f.p.status.Text)
	}
	f.shot("recreate")

	test.TapAt(f.p.RevealCheck(), fyne.NewPos(10, f.p.RevealCheck().Size().Height/2))
	if !strings.Contains(f.p.RunText(), "--env=DB_PASSWORD=hunter2") || !strings.Contains(f.p.YAMLText(), "DB_PASSWORD=hunter2") {
		t.Errorf("revealed:\n%s\n%s", f.p.RunText(), f.p.YAMLText())
	}
	test.Tap(f.p.CopyYAMLButton())
	if c := clip.Content(); !strings.Contains(c, "DB_PASSWORD=hunter2") {
		t.Errorf("copied %q", c)
	}

	test.Tap(f.p.RunCopyButton())
	if len(f.h.specs) != 1 {
		t.Fatalf("Run a copy… asked %d times", len(f.h.specs))
	}
	s := f.h.specs[0]
	if s.Name != "webserver-copy" || s.Image != "nginx:1.27" || len(s.Env) != 2 || s.Env[1] != "DB_PASSWORD=hunter2" ||
		len(s.Binds) != 2 || s.Restart != engine.RestartUnlessStopped || s.Cmd != nil {
		t.Errorf("spec %+v", s)
	}
}

func TestPaneWithoutSecretsHidesReveal(t *testing.T) {
	eng := fakeEngine()
	eng.ContainerInspectFunc = func(ctx context.Context, cid string) (engine.ContainerDetails, []byte, error) {
		d := details()
		d.Env = d.Env[:3]
		return d, nil, nil
	}
	f := newFixture(t, eng)
	f.show()
	if f.p.RevealCheck().Visible() {
		t.Error("Reveal secrets shows with no secret")
	}
}

func TestPaneSaysWhatWentWrong(t *testing.T) {
	eng := fakeEngine()
	eng.ContainerInspectFunc = func(ctx context.Context, cid string) (engine.ContainerDetails, []byte, error) {
		return engine.ContainerDetails{}, nil, &engine.Error{Kind: engine.ErrNotFound, Ref: cid, What: "container"}
	}
	f := newFixture(t, eng)
	f.show()
	if f.p.ErrorText() == "" || !f.p.CopyRunButton().Disabled() || f.p.RunText() != "" {
		t.Errorf("error %q, copy disabled %v, text %q", f.p.ErrorText(), f.p.CopyRunButton().Disabled(), f.p.RunText())
	}
}

func TestPaneWithTheImageGoneWritesEverything(t *testing.T) {
	eng := fakeEngine()
	eng.ImageConfigFunc = func(ctx context.Context, ref string) (engine.ImageConfig, error) {
		return engine.ImageConfig{}, &engine.Error{Kind: engine.ErrNotFound, Ref: ref, What: "image"}
	}
	f := newFixture(t, eng)
	f.show()
	if !f.p.note.Visible() || !strings.Contains(f.p.note.Text, "no longer") {
		t.Errorf("note %q", f.p.note.Text)
	}
	if !strings.Contains(f.p.RunText(), "NGINX_VERSION=1.27.3") || !strings.Contains(f.p.RunText(), "--entrypoint=/docker-entrypoint.sh") {
		t.Errorf("without the image's defaults everything is written: %s", f.p.RunText())
	}
}

func TestPaneReadsAgainWhenShownAndDropsLateAnswers(t *testing.T) {
	eng := fakeEngine()
	f := newFixture(t, eng)
	f.show()
	f.show()
	if n := len(eng.CallsWith("Inspect")); n != 2 {
		t.Errorf("%d inspects for two showings", n)
	}
	f.p.Close()
	f.p.Shown() // after Close: its answer is dropped
	f.h.Drain()
}

// shot writes the window to $BERTH_SHOTS/name.png when that is set.
func (f *fixture) shot(name string) {
	dir := os.Getenv("BERTH_SHOTS")
	if dir == "" {
		return
	}
	kittest.Relayout(f.win)
	img := f.win.Canvas().Capture()
	out, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		f.t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, img); err != nil {
		f.t.Fatal(err)
	}
}

// TestPaneInKorean: the pane's words come from the Korean translation; the
// command stays the command.
func TestPaneInKorean(t *testing.T) {
	i18n.Use("ko")
	t.Cleanup(func() { i18n.Use("en") })
	f := newFixture(t, fakeEngine())
	f.show()
	if got := f.p.RevealCheck().Text; got != "비밀 값 보기" {
		t.Errorf("reveal: %q", got)
	}
	if got := f.p.RunCopyButton().Text; got != "사본 실행…" {
		t.Errorf("run a copy: %q", got)
	}
	if !strings.HasPrefix(f.p.RunText(), "docker run --detach --name=webserver") {
		t.Errorf("the command changed: %s", f.p.RunText())
	}
	test.Tap(f.p.CopyRunButton())
	if got, want := f.p.status.Text, "docker run 명령어를 복사했습니다. 비밀 값은 가려져 있습니다. 복사하려면 비밀 값 보기를 선택하세요."; got != want {
		t.Errorf("status\n got %q\nwant %q", got, want)
	}
}
