package testbed

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"
)

// DetailsContainer creates a container of WebImage (shell-less) for the
// details view's tests, named Name(t, base), started if run: env
// GREETING=hello and DB_PASSWORD=hunter2, label berth.test=details, a
// read-write bind of rwDir at /data, a read-only bind at /ro (holding
// ro.txt), and port 80 published on 127.0.0.1:port. It is removed when
// the test ends.
func DetailsContainer(t testing.TB, base string, run bool) (id, rwDir string, port int) {
	t.Helper()
	cli := Client(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	img := WebImage(t)
	rwDir, roDir := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(roDir, "ro.txt"), []byte("read only\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	port = FreePort(t)
	name := Name(t, base)
	cfg := &container.Config{Image: img, Env: []string{"GREETING=hello", "DB_PASSWORD=hunter2"},
		Labels: map[string]string{"berth.test": "details"}, ExposedPorts: nat.PortSet{"80/tcp": {}}}
	hc := &container.HostConfig{Binds: []string{rwDir + ":/data", roDir + ":/ro:ro"},
		PortBindings: nat.PortMap{"80/tcp": {{HostIP: "127.0.0.1", HostPort: strconv.Itoa(port)}}}}
	cr, err := cli.ContainerCreate(ctx, cfg, hc, nil, nil, name)
	if err != nil {
		t.Fatal(err)
	}
	if run {
		if err := cli.ContainerStart(ctx, cr.ID, container.StartOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	return cr.ID, rwDir, port
}
