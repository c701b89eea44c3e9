package engines

import (
	"context"
	"errors"
	"strings"
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

type fakeHost struct {
	kittest.Questions
	loop     *kittest.Queue
	win      fyne.Window
	current  engine.Endpoint
	switched []engine.Endpoint
	probe    func(engine.Endpoint) (engine.Info, error)
	changed  int
}

func (h *fakeHost) Do(f func())              { h.loop.Do(f) }
func (h *fakeHost) Window() fyne.Window      { return h.win }
func (h *fakeHost) Context() context.Context { return context.Background() }
func (h *fakeHost) Current() engine.Endpoint { return h.current }
func (h *fakeHost) Switch(ep engine.Endpoint) {
	h.switched = append(h.switched, ep)
}
func (h *fakeHost) Probe(_ context.Context, ep engine.Endpoint) (engine.Info, error) {
	return h.probe(ep)
}
func (h *fakeHost) EnginesChanged() { h.changed++ }

var _ Host = (*fakeHost)(nil)

func newView(t *testing.T, entries ...engine.EngineEntry) (*View, *fakeHost, *enginetest.Endpoints) {
	t.Helper()
	test.NewTempApp(t)
	h := &fakeHost{loop: &kittest.Queue{Timeout: 5 * time.Second}, win: test.NewWindow(nil), current: entries[0].Endpoint,
		probe: func(ep engine.Endpoint) (engine.Info, error) {
			if strings.Contains(ep.Host, "down") {
				return engine.Info{}, &engine.Error{Kind: engine.ErrUnreachable, Ref: ep.Host, Err: errors.New("dial tcp: connection refused")}
			}
			return engine.Info{Version: "28.5.2", APIVersion: "1.51", Running: 2, Containers: 5, Images: 7}, nil
		}}
	store := &enginetest.Endpoints{Entries: entries}
	v := New(h, store)
	h.win.SetContent(v.Content())
	h.win.Resize(fyne.NewSize(1100, 600))
	t.Cleanup(func() { h.win.Close(); h.loop.Drain() })
	return v, h, store
}

func texts(o fyne.CanvasObject) string {
	var out []string
	for _, w := range kittest.Walk(o) {
		if l, ok := w.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "\n")
}

func entries() []engine.EngineEntry {
	return []engine.EngineEntry{
		{Endpoint: engine.Endpoint{Name: "default", Host: "unix:///var/run/docker.sock"}, Default: true, Current: true},
		{Endpoint: engine.Endpoint{Name: "build", Host: "ssh://me@build"}, Description: "the build box"},
		{Endpoint: engine.Endpoint{Name: "old", Host: "tcp://down:2376"}},
		{Endpoint: engine.Endpoint{Host: "unix:///run/podman/podman.sock"}, Found: true},
	}
}

func TestListChecksEveryEngineInParallel(t *testing.T) {
	v, h, _ := newView(t, entries()...)
	v.Apply(engine.Snapshot{Seq: 1, Reachable: true, Info: engine.Info{Version: "20.10.24", APIVersion: "1.41", Running: 1, Containers: 2}},
		engine.Change{Reachability: true})
	v.Shown()
	h.loop.Until(t, "every engine checked", func() bool {
		s := texts(v.Content())
		return strings.Count(s, "Docker 28.5.2 · API 1.51 · 2 running · 5 containers · 7 images") == 2 &&
			strings.Contains(s, "Docker 20.10.24 · API 1.41 · 1 running · 2 containers · 0 images") &&
			strings.Contains(s, "tcp://down:2376")
	})
	s := texts(v.Content())
	for _, want := range []string{"shown in this window · the docker CLI's current engine", "ssh://me@build — the build box",
		"Podman socket", "socket found on this machine"} {
		if !strings.Contains(s, want) {
			t.Errorf("the list lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Checking…") {
		t.Errorf("an engine still says Checking…:\n%s", s)
	}
}

func TestShowInWindowSwitches(t *testing.T) {
	v, h, _ := newView(t, entries()...)
	v.Shown()
	h.loop.Until(t, "the list", func() bool { return len(v.entries) == 4 })
	var show []*widget.Button
	for _, w := range kittest.Walk(v.Content()) {
		if b, ok := w.(*widget.Button); ok && b.Text == "Show in window" {
			show = append(show, b)
		}
	}
	if len(show) != 4 || !show[0].Disabled() {
		t.Fatalf("%d Show buttons, the shown engine's enabled: want 4 and disabled", len(show))
	}
	test.Tap(show[1])
	if len(h.switched) != 1 || h.switched[0].Name != "build" {
		t.Fatalf("switched to %+v, want build", h.switched)
	}
}

func TestRemoveAsksAndNeverOffersDefault(t *testing.T) {
	v, h, store := newView(t, entries()...)
	v.Shown()
	h.loop.Until(t, "the list", func() bool { return len(v.entries) == 4 })
	var rm []*kit.TipButton
	for _, w := range kittest.Walk(v.Content()) {
		if b, ok := w.(*kit.TipButton); ok {
			rm = append(rm, b)
		}
	}
	if len(rm) != 2 { // build and old; not default, not the socket found
		t.Fatalf("%d remove buttons, want 2 (build, old)", len(rm))
	}
	test.Tap(rm[0])
	q := h.Last(t)
	if !strings.Contains(q.Message, `"build" (ssh://me@build)`) || !strings.Contains(q.Message, "not touched") {
		t.Errorf("remove question %q", q.Message)
	}
	h.Answer(t, q, "Remove")
	h.loop.Until(t, "build removed", func() bool { return len(v.entries) == 3 })
	list, _ := store.List()
	for _, e := range list {
		if e.Endpoint.Name == "build" {
			t.Error("build is still in the store")
		}
	}
}

func TestAddTestsBeforeSaving(t *testing.T) {
	v, h, store := newView(t, entries()...)
	v.Shown()
	h.loop.Until(t, "the list", func() bool { return len(v.entries) == 4 })
	d := v.OpenAdd()
	test.Type(d.Name, "build")
	if got := kit.MessageText(d.nameMsg); !strings.Contains(got, "already an engine named") {
		t.Errorf("a taken name says %q", got)
	}
	d.Name.SetText("lab box")
	if got := kit.MessageText(d.nameMsg); !strings.Contains(got, "spaces") {
		t.Errorf("a name with a space says %q", got)
	}
	d.Name.SetText("lab")
	d.Address.SetText("http://lab")
	if got := kit.MessageText(d.addrMsg); !strings.Contains(got, "not http://") {
		t.Errorf("an http address says %q", got)
	}
	d.Address.SetText("tcp://down:2376")
	test.Tap(d.SaveButton)
	h.loop.Until(t, "the test to fail", func() bool { return d.SaveButton.Text == "Save anyway" })
	if got := kit.MessageText(d.Result); got == "" || strings.Contains(got, "It answers") {
		t.Errorf("a failed test says %q", got)
	}
	if list, _ := store.List(); len(list) != 4 {
		t.Fatal("an engine that did not answer was saved on the first click")
	}
	d.Address.SetText("tcp://lab:2376")
	d.TLS.SetChecked(true)
	if got := kit.MessageText(d.tlsMsg); !strings.Contains(got, "CA certificate") {
		t.Errorf("TLS without a CA says %q", got)
	}
	d.CA.SetText("/certs/ca.pem")
	test.Tap(d.SaveButton)
	h.loop.Until(t, "the engine saved", func() bool { l, _ := store.List(); return len(l) == 5 })
	l, _ := store.List()
	got := l[4].Endpoint
	if got.Name != "lab" || got.Host != "tcp://lab:2376" || got.TLS == nil || got.TLS.CAFile != "/certs/ca.pem" || !got.TLS.Verify {
		t.Errorf("saved %+v (TLS %+v)", got, got.TLS)
	}
}

func TestAddressProblems(t *testing.T) {
	for addr, want := range map[string]string{
		"":                      "",
		"ssh://me@host":         "",
		"ssh://me@host:2222":    "",
		"tcp://host:2376":       "",
		"unix:///run/d.sock":    "",
		"host:2376":             "Start the address with ssh://",
		"tcp://host":            "needs a host and a port",
		"ssh://":                "Name the host",
		"ssh://me@host/var/run": "no path",
		"ftp://host":            "not ftp://",
	} {
		if got := AddressProblem(addr); (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("AddressProblem(%q) = %q, want %q", addr, got, want)
		}
	}
}
