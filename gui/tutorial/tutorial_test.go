package tutorial

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/i18n"
	"berth/gui/kit/kittest"
)

type host struct {
	kittest.Queue
	kittest.Questions
	st     *kittest.State
	stReal engine.State // the real engine's store, in e2e tests
	ctx    context.Context
	mu     sync.Mutex
	urls   []string
	tabs   []string
}

func (h *host) Context() context.Context { return h.ctx }
func (h *host) State() engine.State {
	if h.stReal != nil {
		return h.stReal
	}
	return h.st
}
func (h *host) OpenURL(u *url.URL) error {
	h.mu.Lock()
	h.urls = append(h.urls, u.String())
	h.mu.Unlock()
	return nil
}
func (h *host) ShowTab(title string) { h.tabs = append(h.tabs, title) }

func newHost(t *testing.T) *host {
	test.NewTempApp(t)
	return &host{st: kittest.NewState(engine.Snapshot{}), ctx: t.Context()}
}

var (
	info   = engine.Info{Version: "28.5.2", APIVersion: "1.51", OS: "linux", Arch: "x86_64"}
	nginx  = engine.Image{ID: kittest.NginxID, ShortID: "42b4762643dc", Repository: "nginx", Tag: "latest"}
	webPBs = func(port int) []engine.PortBinding {
		return []engine.PortBinding{{HostIP: "127.0.0.1", HostPort: uint16(port), ContainerPort: 80, Proto: "tcp"}}
	}
)

func web(state engine.ContainerState, port int) engine.Container {
	c := engine.Container{ID: kittest.Webserver, Name: "webserver", Image: "nginx", ImageID: kittest.NginxID, State: state}
	if state == engine.StateRunning {
		c.Ports = webPBs(port)
	}
	return c
}

func snap(cs []engine.Container, images ...engine.Image) engine.Snapshot {
	return engine.Snapshot{Reachable: true, Info: info, Containers: cs, Images: images}
}

// serve is a web server standing in for nginx: its port is the container's published port.
func serve(t *testing.T) int {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("Welcome to nginx!")) }))
	t.Cleanup(s.Close)
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	n, _ := strconv.Atoi(port)
	return n
}

func TestTutorialThroughThePage(t *testing.T) {
	h := newHost(t)
	f := enginetest.New(nil, nil)
	var (
		mu   sync.Mutex
		spec engine.RunSpec
	)
	f.ContainerRunFunc = func(_ context.Context, s engine.RunSpec, _ func(engine.PullProgress)) (string, error) {
		mu.Lock()
		spec = s
		mu.Unlock()
		return kittest.Webserver, nil
	}
	p := New(h, f.Client(), Options{HostPort: 8080})
	defer p.Close()
	for i := range stepCount {
		if p.Done(i) {
			t.Fatalf("step %d is done before anything happened", i+1)
		}
	}
	h.st.Set(snap(nil), engine.Change{Full: true})
	h.Drain()
	if !p.Done(StepVersion) || !strings.Contains(p.Message(StepVersion), "Docker 28.5.2 (API 1.51)") {
		t.Fatalf("version: %v %q", p.Done(StepVersion), p.Message(StepVersion))
	}
	test.Tap(p.Button(StepRun))
	h.Until(t, "the run", func() bool { mu.Lock(); defer mu.Unlock(); return spec.Image != "" })
	mu.Lock()
	defer mu.Unlock()
	if got := engine.RunCommand(spec); got != "docker run --detach --publish=8080:80 --name=webserver nginx" {
		t.Fatalf("run: %s", got)
	}
	port := serve(t)
	h.st.Set(snap([]engine.Container{web(engine.StateRunning, port)}, nginx), engine.Change{})
	h.Until(t, "the web server answers", func() bool { return p.Done(StepBrowse) })
	for _, s := range []int{StepRun, StepSee, StepListAll, StepImages} {
		if !p.Done(s) {
			t.Errorf("step %d not done with the server running", s+1)
		}
	}
	test.Tap(p.Button(StepBrowse))
	if len(h.urls) != 1 || h.urls[0] != "http://127.0.0.1:"+strconv.Itoa(port)+"/" {
		t.Errorf("opened %q", h.urls)
	}
	test.Tap(p.Button(StepSee))
	test.Tap(p.Button(StepImages))
	if strings.Join(h.tabs, ",") != "Containers,Images" {
		t.Errorf("tabs %q", h.tabs)
	}
	// The image cannot go while the container uses it: the conflict.
	inUse := &engine.Error{Kind: engine.ErrImageInUse, Ref: "nginx", Users: []string{"5c17b6cbcddd"}, Err: errorString("conflict: unable to remove repository reference \"nginx\" (must force) - container 5c17b6cbcddd is using its referenced image 42b4762643dc")}
	f.ImageRemoveFunc = func(context.Context, string, bool) ([]string, error) { return nil, inUse }
	test.Tap(p.Button(StepRemoveImage))
	h.Answer(t, h.Last(t), "Remove the image")
	h.Until(t, "the conflict", func() bool { return strings.Contains(p.Message(StepRemoveImage), "conflict the tutorial shows") })
	if p.Done(StepRemoveImage) {
		t.Fatal("the image step ticked on a conflict")
	}

	test.Tap(p.Button(StepStop))
	h.Until(t, "the stop", func() bool { return len(f.CallsWith("Stop "+kittest.Webserver)) == 1 })
	h.st.Set(snap([]engine.Container{web(engine.StateExited, 0)}, nginx), engine.Change{})
	h.Drain()
	if !p.Done(StepStop) || p.Done(StepStart) {
		t.Fatal("stop did not tick, or start did")
	}
	test.Tap(p.Button(StepStart))
	h.Until(t, "the start", func() bool { return len(f.CallsWith("Start "+kittest.Webserver)) == 1 })
	h.st.Set(snap([]engine.Container{web(engine.StateRunning, port)}, nginx), engine.Change{})
	h.Drain()
	if !p.Done(StepStart) {
		t.Fatal("start did not tick")
	}
	// Removing a running container: the engine refuses, the page says why.
	f.ContainerRemoveFunc = func(context.Context, string, engine.RemoveOptions) error {
		return &engine.Error{Kind: engine.ErrMustStop, Ref: "webserver"}
	}
	test.Tap(p.Button(StepRemove))
	q := h.Last(t)
	if !strings.Contains(q.Title, "webserver") {
		t.Errorf("question %q", q.Title)
	}
	h.Answer(t, q, "Remove")
	h.Until(t, "the refusal", func() bool { return strings.Contains(p.Message(StepRemove), "Stop it first") })
	f.ContainerRemoveFunc = nil
	test.Tap(p.Button(StepRemove))
	h.Answer(t, h.Last(t), "Remove")
	h.Until(t, "the removal", func() bool { return len(f.CallsWith("Remove "+kittest.Webserver)) == 2 })
	h.st.Set(snap(nil, nginx), engine.Change{})
	h.Drain()
	if !p.Done(StepRemove) {
		t.Fatal("remove did not tick")
	}
	f.ImageRemoveFunc = nil
	test.Tap(p.Button(StepRemoveImage))
	h.Answer(t, h.Last(t), "Remove the image")
	h.Until(t, "the image removal", func() bool { return len(f.CallsWith("RemoveImage nginx")) == 2 })
	h.st.Set(snap(nil), engine.Change{})
	h.Drain()
	for i := range stepCount {
		if !p.Done(i) {
			t.Errorf("step %d is not done at the end", i+1)
		}
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

func TestTutorialOffersALocalImage(t *testing.T) {
	h := newHost(t)
	f := enginetest.New(nil, nil)
	var (
		mu    sync.Mutex
		specs []engine.RunSpec
	)
	f.ContainerRunFunc = func(_ context.Context, s engine.RunSpec, _ func(engine.PullProgress)) (string, error) {
		mu.Lock()
		specs = append(specs, s)
		mu.Unlock()
		if s.Image == "nginx" {
			return "", &engine.Error{Kind: engine.ErrRegistryUnreachable, Ref: "nginx"}
		}
		return kittest.Webserver, nil
	}
	local := engine.Image{ID: kittest.WebImageID, Repository: "localhost:5000/berthtest/web", Tag: "1"}
	quiet := engine.Image{ID: kittest.PgImageID, Repository: "busybox", Tag: "latest"}
	f.ImageExposedPortsFunc = func(_ context.Context, ref string) ([]string, error) {
		if ref == local.Ref() {
			return []string{"8000/tcp"}, nil
		}
		return nil, nil
	}
	p := New(h, f.Client(), Options{HostPort: 8080})
	defer p.Close()
	h.st.Set(snap(nil, local, quiet), engine.Change{Full: true})
	h.Drain()
	test.Tap(p.Button(StepRun))
	h.Until(t, "the offer", func() bool { return len(p.FallbackImages()) > 0 })
	if got := p.FallbackImages(); len(got) != 1 || got[0] != local.Ref() {
		t.Fatalf("offered %q", got)
	}
	if !strings.Contains(p.fallbackText.Text, "nginx could not be pulled") {
		t.Errorf("offer says %q", p.fallbackText.Text)
	}
	p.ChooseFallback(local.Ref())
	test.Tap(p.Button(StepRun))
	h.Until(t, "the second run", func() bool { mu.Lock(); defer mu.Unlock(); return len(specs) == 2 })
	mu.Lock()
	defer mu.Unlock()
	if got := engine.RunCommand(specs[1]); got != "docker run --detach --publish=8080:8000 --name=webserver localhost:5000/berthtest/web:1" {
		t.Fatalf("run: %s", got)
	}
	if p.Image() != local.Ref() || !p.steps[StepRemoveImage].here.Visible() {
		t.Error("the image step does not name the image used")
	}
}

func TestFirstStart(t *testing.T) {
	h := &windowHost{host: newHost(t), app: fyne.CurrentApp()}
	f := enginetest.New(nil, nil)
	win := OpenOnFirstStart(h, f.Client())
	if win == nil {
		t.Fatal("not opened on the first start")
	}
	if OpenOnFirstStart(h, f.Client()) != nil {
		t.Fatal("opened again")
	}
	win.Close()
	if h.st.Subscribers() != 0 {
		t.Fatal("a closed page follows the state")
	}
}

type windowHost struct {
	*host
	app fyne.App
}

func (h *windowHost) App() fyne.App { return h.app }

// TestTutorialScreenshot renders the page half done, in English and in
// Korean, to docs/screenshots/tutorial.png and docs/screenshots/ko/tutorial.png
// when BERTH_SCREENSHOTS is set (to the repository root).
func TestTutorialScreenshot(t *testing.T) {
	root := os.Getenv("BERTH_SCREENSHOTS")
	if root == "" {
		t.Skip("BERTH_SCREENSHOTS is not set")
	}
	defer i18n.Use("en")
	for _, lang := range []string{"en", "ko"} {
		i18n.Use(lang)
		h := newHost(t)
		f := enginetest.New(nil, nil)
		p := New(h, f.Client(), Options{HostPort: 8080})
		port := serve(t)
		h.st.Set(snap([]engine.Container{web(engine.StateRunning, port)}, nginx), engine.Change{})
		h.Until(t, "the web server answers", func() bool { return p.Done(StepBrowse) })
		w := test.NewWindow(p.Content())
		w.Resize(fyne.NewSize(760, 1640))
		kittest.Relayout(w)
		dir := filepath.Join(root, "docs", "screenshots")
		if lang != "en" {
			dir = filepath.Join(dir, lang)
		}
		writePNG(t, w, filepath.Join(dir, "tutorial.png"))
		p.Close()
	}
}
