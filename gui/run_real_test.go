package gui

// The run and pull dialogs against the REAL engine and the test registry
// (internal/testbed; scripts/testenv.sh starts them). Nothing here skips.

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"

	"berth/engine"
	"berth/internal/testbed"
)

// runRecorder is the real engine, with the progress of every Run recorded.
type runRecorder struct {
	engine.Engine
	mu      sync.Mutex
	updates []engine.PullProgress
}

func (r *runRecorder) Run(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
	return r.Engine.Run(ctx, spec, func(p engine.PullProgress) {
		r.mu.Lock()
		r.updates = append(r.updates, p)
		r.mu.Unlock()
		progress(p)
	})
}

func (r *runRecorder) recorded() []engine.PullProgress {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]engine.PullProgress(nil), r.updates...)
}

// realRunUI is a UI over the real engine and a live store, its UI work on the test's loop.
func realRunUI(t *testing.T) (*UI, *runLoop, *runRecorder) {
	t.Helper()
	testbed.Client(t) // fails (never skips) with "run scripts/testenv.sh" if the test bed is down
	eng, err := engine.New()
	if err != nil {
		t.Fatalf("engine: %v", err)
	}
	t.Cleanup(func() { _ = eng.Close() })
	rec := &runRecorder{Engine: eng}
	store := engine.NewStore(eng, engine.StoreOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go store.Run(ctx)
	if err := store.Refresh(ctx); err != nil {
		t.Fatalf("store: %v", err)
	}
	u, loop := runTestUI(t, rec, store)
	return u, loop, rec
}

// runFill types the tutorial's fields into a run dialog: image, name, 127.0.0.1:port -> 80.
func runFill(d *runDialog, image, name string, port int) {
	runType(d.imageEntry, image)
	runType(d.nameEntry, name)
	row := d.portRows[0]
	runType(row.hostIP, "127.0.0.1")
	runType(row.hostPort, strconv.Itoa(port))
	runType(row.containerPort, "80")
}

func TestRunRealEngine(t *testing.T) {
	cli := testbed.Client(t)
	ref := testbed.PushCopy(t, testbed.WebImage(t), "run")
	name := testbed.Name(t, "webserver")
	port := testbed.FreePort(t)
	u, loop, rec := realRunUI(t)

	// 1. docker run --detach --publish=127.0.0.1:PORT:80 --name=NAME IMAGE, with a pull first.
	d, ev := openRunForTest(t, u, "")
	runFill(d, ref, name, port)
	wantCmd := fmt.Sprintf("docker run --detach --publish=127.0.0.1:%d:80 --name=%s %s", port, name, ref)
	if d.commandLabel.Text != wantCmd {
		t.Errorf("command line = %q, want %q", d.commandLabel.Text, wantCmd)
	}
	if msg := runMsgText(d.imageMsg); !strings.HasPrefix(msg, "Not on this engine yet") {
		t.Errorf("image message = %q", msg)
	}
	runTap(t, d)
	loop.until(t, "the run to finish", func() bool { return ev.seen["run"] > 0 })
	if !d.closed {
		t.Fatalf("the dialog stayed open: error %q, name %q, image %q", runMsgText(d.errorLabel), runMsgText(d.nameMsg), runMsgText(d.imageMsg))
	}
	updates := rec.recorded()
	if len(updates) < 2 {
		t.Fatalf("%d pull progress updates, want several", len(updates))
	}
	last := updates[len(updates)-1]
	if !last.Done || len(last.Layers) == 0 || !strings.HasPrefix(last.Status, "Status: Downloaded newer image for") {
		t.Errorf("last progress = %+v", last)
	}
	if d.progress.applied == 0 {
		t.Error("the dialog never showed the pull's progress")
	}
	t.Logf("%d progress callbacks, %d UI updates", len(updates), d.progress.applied)
	ins, err := cli.ContainerInspect(context.Background(), name)
	if err != nil {
		t.Fatalf("inspect %s: %v", name, err)
	}
	if !ins.State.Running {
		t.Fatalf("%s is %s, want running", name, ins.State.Status)
	}
	if body := testbed.Get(t, fmt.Sprintf("http://127.0.0.1:%d/", port)); !strings.Contains(body, "Welcome to Berth") {
		t.Errorf("GET / = %q, want Welcome to Berth", body)
	}

	// 2. The same name again: the engine's word next to the name field, the form kept.
	d2, ev2 := openRunForTest(t, u, "")
	port2 := testbed.FreePort(t)
	runFill(d2, ref, name, port2)
	before := d2.commandLabel.Text
	runTap(t, d2)
	loop.until(t, "the second run to fail", func() bool { return ev2.seen["run"] > 0 })
	if d2.closed {
		t.Fatal("the dialog closed on a name conflict")
	}
	if msg := runMsgText(d2.nameMsg); !strings.Contains(msg, `"`+name+`" is already used by another container`) {
		t.Errorf("name message = %q", msg)
	}
	if d2.commandLabel.Text != before || d2.nameEntry.Text != name {
		t.Errorf("the form changed: %q", d2.commandLabel.Text)
	}

	// 3. A host port the first container holds: the check warns before, the
	// engine refuses, the message sits on the port row, nothing is left behind.
	name3 := testbed.Name(t, "portclash")
	d3, ev3 := openRunForTest(t, u, "")
	runFill(d3, ref, name3, port)
	loop.until(t, "the port check", func() bool { return ev3.seen["port"] > 0 })
	if msg := runMsgText(d3.portRows[0].msg); !strings.HasPrefix(msg, fmt.Sprintf("Port %d is in use", port)) {
		t.Errorf("port warning before running = %q", msg)
	}
	runTap(t, d3)
	loop.until(t, "the third run to fail", func() bool { return ev3.seen["run"] > 0 })
	if d3.closed {
		t.Fatal("the dialog closed on a port conflict")
	}
	if msg := runMsgText(d3.portRows[0].msg); msg != "A host port you asked for is already in use by another container or program. Choose another host port." {
		t.Errorf("port row message = %q (error label %q)", msg, runMsgText(d3.errorLabel))
	}
	if d3.nameEntry.Text != name3 || d3.portRows[0].hostPort.Text != strconv.Itoa(port) {
		t.Error("the form changed")
	}
	if _, err := cli.ContainerInspect(context.Background(), name3); !cerrdefs.IsNotFound(err) {
		t.Errorf("container %s was left behind (inspect: %v)", name3, err)
		_ = cli.ContainerRemove(context.Background(), name3, container.RemoveOptions{Force: true})
	}
}

// runTap taps Run, failing the test if the form does not allow it.
func runTap(t *testing.T, d *runDialog) {
	t.Helper()
	if d.runButton.Disabled() {
		t.Fatalf("Run is disabled: image %q, name %q, port %q", runMsgText(d.imageMsg), runMsgText(d.nameMsg), runMsgText(d.portRows[0].msg))
	}
	test.Tap(d.runButton)
}

func TestPullRealEngine(t *testing.T) {
	ref := testbed.PushCopy(t, testbed.BigImage(t), "pull")
	u, loop, _ := realRunUI(t)
	d, finished := openPullForTest(t, u, ref)
	maxLayers, sawPartial := 0, false
	d.progress.onApply = func(p engine.PullProgress) {
		if len(p.Layers) > maxLayers {
			maxLayers = len(p.Layers)
		}
		if p.Fraction > 0 && p.Fraction < 1 {
			sawPartial = true
		}
	}
	test.Tap(d.pullButton)
	loop.until(t, "the pull to finish", func() bool { return *finished > 0 })
	if d.lastErr != nil {
		t.Fatalf("pull: %v (shown: %q)", d.lastErr, runMsgText(d.errorLabel))
	}
	if maxLayers < 3 {
		t.Errorf("saw %d layers, want several", maxLayers)
	}
	if !sawPartial {
		t.Error("never saw the pull part way")
	}
	status := d.progress.statusText()
	if !strings.Contains(status, "Digest: sha256:") || !strings.Contains(status, "Status: Downloaded newer image for "+ref) {
		t.Errorf("status lines = %q", status)
	}
	for _, l := range d.progress.layers {
		if line := layerLine(l); !strings.HasSuffix(line, "Pull complete") && !strings.HasSuffix(line, "Already exists") {
			t.Errorf("layer after the pull: %q", line)
		}
	}
	t.Logf("layers: %d, UI updates: %d, status:\n%s", maxLayers, d.progress.applied, status)
}

func TestPullRealNotInRegistry(t *testing.T) {
	u, loop, _ := realRunUI(t)
	const ref = "localhost:5000/berthtest/nope:1"
	d, finished := openPullForTest(t, u, ref)
	test.Tap(d.pullButton)
	loop.until(t, "the pull to fail", func() bool { return *finished > 0 })
	if msg := runMsgText(d.errorLabel); msg != "The registry has no image "+ref+". Check the name and the tag." {
		t.Errorf("message = %q", msg)
	}
}
