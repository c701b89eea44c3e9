//go:build e2e

package docker_test

// Tests against the real engine and the local registry of the test bed
// (scripts/testenv.sh starts both). They replay the tutorial through
// engine/docker. Containers are named berthtest-h1-… (testbed.Name).

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/client"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/enginetest"
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

func realEngine(t *testing.T) *engine.Client {
	t.Helper()
	testbed.Client(t) // fails, never skips, when the test bed is down
	eng := docker.New(docker.ResolveEndpoint())
	t.Cleanup(func() { eng.Close() })
	return eng
}

// testName is a container name of this test's own (see testbed.Name).
func testName(t *testing.T, base string) string { return testbed.Name(t, "h1-"+base) }

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func find(cs []engine.Container, name string) (engine.Container, bool) {
	for _, c := range cs {
		if c.Name == name {
			return c, true
		}
	}
	return engine.Container{}, false
}

func TestRealInfo(t *testing.T) {
	eng := realEngine(t)
	info, err := eng.System.Info(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if !info.Reachable || info.Version == "" || info.APIVersion == "" || info.OS == "" || info.CPUs < 1 || info.MemoryBytes <= 0 {
		t.Fatalf("info = %+v", info)
	}
	t.Logf("engine %s, API %s, %s/%s, host %s", info.Version, info.APIVersion, info.OS, info.Arch, info.Host)
}

// TestRealTutorial replays the getting-started tutorial (steps 4-12) through engine/.
func TestRealTutorial(t *testing.T) {
	replayTutorial(t, realEngine(t), testName(t, "webserver"), testbed.Get, false)
}

// replayTutorial is the tutorial on eng, with the container name, and get
// to fetch a page where the engine publishes ports; podman marks what
// Podman's Docker API does its own way.
func replayTutorial(t *testing.T, eng *engine.Client, name string, get func(testing.TB, string) string, podman bool) {
	ctx := ctxT(t)
	// Step 4: the image is not local, so Run pulls it first, layer by layer.
	img := testbed.PushCopy(t, testbed.WebImage(t), "tutorial")
	port := testbed.FreePort(t)
	var progress []engine.PullProgress
	id, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Name: name, Ports: []string{fmt.Sprintf("127.0.0.1:%d:80", port)}},
		func(p engine.PullProgress) { progress = append(progress, p) })
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if len(progress) == 0 || !progress[len(progress)-1].Done || !strings.Contains(progress[len(progress)-1].Status, "Downloaded newer image") {
		t.Fatalf("no pull progress before the run: %d events, last %+v", len(progress), progress)
	}

	// Step 5: docker ps lists it, Up, with its port.
	running, err := eng.Containers.ContainerList(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := find(running, name)
	if !ok {
		t.Fatalf("%s not in the running list", name)
	}
	want := []engine.PortBinding{{HostIP: "127.0.0.1", HostPort: uint16(port), ContainerPort: 80, Proto: "tcp"}}
	if c.ID != id || c.ShortID != id[:12] || !strings.HasPrefix(c.Status, "Up") || c.State != engine.StateRunning ||
		!slices.Equal(c.Ports, want) || c.Image != img || (c.Command != "/web" && !podman) {
		t.Fatalf("row = %+v, want ports %+v", c, want)
	}

	// Step 6: the page answers through the published port.
	if body := get(t, fmt.Sprintf("http://127.0.0.1:%d/", port)); !strings.Contains(body, "Welcome to Berth") {
		t.Fatalf("page = %q", body)
	}

	// Step 12 (in use): the image cannot go while the container uses it; the error names the container.
	_, err = eng.Images.ImageRemove(ctx, img, false)
	// On Podman, forcing would delete the container: the error says so.
	if ee := engine.AsError(err); ee == nil || ee.Kind != engine.ErrImageInUse || ee.Ref != img ||
		!slices.Equal(ee.Users, []string{c.ShortID}) || ee.CannotForce || ee.ForceRemovesUsers != podman {
		t.Fatalf("remove image in use: %v (%+v), want ErrImageInUse by %s", err, ee, c.ShortID)
	}

	// Step 8: stop. It leaves the running list and shows Exited in the full list.
	timeout := 5 * time.Second
	if err := eng.Containers.ContainerStop(ctx, id, &timeout); err != nil {
		t.Fatal(err)
	}
	running, _ = eng.Containers.ContainerList(ctx, false)
	if _, ok := find(running, name); ok {
		t.Fatal("stopped container still in the running list")
	}
	all, _ := eng.Containers.ContainerList(ctx, true)
	if c, ok = find(all, name); !ok || !strings.HasPrefix(c.Status, "Exited (0)") || c.State != engine.StateExited {
		t.Fatalf("after stop: %+v", c)
	}

	// Step 9: start again.
	if err := eng.Containers.ContainerStart(ctx, id); err != nil {
		t.Fatal(err)
	}
	running, _ = eng.Containers.ContainerList(ctx, false)
	if c, ok = find(running, name); !ok || !strings.HasPrefix(c.Status, "Up") {
		t.Fatalf("after start: %+v", c)
	}
	if err := eng.Containers.ContainerPause(ctx, id); err != nil {
		t.Fatal(err)
	}
	if all, _ = eng.Containers.ContainerList(ctx, true); func() bool { c, _ = find(all, name); return c.State != engine.StatePaused }() {
		t.Fatalf("after pause: %+v", c)
	}
	if err := eng.Containers.ContainerUnpause(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := eng.Containers.ContainerRestart(ctx, id, &timeout); err != nil {
		t.Fatal(err)
	}

	// Step 10: a running container cannot be removed without force.
	if err := eng.Containers.ContainerRemove(ctx, id, engine.RemoveOptions{}); !engine.IsKind(err, engine.ErrMustStop) {
		t.Fatalf("remove running: %v", err)
	}
	if err := eng.Containers.ContainerRemove(ctx, id, engine.RemoveOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	all, _ = eng.Containers.ContainerList(ctx, true)
	if _, ok := find(all, name); ok {
		t.Fatal("container still there after forced remove")
	}

	// Step 12: now the image goes, with force as the tutorial's -f.
	lines, err := eng.Images.ImageRemove(ctx, img, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "Untagged: ") {
		t.Fatalf("remove image said %v", lines)
	}
}

func TestRealPullProgress(t *testing.T) {
	eng := realEngine(t)
	ref := testbed.PushCopy(t, testbed.BigImage(t), "pull")
	var events []engine.PullProgress
	if err := eng.Images.ImagePull(ctxT(t), ref, func(p engine.PullProgress) { events = append(events, p) }); err != nil {
		t.Fatal(err)
	}
	last := events[len(events)-1]
	if len(last.Layers) < 3 || !last.Done || last.Fraction != 1 {
		t.Fatalf("last = %+v", last)
	}
	var downloading, extracting, midway bool
	for _, p := range events {
		for _, l := range p.Layers {
			downloading = downloading || (l.Status == engine.LayerDownloading && l.Total > 0 && l.Current < l.Total)
			extracting = extracting || l.Status == engine.LayerExtracting
		}
		midway = midway || (p.Fraction > 0.05 && p.Fraction < 0.95)
	}
	if !downloading || !extracting || !midway || len(events) < 10 {
		t.Fatalf("progress too coarse: %d events, downloading %v extracting %v midway %v", len(events), downloading, extracting, midway)
	}
	for _, l := range last.Layers {
		if l.Status != engine.LayerComplete && l.Status != engine.LayerExists {
			t.Errorf("layer %s ended %s", l.ID, l.Status)
		}
	}
	imgs, err := eng.Images.ImageList(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, im := range imgs {
		if im.Repository+":"+im.Tag == ref {
			found = im.Size > 10_000_000 && im.ShortID == engine.ShortID(im.ID)
		}
	}
	if !found {
		t.Fatalf("%s not listed (or too small) in %+v", ref, imgs)
	}
}

func TestRealPullCancel(t *testing.T) {
	eng := realEngine(t)
	ref := testbed.PushCopy(t, testbed.BigImage(t), "cancel")
	ctx, cancel := context.WithCancel(ctxT(t))
	err := eng.Images.ImagePull(ctx, ref, func(p engine.PullProgress) { cancel() })
	if !engine.IsKind(err, engine.ErrCanceled) {
		t.Fatalf("err = %v, want ErrCanceled", err)
	}
}

func TestRealErrors(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	img := testbed.WebImage(t)
	cname := testName(t, "errors")
	port := testbed.FreePort(t)
	spec := engine.RunSpec{Image: img, Name: cname, Ports: []string{fmt.Sprintf("127.0.0.1:%d:80", port)}}
	if _, err := eng.Containers.ContainerRun(ctx, spec, nil); err != nil {
		t.Fatal(err)
	}

	t.Run("name in use", func(t *testing.T) {
		s := spec
		s.Ports = nil
		_, err := eng.Containers.ContainerRun(ctx, s, nil)
		if e := engine.AsError(err); e == nil || e.Kind != engine.ErrNameInUse || e.Ref != cname || len(e.Users) != 1 {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("port allocated, nothing left behind", func(t *testing.T) {
		other := testName(t, "portclash")
		_, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Name: other, Ports: spec.Ports}, nil)
		if e := engine.AsError(err); e == nil || e.Kind != engine.ErrPortAllocated || e.Port != spec.Ports[0][:len(spec.Ports[0])-3] {
			t.Fatalf("err = %v (%+v)", err, e)
		}
		all, _ := eng.Containers.ContainerList(ctx, true)
		if _, ok := find(all, other); ok {
			t.Fatal("the failed container was left behind")
		}
		// A retry with the same name and a free port works.
		if _, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Name: other, Ports: []string{fmt.Sprintf("127.0.0.1:%d:80", testbed.FreePort(t))}}, nil); err != nil {
			t.Fatalf("retry: %v", err)
		}
	})
	t.Run("port taken by a host program", func(t *testing.T) {
		hostPort := testbed.FreePort(t)
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", hostPort))
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		_, err = eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Name: testName(t, "hostclash"), Ports: []string{fmt.Sprintf("127.0.0.1:%d:80", hostPort)}}, nil)
		if !engine.IsKind(err, engine.ErrPortAllocated) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("invalid port", func(t *testing.T) {
		_, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Ports: []string{"99999:80"}}, nil)
		if !engine.IsKind(err, engine.ErrInvalidPort) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("invalid image", func(t *testing.T) {
		_, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: "Not An Image"}, nil)
		if !engine.IsKind(err, engine.ErrInvalidImage) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("invalid name", func(t *testing.T) {
		_, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: img, Name: "-bad name"}, nil)
		if !engine.IsKind(err, engine.ErrInvalidName) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("image not in registry", func(t *testing.T) {
		err := eng.Images.ImagePull(ctx, testbed.Registry+"/berthtest/nope:1", nil)
		if !engine.IsKind(err, engine.ErrImageNotInRegistry) {
			t.Fatalf("err = %v", err)
		}
		_, err = eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: testbed.Registry + "/berthtest/nope:1"}, nil)
		if !engine.IsKind(err, engine.ErrImageNotInRegistry) {
			t.Fatalf("run: err = %v", err)
		}
	})
	t.Run("not found", func(t *testing.T) {
		if err := eng.Containers.ContainerStart(ctx, testbed.Prefix+"no-such-container"); !engine.IsKind(err, engine.ErrNotFound) {
			t.Fatalf("err = %v", err)
		}
		if _, err := eng.Images.ImageRemove(ctx, testbed.Registry+"/berthtest/no-such-image:1", false); !engine.IsKind(err, engine.ErrNotFound) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("conflict must stop", func(t *testing.T) {
		if err := eng.Containers.ContainerRemove(ctx, cname, engine.RemoveOptions{}); !engine.IsKind(err, engine.ErrMustStop) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		t.Setenv("DOCKER_HOST", "unix:///nonexistent/berth-test.sock")
		bad := docker.New(docker.ResolveEndpoint())
		defer bad.Close()
		info, err := bad.System.Info(ctx)
		if e := engine.AsError(err); e == nil || e.Kind != engine.ErrUnreachable || info.Reachable || e.Ref != "unix:///nonexistent/berth-test.sock" {
			t.Fatalf("err = %v", err)
		}
		if _, err := bad.Containers.ContainerList(ctx, true); !engine.IsKind(err, engine.ErrUnreachable) {
			t.Fatalf("containers: err = %v", err)
		}
	})
}

// TestRealStoreFollowsCLI: a change made with the docker CLI reaches the store's subscribers.
func TestRealStoreFollowsCLI(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	st := store.New(eng, store.Options{})
	rec := enginetest.NewRecorder(st)
	go st.Run(ctx)
	rec.Wait(t, "connected", func(s engine.Snapshot) bool { return s.Reachable })

	cname := testName(t, "live")
	id, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: testbed.WebImage(t), Name: cname}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec.Wait(t, "running row", func(s engine.Snapshot) bool {
		c, ok := s.Container(id)
		return ok && c.State == engine.StateRunning
	})
	if out, err := exec.Command("docker", "stop", "-t", "5", cname).CombinedOutput(); err != nil {
		t.Fatalf("docker stop: %v %s", err, out)
	}
	snap := rec.Wait(t, "exited row", func(s engine.Snapshot) bool {
		c, ok := s.Container(id)
		return ok && c.State == engine.StateExited
	})
	c, _ := snap.Container(id)
	if !strings.HasPrefix(c.Status, "Exited (0)") {
		t.Errorf("status %q", c.Status)
	}
	// The event's targeted refresh reads "Exited (0) Less than a second ago":
	// the exit time is known to the second, so the status ages ("Exited (0)
	// 2 minutes ago" two minutes later).
	if d := time.Since(c.StateSince); d < 0 || d > 30*time.Second {
		t.Errorf("StateSince %v is %v ago", c.StateSince, d)
	}
	if got := c.StatusAt(c.StateSince.Add(2 * time.Minute)); got != "Exited (0) 2 minutes ago" {
		t.Errorf("aged status %q", got)
	}
	if out, err := exec.Command("docker", "rm", cname).CombinedOutput(); err != nil {
		t.Fatalf("docker rm: %v %s", err, out)
	}
	rec.Wait(t, "row gone", func(s engine.Snapshot) bool { _, ok := s.Container(id); return !ok })
}

// TestRealLogs: docker logs, demultiplexed, then followed.
func TestRealLogs(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	port := testbed.FreePort(t)
	id, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: testbed.WebImage(t), Name: testName(t, "logs"),
		Ports: []string{fmt.Sprintf("127.0.0.1:%d:80", port)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	testbed.Get(t, fmt.Sprintf("http://127.0.0.1:%d/first", port))
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lines, err := eng.Logs.ContainerLogs(fctx, id, engine.LogOptions{Follow: true})
	if err != nil {
		t.Fatal(err)
	}
	waitLine := func(substr string) engine.LogLine {
		t.Helper()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("log stream ended before %q", substr)
				}
				if strings.Contains(l.Text, substr) {
					return l
				}
			case <-timeout:
				t.Fatalf("no log line with %q", substr)
			}
		}
	}
	l := waitLine("/first")
	if l.Time.IsZero() || l.Stderr {
		t.Errorf("line = %+v", l)
	}
	testbed.Get(t, fmt.Sprintf("http://127.0.0.1:%d/second", port))
	waitLine("/second")
	cancel()
	for range lines { // the stream closes after cancel
	}
	if _, err := eng.Logs.ContainerLogs(ctx, testbed.Prefix+"no-such", engine.LogOptions{}); !engine.IsKind(err, engine.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
}

// TestRealImageTagRemoved: `docker rmi -f` of the tag a running container was
// made from leaves the container's image untagged; its Image is then what
// docker ps shows (the short ID), in the lists and in the store, which hears
// only image events.
func TestRealImageTagRemoved(t *testing.T) {
	eng := realEngine(t)
	ctx := ctxT(t)
	ref := testbed.PushCopy(t, testbed.WebImage(t), "untag")
	var imageID string
	t.Cleanup(func() { // after the container's removal
		if imageID != "" {
			_ = exec.Command("docker", "rmi", "-f", imageID).Run()
		}
	})
	cname := testName(t, "untag")
	id, err := eng.Containers.ContainerRun(ctx, engine.RunSpec{Image: ref, Name: cname}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(eng, store.Options{})
	rec := enginetest.NewRecorder(st)
	go st.Run(ctx)
	snap := rec.Wait(t, "the container by its tag", func(s engine.Snapshot) bool {
		c, ok := s.Container(id)
		return ok && c.Image == ref
	})
	c, _ := snap.Container(id)
	imageID = c.ImageID

	if out, err := exec.Command("docker", "rmi", "-f", ref).CombinedOutput(); err != nil {
		t.Fatalf("docker rmi -f: %v %s", err, out)
	}
	out, err := exec.Command("docker", "ps", "--filter", "id="+id, "--format", "{{.Image}}").Output()
	if err != nil {
		t.Fatalf("docker ps: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if want != engine.ShortID(imageID) {
		t.Fatalf("docker ps shows %q, want the short ID %s", want, engine.ShortID(imageID))
	}
	rec.Wait(t, "the container by its image ID in the store", func(s engine.Snapshot) bool {
		c, ok := s.Container(id)
		return ok && c.Image == want
	})
	cs, err := eng.Containers.ContainerList(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := find(cs, cname); c.Image != want {
		t.Errorf("ContainerList: Image %q, want %q", c.Image, want)
	}
}
