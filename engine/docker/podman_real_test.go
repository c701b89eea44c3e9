//go:build e2e

package docker_test

// Podman 4.3's Docker API (scripts/engines.sh runs `podman system service`
// in its own network namespace): what Berth does there, and where Podman
// differs from dockerd.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/image"

	"berth/engine"
	"berth/engine/docker"
	"berth/engine/enginetest"
	"berth/engine/store"
	"berth/gui/present"
	"berth/internal/testbed"
)

func TestPodman(t *testing.T) {
	bed := testbed.EnginesBed(t)
	web := testbed.WebImage(t)
	// Podman names images built or loaded without a registry localhost/NAME,
	// and Docker Hub's docker.io/library/NAME: Berth shows NAME.
	local, hub := "berthtest-podweb:1", "berthtest-podlib:1"
	testbed.LoadInto(t, bed.Podman, web, "localhost/"+local, hub)
	raw := testbed.HostClient(t, bed.Podman)
	c := docker.New(engine.Endpoint{Host: bed.Podman})
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	info, err := c.System.Info(ctx)
	if err != nil || !info.Podman() || info.Product != "Podman" || !strings.HasPrefix(info.Version, "4.3") {
		t.Fatalf("Info = %+v, %v", info, err)
	}
	t.Logf("Podman %s, API %s", info.Version, info.APIVersion)

	name := testbed.Name(t, "podman-web")
	second := name + "-b"
	defer func() {
		for _, n := range []string{name, second} {
			raw.ContainerRemove(context.Background(), n, container.RemoveOptions{Force: true})
		}
		raw.ImageRemove(context.Background(), "localhost/"+local, image.RemoveOptions{})
		raw.ImageRemove(context.Background(), hub, image.RemoveOptions{})
	}()
	port := testbed.FreePort(t)
	id, err := c.Containers.ContainerRun(ctx, engine.RunSpec{Image: "localhost/" + local, Name: name, Ports: []string{fmt.Sprintf("%d:80", port)}}, nil)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	list, err := c.Containers.ContainerListByID(ctx, id)
	if err != nil || len(list) != 1 {
		t.Fatalf("list: %v %v", list, err)
	}
	ctr := list[0]
	if ctr.Image != local || ctr.State != engine.StateRunning {
		t.Errorf("container image %q (want %q, without localhost/), state %s", ctr.Image, local, ctr.State)
	}
	if got, want := present.FormatPorts(ctr.Ports), fmt.Sprintf("0.0.0.0:%d->80/tcp", port); got != want {
		t.Errorf("ports %q, want %q as docker ps prints it", got, want)
	}
	images, err := c.Images.ImageList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for short, full := range map[string]string{"berthtest-podweb": "localhost/" + local, "berthtest-podlib": "docker.io/library/" + hub} {
		i := slices.IndexFunc(images, func(im engine.Image) bool { return im.Repository == short && im.Ref() == full })
		if i < 0 || images[i].Ref() != full {
			t.Errorf("images: %s shows as %s, acts as %s: %+v", full, short, full, images)
		}
	}

	// Podman's own words, classified (recorded in errors_test.go).
	record := func(what string, err error, want engine.ErrorKind) *engine.Error {
		t.Helper()
		t.Logf("recorded podman %s: %q", what, engine.Raw(err))
		e := engine.AsError(err)
		if e == nil || e.Kind != want {
			t.Errorf("%s: %v (kind %v), want %v", what, err, engine.KindOf(err), want)
			return &engine.Error{}
		}
		return e
	}
	_, err = c.Containers.ContainerRun(ctx, engine.RunSpec{Image: local, Name: name}, nil)
	record("name in use", err, engine.ErrNameInUse)
	_, err = c.Containers.ContainerRun(ctx, engine.RunSpec{Image: local, Name: second, Ports: []string{fmt.Sprintf("%d:80", port)}}, nil)
	record("port in use", err, engine.ErrPortAllocated)
	raw.ContainerRemove(ctx, second, container.RemoveOptions{Force: true})
	record("remove running", c.Containers.ContainerRemove(ctx, name, engine.RemoveOptions{}), engine.ErrMustStop)
	record("no such container", c.Containers.ContainerStart(ctx, "berthtest-nope"), engine.ErrNotFound)
	_, err = c.Images.ImageRemove(ctx, "berthtest-nope:1", false)
	record("no such image", err, engine.ErrNotFound)
	// By ID: Podman refuses (the image has several tags), and forcing would
	// delete the container: Berth says so.
	_, err = c.Images.ImageRemove(ctx, engine.ShortID(images[0].ID), false)
	e := record("image in use", err, engine.ErrImageInUse)
	if !e.ForceRemovesUsers || !slices.Contains(e.Users, engine.ShortID(id)) || e.CannotForce {
		t.Errorf("Podman's image in use must say force deletes %s: %+v", engine.ShortID(id), e)
	}

	// Stop and remove.
	if err := c.Containers.ContainerStop(ctx, name, nil); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if l, _ := c.Containers.ContainerListByID(ctx, id); len(l) != 1 || l[0].State != engine.StateExited {
		t.Errorf("after stop: %+v", l)
	}
	if err := c.Containers.ContainerRemove(ctx, name, engine.RemoveOptions{}); err != nil {
		t.Fatalf("remove: %v", err)
	}

	// A pull from the registry: sane progress.
	ref := testbed.PushCopy(t, web, "podpull")
	defer raw.ImageRemove(context.Background(), ref, image.RemoveOptions{Force: true})
	var last engine.PullProgress
	n := 0
	if err := c.Images.ImagePull(ctx, ref, func(p engine.PullProgress) { last = p; n++ }); err != nil {
		t.Fatalf("pull %s: %v", ref, err)
	}
	t.Logf("pull: %d updates, last %+v", n, last)
	if !last.Done || last.Fraction != 1 || len(last.Layers) != 1 {
		t.Errorf("pull progress: %+v (one layer, the config blob left out)", last)
	}
	for _, l := range last.Layers {
		if l.Status != engine.LayerComplete && l.Status != engine.LayerExists {
			t.Errorf("layer %s left at %s after the pull", l.ID, l.Status)
		}
	}
	// An insecure registry that registries.conf does not name.
	err = c.Images.ImagePull(ctx, strings.Replace(ref, "localhost:", "127.0.0.1:", 1), nil)
	record("insecure registry", err, engine.ErrRegistryInsecure)
}

// TestPodmanTutorial replays the tutorial on Podman as on dockerd.
func TestPodmanTutorial(t *testing.T) {
	bed := testbed.EnginesBed(t)
	c := docker.New(engine.Endpoint{Host: bed.Podman})
	defer c.Close()
	raw := testbed.HostClient(t, bed.Podman)
	name := testbed.Name(t, "h1-podman-webserver")
	t.Cleanup(func() { raw.ContainerRemove(context.Background(), name, container.RemoveOptions{Force: true}) })
	replayTutorial(t, c, name, bed.PodmanGet, true)
}

// TestPodmanStoreFollows: the store follows Podman's events (which name a
// container's end "remove"): a container another client runs, stops and
// removes shows, exits and goes.
func TestPodmanStoreFollows(t *testing.T) {
	bed := testbed.EnginesBed(t)
	web := testbed.WebImage(t)
	testbed.LoadInto(t, bed.Podman, web)
	c := docker.New(engine.Endpoint{Host: bed.Podman})
	defer c.Close()
	raw := testbed.HostClient(t, bed.Podman)
	ctx := ctxT(t)
	st := store.New(c, store.Options{})
	rec := enginetest.NewRecorder(st)
	go st.Run(ctx)
	rec.Wait(t, "connected", func(s engine.Snapshot) bool { return s.Reachable })

	name := testbed.Name(t, "podman-live")
	t.Cleanup(func() { raw.ContainerRemove(context.Background(), name, container.RemoveOptions{Force: true}) })
	created, err := raw.ContainerCreate(ctx, &container.Config{Image: web}, nil, nil, nil, name)
	if err != nil {
		t.Fatal(err)
	}
	if err := raw.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	rec.Wait(t, "running row", func(s engine.Snapshot) bool {
		c, ok := s.Container(created.ID)
		return ok && c.State == engine.StateRunning
	})
	timeout := 1
	if err := raw.ContainerStop(ctx, created.ID, container.StopOptions{Timeout: &timeout}); err != nil {
		t.Fatal(err)
	}
	rec.Wait(t, "exited row", func(s engine.Snapshot) bool {
		c, ok := s.Container(created.ID)
		return ok && c.State == engine.StateExited
	})
	if err := raw.ContainerRemove(ctx, created.ID, container.RemoveOptions{}); err != nil {
		t.Fatal(err)
	}
	snap := rec.Wait(t, "row gone", func(s engine.Snapshot) bool { _, ok := s.Container(created.ID); return !ok })
	if !slices.ContainsFunc(rec.Changes(), func(ch engine.Change) bool { return slices.Contains(ch.Removed, created.ID) }) {
		t.Errorf("no change named the removed container (snapshot %d)", snap.Seq)
	}
}
