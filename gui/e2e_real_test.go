package gui

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/internal/testbed"
)

// mwReal builds the UI over the real engine (engine.New) and a real store.
func mwReal(t *testing.T) *mwEnv {
	t.Helper()
	testbed.Client(t) // fails, never skips, when the engine or the registry is missing
	eng, err := engine.New()
	if err != nil {
		t.Fatalf("engine.New: %v", err)
	}
	t.Cleanup(func() { _ = eng.Close() })
	e := mwStartEngine(t, eng, mwOpts{now: time.Now})
	e.timeout = 60 * time.Second
	return e
}

// runWeb runs a web server container the way the run dialog would, with a
// name from testbed.Name and 127.0.0.1:PORT->80, and waits for its row.
func (e *mwEnv) runWeb(ref, base string) (id, name string, port int) {
	e.t.Helper()
	name = testbed.Name(e.t, base)
	port = testbed.FreePort(e.t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	id, err := e.u.eng.Run(ctx, engine.RunSpec{Image: ref, Name: name, Ports: []string{fmt.Sprintf("127.0.0.1:%d:80", port)}}, nil)
	if err != nil {
		e.t.Fatalf("run %s: %v", ref, err)
	}
	// Other tests' containers share the engine: show only ours.
	e.u.SetFilter(name)
	e.wait(name+" to show Up", func() bool {
		s, ok := e.u.ContainerStatusText(id)
		return ok && strings.HasPrefix(s, "Up")
	})
	return id, name, port
}

func (e *mwEnv) waitStatus(id, prefix string) {
	e.t.Helper()
	e.wait(fmt.Sprintf("%s to show %q", id[:12], prefix), func() bool {
		s, ok := e.u.ContainerStatusText(id)
		return ok && strings.HasPrefix(s, prefix)
	})
}

// The tutorial's steps 4 to 10 in the window, against the real engine: the
// run dialog (with a pull, as the image is not local yet), the row, the page
// through the published port, stop, start, a CLI stop, remove.
func TestContainersRealEngineTutorial(t *testing.T) {
	e := mwReal(t)
	ref := testbed.PushCopy(t, testbed.WebImage(t), "tutorial")
	name := testbed.Name(t, "webserver")
	port := testbed.FreePort(t)

	// Step 4: Run… with the image, the name and a port mapping, as the user types them.
	d := e.u.newRunDialog("")
	w := test.NewWindow(d.content)
	w.Resize(fyne.NewSize(860, 680))
	t.Cleanup(w.Close)
	runFill(d, ref, name, port)
	want := fmt.Sprintf("docker run --detach --publish=127.0.0.1:%d:80 --name=%s %s", port, name, ref)
	if d.commandLabel.Text != want {
		t.Errorf("command line %q, want %q", d.commandLabel.Text, want)
	}
	runTap(t, d)
	e.wait("the run to finish", func() bool { return d.closed || runMsgText(d.errorLabel) != "" })
	if !d.closed {
		t.Fatalf("the run failed: %q", runMsgText(d.errorLabel))
	}
	if d.progress.applied == 0 {
		t.Error("the dialog showed no pull progress")
	}
	e.u.SetFilter(name) // other tests' containers share the engine
	var id string
	e.wait(name+" to show Up", func() bool {
		for _, c := range e.u.snap.Containers {
			if c.Name == name {
				id = c.ID
			}
		}
		s, ok := e.u.ContainerStatusText(id)
		return id != "" && ok && strings.HasPrefix(s, "Up")
	})

	// Step 5: the row has docker ps's columns.
	if got := cellText(t, e.mustCtrCell(id, colName)); got != name {
		t.Errorf("name cell %q, want %q", got, name)
	}
	if got := cellText(t, e.mustCtrCell(id, colImage)); got != ref {
		t.Errorf("image cell %q", got)
	}
	wantPort := fmt.Sprintf("127.0.0.1:%d->80/tcp", port)
	if got := cellText(t, e.mustCtrCell(id, colPorts)); got != "["+wantPort+"]" {
		t.Errorf("ports cell %q, want a link %q", got, wantPort)
	}
	// Step 6: the port's link opens the web server.
	h := e.mustCtrCell(id, colPorts).ports.Objects[0].(*widget.Hyperlink)
	if want := fmt.Sprintf("http://127.0.0.1:%d/", port); h.URL.String() != want {
		t.Errorf("link URL %s, want %s", h.URL, want)
	}
	if body := testbed.Get(t, h.URL.String()); !strings.Contains(body, "Welcome to Berth") {
		t.Errorf("the link's page says %q", body)
	}

	// Step 8: Stop on the row; the container leaves the only-running view and
	// shows Exited in the full one.
	a := e.mustCtrCell(id, colActions)
	if a.startStopAction != "stop" {
		t.Fatalf("running row offers %q", a.startStopAction)
	}
	test.Tap(a.startStop)
	e.waitStatus(id, "Exited (0)")
	e.u.SetOnlyRunning(true)
	if _, ok := e.u.ContainerStatusText(id); ok {
		t.Error("the stopped container shows with only running on")
	}
	e.u.SetOnlyRunning(false)
	e.waitStatus(id, "Exited (0)")

	// Step 9: Start on the row.
	a = e.mustCtrCell(id, colActions)
	if a.startStopAction != "start" {
		t.Fatalf("stopped row offers %q", a.startStopAction)
	}
	test.Tap(a.startStop)
	e.waitStatus(id, "Up")

	// Live: a stop from the docker CLI shows with no click.
	if out, err := exec.Command("docker", "stop", name).CombinedOutput(); err != nil {
		t.Fatalf("docker stop: %v: %s", err, out)
	}
	e.waitStatus(id, "Exited (0)")
	test.Tap(e.mustCtrCell(id, colActions).startStop)
	e.waitStatus(id, "Up")

	// Step 10: remove, confirmed, then the explicit Stop and remove.
	test.Tap(e.mustCtrCell(id, colActions).removeBtn)
	md := e.dialog()
	if want := fmt.Sprintf("Remove container %s (%s)? Its anonymous volumes are kept.", name, id[:12]); !strings.HasPrefix(md.message, want) {
		t.Errorf("asked %q, want %q", md.message, want)
	}
	e.answer(md, "Remove")
	e.loop.drain()
	e.answer(e.dialog(), "Stop and remove")
	e.wait(name+" to leave the table", func() bool {
		_, ok := e.u.ContainerStatusText(id)
		_, known := e.u.snap.Container(id)
		return !ok && !known
	})
	if e.u.dialog.title != "Container is running" {
		t.Errorf("an unexpected dialog: %q %q", e.u.dialog.title, e.u.dialog.message)
	}
}

// Step 12 against the real engine: the image is in use, the dialog names
// the container, Force remove untags it and the container keeps running.
func TestImagesRealEngineConflictForceRemove(t *testing.T) {
	cli := testbed.Client(t)
	e := mwReal(t)
	// A private copy: force-removing the shared web image would pull it from
	// under other packages' tests.
	ref := testbed.PushCopy(t, testbed.WebImage(t), "gui-conflict")
	var imageID string
	t.Cleanup(func() {
		// Runs after the container's removal (cleanups run last first): the
		// untagged image would otherwise stay behind.
		if imageID != "" {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_, _ = cli.ImageRemove(ctx, imageID, image.RemoveOptions{Force: true, PruneChildren: true})
		}
	})
	id, name, _ := e.runWeb(ref, "conflict")

	e.u.tabs.showImages()
	e.u.images.filter.SetText(strings.TrimPrefix(ref, testbed.Registry+"/"))
	e.wait("the image row in use", func() bool {
		for _, en := range e.u.images.entries {
			if en.im.Ref() == ref && en.im.Containers == 1 {
				imageID = en.im.ID
				return true
			}
		}
		return false
	})
	if got := e.imgText(ref, colInUse); got != "1 container" {
		t.Errorf("in use %q", got)
	}
	test.Tap(e.imgCellAt(ref, colImageActions).rmBtn)
	e.answer(e.dialog(), "Remove")
	e.wait("the conflict dialog", func() bool { return e.u.dialog != nil && e.u.dialog.title == "Image in use" })
	md := e.u.dialog
	if want := fmt.Sprintf("%s (%s)", name, id[:12]); !strings.Contains(md.message, want) {
		t.Errorf("the conflict dialog does not name %s:\n%s", want, md.message)
	}
	e.answer(md, "Force remove")
	e.wait("the tag to go", func() bool {
		for _, en := range e.u.images.entries {
			if en.im.Ref() == ref {
				return false
			}
		}
		return true
	})
	if !strings.HasPrefix(e.u.images.note.Text, "Untagged: "+ref) {
		t.Errorf("note %q", e.u.images.note.Text)
	}
	// The container keeps running on the untagged image.
	e.u.tabs.showContainers()
	if s, _ := e.u.ContainerStatusText(id); !strings.HasPrefix(s, "Up") {
		t.Errorf("the container shows %q after the forced removal, want Up", s)
	}
}
