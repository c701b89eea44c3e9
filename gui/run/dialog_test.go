package run

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/enginetest"
	"berth/gui/kit"
	"berth/gui/kit/kittest"
	"berth/gui/present"
)

// staticState is an engine.State whose snapshot only the test changes;
// send hands the subscribers a change, as the store does (from the test's
// goroutine: the dialog must not touch widgets there).
type staticState struct {
	mu   sync.Mutex
	snap engine.Snapshot
	subs map[int]func(engine.Snapshot, engine.Change)
	next int
}

func (s *staticState) Snapshot() engine.Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snap
}

func (s *staticState) Subscribe(fn func(engine.Snapshot, engine.Change)) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.subs == nil {
		s.subs = map[int]func(engine.Snapshot, engine.Change){}
	}
	id := s.next
	s.next++
	s.subs[id] = fn
	return func() {
		s.mu.Lock()
		delete(s.subs, id)
		s.mu.Unlock()
	}
}

func (s *staticState) Reconnect() {}

func (s *staticState) send(snap engine.Snapshot, ch engine.Change) {
	s.mu.Lock()
	s.snap = snap
	var fns []func(engine.Snapshot, engine.Change)
	for _, fn := range s.subs {
		fns = append(fns, fn)
	}
	s.mu.Unlock()
	for _, fn := range fns {
		fn(snap, ch)
	}
}

func (s *staticState) subscribers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.subs)
}

// testHost is the shell, for the dialog: its UI work runs on the test's queue.
type testHost struct {
	q     *kittest.Queue
	win   fyne.Window
	ctx   context.Context
	state engine.State
	shown int
}

func (h *testHost) Do(f func())              { h.q.Do(f) }
func (h *testHost) Now() time.Time           { return time.Now() }
func (h *testHost) Window() fyne.Window      { return h.win }
func (h *testHost) Context() context.Context { return h.ctx }
func (h *testHost) Ask(q kit.Question)       { kit.ShowQuestion(h.win, q) }
func (h *testHost) State() engine.State      { return h.state }
func (h *testHost) ShowMain()                { h.shown++ }

// newTestHost makes a host over st with a window for the dialog.
func newTestHost(t *testing.T, st engine.State) *testHost {
	t.Helper()
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	w := a.NewWindow("Berth")
	w.Resize(fyne.NewSize(1000, 800))
	t.Cleanup(w.Close)
	return &testHost{q: &kittest.Queue{Timeout: time.Minute}, win: w, ctx: ctx, state: st}
}

// events records a dialog's onAsync events (on the test goroutine).
type events struct{ seen map[string]int }

func (e *events) record(what string) { e.seen[what]++ }

// openForTest opens a run dialog over the host's window and records its events.
func openForTest(t *testing.T, h *testHost, containers engine.ContainerAPI, images engine.ImageAPI, image string) (*Dialog, *events) {
	t.Helper()
	ev := &events{seen: map[string]int{}}
	d := Open(h, containers, images, image)
	d.onAsync = ev.record
	t.Cleanup(d.Close)
	return d, ev
}

func typeIn(e fyne.Focusable, text string) {
	if en, ok := e.(interface{ SetText(string) }); ok {
		en.SetText("")
	}
	test.Type(e, text)
}

func msgText(l *widget.Label) string { return kit.MessageText(l) }

// ran reports whether the engine was asked to run a container.
func ran(eng *enginetest.Engine) bool {
	for _, c := range eng.Calls() {
		if strings.HasPrefix(c, "Run ") {
			return true
		}
	}
	return false
}

func TestRunValidationMessages(t *testing.T) {
	nameRule := "A container name uses letters, digits and _ . - (not first), at least two characters."
	tests := []struct {
		name  string
		setup func(d *Dialog)
		label func(d *Dialog) *widget.Label
		want  string
	}{
		{"uppercase image", func(d *Dialog) { typeIn(d.imageEntry, "Nginx") },
			func(d *Dialog) *widget.Label { return d.imageMsg }, "Image names must be lowercase."},
		{"bad image reference", func(d *Dialog) { typeIn(d.imageEntry, "nginx::latest") },
			func(d *Dialog) *widget.Label { return d.imageMsg }, "This is not a valid image name."},
		{"empty image", func(d *Dialog) { typeIn(d.imageEntry, "") },
			func(d *Dialog) *widget.Label { return d.imageMsg }, "Type the name of an image, for example nginx or nginx:latest."},
		{"bad name", func(d *Dialog) { typeIn(d.nameEntry, "-web") },
			func(d *Dialog) *widget.Label { return d.nameMsg }, `A container name cannot start with "-". ` + nameRule},
		{"one-letter name", func(d *Dialog) { typeIn(d.nameEntry, "w") },
			func(d *Dialog) *widget.Label { return d.nameMsg }, "A container name needs at least two characters. " + nameRule},
		{"host port not a number", func(d *Dialog) {
			typeIn(d.PortRows()[0].HostPort, "http")
			typeIn(d.PortRows()[0].ContainerPort, "80")
		}, func(d *Dialog) *widget.Label { return d.ports.Message(0) }, `Host port "http" is not a number.`},
		{"host port out of range", func(d *Dialog) {
			typeIn(d.PortRows()[0].HostPort, "70000")
			typeIn(d.PortRows()[0].ContainerPort, "80")
		}, func(d *Dialog) *widget.Label { return d.ports.Message(0) }, "Host port 70000 is out of range: use 1 to 65535."},
		{"container port zero", func(d *Dialog) {
			typeIn(d.PortRows()[0].HostPort, "8080")
			typeIn(d.PortRows()[0].ContainerPort, "0")
		}, func(d *Dialog) *widget.Label { return d.ports.Message(0) }, "Container port 0 is out of range: use 1 to 65535."},
		{"container port missing", func(d *Dialog) { typeIn(d.PortRows()[0].HostPort, "8080") },
			func(d *Dialog) *widget.Label { return d.ports.Message(0) }, "Type the container port, for example 80."},
		{"backwards range", func(d *Dialog) {
			typeIn(d.PortRows()[0].ContainerPort, "90-80")
		}, func(d *Dialog) *widget.Label { return d.ports.Message(0) }, "Container port range 90-80 goes backwards."},
		{"host IP not an IP", func(d *Dialog) {
			typeIn(d.PortRows()[0].HostIP, "localhost")
			typeIn(d.PortRows()[0].ContainerPort, "80")
		}, func(d *Dialog) *widget.Label { return d.ports.Message(0) }, `Host IP "localhost" is not an IP address; leave it empty for all addresses.`},
		{"same host port twice", func(d *Dialog) {
			typeIn(d.PortRows()[0].HostPort, "8080")
			typeIn(d.PortRows()[0].ContainerPort, "80")
			test.Tap(d.ports.AddButton)
			typeIn(d.PortRows()[1].HostPort, "8080")
			typeIn(d.PortRows()[1].ContainerPort, "81")
		}, func(d *Dialog) *widget.Label { return d.ports.Message(1) }, "Host port 8080 is already mapped in another row."},
		{"env without key", func(d *Dialog) {
			test.Tap(d.env.AddButton)
			typeIn(d.env.Rows()[0].value, "1")
		}, func(d *Dialog) *widget.Label { return d.env.Message(0) }, "The variable needs a name: KEY=value."},
		{"env key with =", func(d *Dialog) {
			test.Tap(d.env.AddButton)
			typeIn(d.env.Rows()[0].key, "A=B")
		}, func(d *Dialog) *widget.Label { return d.env.Message(0) }, `A variable name cannot contain "=".`},
		{"relative container path", func(d *Dialog) {
			test.Tap(d.binds.AddButton)
			typeIn(d.binds.Rows()[0].host, "/srv")
			typeIn(d.binds.Rows()[0].ctr, "data")
		}, func(d *Dialog) *widget.Label { return d.binds.Message(0) }, "The container path must be absolute: start it with /."},
		{"missing host path", func(d *Dialog) {
			test.Tap(d.binds.AddButton)
			typeIn(d.binds.Rows()[0].ctr, "/data")
		}, func(d *Dialog) *widget.Label { return d.binds.Message(0) }, "Type a host path, for example /srv/www, or a volume's name (pick one, or name a new one)."},
		{"unclosed quote in command", func(d *Dialog) { typeIn(d.cmdEntry, "sh -c 'echo") },
			func(d *Dialog) *widget.Label { return d.cmdMsg }, "The command cannot be read: a ' quote is not closed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng := enginetest.New(nil, nil)
			h := newTestHost(t, &staticState{})
			d, _ := openForTest(t, h, eng, eng, "")
			typeIn(d.imageEntry, "nginx")
			h.q.Drain()
			if d.RunButton().Disabled() {
				t.Fatalf("Run is disabled for a valid form: image message %q", msgText(d.imageMsg))
			}
			tt.setup(d)
			h.q.Drain()
			if got := msgText(tt.label(d)); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
			if !d.RunButton().Disabled() {
				t.Errorf("Run is enabled with invalid input")
			}
			test.Tap(d.RunButton())
			h.q.Drain()
			if ran(eng) {
				t.Errorf("the engine was asked to run an invalid form: %v", eng.Calls())
			}
		})
	}
}

func TestRunRemoveRows(t *testing.T) {
	h := newTestHost(t, &staticState{})
	fake := enginetest.New(nil, nil)
	d, _ := openForTest(t, h, fake, fake, "nginx")
	test.Tap(d.env.AddButton)
	typeIn(d.env.Rows()[0].key, "A")
	test.Tap(d.env.AddButton)
	typeIn(d.env.Rows()[1].key, "B")
	test.Tap(d.binds.AddButton)
	typeIn(d.binds.Rows()[0].host, "/srv")
	typeIn(d.binds.Rows()[0].ctr, "/data")
	if want := "docker run --detach --env=A= --env=B= --volume=/srv:/data nginx"; d.CommandLine() != want {
		t.Fatalf("command line = %q, want %q", d.CommandLine(), want)
	}
	test.Tap(d.env.RemoveButton(0))
	test.Tap(d.binds.RemoveButton(0))
	if want := "docker run --detach --env=B= nginx"; d.CommandLine() != want {
		t.Errorf("command line after removing = %q, want %q", d.CommandLine(), want)
	}
	test.Tap(d.ports.RemoveButton(0))
	if len(d.PortRows()) != 0 || d.RunButton().Disabled() {
		t.Errorf("%d port rows, Run disabled %v", len(d.PortRows()), d.RunButton().Disabled())
	}
}

func TestRunTutorialCommandAndRun(t *testing.T) {
	eng := enginetest.New(nil, nil)
	var got engine.RunSpec
	eng.ContainerRunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
		got = spec
		return "5c17b6cbcddd0123456789abcdef0123456789abcdef0123456789abcdef0123", nil
	}
	st := &staticState{}
	h := newTestHost(t, st)
	d, ev := openForTest(t, h, eng, eng, "")
	if h.shown != 1 {
		t.Errorf("the main window was raised %d times, want 1", h.shown)
	}
	if st.subscribers() != 1 {
		t.Errorf("%d subscribers to the state, want 1", st.subscribers())
	}
	typeIn(d.imageEntry, "nginx")
	typeIn(d.nameEntry, "webserver")
	typeIn(d.PortRows()[0].HostPort, "80")
	typeIn(d.PortRows()[0].ContainerPort, "80")
	const want = "docker run --detach --publish=80:80 --name=webserver nginx"
	if d.CommandLine() != want {
		t.Fatalf("command line = %q, want %q", d.CommandLine(), want)
	}
	if msg := msgText(d.imageMsg); msg != "Not on this engine yet: Run pulls it from the registry first." {
		t.Errorf("image message = %q", msg)
	}
	test.Tap(d.copyButton)
	if clip := fyne.CurrentApp().Clipboard().Content(); clip != want {
		t.Errorf("clipboard = %q, want %q", clip, want)
	}
	if d.RunButton().Disabled() {
		t.Fatal("Run is disabled for the tutorial's form")
	}
	test.Tap(d.RunButton())
	h.q.Until(t, "the run to finish", func() bool { return ev.seen["run"] > 0 })
	wantSpec := engine.RunSpec{Image: "nginx", Name: "webserver", Ports: []string{"80:80"}}
	if fmt.Sprint(got) != fmt.Sprint(wantSpec) {
		t.Errorf("spec = %+v, want %+v", got, wantSpec)
	}
	if !d.Closed() {
		t.Error("the dialog stayed open after a successful run")
	}
	if st.subscribers() != 0 {
		t.Errorf("%d subscribers after closing, want 0", st.subscribers())
	}
}

func TestRunPasteCommandFillsForm(t *testing.T) {
	h := newTestHost(t, &staticState{})
	fake := enginetest.New(nil, nil)
	d, _ := openForTest(t, h, fake, fake, "")
	line := `docker run --detach --publish=80:80 -p 127.0.0.1:5353:53/udp --name=webserver -e 'GREETING=hello world' -v /srv/www:/usr/share/nginx/html:ro --restart=unless-stopped --rm nginx nginx -g 'daemon off;'`
	typeIn(d.pasteEntry, line)
	test.Tap(d.pasteButton)
	h.q.Drain()
	if d.imageEntry.Text != "nginx" || d.nameEntry.Text != "webserver" {
		t.Errorf("image, name = %q, %q", d.imageEntry.Text, d.nameEntry.Text)
	}
	if len(d.PortRows()) != 2 {
		t.Fatalf("%d port rows, want 2", len(d.PortRows()))
	}
	if p := d.PortRows()[1].value(); p != (runPort{HostIP: "127.0.0.1", HostPort: "5353", ContainerPort: "53", Proto: "udp"}) {
		t.Errorf("second port row = %+v", p)
	}
	if envs := d.env.Rows(); len(envs) != 1 || envs[0].key.Text != "GREETING" || envs[0].value.Text != "hello world" {
		t.Errorf("env rows wrong")
	}
	if binds := d.binds.Rows(); len(binds) != 1 || !binds[0].readOnly.Checked || binds[0].ctr.Text != "/usr/share/nginx/html" {
		t.Errorf("bind rows wrong")
	}
	if d.restartSelect.Selected != "unless-stopped" {
		t.Errorf("restart = %q", d.restartSelect.Selected)
	}
	if d.cmdEntry.Text != "nginx -g 'daemon off;'" {
		t.Errorf("command = %q", d.cmdEntry.Text)
	}
	wantCmd := `docker run --detach --publish=80:80 --publish=127.0.0.1:5353:53/udp --name=webserver --env='GREETING=hello world' --volume=/srv/www:/usr/share/nginx/html:ro --restart=unless-stopped nginx nginx -g 'daemon off;'`
	if d.CommandLine() != wantCmd {
		t.Errorf("command line\n got %s\nwant %s", d.CommandLine(), wantCmd)
	}
	if msg := msgText(d.pasteMsg); !strings.Contains(msg, "--rm is not supported") {
		t.Errorf("paste message = %q, want a note about --rm", msg)
	}
	if d.RunButton().Disabled() {
		t.Error("Run is disabled after pasting a valid command")
	}

	// An unknown option: a clear message naming it, the form left as it was.
	typeIn(d.pasteEntry, "docker run --network=host busybox")
	test.Tap(d.pasteButton)
	if msg := msgText(d.pasteMsg); msg != "This command cannot fill the form: the option --network is not supported by Berth's run dialog." {
		t.Errorf("paste message = %q", msg)
	}
	if d.imageEntry.Text != "nginx" {
		t.Errorf("a failed paste changed the image to %q", d.imageEntry.Text)
	}
}

func TestRunPasteIntoImageField(t *testing.T) {
	h := newTestHost(t, &staticState{})
	fake := enginetest.New(nil, nil)
	d, _ := openForTest(t, h, fake, fake, "")
	const line = "docker run --detach --publish=80:80 --name=webserver nginx"
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent(line)
	d.imageEntry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	h.q.Drain()
	if d.imageEntry.Text != "nginx" || d.nameEntry.Text != "webserver" || d.CommandLine() != line {
		t.Errorf("after pasting into the image field: image %q, name %q, command %q", d.imageEntry.Text, d.nameEntry.Text, d.CommandLine())
	}
	if d.RunButton().Disabled() {
		t.Error("Run is disabled")
	}
	// Typing "docker run …" by hand is not a paste: nothing is taken apart on the way.
	typeIn(d.imageEntry, "docker run n")
	h.q.Drain()
	if d.imageEntry.Text != "docker run n" {
		t.Errorf("typing was interpreted: image %q", d.imageEntry.Text)
	}
}

// holdPort binds a free TCP port on addr until the test ends.
func holdPort(t *testing.T, addr string) int {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

func TestRunPortInUseOffersNextFree(t *testing.T) {
	held := holdPort(t, "127.0.0.1:0")

	h := newTestHost(t, &staticState{})
	fake := enginetest.New(nil, nil)
	d, ev := openForTest(t, h, fake, fake, "")
	typeIn(d.imageEntry, "nginx")
	row := d.PortRows()[0]
	typeIn(row.HostIP, "127.0.0.1")
	typeIn(row.ContainerPort, "80")
	ev.seen["port"] = 0
	typeIn(row.HostPort, strconv.Itoa(held))
	h.q.Until(t, "the port check", func() bool { return ev.seen["port"] > 0 })
	if got, want := msgText(d.ports.Message(0)), fmt.Sprintf("Port %d is in use.", held); got != want {
		t.Fatalf("row message = %q, want %q", got, want)
	}
	fix := d.ports.ActionButton(0)
	if !fix.Visible() || !strings.HasPrefix(fix.Text, "Use ") {
		t.Fatalf("no one-click fix offered (button %q, visible %v)", fix.Text, fix.Visible())
	}
	next, _ := strconv.Atoi(strings.TrimPrefix(fix.Text, "Use "))
	if next <= held {
		t.Errorf("offered port %d, want one after %d", next, held)
	}
	if d.RunButton().Disabled() {
		t.Error("a port in use is a warning; Run should stay enabled (the engine has the last word)")
	}
	ev.seen["port"] = 0
	test.Tap(fix)
	if row.HostPort.Text != strconv.Itoa(next) {
		t.Errorf("host port = %q after the fix, want %d", row.HostPort.Text, next)
	}
	h.q.Until(t, "the second port check", func() bool { return ev.seen["port"] > 0 })
	if msg := msgText(d.ports.Message(0)); msg != "" {
		t.Errorf("row message after the fix = %q, want none", msg)
	}
	if strings.Contains(d.CommandLine(), strconv.Itoa(held)) || !strings.Contains(d.CommandLine(), fmt.Sprintf("--publish=127.0.0.1:%d:80", next)) {
		t.Errorf("command line = %q", d.CommandLine())
	}
}

func TestRunPortPublishedByContainer(t *testing.T) {
	// A port a container publishes, on an address this machine cannot bind
	// (so only the state can tell): 203.0.113.7 is a documentation address.
	st := &staticState{snap: engine.Snapshot{Containers: []engine.Container{{
		ID: "c1", Name: "webserver", State: engine.StateRunning,
		Ports: []engine.PortBinding{{HostIP: "0.0.0.0", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}},
	}}}}
	h := newTestHost(t, st)
	fake := enginetest.New(nil, nil)
	d, ev := openForTest(t, h, fake, fake, "nginx")
	row := d.PortRows()[0]
	typeIn(row.HostIP, "203.0.113.7")
	typeIn(row.ContainerPort, "80")
	ev.seen["port"] = 0
	typeIn(row.HostPort, "8080")
	h.q.Until(t, "the port check", func() bool { return ev.seen["port"] > 0 })
	if got := msgText(d.ports.Message(0)); got != "Port 8080 is in use by container webserver." {
		t.Errorf("row message = %q", got)
	}
	if fix := d.ports.ActionButton(0); fix.Text != "Use 8081" || !fix.Visible() {
		t.Errorf("fix button = %q (visible %v), want Use 8081", fix.Text, fix.Visible())
	}
}

func TestRunPrefillsExposedPorts(t *testing.T) {
	const ref = "localhost:5000/berthtest/web:1"
	st := &staticState{snap: engine.Snapshot{Images: []engine.Image{{
		ID: "sha256:42b4762643dc0000000000000000000000000000000000000000000000000000", ShortID: "42b4762643dc",
		Repository: "localhost:5000/berthtest/web", Tag: "1", RepoTags: []string{ref},
	}}}}
	eng := enginetest.New(nil, nil)
	eng.ImageExposedPortsFunc = func(ctx context.Context, r string) ([]string, error) {
		return []string{"80/tcp", "53/udp"}, nil
	}
	h := newTestHost(t, st)
	d, ev := openForTest(t, h, eng, eng, ref)
	h.q.Until(t, "the exposed ports", func() bool { return ev.seen["image"] > 0 })
	if len(d.PortRows()) != 2 {
		t.Fatalf("%d port rows, want 2 (one per exposed port)", len(d.PortRows()))
	}
	// The container ports come from the image; the host ports are the user's to type.
	first, second := d.PortRows()[0].value(), d.PortRows()[1].value()
	if first != (runPort{ContainerPort: "80", Proto: "tcp"}) || second != (runPort{ContainerPort: "53", Proto: "udp"}) {
		t.Errorf("rows = %+v, %+v: want the container ports and no host port", first, second)
	}
	for i := range 2 {
		if got := msgText(d.ports.Message(i)); got != notPublished {
			t.Errorf("row %d says %q, want %q", i, got, notPublished)
		}
	}
	if got := d.CommandLine(); got != "docker run --detach "+ref {
		t.Errorf("command line = %q: nothing is published until a host port is typed", got)
	}
	if got := msgText(d.imageMsg); got != "On this engine; it exposes 80/tcp, 53/udp." {
		t.Errorf("image message = %q", got)
	}
	if opts := d.imageChoices; len(opts) != 1 || opts[0] != ref {
		t.Errorf("image choices = %q", opts)
	}
	// The tutorial's way: a host port typed publishes on every address, and the row says so.
	typeIn(d.PortRows()[0].HostPort, "80")
	if got := d.CommandLine(); got != "docker run --detach --publish=80:80 "+ref {
		t.Errorf("command line = %q", got)
	}
	if got, want := msgText(d.ports.Message(0)), fmt.Sprintf(everyAddress, "80"); got != want {
		t.Errorf("row message = %q, want %q", got, want)
	}
	typeIn(d.PortRows()[0].HostIP, "127.0.0.1")
	if got := msgText(d.ports.Message(0)); got != "" {
		t.Errorf("row message with a host IP = %q, want none", got)
	}
	// Rows the user edited are not replaced when the image changes.
	ev.seen["image"] = 0
	typeIn(d.imageEntry, "42b4762643dc")
	h.q.Until(t, "the second image check", func() bool { return ev.seen["image"] > 0 })
	if d.PortRows()[0].HostPort.Text != "80" {
		t.Errorf("an edited row was replaced: host port %q", d.PortRows()[0].HostPort.Text)
	}
}

func TestRunPasteOfAnEnginePickedPortSaysItIsNotPublished(t *testing.T) {
	h := newTestHost(t, &staticState{})
	fake := enginetest.New(nil, nil)
	d, _ := openForTest(t, h, fake, fake, "")
	typeIn(d.pasteEntry, "docker run -p 80 -p 127.0.0.1::53/udp nginx")
	test.Tap(d.pasteButton)
	if got := d.CommandLine(); got != "docker run --detach --publish=127.0.0.1::53/udp nginx" {
		t.Errorf("command line = %q", got)
	}
	if got := msgText(d.ports.Message(0)); got != notPublished {
		t.Errorf("row message = %q", got)
	}
	if msg := msgText(d.pasteMsg); !strings.Contains(msg, "-p 80 would publish on a host port the engine picks, on every address") {
		t.Errorf("paste message = %q", msg)
	}
}

func TestRunFollowsTheState(t *testing.T) {
	st := &staticState{}
	h := newTestHost(t, st)
	fake := enginetest.New(nil, nil)
	d, ev := openForTest(t, h, fake, fake, "busybox")
	if msg := msgText(d.imageMsg); !strings.HasPrefix(msg, "Not on this engine yet") {
		t.Fatalf("image message = %q", msg)
	}
	// The image arrives (a pull elsewhere): the choices and the field's word follow.
	snap := engine.Snapshot{Images: []engine.Image{{ID: "sha256:ab12", ShortID: "ab12", Repository: "busybox", Tag: "latest", RepoTags: []string{"busybox:latest"}}}}
	for range 3 {
		st.send(snap, engine.Change{Images: true})
	}
	h.q.Until(t, "the state's change", func() bool { return ev.seen["images"] > 0 })
	if n := ev.seen["images"]; n != 1 {
		t.Errorf("three changes applied %d times, want once", n)
	}
	if msg := msgText(d.imageMsg); msg != "On this engine." {
		t.Errorf("image message = %q", msg)
	}
	if len(d.imageChoices) != 1 || d.imageChoices[0] != "busybox:latest" {
		t.Errorf("image choices = %q", d.imageChoices)
	}
	// A change about nothing the dialog shows is not applied.
	st.send(snap, engine.Change{Reachability: true})
	h.q.Drain()
	if ev.seen["images"] != 1 {
		t.Error("a change without images or containers was applied")
	}
}

func TestRunEngineErrorsNextToFields(t *testing.T) {
	nameMsg := `The name "webserver" is already used by another container. Choose another name, or remove that container.`
	tests := []struct {
		name  string
		err   error
		label func(d *Dialog) *widget.Label
		want  string
		clean func(d *Dialog) *widget.Label // a label that must stay empty
	}{
		{"name in use", &engine.Error{Kind: engine.ErrNameInUse, Ref: "webserver"},
			func(d *Dialog) *widget.Label { return d.nameMsg }, nameMsg, func(d *Dialog) *widget.Label { return d.errorLabel }},
		{"port allocated", &engine.Error{Kind: engine.ErrPortAllocated, Port: "0.0.0.0:9090",
			Err: errors.New("driver failed programming external connectivity on endpoint webserver (abc): Bind for 0.0.0.0:9090 failed: port is already allocated")},
			func(d *Dialog) *widget.Label { return d.ports.Message(1) },
			"Host port 0.0.0.0:9090 is already in use by another container or program. Choose another host port.",
			func(d *Dialog) *widget.Label { return d.ports.Message(0) }},
		{"port allocated, port unknown", &engine.Error{Kind: engine.ErrPortAllocated},
			func(d *Dialog) *widget.Label { return d.ports.Message(0) },
			"A host port you asked for is already in use by another container or program. Choose another host port.",
			func(d *Dialog) *widget.Label { return d.errorLabel }},
		{"not in registry", &engine.Error{Kind: engine.ErrImageNotInRegistry, Ref: "nginx"},
			func(d *Dialog) *widget.Label { return d.imageMsg }, "The registry has no image nginx. Check the name and the tag.", func(d *Dialog) *widget.Label { return d.nameMsg }},
		{"anything else", &engine.Error{Kind: engine.ErrOther, Err: errors.New("OCI runtime create failed")},
			func(d *Dialog) *widget.Label { return d.errorLabel }, "OCI runtime create failed", func(d *Dialog) *widget.Label { return d.nameMsg }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng := enginetest.New(nil, nil)
			runs := 0
			eng.ContainerRunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
				runs++
				return "", tt.err
			}
			h := newTestHost(t, &staticState{})
			d, ev := openForTest(t, h, eng, eng, "")
			typeIn(d.imageEntry, "nginx")
			typeIn(d.nameEntry, "webserver")
			// 203.0.113.7 cannot be bound here: no local port check interferes.
			typeIn(d.PortRows()[0].HostIP, "203.0.113.7")
			typeIn(d.PortRows()[0].HostPort, "8080")
			typeIn(d.PortRows()[0].ContainerPort, "80")
			test.Tap(d.ports.AddButton)
			typeIn(d.PortRows()[1].HostIP, "203.0.113.7")
			typeIn(d.PortRows()[1].HostPort, "9090")
			typeIn(d.PortRows()[1].ContainerPort, "90")
			before := d.CommandLine()
			test.Tap(d.RunButton())
			h.q.Until(t, "the run to fail", func() bool { return ev.seen["run"] > 0 })
			if got := msgText(tt.label(d)); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
			if got := msgText(tt.clean(d)); got != "" {
				t.Errorf("unexpected message elsewhere: %q", got)
			}
			if d.Closed() {
				t.Fatal("the dialog closed on an error")
			}
			if d.CommandLine() != before || d.nameEntry.Text != "webserver" {
				t.Errorf("the form changed: %q", d.CommandLine())
			}
			if d.RunButton().Disabled() {
				t.Error("Run is disabled: the user cannot retry")
			}
			// Retrying asks the engine again.
			ev.seen["run"] = 0
			test.Tap(d.RunButton())
			h.q.Until(t, "the retry", func() bool { return ev.seen["run"] > 0 })
			if runs != 2 {
				t.Errorf("engine asked %d times, want 2", runs)
			}
		})
	}

	t.Run("editing the name clears the engine's message", func(t *testing.T) {
		eng := enginetest.New(nil, nil)
		eng.ContainerRunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
			return "", &engine.Error{Kind: engine.ErrNameInUse, Ref: "webserver"}
		}
		h := newTestHost(t, &staticState{})
		d, ev := openForTest(t, h, eng, eng, "nginx")
		typeIn(d.nameEntry, "webserver")
		test.Tap(d.RunButton())
		h.q.Until(t, "the run to fail", func() bool { return ev.seen["run"] > 0 })
		if msg := msgText(d.nameMsg); msg != nameMsg {
			t.Fatalf("name message = %q", msg)
		}
		test.Type(d.nameEntry, "2")
		if msg := msgText(d.nameMsg); msg != "" {
			t.Errorf("name message after editing = %q", msg)
		}
	})
}

// shown is what o shows: the texts of its labels and the value of its
// overall bar (the one bar with a percentage; the layer bars have none).
func shown(o fyne.CanvasObject) (labels []string, overall float64) {
	for _, x := range test.LaidOutObjects(o) {
		switch w := x.(type) {
		case *widget.Label:
			labels = append(labels, w.Text)
		case *widget.ProgressBar:
			if w.TextFormatter == nil {
				overall = w.Value
			}
		}
	}
	return labels, overall
}

func TestRunShowsPullProgressAndCancel(t *testing.T) {
	eng := enginetest.New(nil, nil)
	canceled := make(chan struct{})
	eng.ContainerRunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
		for i := 0; i <= 10; i++ {
			progress(engine.PullProgress{Ref: spec.Image, Fraction: float64(i) / 20, Layers: []engine.Layer{
				{ID: "5e6ec7f28fb7", Status: engine.LayerDownloading, Current: int64(i) << 20, Total: 20 << 20},
				{ID: "8b2e0a3f7c11", Status: engine.LayerExists},
			}})
		}
		<-ctx.Done()
		close(canceled)
		return "", &engine.Error{Kind: engine.ErrCanceled, Err: ctx.Err()}
	}
	h := newTestHost(t, &staticState{})
	d, _ := openForTest(t, h, eng, eng, "nginx")
	test.Tap(d.RunButton())
	progress := d.Progress()
	h.q.Until(t, "the pull progress", func() bool {
		_, overall := shown(progress.Content())
		return progress.StatusText() == "2 layers" && overall == 0.5
	})
	if !progress.Content().Visible() {
		t.Error("the progress is hidden")
	}
	if labels, _ := shown(progress.Content()); !slices.Contains(labels, "5e6ec7f28fb7: Downloading 10.5MB/21MB") {
		t.Errorf("layer lines = %q", labels)
	}
	if msg := msgText(d.statusLabel); msg != "Unable to find image nginx locally: pulling it…" {
		t.Errorf("status = %q", msg)
	}
	if !d.RunButton().Disabled() {
		t.Error("Run is enabled while running")
	}
	test.Tap(d.cancelButton)
	select {
	case <-canceled:
	case <-time.After(time.Minute):
		t.Fatal("Cancel did not cancel the run's context")
	}
	if !d.Closed() {
		t.Error("the dialog is still open after Cancel")
	}
	h.q.Drain()
}

// tabStops are the dialog's widgets in the order Tab visits them, from the first.
func tabStops(c fyne.Canvas) []fyne.Focusable {
	c.Unfocus()
	var stops []fyne.Focusable
	for {
		c.FocusNext()
		f := c.Focused()
		if f == nil || len(stops) > 0 && f == stops[0] || len(stops) > 100 {
			return stops
		}
		stops = append(stops, f)
	}
}

func TestRunTabFollowsTheVisualOrder(t *testing.T) {
	h := newTestHost(t, &staticState{})
	fake := enginetest.New(nil, nil)
	d, _ := openForTest(t, h, fake, fake, "")
	row := d.PortRows()[0]
	want := []any{d.pasteEntry, d.pasteButton, d.imageEntry, d.nameEntry, row.fields[0], row.fields[1], row.fields[2], row.fields[3]}
	stops := tabStops(h.win.Canvas())
	if len(stops) < len(want) {
		t.Fatalf("%d tab stops", len(stops))
	}
	for i, w := range want {
		if stops[i] != w {
			t.Errorf("tab stop %d is %T, want %T", i, stops[i], w)
		}
	}
	// Text typed after one Tab from the image field lands in the name field.
	c := h.win.Canvas()
	c.Focus(d.imageEntry)
	c.FocusNext()
	test.Type(c.Focused(), "webserver")
	if d.nameEntry.Text != "webserver" {
		t.Errorf("name %q after Tab and typing (image %q)", d.nameEntry.Text, d.imageEntry.Text)
	}
	// The arrow still opens the list of local images on a click.
	d.imageEntry.SetOptions([]string{"nginx:latest"})
	test.Tap(d.imageEntry.ActionItem.(fyne.Tappable))
	if n := len(c.Overlays().List()); n != 2 {
		t.Errorf("%d overlays after a click on the arrow, want the dialog and its menu", n)
	}
}

func TestRunEscapeClosesWhereverTheFocusIs(t *testing.T) {
	h := newTestHost(t, &staticState{})
	fake := enginetest.New(nil, nil)
	probe, _ := openForTest(t, h, fake, fake, "nginx")
	test.Tap(probe.env.AddButton)
	test.Tap(probe.binds.AddButton)
	n := len(tabStops(h.win.Canvas()))
	probe.Close()
	if n < 20 {
		t.Fatalf("only %d tab stops", n)
	}
	for i := -1; i < n; i++ {
		d, _ := openForTest(t, h, fake, fake, "nginx")
		test.Tap(d.env.AddButton)
		test.Tap(d.binds.AddButton)
		c := h.win.Canvas()
		c.Unfocus()
		what := "nothing"
		for range i + 1 {
			c.FocusNext()
		}
		if f := c.Focused(); f != nil {
			what = fmt.Sprintf("%T", f)
		}
		kittest.PressKey(c, fyne.KeyEscape)
		if !d.Closed() || c.Overlays().Top() != nil {
			t.Errorf("Escape with the focus on stop %d (%s) left the dialog open", i, what)
			d.Close()
		}
	}
	if ran(fake) {
		t.Error("Escape ran a container")
	}
}

func TestRunImageChoicesOncePerTag(t *testing.T) {
	id := "sha256:42b4762643dc0000000000000000000000000000000000000000000000000000"
	tags := []string{"nginx:latest", "web:1"}
	st := &staticState{snap: engine.Snapshot{Images: []engine.Image{
		{ID: id, ShortID: "42b4762643dc", Repository: "nginx", Tag: "latest", RepoTags: tags},
		{ID: id, ShortID: "42b4762643dc", Repository: "web", Tag: "1", RepoTags: tags},
		{ID: "sha256:0d0e", ShortID: "0d0e", Repository: "<none>", Tag: "<none>", Dangling: true, RepoTags: []string{"<none>:<none>"}},
	}}}
	h := newTestHost(t, st)
	fake := enginetest.New(nil, nil)
	d, _ := openForTest(t, h, fake, fake, "")
	if fmt.Sprint(d.imageChoices) != fmt.Sprint(tags) {
		t.Errorf("image choices = %q, want %q", d.imageChoices, tags)
	}
}

func TestRunNameErrorSaysWhatIsWrong(t *testing.T) {
	const rule = "A container name uses letters, digits and _ . - (not first), at least two characters."
	tests := []struct{ name, want string }{
		{"web server", "A container name cannot contain spaces. " + rule},
		{"café", "A container name cannot contain 'é': only plain letters (a-z, A-Z). " + rule},
		{"w", "A container name needs at least two characters. " + rule},
		{".web", `A container name cannot start with ".". ` + rule},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestHost(t, &staticState{})
			fake := enginetest.New(nil, nil)
			d, _ := openForTest(t, h, fake, fake, "nginx")
			typeIn(d.nameEntry, tt.name)
			if got := msgText(d.nameMsg); got != tt.want {
				t.Errorf("typed: %q, want %q", got, tt.want)
			}
			// The engine's refusal (of a name the dialog let through) says
			// the same, next to the name.
			d2, _ := openForTest(t, h, fake, fake, "nginx")
			d2.runFinished("", &engine.Error{Kind: engine.ErrInvalidName, Ref: tt.name, Err: errors.New("Invalid container name (" + tt.name + ")")})
			if got := msgText(d2.nameMsg); got != tt.want {
				t.Errorf("from the engine: %q, want %q", got, tt.want)
			}
		})
	}
}

// failRun opens a dialog whose run fails with err, and runs it.
func failRun(t *testing.T, st engine.State, err error) (*testHost, *Dialog, *events) {
	t.Helper()
	eng := enginetest.New(nil, nil)
	eng.ContainerRunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
		return "", err
	}
	h := newTestHost(t, st)
	d, ev := openForTest(t, h, eng, eng, "nginx")
	typeIn(d.nameEntry, "webserver")
	typeIn(d.cmdEntry, "nginxx")
	test.Tap(d.RunButton())
	h.q.Until(t, "the run to fail", func() bool { return ev.seen["run"] > 0 })
	return h, d, ev
}

func TestRunErrorsGoWhenTheFieldChanges(t *testing.T) {
	raw := `failed to create task for container: OCI runtime create failed: runc create failed: unable to start container process: exec: "nginxx": executable file not found in $PATH: unknown`
	notFound := &engine.Error{Kind: engine.ErrCommandNotFound, Ref: "nginxx", Err: errors.New(raw)}
	tests := []struct {
		name  string
		err   error
		label func(d *Dialog) *widget.Label
		edit  func(d *Dialog)
		other func(d *Dialog) // an edit elsewhere, which leaves a field's error
	}{
		{"command not found, next to Command", notFound,
			func(d *Dialog) *widget.Label { return d.cmdMsg },
			func(d *Dialog) { test.Type(d.cmdEntry, " -v") },
			func(d *Dialog) { test.Type(d.nameEntry, "2") }},
		{"no command, next to Command", &engine.Error{Kind: engine.ErrNoCommand, Ref: "nginx", Err: errors.New("No command specified")},
			func(d *Dialog) *widget.Label { return d.cmdMsg },
			func(d *Dialog) { typeIn(d.cmdEntry, "") },
			func(d *Dialog) { test.Tap(d.env.AddButton) }},
		{"name in use", &engine.Error{Kind: engine.ErrNameInUse, Ref: "webserver"},
			func(d *Dialog) *widget.Label { return d.nameMsg },
			func(d *Dialog) { test.Type(d.nameEntry, "2") },
			func(d *Dialog) { test.Type(d.cmdEntry, " -v") }},
		{"about no field", &engine.Error{Kind: engine.ErrOther, Err: errors.New("OCI runtime create failed: something else")},
			func(d *Dialog) *widget.Label { return d.errorLabel },
			func(d *Dialog) { test.Tap(d.env.AddButton) },
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d, _ := failRun(t, &staticState{}, tt.err)
			want := present.Explain(tt.err)
			if got := msgText(tt.label(d)); got != want {
				t.Fatalf("message = %q, want %q", got, want)
			}
			if raw := kit.EngineWords(tt.err); raw != "" {
				test.Tap(d.details.Button)
				if d.details.Text() != raw {
					t.Errorf("the engine's message = %q, want %q", d.details.Text(), raw)
				}
			}
			if tt.other != nil {
				tt.other(d)
				if got := msgText(tt.label(d)); got != want {
					t.Errorf("an edit elsewhere took the message: %q", got)
				}
			}
			tt.edit(d)
			if got := msgText(tt.label(d)); got != "" {
				t.Errorf("after the edit: %q", got)
			}
			if d.details.Content().Visible() {
				t.Error("the engine's message stayed")
			}
		})
	}
}

func TestRunErrorsGoWhenTheEngineIsBack(t *testing.T) {
	st := &staticState{}
	h, d, ev := failRun(t, st, &engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///var/run/docker.sock"})
	if got := msgText(d.errorLabel); !strings.Contains(got, "does not answer") {
		t.Fatalf("error = %q", got)
	}
	// Going away again says nothing new; coming back takes the error away.
	ev.seen["images"] = 0
	st.send(engine.Snapshot{Err: errors.New("gone"), Seq: 1}, engine.Change{Reachability: true})
	h.q.Drain()
	if got := msgText(d.errorLabel); got == "" {
		t.Fatal("the error went while the engine is still away")
	}
	st.send(engine.Snapshot{Reachable: true, Seq: 2}, engine.Change{Reachability: true})
	h.q.Until(t, "the engine's return", func() bool { return ev.seen["images"] > 0 })
	if got := msgText(d.errorLabel); got != "" {
		t.Errorf("error after the engine came back = %q", got)
	}

	// The same for an error next to a field.
	st2 := &staticState{}
	h2, d2, ev2 := failRun(t, st2, &engine.Error{Kind: engine.ErrNameInUse, Ref: "webserver"})
	st2.send(engine.Snapshot{Reachable: true, Seq: 2}, engine.Change{Reachability: true})
	h2.q.Until(t, "the engine's return", func() bool { return ev2.seen["images"] > 0 })
	if got := msgText(d2.nameMsg); got != "" {
		t.Errorf("name error after the engine came back = %q", got)
	}
}

func TestRunFailedPullSaysSoInItsHeading(t *testing.T) {
	eng := enginetest.New(nil, nil)
	eng.ContainerRunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
		progress(engine.PullProgress{Ref: spec.Image})
		return "", &engine.Error{Kind: engine.ErrRegistryUnreachable, Ref: spec.Image,
			Err: errors.New(`Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host`)}
	}
	h := newTestHost(t, &staticState{})
	d, ev := openForTest(t, h, eng, eng, "nginx")
	test.Tap(d.RunButton())
	h.q.Until(t, "the run to fail", func() bool { return ev.seen["run"] > 0 })
	if got := d.Progress().Title(); got != "Could not pull nginx" {
		t.Errorf("heading = %q", got)
	}
	labels, _ := shown(d.Progress().Content())
	if slices.Contains(labels, "Pulling nginx") {
		t.Errorf("still says Pulling: %q", labels)
	}
	for _, o := range test.LaidOutObjects(d.Progress().Content()) {
		if b, ok := o.(*widget.ProgressBar); ok && b.TextFormatter == nil && b.Visible() {
			t.Error("the overall bar still shows")
		}
	}
	if got := msgText(d.imageMsg); !strings.Contains(got, "no network, or the registry is unreachable") {
		t.Errorf("error = %q", got)
	}
}
