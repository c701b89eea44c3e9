//go:build e2e

package gui

// The whole window against the REAL engine and the test registry
// (bash scripts/testenv.sh up starts them).

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/client"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/engine/docker"
	"berth/gui/run"
	"berth/internal/testbed"
)

func init() {
	// Remove the containers the package's tests made (berthtest-…), whatever
	// happened to their own cleanups.
	afterTests = func() {
		if cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation()); err == nil {
			testbed.RemoveContainers(cli)
			_ = cli.Close()
		}
	}
}

// realEnv builds the UI over the real engine (docker.New) and a real store,
// the app a desktop.App with a tray.
func realEnv(t *testing.T) *trayEnv {
	t.Helper()
	testbed.Client(t) // fails, never skips, when the engine or the registry is missing
	return realEnvAt(t, docker.ResolveEndpoint())
}

// realEnvAt is realEnv over the engine at ep.
func realEnvAt(t *testing.T, ep engine.Endpoint) *trayEnv {
	t.Helper()
	c := docker.New(ep)
	t.Cleanup(func() { _ = c.Close() })
	app := &trayTestApp{App: test.NewTempApp(t)}
	host := &fakeTrayHost{bus: true, present: true}
	e := &trayEnv{app: app, host: host}
	e.env = startEnv(t, envOpts{client: c, app: app, trayHost: host, now: time.Now})
	e.loop.Timeout = 60 * time.Second
	e.win = app.win
	e.tray = e.u.tray
	return e
}

func (e *trayEnv) waitStatus(id, prefix string) {
	e.t.Helper()
	e.wait(fmt.Sprintf("%s to show %q", id[:12], prefix), func() bool {
		s, ok := e.u.ContainerStatusText(id)
		return ok && strings.HasPrefix(s, prefix)
	})
}

func typeIn(en *widget.Entry, s string) {
	en.SetText("")
	test.Type(en, s)
}

// The tutorial's steps 4 to 9 through the shell, against the real engine:
// the run dialog the shell opens (with a pull, as the image is not local
// yet), the row, a CLI stop, and Stop and Restart from the tray.
func TestShellRealEngineTutorial(t *testing.T) {
	shellTutorial(t, realEnv(t), nil, testbed.Get)
}

// TestShellRealPodmanTutorial is the same against Podman's Docker API
// (scripts/engines.sh), whose container ports live in its own network
// namespace.
func TestShellRealPodmanTutorial(t *testing.T) {
	bed := testbed.EnginesBed(t)
	shellTutorial(t, realEnvAt(t, engine.Endpoint{Host: bed.Podman}), []string{"-H", bed.Podman}, bed.PodmanGet)
}

// shellTutorial runs the tutorial's steps through the shell; cli are the
// docker CLI's arguments that reach the same engine, get fetches a URL where
// the engine publishes ports.
func shellTutorial(t *testing.T, e *trayEnv, cli []string, get func(testing.TB, string) string) {
	docker := func(args ...string) *exec.Cmd {
		return exec.Command("docker", append(append([]string(nil), cli...), args...)...)
	}
	ref := testbed.PushCopy(t, testbed.WebImage(t), "shell-tutorial")
	name := testbed.Name(t, "webserver")
	// The package's own cleanup reaches only the main engine; this one the engine tested.
	t.Cleanup(func() {
		e.client.Containers.ContainerRemove(context.Background(), name, engine.RemoveOptions{Force: true})
	})
	port := testbed.FreePort(t)

	// Step 4: Run… with the image, the name and a port mapping, as the user types them.
	d := run.Open(e.u.host, e.client.Containers, e.client.Images, "")
	typeIn(&d.ImageEntry().Entry, ref)
	typeIn(d.NameEntry(), name)
	row := d.PortRows()[0]
	typeIn(row.HostIP, "127.0.0.1")
	typeIn(row.HostPort, strconv.Itoa(port))
	typeIn(row.ContainerPort, "80")
	want := fmt.Sprintf("docker run --detach --publish=127.0.0.1:%d:80 --name=%s %s", port, name, ref)
	if got := d.CommandLine(); got != want {
		t.Errorf("command line %q, want %q", got, want)
	}
	e.wait("Run to be enabled", func() bool { return !d.RunButton().Disabled() })
	test.Tap(d.RunButton())
	e.wait("the run to finish", func() bool { return d.Closed() || d.ErrorText() != "" })
	if !d.Closed() {
		t.Fatalf("the run failed: %q", d.ErrorText())
	}

	// Step 5: the row shows, Up. Other tests' containers share the engine: show only ours.
	e.u.SetFilter(name)
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
	if n := e.u.VisibleContainerRows(); n != 1 {
		t.Errorf("%d rows with the filter %q, want 1", n, name)
	}
	if body := get(t, fmt.Sprintf("http://127.0.0.1:%d/", port)); !strings.Contains(body, "Welcome to Berth") {
		t.Errorf("the container's page says %q", body)
	}

	// Live: a stop from the docker CLI shows with no click; the only-running
	// view leaves it out.
	// -t 10: Podman's Docker API kills at once when the request names no timeout.
	if out, err := docker("stop", "-t", "10", name).CombinedOutput(); err != nil {
		t.Fatalf("docker stop: %v: %s", err, out)
	}
	e.waitStatus(id, "Exited (0)")
	e.u.SetOnlyRunning(true)
	if _, ok := e.u.ContainerStatusText(id); ok {
		t.Error("the stopped container shows with only running on")
	}
	e.u.SetOnlyRunning(false)
	if out, err := docker("start", name).CombinedOutput(); err != nil {
		t.Fatalf("docker start: %v: %s", err, out)
	}
	e.waitStatus(id, "Up")

	// The tray lists it; its Stop and Restart reach the engine.
	e.wait("the container in the tray", func() bool {
		for _, it := range trayItem(t, e.tray.items(), "Containers").ChildMenu.Items {
			if it.Label == name {
				return true
			}
		}
		return false
	})
	trayItem(t, e.tray.items(), "Containers", name, "Stop").Action()
	e.waitStatus(id, "Exited (0)") // stopped, not killed, on Podman too
	if out, err := docker("start", name).CombinedOutput(); err != nil {
		t.Fatalf("docker start: %v: %s", err, out)
	}
	e.waitStatus(id, "Up")
	startedAt := func() string {
		out, err := docker("inspect", "-f", "{{.State.Running}} {{.State.StartedAt}}", name).Output()
		if err != nil {
			t.Fatalf("docker inspect: %v", err)
		}
		return strings.TrimSpace(string(out))
	}
	before := startedAt()
	trayItem(t, e.tray.items(), "Containers", name, "Restart").Action()
	e.wait("the restart", func() bool {
		now := startedAt()
		return now != before && strings.HasPrefix(now, "true ")
	})
}
