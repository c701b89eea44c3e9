//go:build e2e

package run

// The run dialog against the REAL engine and the test registry
// (internal/testbed; scripts/testenv.sh starts them). Nothing here skips.

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

// recorder is the real engine's containers, with the progress of every run recorded.
type recorder struct {
	engine.ContainerAPI
	mu      sync.Mutex
	updates []engine.PullProgress
}

func (r *recorder) ContainerRun(ctx context.Context, spec engine.RunSpec, progress func(engine.PullProgress)) (string, error) {
	return r.ContainerAPI.ContainerRun(ctx, spec, func(p engine.PullProgress) {
		r.mu.Lock()
		r.updates = append(r.updates, p)
		r.mu.Unlock()
		progress(p)
	})
}

func (r *recorder) recorded() []engine.PullProgress {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]engine.PullProgress(nil), r.updates...)
}

// realEngine is the real engine's client, followed by a live store, and a
// host over that store.
func realEngine(t *testing.T) (*engine.Client, *testHost) {
	t.Helper()
	testbed.Client(t) // fails (never skips) with "run scripts/testenv.sh" if the test bed is down
	c := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { _ = c.Close() })
	st := store.New(c, store.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	ready := make(chan struct{})
	var once sync.Once
	unsub := st.Subscribe(func(s engine.Snapshot, _ engine.Change) {
		if s.Reachable {
			once.Do(func() { close(ready) })
		}
	})
	defer unsub()
	go st.Run(ctx)
	<-ready
	return c, newTestHost(t, st)
}

// containerNamed finds a container by name on the engine.
func containerNamed(t *testing.T, c *engine.Client, name string) (engine.Container, bool) {
	t.Helper()
	list, err := c.Containers.ContainerList(context.Background(), true)
	if err != nil {
		t.Fatalf("list containers: %v", err)
	}
	for _, ctr := range list {
		if ctr.Name == name {
			return ctr, true
		}
	}
	return engine.Container{}, false
}

// fillTutorial types the tutorial's fields into a run dialog: image, name, 127.0.0.1:port -> 80.
func fillTutorial(d *Dialog, image, name string, port int) {
	typeIn(d.ImageEntry(), image)
	typeIn(d.NameEntry(), name)
	row := d.PortRows()[0]
	typeIn(row.HostIP, "127.0.0.1")
	typeIn(row.HostPort, strconv.Itoa(port))
	typeIn(row.ContainerPort, "80")
}

// tapRun taps Run, failing the test if the form does not allow it.
func tapRun(t *testing.T, d *Dialog) {
	t.Helper()
	if d.RunButton().Disabled() {
		t.Fatalf("Run is disabled: image %q, name %q, port %q", msgText(d.imageMsg), msgText(d.nameMsg), msgText(d.ports.Message(0)))
	}
	test.Tap(d.RunButton())
}

func TestRunRealEngine(t *testing.T) {
	ref := testbed.PushCopy(t, testbed.WebImage(t), "h4-run")
	name := testbed.Name(t, "h4-webserver")
	port := testbed.FreePort(t)
	c, h := realEngine(t)
	rec := &recorder{ContainerAPI: c.Containers}

	// 1. docker run --detach --publish=127.0.0.1:PORT:80 --name=NAME IMAGE, with a pull first.
	d, ev := openForTest(t, h, rec, c.Images, "")
	fillTutorial(d, ref, name, port)
	wantCmd := fmt.Sprintf("docker run --detach --publish=127.0.0.1:%d:80 --name=%s %s", port, name, ref)
	if d.CommandLine() != wantCmd {
		t.Errorf("command line = %q, want %q", d.CommandLine(), wantCmd)
	}
	if msg := msgText(d.imageMsg); !strings.HasPrefix(msg, "Not on this engine yet") {
		t.Errorf("image message = %q", msg)
	}
	tapRun(t, d)
	h.q.Until(t, "the run to finish", func() bool { return ev.seen["run"] > 0 })
	if !d.Closed() {
		t.Fatalf("the dialog stayed open: error %q, name %q, image %q", d.ErrorText(), msgText(d.nameMsg), msgText(d.imageMsg))
	}
	updates := rec.recorded()
	if len(updates) < 2 {
		t.Fatalf("%d pull progress updates, want several", len(updates))
	}
	last := updates[len(updates)-1]
	if !last.Done || len(last.Layers) == 0 || !strings.HasPrefix(last.Status, "Status: Downloaded newer image for") {
		t.Errorf("last progress = %+v", last)
	}
	if !d.Progress().Content().Visible() || !strings.Contains(d.Progress().StatusText(), "Status: Downloaded newer image for") {
		t.Errorf("the dialog did not show the pull's progress (status %q)", d.Progress().StatusText())
	}
	ctr, ok := containerNamed(t, c, name)
	if !ok || ctr.State != engine.StateRunning {
		t.Fatalf("%s: found %v, state %q, want running", name, ok, ctr.State)
	}
	if body := testbed.Get(t, fmt.Sprintf("http://127.0.0.1:%d/", port)); !strings.Contains(body, "Welcome to Berth") {
		t.Errorf("GET / = %q, want Welcome to Berth", body)
	}

	// 2. The same name again: the engine's word next to the name field, the form kept.
	d2, ev2 := openForTest(t, h, c.Containers, c.Images, "")
	port2 := testbed.FreePort(t)
	fillTutorial(d2, ref, name, port2)
	before := d2.CommandLine()
	tapRun(t, d2)
	h.q.Until(t, "the second run to fail", func() bool { return ev2.seen["run"] > 0 })
	if d2.Closed() {
		t.Fatal("the dialog closed on a name conflict")
	}
	if msg := msgText(d2.nameMsg); !strings.Contains(msg, `"`+name+`" is already used by another container`) {
		t.Errorf("name message = %q (error %q)", msg, d2.ErrorText())
	}
	if d2.CommandLine() != before || d2.NameEntry().Text != name {
		t.Errorf("the form changed: %q", d2.CommandLine())
	}

	// 3. A host port the first container holds: the check warns before, the
	// engine refuses, the message sits on the port row, nothing is left behind.
	name3 := testbed.Name(t, "h4-portclash")
	d3, ev3 := openForTest(t, h, c.Containers, c.Images, "")
	fillTutorial(d3, ref, name3, port)
	h.q.Until(t, "the port check", func() bool { return ev3.seen["port"] > 0 })
	if msg := msgText(d3.ports.Message(0)); !strings.HasPrefix(msg, fmt.Sprintf("Port %d is in use", port)) {
		t.Errorf("port warning before running = %q", msg)
	}
	tapRun(t, d3)
	h.q.Until(t, "the third run to fail", func() bool { return ev3.seen["run"] > 0 })
	if d3.Closed() {
		t.Fatal("the dialog closed on a port conflict")
	}
	if msg := msgText(d3.ports.Message(0)); !strings.Contains(msg, "is already in use by another container or program. Choose another host port.") {
		t.Errorf("port row message = %q (error label %q)", msg, d3.ErrorText())
	}
	if d3.NameEntry().Text != name3 || d3.PortRows()[0].HostPort.Text != strconv.Itoa(port) {
		t.Error("the form changed")
	}
	if _, ok := containerNamed(t, c, name3); ok {
		t.Errorf("container %s was left behind", name3)
	}
}
