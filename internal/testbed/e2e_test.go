//go:build e2e

package testbed

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
	"github.com/docker/go-connections/nat"
)

func TestNameAndFreePort(t *testing.T) {
	n := Name(t, "TestNameAndFreePort/sub")
	if !strings.HasPrefix(n, Prefix+"testnameandfreeport-sub-") || len(n) != len(Prefix+"testnameandfreeport-sub-")+6 {
		t.Errorf("Name = %q", n)
	}
	if n2 := Name(t, "TestNameAndFreePort/sub"); n2 == n {
		t.Errorf("Name twice gave %q both times", n)
	}
	if p := FreePort(t); p <= 0 || p > 65535 {
		t.Errorf("FreePort = %d", p)
	}
}

// TestImages builds and pushes both shared images, makes a copy of each that must be pulled,
// pulls it through the SDK, and runs the web server from it on a published port.
func TestImages(t *testing.T) {
	cli := Client(t)
	ctx := t.Context()

	web, big := WebImage(t), BigImage(t)
	if web != "localhost:5000/berthtest/web:1" || big != "localhost:5000/berthtest/big:1" {
		t.Fatalf("WebImage, BigImage = %q, %q", web, big)
	}
	for _, ref := range []string{web, big} {
		if registryLabel(ctx, ref, hashLabel) == "" {
			t.Errorf("the registry has no %s built by testbed", ref)
		}
		if _, err := cli.ImageInspect(ctx, ref); err != nil {
			t.Errorf("%s is not in the engine: %v", ref, err)
		}
	}
	// A second call in the same process is cheap and returns the same.
	if WebImage(t) != web {
		t.Fatal("WebImage changed")
	}

	webCopy := PushCopy(t, web, t.Name()+"-web")
	bigCopy := PushCopy(t, big, t.Name()+"-big")
	for _, ref := range []string{webCopy, bigCopy} {
		if !strings.HasPrefix(ref, Registry+"/berthtest/testimages-") || !strings.HasSuffix(ref, ":1") {
			t.Errorf("PushCopy ref = %q", ref)
		}
		if _, err := cli.ImageInspect(ctx, ref); !cerrdefs.IsNotFound(err) {
			t.Errorf("%s is in the engine right after PushCopy (err %v)", ref, err)
		}
	}

	// The big copy: several layers, of which the 3 fresh ones are downloaded with progress.
	msgs, err := pull(ctx, cli, bigCopy)
	if err != nil {
		t.Fatal(err)
	}
	layers, downloaded, progress := map[string]bool{}, map[string]bool{}, 0
	for _, m := range msgs {
		switch {
		case m.Status == "Pull complete" || m.Status == "Already exists":
			layers[m.ID] = true
		case m.Status == "Downloading" && m.Progress != nil:
			downloaded[m.ID] = true
			progress++
		case m.Status == "Extracting" && m.Progress != nil:
			progress++
		}
	}
	t.Logf("pull %s: %d messages, %d layers, %d downloaded, %d progress events", bigCopy, len(msgs), len(layers), len(downloaded), progress)
	if len(layers) != 1+padLayers || len(downloaded) != padLayers || progress < 2*padLayers {
		t.Errorf("pull of the big copy: %d layers, %d downloaded, %d progress events; want %d layers, %d downloaded, at least %d progress events",
			len(layers), len(downloaded), progress, 1+padLayers, padLayers, 2*padLayers)
	}
	bigID, copyID := imageID(t, cli, big), imageID(t, cli, bigCopy)
	if bigID == copyID {
		t.Errorf("the big copy has the same image ID as %s", big)
	}

	// The web copy: pull, RemoveLocal, pull again.
	if _, err := pull(ctx, cli, webCopy); err != nil {
		t.Fatal(err)
	}
	if imageID(t, cli, webCopy) == imageID(t, cli, web) {
		t.Errorf("the web copy has the same image ID as %s", web)
	}
	RemoveLocal(t, webCopy)
	if _, err := cli.ImageInspect(ctx, webCopy); !cerrdefs.IsNotFound(err) {
		t.Fatalf("%s is still in the engine after RemoveLocal (err %v)", webCopy, err)
	}
	RemoveLocal(t, webCopy) // not there: fine
	if _, err := pull(ctx, cli, webCopy); err != nil {
		t.Fatal(err)
	}

	// Run it as the tutorial runs nginx, on a port of 127.0.0.1.
	name, port := Name(t, "web"), FreePort(t)
	created, err := cli.ContainerCreate(ctx,
		&container.Config{Image: webCopy, ExposedPorts: nat.PortSet{"80/tcp": {}}},
		&container.HostConfig{PortBindings: nat.PortMap{"80/tcp": {{HostIP: "127.0.0.1", HostPort: strconv.Itoa(port)}}}},
		nil, nil, name)
	if err != nil {
		t.Fatal(err)
	}
	if err := cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	body := Get(t, base+"/")
	if !strings.Contains(body, "Welcome to Berth") {
		t.Errorf("GET / = %q, want the welcome page", body)
	}
	if body := Get(t, base+"/healthz"); strings.TrimSpace(body) != "ok" {
		t.Errorf("GET /healthz = %q", body)
	}

	// SIGTERM as PID 1: it exits at once, with 0.
	start := time.Now()
	timeout := 10
	if err := cli.ContainerStop(ctx, created.ID, container.StopOptions{Timeout: &timeout}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stop took %v: the web server ignores SIGTERM", d)
	}
	insp, err := cli.ContainerInspect(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if insp.State.Running || insp.State.ExitCode != 0 {
		t.Errorf("after stop: running %v, exit code %d; want exited with 0", insp.State.Running, insp.State.ExitCode)
	}
}

func TestRemoveContainersSparesOtherProcesses(t *testing.T) {
	cli := Client(t)
	ctx := t.Context()
	web := WebImage(t)

	// Another test process that is still running: an owner file locked by someone else (a
	// second open file description counts as someone else for flock).
	other := Prefix + "other-" + randomAlnum(6)
	path := filepath.Join(ownersDir(), fmt.Sprintf("other-%s", randomAlnum(6)))
	if err := os.MkdirAll(ownersDir(), 0o777); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close(); os.Remove(path) })
	if err := lockFile(f); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, other)
	t.Cleanup(func() {
		_ = cli.ContainerRemove(context.Background(), other, container.RemoveOptions{Force: true})
	})

	mine := Name(t, "mine")
	for _, n := range []string{mine, other} {
		if _, err := cli.ContainerCreate(ctx, &container.Config{Image: web}, nil, nil, nil, n); err != nil {
			t.Fatal(err)
		}
	}

	RemoveContainers(cli)

	if _, err := cli.ContainerInspect(ctx, mine); !cerrdefs.IsNotFound(err) {
		t.Errorf("RemoveContainers left this process's %s (err %v)", mine, err)
	}
	if _, err := cli.ContainerInspect(ctx, other); err != nil {
		t.Errorf("RemoveContainers removed %s of a running process: %v", other, err)
	}

	// Once that process is gone, its containers are leftovers.
	f.Close()
	RemoveContainers(cli)
	if _, err := cli.ContainerInspect(ctx, other); !cerrdefs.IsNotFound(err) {
		t.Errorf("RemoveContainers left %s of a process that is gone (err %v)", other, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the owner file of a process that is gone is still there (err %v)", err)
	}
}

func imageID(t *testing.T, cli *client.Client, ref string) string {
	t.Helper()
	insp, err := cli.ImageInspect(t.Context(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return insp.ID
}
