//go:build e2e

package tutorial

// The tutorial against the real engine: done through the page (Berth's
// buttons, over the client the Activity log records), then each recorded
// command replayed with the docker CLI on a fresh container; and done in a
// terminal (the docker CLI), the page ticking every step from the engine's
// events.

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/client"

	"berth/engine"
	"berth/engine/activity"
	"berth/engine/docker"
	"berth/engine/store"
	"berth/internal/testbed"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation()); err == nil {
		testbed.RemoveContainers(cli)
	}
	os.Exit(code)
}

// realHost is the page's host over a running store of the real engine, and
// the Activity log fed by it, with the client Berth's features use.
type realHost struct {
	*host
	client *engine.Client
	log    *activity.Log
}

func newRealHost(t *testing.T) *realHost {
	testbed.Client(t)
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	st := store.New(eng, store.Options{})
	go st.Run(ctx)
	h := newHost(t)
	h.Queue.Timeout = 60 * time.Second
	log := activity.NewLog()
	names := func(id string) string {
		if c, ok := st.Snapshot().Container(id); ok {
			return c.Name
		}
		return ""
	}
	t.Cleanup(activity.Follow(log, st))
	rh := &realHost{host: h, client: activity.Wrap(eng, log, names), log: log}
	rh.host.stReal = st
	return rh
}

// cli runs the docker CLI; it returns the output and whether it succeeded.
func cli(t *testing.T, args ...string) (string, bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "docker", args...).CombinedOutput()
	return strings.TrimSpace(string(out)), err == nil
}

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	out, ok := cli(t, args...)
	if !ok {
		t.Fatalf("docker %s: %s", strings.Join(args, " "), out)
	}
	return out
}

// state is what the engine says of container name ("running", "exited", "gone")
// and whether image img is here.
func state(t *testing.T, name, img string) (string, bool) {
	t.Helper()
	st, ok := cli(t, "container", "inspect", "--format={{.State.Status}}", name)
	if !ok {
		st = "gone"
	}
	_, have := cli(t, "image", "inspect", img)
	return st, have
}

func TestRealTutorialThroughBerth(t *testing.T) {
	rh := newRealHost(t)
	img := testbed.PushCopy(t, testbed.WebImage(t), "tutorial")
	name, port := testbed.Name(t, "tutorial"), testbed.FreePort(t)
	p := New(rh, rh.client, Options{Name: name, Image: img, HostPort: port})
	defer p.Close()
	h := rh.host
	until := func(what string, cond func() bool) { t.Helper(); h.Until(t, what, cond) }
	// After each action: the container's state and whether the image is here, as the engine says.
	type after struct {
		state string
		image bool
	}
	var seen []after
	record := func() {
		st, im := state(t, name, img)
		seen = append(seen, after{st, im})
	}

	until("the engine's version", func() bool { return p.Done(StepVersion) })
	tap := func(i int) {
		t.Helper()
		until("button "+strconv.Itoa(i+1), func() bool { return !p.Button(i).Disabled() })
		p.Button(i).OnTapped()
	}
	tap(StepRun)
	until("the web server runs and answers", func() bool { return p.Done(StepRun) && p.Done(StepBrowse) })
	record()
	for _, s := range []int{StepSee, StepListAll, StepImages} {
		if !p.Done(s) {
			t.Errorf("step %d not done with the server running", s+1)
		}
	}
	tap(StepStop)
	until("stopped", func() bool { return p.Done(StepStop) })
	record()
	tap(StepStart)
	until("started", func() bool { return p.Done(StepStart) })
	record()
	// The conflict: the image is in use.
	tap(StepRemoveImage)
	h.Answer(t, h.Last(t), "Remove the image")
	until("the conflict", func() bool { return strings.Contains(p.Message(StepRemoveImage), "conflict the tutorial shows") })
	record()
	// A running container cannot be removed.
	tap(StepRemove)
	h.Answer(t, h.Last(t), "Remove")
	until("the refusal", func() bool { return strings.Contains(p.Message(StepRemove), "Stop it first") })
	record()
	tap(StepStop)
	until("stopped again", func() bool { return !p.Button(StepStart).Disabled() })
	record()
	tap(StepRemove)
	h.Answer(t, h.Last(t), "Remove")
	until("removed", func() bool { return p.Done(StepRemove) })
	record()
	tap(StepRemoveImage)
	h.Answer(t, h.Last(t), "Remove the image")
	until("the image removed", func() bool { return p.Done(StepRemoveImage) })
	record()
	for i := range stepCount {
		if !p.Done(i) {
			t.Errorf("step %d is not done", i+1)
		}
	}

	// The Activity log: the tutorial's commands, in order, with what failed.
	var own []activity.Entry
	for _, e := range rh.log.Entries() {
		if !e.External {
			own = append(own, e)
		}
	}
	q := engine.Quote
	want := []string{
		"docker run --detach --publish=" + strconv.Itoa(port) + ":80 --name=" + q(name) + " " + q(img),
		"docker container stop " + q(name),
		"docker container start " + q(name),
		"docker image rm " + q(img) + " (failed)",
		"docker container rm " + q(name) + " (failed)",
		"docker container stop " + q(name),
		"docker container rm " + q(name),
		"docker image rm " + q(img),
	}
	var got []string
	for _, e := range own {
		s := e.Command
		if e.Err != nil {
			s += " (failed)"
		}
		got = append(got, s)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("activity\n got %q\nwant %q", got, want)
	}
	for _, e := range rh.log.Entries() {
		if e.External && strings.Contains(e.Object, name) {
			t.Errorf("Berth's own action shown as external: %+v", e)
		}
	}

	// Each command, run with the docker CLI on a fresh container, does the same.
	name2, port2 := testbed.Name(t, "tutorial-cli"), testbed.FreePort(t)
	for i, e := range own {
		cmd := strings.ReplaceAll(e.Command, name, name2)
		cmd = strings.ReplaceAll(cmd, "--publish="+strconv.Itoa(port)+":", "--publish="+strconv.Itoa(port2)+":")
		words := strings.Fields(cmd)
		out, ok := cli(t, words[1:]...)
		if ok != (e.Err == nil) {
			t.Fatalf("%s: succeeded %v in the terminal, %v in Berth (%v): %s", cmd, ok, e.Err == nil, e.Err, out)
		}
		st, im := state(t, name2, img)
		if (after{st, im}) != seen[i] {
			t.Fatalf("after %s: %s, image here %v in the terminal; %s, %v in Berth", cmd, st, im, seen[i].state, seen[i].image)
		}
		if i == 0 {
			testbed.Get(t, "http://127.0.0.1:"+strconv.Itoa(port2)+"/")
		}
	}
}

func TestRealTutorialTicksFromTheTerminal(t *testing.T) {
	rh := newRealHost(t)
	img := testbed.PushCopy(t, testbed.WebImage(t), "tutorial-term")
	name, port := testbed.Name(t, "tutorial-term"), testbed.FreePort(t)
	p := New(rh, rh.client, Options{Name: name, Image: img, HostPort: port})
	defer p.Close()
	h := rh.host
	until := func(what string, cond func() bool) { t.Helper(); h.Until(t, what, cond) }
	until("the engine's version", func() bool { return p.Done(StepVersion) })
	mustCLI(t, "--version")
	mustCLI(t, "run", "--detach", "--publish="+strconv.Itoa(port)+":80", "--name="+name, img)
	until("run, see, list, open, images", func() bool {
		return p.Done(StepRun) && p.Done(StepSee) && p.Done(StepListAll) && p.Done(StepBrowse) && p.Done(StepImages)
	})
	mustCLI(t, "ps")
	mustCLI(t, "container", "ls", "-a")
	mustCLI(t, "container", "stop", name)
	until("stopped", func() bool { return p.Done(StepStop) })
	mustCLI(t, "container", "start", name)
	until("started", func() bool { return p.Done(StepStart) })
	if out, ok := cli(t, "image", "rm", img); ok || !strings.Contains(out, "conflict") {
		t.Fatalf("docker image rm of an image in use: %v %s", ok, out)
	}
	mustCLI(t, "container", "stop", name)
	mustCLI(t, "container", "rm", name)
	until("removed", func() bool { return p.Done(StepRemove) })
	mustCLI(t, "images")
	mustCLI(t, "image", "rm", img)
	until("the image removed", func() bool { return p.Done(StepRemoveImage) })
	// The Activity log saw it all, as done outside Berth.
	var ext []string
	for _, e := range rh.log.Entries() {
		if e.External && (e.Object == name || e.Object == img) {
			ext = append(ext, e.Command)
		}
		if !e.External {
			t.Errorf("an entry of Berth's own: %+v", e)
		}
	}
	q := engine.Quote
	for _, w := range []string{"docker container start " + q(name), "docker container stop " + q(name), "docker container rm " + q(name), "docker image rm " + q(img)} {
		found := false
		for _, c := range ext {
			found = found || c == w
		}
		if !found {
			t.Errorf("the log has no external %q (has %q)", w, ext)
		}
	}
}
