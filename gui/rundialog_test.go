package gui

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/internal/fakeengine"
)

// runLoop is a test's own UI goroutine: the UI's do queues work, and the test
// runs the queue while it waits, so every widget change happens on the test
// goroutine (go test -race stays quiet without locks in the views).
type runLoop struct {
	mu   sync.Mutex
	q    []func()
	wake chan struct{}
}

func newRunLoop() *runLoop { return &runLoop{wake: make(chan struct{}, 1)} }

func (l *runLoop) do(f func()) {
	l.mu.Lock()
	l.q = append(l.q, f)
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// drain runs what is queued, and what that queues, until the queue is empty.
func (l *runLoop) drain() {
	for {
		l.mu.Lock()
		if len(l.q) == 0 {
			l.mu.Unlock()
			return
		}
		f := l.q[0]
		l.q = l.q[1:]
		l.mu.Unlock()
		f()
	}
}

// until runs the queue until cond holds (checked on the test goroutine). The
// deadline only keeps a broken test from hanging; it measures nothing.
func (l *runLoop) until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(3 * time.Minute)
	defer deadline.Stop()
	for {
		l.drain()
		if cond() {
			return
		}
		select {
		case <-l.wake:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// runEvents records a dialog's onAsync events (on the test goroutine).
type runEvents struct{ seen map[string]int }

func (e *runEvents) record(what string) { e.seen[what]++ }

// runStaticStore is a Store whose snapshot only the test changes.
type runStaticStore struct {
	mu   sync.Mutex
	snap engine.Snapshot
}

func (s *runStaticStore) Snapshot() engine.Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snap
}

func (s *runStaticStore) Subscribe(func(engine.Snapshot, engine.Change)) func() { return func() {} }
func (s *runStaticStore) Reconnect()                                            {}

// runTestUI builds a UI over eng and st whose UI work runs on the test's loop.
func runTestUI(t *testing.T, eng engine.Engine, st Store) (*UI, *runLoop) {
	t.Helper()
	a := test.NewTempApp(t)
	loop := newRunLoop()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	u := &UI{app: a, eng: eng, store: st, ctx: ctx, cancel: cancel, do: loop.do}
	u.win = a.NewWindow("Berth")
	return u, loop
}

// openRunForTest builds a run dialog in a test window and records its events.
func openRunForTest(t *testing.T, u *UI, image string) (*runDialog, *runEvents) {
	t.Helper()
	ev := &runEvents{seen: map[string]int{}}
	d := u.newRunDialog(image)
	d.onAsync = ev.record
	w := test.NewWindow(d.content)
	w.Resize(fyne.NewSize(860, 680))
	t.Cleanup(func() {
		d.close()
		w.Close()
	})
	return d, ev
}

func runType(e fyne.Focusable, text string) {
	if en, ok := e.(interface{ SetText(string) }); ok {
		en.SetText("")
	}
	test.Type(e, text)
}

// runMsgText is what a message label shows ("" when hidden).
func runMsgText(l *widget.Label) string {
	if !l.Visible() {
		return ""
	}
	return l.Text
}

func TestRunValidationMessages(t *testing.T) {
	tests := []struct {
		name  string
		setup func(d *runDialog)
		label func(d *runDialog) *widget.Label
		want  string
	}{
		{"uppercase image", func(d *runDialog) { runType(d.imageEntry, "Nginx") },
			func(d *runDialog) *widget.Label { return d.imageMsg }, "Image names must be lowercase"},
		{"bad image reference", func(d *runDialog) { runType(d.imageEntry, "nginx::latest") },
			func(d *runDialog) *widget.Label { return d.imageMsg }, "This is not a valid image name"},
		{"empty image", func(d *runDialog) { runType(d.imageEntry, "") },
			func(d *runDialog) *widget.Label { return d.imageMsg }, "Type the name of an image, for example nginx or nginx:latest"},
		{"bad name", func(d *runDialog) { runType(d.nameEntry, "-web") },
			func(d *runDialog) *widget.Label { return d.nameMsg }, "A container name must be at least two characters: letters, digits, and _ . - (not first)"},
		{"one-letter name", func(d *runDialog) { runType(d.nameEntry, "w") },
			func(d *runDialog) *widget.Label { return d.nameMsg }, "A container name must be at least two characters: letters, digits, and _ . - (not first)"},
		{"host port not a number", func(d *runDialog) {
			runType(d.portRows[0].hostPort, "http")
			runType(d.portRows[0].containerPort, "80")
		}, func(d *runDialog) *widget.Label { return d.portRows[0].msg }, `Host port "http" is not a number.`},
		{"host port out of range", func(d *runDialog) {
			runType(d.portRows[0].hostPort, "70000")
			runType(d.portRows[0].containerPort, "80")
		}, func(d *runDialog) *widget.Label { return d.portRows[0].msg }, "Host port 70000 is out of range: use 1 to 65535."},
		{"container port zero", func(d *runDialog) {
			runType(d.portRows[0].hostPort, "8080")
			runType(d.portRows[0].containerPort, "0")
		}, func(d *runDialog) *widget.Label { return d.portRows[0].msg }, "Container port 0 is out of range: use 1 to 65535."},
		{"container port missing", func(d *runDialog) { runType(d.portRows[0].hostPort, "8080") },
			func(d *runDialog) *widget.Label { return d.portRows[0].msg }, "Type the container port, for example 80."},
		{"backwards range", func(d *runDialog) {
			runType(d.portRows[0].containerPort, "90-80")
		}, func(d *runDialog) *widget.Label { return d.portRows[0].msg }, "Container port range 90-80 goes backwards."},
		{"host IP not an IP", func(d *runDialog) {
			runType(d.portRows[0].hostIP, "localhost")
			runType(d.portRows[0].containerPort, "80")
		}, func(d *runDialog) *widget.Label { return d.portRows[0].msg }, `Host IP "localhost" is not an IP address; leave it empty for all addresses.`},
		{"same host port twice", func(d *runDialog) {
			runType(d.portRows[0].hostPort, "8080")
			runType(d.portRows[0].containerPort, "80")
			test.Tap(d.addPortButton)
			runType(d.portRows[1].hostPort, "8080")
			runType(d.portRows[1].containerPort, "81")
		}, func(d *runDialog) *widget.Label { return d.portRows[1].msg }, "Host port 8080 is already mapped in another row."},
		{"env without key", func(d *runDialog) {
			test.Tap(d.addEnvButton)
			runType(d.envRows[0].value, "1")
		}, func(d *runDialog) *widget.Label { return d.envRows[0].msg }, "The variable needs a name: KEY=value."},
		{"env key with =", func(d *runDialog) {
			test.Tap(d.addEnvButton)
			runType(d.envRows[0].key, "A=B")
		}, func(d *runDialog) *widget.Label { return d.envRows[0].msg }, `A variable name cannot contain "=".`},
		{"relative container path", func(d *runDialog) {
			test.Tap(d.addBindButton)
			runType(d.bindRows[0].host, "/srv")
			runType(d.bindRows[0].ctr, "data")
		}, func(d *runDialog) *widget.Label { return d.bindRows[0].msg }, "The container path must be absolute: start it with /."},
		{"missing host path", func(d *runDialog) {
			test.Tap(d.addBindButton)
			runType(d.bindRows[0].ctr, "/data")
		}, func(d *runDialog) *widget.Label { return d.bindRows[0].msg }, "Type the host path, for example /srv/www."},
		{"unclosed quote in command", func(d *runDialog) { runType(d.cmdEntry, "sh -c 'echo") },
			func(d *runDialog) *widget.Label { return d.cmdMsg }, "The command cannot be read: a ' quote is not closed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := fakeengine.New(nil, nil)
			u, loop := runTestUI(t, fake, &runStaticStore{})
			d, _ := openRunForTest(t, u, "")
			runType(d.imageEntry, "nginx")
			loop.drain()
			if d.runButton.Disabled() {
				t.Fatalf("Run is disabled for a valid form: image message %q", runMsgText(d.imageMsg))
			}
			tt.setup(d)
			loop.drain()
			if got := runMsgText(tt.label(d)); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
			if !d.runButton.Disabled() {
				t.Errorf("Run is enabled with invalid input")
			}
			test.Tap(d.runButton)
			loop.drain()
			if calls := fake.Calls(); len(calls) != 0 && strings.HasPrefix(calls[len(calls)-1], "Run") {
				t.Errorf("the engine was asked to run an invalid form: %v", calls)
			}
		})
	}
}

func TestRunTutorialCommandAndRun(t *testing.T) {
	fake := fakeengine.New(nil, nil)
	var got engine.RunSpec
	fake.RunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
		got = spec
		return "5c17b6cbcddd0123456789abcdef0123456789abcdef0123456789abcdef0123", nil
	}
	u, loop := runTestUI(t, fake, &runStaticStore{})
	d, ev := openRunForTest(t, u, "")
	runType(d.imageEntry, "nginx")
	runType(d.nameEntry, "webserver")
	runType(d.portRows[0].hostPort, "80")
	runType(d.portRows[0].containerPort, "80")
	const want = "docker run --detach --publish=80:80 --name=webserver nginx"
	if d.commandLabel.Text != want {
		t.Fatalf("command line = %q, want %q", d.commandLabel.Text, want)
	}
	if msg := runMsgText(d.imageMsg); msg != "Not on this engine yet: Run pulls it from the registry first." {
		t.Errorf("image message = %q", msg)
	}
	test.Tap(d.copyButton)
	if clip := u.app.Clipboard().Content(); clip != want {
		t.Errorf("clipboard = %q, want %q", clip, want)
	}
	if d.runButton.Disabled() {
		t.Fatal("Run is disabled for the tutorial's form")
	}
	test.Tap(d.runButton)
	loop.until(t, "the run to finish", func() bool { return ev.seen["run"] > 0 })
	wantSpec := engine.RunSpec{Image: "nginx", Name: "webserver", Ports: []string{"80:80"}}
	if fmt.Sprint(got) != fmt.Sprint(wantSpec) {
		t.Errorf("spec = %+v, want %+v", got, wantSpec)
	}
	if !d.closed {
		t.Error("the dialog stayed open after a successful run")
	}
}

func TestRunPasteCommandFillsForm(t *testing.T) {
	fake := fakeengine.New(nil, nil)
	u, loop := runTestUI(t, fake, &runStaticStore{})
	d, _ := openRunForTest(t, u, "")
	line := `docker run --detach --publish=80:80 -p 127.0.0.1:5353:53/udp --name=webserver -e 'GREETING=hello world' -v /srv/www:/usr/share/nginx/html:ro --restart=unless-stopped --rm nginx nginx -g 'daemon off;'`
	runType(d.pasteEntry, line)
	test.Tap(d.pasteButton)
	loop.drain()
	if d.imageEntry.Text != "nginx" || d.nameEntry.Text != "webserver" {
		t.Errorf("image, name = %q, %q", d.imageEntry.Text, d.nameEntry.Text)
	}
	if len(d.portRows) != 2 {
		t.Fatalf("%d port rows, want 2", len(d.portRows))
	}
	if p := d.portRows[1].value(); p != (runPort{HostIP: "127.0.0.1", HostPort: "5353", ContainerPort: "53", Proto: "udp"}) {
		t.Errorf("second port row = %+v", p)
	}
	if len(d.envRows) != 1 || d.envRows[0].key.Text != "GREETING" || d.envRows[0].value.Text != "hello world" {
		t.Errorf("env rows wrong")
	}
	if len(d.bindRows) != 1 || !d.bindRows[0].readOnly.Checked || d.bindRows[0].ctr.Text != "/usr/share/nginx/html" {
		t.Errorf("bind rows wrong")
	}
	if d.restartSelect.Selected != "unless-stopped" {
		t.Errorf("restart = %q", d.restartSelect.Selected)
	}
	if d.cmdEntry.Text != "nginx -g 'daemon off;'" {
		t.Errorf("command = %q", d.cmdEntry.Text)
	}
	wantCmd := `docker run --detach --publish=80:80 --publish=127.0.0.1:5353:53/udp --name=webserver --env='GREETING=hello world' --volume=/srv/www:/usr/share/nginx/html:ro --restart=unless-stopped nginx nginx -g 'daemon off;'`
	if d.commandLabel.Text != wantCmd {
		t.Errorf("command line\n got %s\nwant %s", d.commandLabel.Text, wantCmd)
	}
	if msg := runMsgText(d.pasteMsg); !strings.Contains(msg, "--rm is not supported") {
		t.Errorf("paste message = %q, want a note about --rm", msg)
	}
	if d.runButton.Disabled() {
		t.Error("Run is disabled after pasting a valid command")
	}

	// An unknown option: a clear message naming it, the form left as it was.
	runType(d.pasteEntry, "docker run --network=host busybox")
	test.Tap(d.pasteButton)
	if msg := runMsgText(d.pasteMsg); msg != "This command cannot fill the form: the option --network is not supported by Berth's run dialog." {
		t.Errorf("paste message = %q", msg)
	}
	if d.imageEntry.Text != "nginx" {
		t.Errorf("a failed paste changed the image to %q", d.imageEntry.Text)
	}
}

func TestRunPasteIntoImageField(t *testing.T) {
	fake := fakeengine.New(nil, nil)
	u, loop := runTestUI(t, fake, &runStaticStore{})
	d, _ := openRunForTest(t, u, "")
	const line = "docker run --detach --publish=80:80 --name=webserver nginx"
	u.app.Clipboard().SetContent(line)
	d.imageEntry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.app.Clipboard()})
	loop.drain()
	if d.imageEntry.Text != "nginx" || d.nameEntry.Text != "webserver" || d.commandLabel.Text != line {
		t.Errorf("after pasting into the image field: image %q, name %q, command %q", d.imageEntry.Text, d.nameEntry.Text, d.commandLabel.Text)
	}
	if d.runButton.Disabled() {
		t.Error("Run is disabled")
	}
	// Typing "docker run …" by hand is not a paste: nothing is taken apart on the way.
	runType(d.imageEntry, "docker run n")
	loop.drain()
	if d.imageEntry.Text != "docker run n" {
		t.Errorf("typing was interpreted: image %q", d.imageEntry.Text)
	}
}

func TestRunPortInUseOffersNextFree(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	held := l.Addr().(*net.TCPAddr).Port

	fake := fakeengine.New(nil, nil)
	u, loop := runTestUI(t, fake, &runStaticStore{})
	d, ev := openRunForTest(t, u, "")
	runType(d.imageEntry, "nginx")
	row := d.portRows[0]
	runType(row.hostIP, "127.0.0.1")
	runType(row.containerPort, "80")
	ev.seen["port"] = 0
	runType(row.hostPort, strconv.Itoa(held))
	loop.until(t, "the port check", func() bool { return ev.seen["port"] > 0 })
	if got, want := runMsgText(row.msg), fmt.Sprintf("Port %d is in use.", held); got != want {
		t.Fatalf("row message = %q, want %q", got, want)
	}
	if !row.fixButton.Visible() || !strings.HasPrefix(row.fixButton.Text, "Use ") {
		t.Fatalf("no one-click fix offered (button %q, visible %v)", row.fixButton.Text, row.fixButton.Visible())
	}
	next, _ := strconv.Atoi(strings.TrimPrefix(row.fixButton.Text, "Use "))
	if next <= held {
		t.Errorf("offered port %d, want one after %d", next, held)
	}
	if d.runButton.Disabled() {
		t.Error("a port in use is a warning; Run should stay enabled (the engine has the last word)")
	}
	ev.seen["port"] = 0
	test.Tap(row.fixButton)
	if row.hostPort.Text != strconv.Itoa(next) {
		t.Errorf("host port = %q after the fix, want %d", row.hostPort.Text, next)
	}
	loop.until(t, "the second port check", func() bool { return ev.seen["port"] > 0 })
	if msg := runMsgText(row.msg); msg != "" {
		t.Errorf("row message after the fix = %q, want none", msg)
	}
	if strings.Contains(d.commandLabel.Text, strconv.Itoa(held)) || !strings.Contains(d.commandLabel.Text, fmt.Sprintf("--publish=127.0.0.1:%d:80", next)) {
		t.Errorf("command line = %q", d.commandLabel.Text)
	}
}

func TestRunPortPublishedByContainer(t *testing.T) {
	// A port a container publishes, on an address this machine cannot bind
	// (so only the store can tell): 203.0.113.7 is a documentation address.
	st := &runStaticStore{snap: engine.Snapshot{Containers: []engine.Container{{
		ID: "c1", Name: "webserver", State: engine.StateRunning,
		Ports: []engine.PortBinding{{HostIP: "0.0.0.0", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}},
	}}}}
	fake := fakeengine.New(nil, nil)
	u, loop := runTestUI(t, fake, st)
	d, ev := openRunForTest(t, u, "nginx")
	row := d.portRows[0]
	runType(row.hostIP, "203.0.113.7")
	runType(row.containerPort, "80")
	ev.seen["port"] = 0
	runType(row.hostPort, "8080")
	loop.until(t, "the port check", func() bool { return ev.seen["port"] > 0 })
	if got := runMsgText(row.msg); got != "Port 8080 is in use by container webserver." {
		t.Errorf("row message = %q", got)
	}
	if row.fixButton.Text != "Use 8081" || !row.fixButton.Visible() {
		t.Errorf("fix button = %q (visible %v), want Use 8081", row.fixButton.Text, row.fixButton.Visible())
	}
}

func TestRunPrefillsExposedPorts(t *testing.T) {
	l, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	held := l.Addr().(*net.TCPAddr).Port
	const ref = "localhost:5000/berthtest/web:1"
	st := &runStaticStore{snap: engine.Snapshot{Images: []engine.Image{{
		ID: "sha256:42b4762643dc0000000000000000000000000000000000000000000000000000", ShortID: "42b4762643dc",
		Repository: "localhost:5000/berthtest/web", Tag: "1", RepoTags: []string{ref},
	}}}}
	fake := fakeengine.New(nil, nil)
	fake.ImageExposedPortsFunc = func(ctx context.Context, r string) ([]string, error) {
		return []string{strconv.Itoa(held) + "/tcp", "53/udp"}, nil
	}
	u, loop := runTestUI(t, fake, st)
	d, ev := openRunForTest(t, u, ref)
	loop.until(t, "the exposed ports", func() bool { return ev.seen["image"] > 0 })
	if len(d.portRows) != 2 {
		t.Fatalf("%d port rows, want 2 (one per exposed port)", len(d.portRows))
	}
	first, second := d.portRows[0].value(), d.portRows[1].value()
	if first.ContainerPort != strconv.Itoa(held) || first.HostPort == "" || first.HostPort == strconv.Itoa(held) {
		t.Errorf("first row = %+v: want container port %d on another, free host port", first, held)
	}
	if second.ContainerPort != "53" || second.Proto != "udp" || second.HostPort == "" {
		t.Errorf("second row = %+v", second)
	}
	if got := runMsgText(d.imageMsg); got != fmt.Sprintf("On this engine; it exposes %d/tcp, 53/udp.", held) {
		t.Errorf("image message = %q", got)
	}
	if opts := d.imageChoices; len(opts) != 1 || opts[0] != ref {
		t.Errorf("image choices = %q", opts)
	}
	// Rows the user edited are not replaced when the image changes.
	runType(d.portRows[0].hostPort, "9999")
	ev.seen["image"] = 0
	runType(d.imageEntry, "42b4762643dc")
	loop.until(t, "the second image check", func() bool { return ev.seen["image"] > 0 })
	if d.portRows[0].hostPort.Text != "9999" {
		t.Errorf("an edited row was replaced: host port %q", d.portRows[0].hostPort.Text)
	}
}

func TestRunEngineErrorsNextToFields(t *testing.T) {
	nameMsg := `The name "webserver" is already used by another container. Choose another name, or remove that container.`
	portMsg := "A host port you asked for is already in use by another container or program. Choose another host port."
	tests := []struct {
		name  string
		err   error
		label func(d *runDialog) *widget.Label
		want  string
		clean func(d *runDialog) *widget.Label // a label that must stay empty
	}{
		{"name in use", &engine.Error{Kind: engine.ErrNameInUse, Object: "webserver", Msg: nameMsg},
			func(d *runDialog) *widget.Label { return d.nameMsg }, nameMsg, func(d *runDialog) *widget.Label { return d.errorLabel }},
		{"port allocated", &engine.Error{Kind: engine.ErrPortAllocated, Msg: portMsg,
			Err: errors.New("driver failed programming external connectivity on endpoint webserver (abc): Bind for 0.0.0.0:9090 failed: port is already allocated")},
			func(d *runDialog) *widget.Label { return d.portRows[1].msg }, portMsg, func(d *runDialog) *widget.Label { return d.portRows[0].msg }},
		{"not in registry", &engine.Error{Kind: engine.ErrImageNotInRegistry, Msg: "The registry has no image nginx. Check the name and the tag."},
			func(d *runDialog) *widget.Label { return d.imageMsg }, "The registry has no image nginx. Check the name and the tag.", func(d *runDialog) *widget.Label { return d.nameMsg }},
		{"anything else", &engine.Error{Kind: engine.ErrOther, Msg: "OCI runtime create failed"},
			func(d *runDialog) *widget.Label { return d.errorLabel }, "OCI runtime create failed", func(d *runDialog) *widget.Label { return d.nameMsg }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := fakeengine.New(nil, nil)
			runs := 0
			fake.RunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
				runs++
				return "", tt.err
			}
			u, loop := runTestUI(t, fake, &runStaticStore{})
			d, ev := openRunForTest(t, u, "")
			runType(d.imageEntry, "nginx")
			runType(d.nameEntry, "webserver")
			// 203.0.113.7 cannot be bound here: no local port check interferes.
			runType(d.portRows[0].hostIP, "203.0.113.7")
			runType(d.portRows[0].hostPort, "8080")
			runType(d.portRows[0].containerPort, "80")
			test.Tap(d.addPortButton)
			runType(d.portRows[1].hostIP, "203.0.113.7")
			runType(d.portRows[1].hostPort, "9090")
			runType(d.portRows[1].containerPort, "90")
			before := d.commandLabel.Text
			test.Tap(d.runButton)
			loop.until(t, "the run to fail", func() bool { return ev.seen["run"] > 0 })
			if got := runMsgText(tt.label(d)); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
			if got := runMsgText(tt.clean(d)); got != "" {
				t.Errorf("unexpected message elsewhere: %q", got)
			}
			if d.closed {
				t.Fatal("the dialog closed on an error")
			}
			if d.commandLabel.Text != before || d.nameEntry.Text != "webserver" {
				t.Errorf("the form changed: %q", d.commandLabel.Text)
			}
			if d.runButton.Disabled() {
				t.Error("Run is disabled: the user cannot retry")
			}
			// Retrying asks the engine again.
			ev.seen["run"] = 0
			test.Tap(d.runButton)
			loop.until(t, "the retry", func() bool { return ev.seen["run"] > 0 })
			if runs != 2 {
				t.Errorf("engine asked %d times, want 2", runs)
			}
		})
	}

	t.Run("editing the name clears the engine's message", func(t *testing.T) {
		fake := fakeengine.New(nil, nil)
		fake.RunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
			return "", &engine.Error{Kind: engine.ErrNameInUse, Msg: nameMsg}
		}
		u, loop := runTestUI(t, fake, &runStaticStore{})
		d, ev := openRunForTest(t, u, "nginx")
		runType(d.nameEntry, "webserver")
		test.Tap(d.runButton)
		loop.until(t, "the run to fail", func() bool { return ev.seen["run"] > 0 })
		test.Type(d.nameEntry, "2")
		if msg := runMsgText(d.nameMsg); msg != "" {
			t.Errorf("name message after editing = %q", msg)
		}
	})
}

func TestRunShowsPullProgressAndCancel(t *testing.T) {
	fake := fakeengine.New(nil, nil)
	canceled := make(chan struct{})
	fake.RunFunc = func(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
		for i := 0; i <= 10; i++ {
			progress(engine.PullProgress{Ref: spec.Image, Fraction: float64(i) / 20, Layers: []engine.Layer{
				{ID: "5e6ec7f28fb7", Status: engine.LayerDownloading, Current: int64(i) << 20, Total: 20 << 20},
				{ID: "8b2e0a3f7c11", Status: engine.LayerExists},
			}})
		}
		<-ctx.Done()
		close(canceled)
		return "", &engine.Error{Kind: engine.ErrCanceled, Msg: "Canceled", Err: ctx.Err()}
	}
	u, loop := runTestUI(t, fake, &runStaticStore{})
	d, _ := openRunForTest(t, u, "nginx")
	test.Tap(d.runButton)
	loop.until(t, "the pull progress", func() bool { return len(d.progress.layers) == 2 && d.progress.overall.Value == 0.5 })
	if !d.progress.obj.Visible() {
		t.Error("the progress is hidden")
	}
	if got := layerLine(d.progress.layers[0]); got != "5e6ec7f28fb7: Downloading 10.5MB/21MB" {
		t.Errorf("layer line = %q", got)
	}
	if msg := runMsgText(d.statusLabel); msg != "Unable to find image nginx locally: pulling it…" {
		t.Errorf("status = %q", msg)
	}
	if !d.runButton.Disabled() {
		t.Error("Run is enabled while running")
	}
	test.Tap(d.cancelButton)
	select {
	case <-canceled:
	case <-time.After(time.Minute):
		t.Fatal("Cancel did not cancel the run's context")
	}
	if !d.closed {
		t.Error("the dialog is still open after Cancel")
	}
	loop.drain()
}
