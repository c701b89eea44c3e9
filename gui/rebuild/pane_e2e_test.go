//go:build e2e

package rebuild

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

// TestRealPaneAndRunACopy: the pane over the real engine shows the details
// view's test container (env with a secret, binds, a published port) as its
// command, masked; "Run a copy…"'s spec, run by the engine (on another host
// port), makes a container with the same env, mounts, image and command.
func TestRealPaneAndRunACopy(t *testing.T) {
	id, rwDir, port := testbed.DetailsContainer(t, "rebuild-pane", true)
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	f := newFixtureOf(t, eng.Inspect, eng.ImageDetails, id)
	f.show()
	if f.p.ErrorText() != "" {
		t.Fatal(f.p.ErrorText())
	}
	run := f.p.RunText()
	for _, want := range []string{"--publish=127.0.0.1:" + strconv.Itoa(port) + ":80", "--env=GREETING=hello", "--env='DB_PASSWORD=" + "••••••••" + "'",
		"--volume=" + rwDir + ":/data", ":/ro:ro", "--label=berth.test=details", testbed.WebImage(t)} {
		if !strings.Contains(run, want) {
			t.Errorf("the command lacks %s:\n%s", want, run)
		}
	}
	if strings.Contains(run, "hunter2") || strings.Contains(run, "--entrypoint") || strings.Contains(run, "PATH=") {
		t.Errorf("the command shows a secret or repeats the image:\n%s", run)
	}
	test.Tap(f.p.CopyRunButton())
	if c := fyne.CurrentApp().Clipboard().Content(); c != run {
		t.Errorf("copied %q", c)
	}

	test.Tap(f.p.RunCopyButton())
	if len(f.h.specs) != 1 {
		t.Fatal("Run a copy… gave no spec")
	}
	spec := f.h.specs[0]
	orig, _, err := eng.Inspect.ContainerInspect(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if spec.Name != orig.Name+"-copy" {
		t.Errorf("the copy's suggested name is %q", spec.Name)
	}
	// Run it as the dialog would, under a name and on a port of this test's own.
	spec.Name = testbed.Name(t, "rebuild-copy")
	free := testbed.FreePort(t)
	for i, p := range spec.Ports {
		spec.Ports[i] = strings.Replace(p, ":"+strconv.Itoa(port)+":", ":"+strconv.Itoa(free)+":", 1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cid, err := eng.Containers.ContainerRun(ctx, spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	cp, _, err := eng.Inspect.ContainerInspect(ctx, cid)
	if err != nil {
		t.Fatal(err)
	}
	if cp.Image != orig.Image || !slices.Equal(slices.Sorted(slices.Values(cp.Env)), slices.Sorted(slices.Values(orig.Env))) ||
		!slices.Equal(cp.Cmd, orig.Cmd) || !slices.Equal(cp.Entrypoint, orig.Entrypoint) || cp.Restart != orig.Restart {
		t.Errorf("the copy differs:\n%+v\n%+v", cp, orig)
	}
	mounts := func(d engine.ContainerDetails) []string {
		var out []string
		for _, m := range d.Mounts {
			out = append(out, m.Source+":"+m.Destination+":"+strconv.FormatBool(m.ReadOnly))
		}
		slices.Sort(out)
		return out
	}
	if !slices.Equal(mounts(cp), mounts(orig)) {
		t.Errorf("mounts: copy %v, original %v", mounts(cp), mounts(orig))
	}
	if len(cp.PortConfig) != 1 || cp.PortConfig[0].HostIP != "127.0.0.1" || int(cp.PortConfig[0].HostPort) != free {
		t.Errorf("ports: %+v", cp.PortConfig)
	}
}
