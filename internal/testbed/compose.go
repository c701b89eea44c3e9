package testbed

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
)

// ComposeProjectLabel is the label compose puts on a project's containers and networks.
const ComposeProjectLabel = "com.docker.compose.project"

// ComposeProject returns a unique compose project name,
// "berthtest-<base>-<6 random letters and digits>", for a project of the
// given services. It records the names compose v2 and docker-compose 1.29
// give their containers (PROJECT-SERVICE-1, PROJECT_SERVICE_1) as this
// process's, so that other processes' RemoveContainers leave them alone,
// and when the test ends removes (forced) the project's containers and
// networks, found by their label: only this project's.
func ComposeProject(t testing.TB, base string, services ...string) string {
	t.Helper()
	project := Prefix + sanitize(base) + "-" + randomAlnum(6)
	own(project)
	for _, s := range services {
		own(project + "-" + s + "-1")
		own(project + "_" + s + "_1")
	}
	t.Cleanup(func() {
		cli, err := sharedClient()
		if err != nil {
			t.Errorf("testbed: remove compose project %s: %v", project, err)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		f := filters.NewArgs(filters.Arg("label", ComposeProjectLabel+"="+project))
		cs, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f})
		if err == nil {
			for _, c := range cs {
				_ = cli.ContainerRemove(ctx, c.ID, container.RemoveOptions{Force: true, RemoveVolumes: true})
			}
		}
		ns, err := cli.NetworkList(ctx, network.ListOptions{Filters: f})
		if err == nil {
			for _, n := range ns {
				_ = cli.NetworkRemove(ctx, n.ID)
			}
		}
	})
	return project
}

var composeHelper struct {
	sync.Once
	path string
	err  error
}

// ComposeHelper is Berth's compose helper (cmd/berth-compose): $BERTH_COMPOSE
// if set (make test builds it), else built once per process into a
// temporary directory; it also sets $BERTH_COMPOSE, where Berth looks first.
func ComposeHelper(t testing.TB) string {
	t.Helper()
	composeHelper.Do(func() {
		if p := os.Getenv("BERTH_COMPOSE"); p != "" {
			composeHelper.path = p
			return
		}
		dir, err := os.MkdirTemp("", "berth-compose-")
		if err != nil {
			composeHelper.err = err
			return
		}
		p := filepath.Join(dir, "berth-compose")
		gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(gobin); err != nil {
			gobin = "go"
		}
		out, err := exec.Command(gobin, "build", "-o", p, "berth/cmd/berth-compose").CombinedOutput()
		if err != nil {
			composeHelper.err = &buildError{err.Error() + ": " + string(out)}
			return
		}
		composeHelper.path = p
		os.Setenv("BERTH_COMPOSE", p)
	})
	if composeHelper.err != nil {
		t.Fatalf("testbed: build berth-compose: %v", composeHelper.err)
	}
	return composeHelper.path
}

type buildError struct{ out string }

func (e *buildError) Error() string { return strings.TrimSpace(e.out) }

// DockerCompose is Debian's docker-compose (1.29, the Python one):
// installed with apt-get when missing and the tests run as root, else the
// test is skipped.
func DockerCompose(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("docker-compose"); err == nil {
		return p
	}
	if os.Geteuid() != 0 {
		t.Skip("docker-compose is not installed (apt-get install docker-compose)")
	}
	withBuildLock(func() error {
		if _, err := exec.LookPath("docker-compose"); err == nil {
			return nil
		}
		cmd := exec.Command("apt-get", "install", "-y", "--no-install-recommends", "docker-compose")
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Logf("apt-get install docker-compose: %v: %s", err, out)
		}
		return nil
	})
	p, err := exec.LookPath("docker-compose")
	if err != nil {
		t.Fatal("docker-compose is missing and apt-get could not install it")
	}
	return p
}
