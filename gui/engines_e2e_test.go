//go:build e2e

package gui

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/docker/docker/api/types/container"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/gui/kit/kittest"
	"berth/gui/present"
	"berth/internal/testbed"
)

// TestRealEnginesFromTheWindow: contexts made with the real docker CLI in a
// private DOCKER_CONFIG show in the Engines tab, each checked for real
// (TLS and ssh that work, and the ways each goes wrong, in plain words); a
// click shows another engine in the window; an engine added from the
// dialog is a context `docker context ls` lists; an engine whose CA is
// wrong gets its own message in the offline banner.
func TestRealEnginesFromTheWindow(t *testing.T) {
	bed := testbed.EnginesBed(t)
	cfg := t.TempDir()
	t.Setenv("DOCKER_CONFIG", cfg)
	t.Setenv("DOCKER_HOST", "")
	os.Unsetenv("DOCKER_HOST")
	t.Setenv("DOCKER_CONTEXT", "")
	os.Unsetenv("DOCKER_CONTEXT")
	t.Setenv("PATH", bed.SSHBin+":"+os.Getenv("PATH"))
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	cli := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("docker", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	tlsSpec := func(host, dir string) string {
		return "host=" + host + ",ca=" + dir + "/ca.pem,cert=" + dir + "/cert.pem,key=" + dir + "/key.pem"
	}
	cli("context", "create", "tls-good", "--docker", tlsSpec(bed.TLS, bed.Good))
	cli("context", "create", "tls-wrongca", "--docker", tlsSpec(bed.TLS, bed.WrongCA))
	cli("context", "create", "tls-wrongname", "--docker", tlsSpec(bed.WrongName, bed.Good))
	cli("context", "create", "ssh-good", "--docker", "host="+bed.SSH("berth-ssh"))
	cli("context", "create", "ssh-badkey", "--docker", "host="+bed.SSH("berth-ssh-badkey"))
	want := map[string]engine.ErrorKind{
		"tls-good": engine.ErrOther, "ssh-good": engine.ErrOther, "default": engine.ErrOther,
		"tls-wrongca": engine.ErrTLSUnknownAuthority, "tls-wrongname": engine.ErrTLSWrongHost, "ssh-badkey": engine.ErrSSHAuth,
	}

	// A container of the second engine, which the window must list once it shows that engine.
	web := testbed.WebImage(t)
	testbed.LoadInto(t, bed.Docker, web)
	raw := testbed.HostClient(t, bed.Docker)
	name := testbed.Name(t, "engines-window")
	created, err := raw.ContainerCreate(context.Background(), &container.Config{Image: web}, &container.HostConfig{NetworkMode: "none"}, nil, nil, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.ContainerRemove(context.Background(), created.ID, container.RemoveOptions{Force: true}) })

	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	connect := func(ep engine.Endpoint) Connection {
		c := docker.New(ep)
		st := store.New(c, store.Options{MinBackoff: 50 * time.Millisecond, MaxBackoff: 500 * time.Millisecond})
		sctx, scancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { st.Run(sctx); close(done) }()
		return Connection{Client: c, State: st, Stop: func() { scancel(); <-done; c.Close() }}
	}
	probe := func(ctx context.Context, ep engine.Endpoint) (engine.Info, error) {
		c := docker.New(ep)
		defer c.Close()
		return c.System.Info(ctx)
	}
	eps := docker.NewEndpointStore("")
	first, err := eps.Resolve()
	if err != nil || first.Name != "default" {
		t.Fatalf("first endpoint %+v, %v: want the default context", first, err)
	}
	conn := connect(first)
	loop := &kittest.Queue{Timeout: 60 * time.Second}
	a := &trayTestApp{App: test.NewTempApp(t)}
	u := newUI(a, conn.Client, conn.State, options{do: loop.Do, trayHost: &fakeTrayHost{bus: true, present: true},
		notify: func(*fyne.Notification) {}, engines: &Engines{Store: eps, Connect: connect, Probe: probe}, stop: conn.Stop})
	u.win.Resize(fyne.NewSize(1400, 900))
	t.Cleanup(func() { u.Close(); loop.Drain() })
	loop.Until(t, "the default engine", func() bool { return u.snap.Reachable })

	u.tabs.show("Engines")
	v := u.enginesView
	loop.Until(t, "every engine checked", func() bool {
		for n := range want {
			if n == "default" {
				continue
			}
			if done, _, _ := v.Checked(n); !done {
				return false
			}
		}
		return true
	})
	texts := strings.Join(labelTexts(v.Content()), "\n")
	for n, kind := range want {
		if n == "default" {
			continue
		}
		_, info, err := v.Checked(n)
		if kind == engine.ErrOther {
			if err != nil || !strings.Contains(texts, "Docker "+info.Version) {
				t.Errorf("%s: %v, want it to answer and its version shown", n, err)
			}
			continue
		}
		if got := engine.KindOf(err); got != kind {
			t.Errorf("%s: %v (kind %v), want %v", n, err, got, kind)
			continue
		}
		if words := present.Explain(err); !strings.Contains(texts, words) {
			t.Errorf("%s: the Engines tab does not say %q", n, words)
		}
	}

	// Show the TLS engine in the window: its container is listed.
	for _, e := range v.Entries() {
		if e.Endpoint.Name == "tls-good" {
			u.Switch(e.Endpoint)
		}
	}
	loop.Until(t, "the TLS engine's container", func() bool {
		_, ok := u.ContainerStatusText(created.ID)
		return ok && u.client.Endpoint.Name == "tls-good"
	})

	// Add an engine from the dialog: tested, saved as a context the CLI lists.
	d := v.OpenAdd()
	d.Name.SetText("added-ssh")
	d.Address.SetText(bed.SSH("berth-ssh"))
	test.Tap(d.SaveButton)
	loop.Until(t, "the engine added", func() bool { return strings.Contains(cli("context", "ls", "-q"), "added-ssh") })

	// An engine whose CA is wrong: the banner says so in its own words.
	for _, e := range v.Entries() {
		if e.Endpoint.Name == "tls-wrongca" {
			u.Switch(e.Endpoint)
		}
	}
	loop.Until(t, "the offline banner", func() bool { return u.banner.content.Visible() && u.snap.Err != nil })
	if k := engine.KindOf(u.snap.Err); k != engine.ErrTLSUnknownAuthority {
		t.Errorf("banner for a wrong CA: kind %v (%v)", k, u.snap.Err)
	}
	if got, words := u.banner.detail.Text, present.Explain(u.snap.Err); !strings.Contains(got, words) {
		t.Errorf("banner %q does not say %q", got, words)
	}
	if u.banner.rawText == "" {
		t.Error("the banner offers no way to see the engine's own words")
	}
}
