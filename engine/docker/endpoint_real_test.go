//go:build e2e

package docker_test

// Tests against the second test bed (scripts/engines.sh): the engine the
// docker CLI picks, reached over its socket, TLS and ssh, and every way
// that goes wrong, provoked for real.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"

	"berth/engine"
	"berth/engine/docker"
	"berth/internal/testbed"
)

// privateCLI gives the test a private DOCKER_CONFIG (never the machine's
// ~/.docker) and an environment with nothing of the CLI's set, and returns
// a runner of the real docker CLI in it.
func privateCLI(t *testing.T) (dir string, cli func(args ...string) string) {
	t.Helper()
	dir = t.TempDir()
	for _, k := range []string{"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("DOCKER_CONFIG", dir)
	return dir, func(args ...string) string {
		t.Helper()
		out, err := exec.Command("docker", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
}

func TestEndpointFollowsTheCLI(t *testing.T) {
	bed := testbed.EnginesBed(t)
	dir, cli := privateCLI(t)
	cli("context", "create", "second", "--description", "the second engine", "--docker", "host="+bed.Docker)
	cli("context", "create", "viatls", "--docker", fmt.Sprintf("host=%s,ca=%s/ca.pem,cert=%s/cert.pem,key=%s/key.pem",
		bed.TLS, bed.Good, bed.Good, bed.Good))
	s := docker.NewEndpointStore("") // DOCKER_CONFIG, as the CLI

	resolve := func(want string, source string) engine.Endpoint {
		t.Helper()
		ep, err := s.Resolve()
		if err != nil || ep.Name != want || ep.Source != source {
			t.Fatalf("Resolve = %+v, %v; want context %q from %s", ep, err, want, source)
		}
		return ep
	}
	resolve("default", engine.SourceDefault)
	cli("context", "use", "second")
	if ep := resolve("second", engine.SourceConfig); ep.Host != bed.Docker {
		t.Fatalf("host %s", ep.Host)
	}
	t.Setenv("DOCKER_CONTEXT", "viatls")
	ep := resolve("viatls", engine.SourceContextEnv)
	if ep.TLS == nil || !ep.TLS.Verify || ep.TLS.CAFile == "" || ep.TLS.CertFile == "" {
		t.Fatalf("TLS of the context: %+v", ep.TLS)
	}
	t.Setenv("DOCKER_HOST", bed.Docker)
	resolve("default", engine.SourceHost)

	// DOCKER_CERT_PATH without DOCKER_TLS_VERIFY: as the CLI, no TLS at all
	// (the SDK's FromEnv would use TLS without checking the server): the TLS
	// engine does not answer plain HTTP. With DOCKER_TLS_VERIFY it does.
	t.Setenv("DOCKER_HOST", bed.TLS)
	t.Setenv("DOCKER_CERT_PATH", bed.Good)
	ep = resolve("default", engine.SourceHost)
	if _, err := docker.New(ep).System.Info(context.Background()); ep.TLS != nil || err == nil {
		t.Fatalf("DOCKER_CERT_PATH alone: TLS %+v, Info error %v", ep.TLS, err)
	}
	if out, err := exec.Command("docker", "version").CombinedOutput(); err == nil {
		t.Fatalf("the CLI connected with DOCKER_CERT_PATH alone:\n%s", out)
	}
	t.Setenv("DOCKER_TLS_VERIFY", "1")
	ep = resolve("default", engine.SourceHost)
	if info, err := docker.New(ep).System.Info(context.Background()); err != nil || !info.Reachable {
		t.Fatalf("DOCKER_TLS_VERIFY=1: %v", err)
	}
	cli("version")
	t.Setenv("DOCKER_CERT_PATH", bed.WrongCA)
	if _, err := docker.New(resolve("default", engine.SourceHost)).System.Info(context.Background()); !engine.IsKind(err, engine.ErrTLSUnknownAuthority) {
		t.Fatalf("DOCKER_TLS_VERIFY with another CA: %v", err)
	}
	for _, k := range []string{"DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"} {
		os.Unsetenv(k)
	}
	t.Setenv("DOCKER_HOST", bed.Docker)
	// The CLI agrees on every step: the context it names is the one Berth resolves.
	t.Setenv("DOCKER_HOST", "")
	os.Unsetenv("DOCKER_HOST")
	if out := cli("context", "show"); strings.TrimSpace(out) != "viatls" {
		t.Fatalf("docker context show = %q", out)
	}

	// Berth's Add and Use are the CLI's.
	if err := s.Add(engine.Endpoint{Name: "added", Host: bed.TLS,
		TLS: &engine.TLSFiles{CAFile: bed.Good + "/ca.pem", CertFile: bed.Good + "/cert.pem", KeyFile: bed.Good + "/key.pem", Verify: true}},
		"added by Berth"); err != nil {
		t.Fatal(err)
	}
	if out := cli("context", "ls", "--format", "{{.Name}} {{.DockerEndpoint}} {{.Description}}"); !strings.Contains(out, "added "+bed.TLS+" added by Berth") {
		t.Fatalf("docker context ls does not show the added context:\n%s", out)
	}
	os.Unsetenv("DOCKER_CONTEXT")
	if err := s.Use("added"); err != nil {
		t.Fatal(err)
	}
	if out := cli("context", "show"); strings.TrimSpace(out) != "added" {
		t.Fatalf("docker context show after Use = %q", out)
	}
	// The CLI itself reaches the engine through the context Berth wrote (its TLS files too).
	cli("--context", "added", "version")
	list, err := s.List()
	if err != nil || len(list) != 4 || !list[1].Current || list[1].Endpoint.Name != "added" {
		t.Fatalf("List = %+v, %v", list, err)
	}
	// Every engine of the list checked at once: default (the main engine),
	// added and viatls (TLS), second (its socket).
	infos := make([]engine.Info, len(list))
	docker.CheckEngines(context.Background(), list, 10*time.Second, func(i int, info engine.Info, err error) {
		if err != nil {
			t.Errorf("%s: %v", list[i].Endpoint, err)
		}
		infos[i] = info
	})
	for i, info := range infos {
		if !info.Reachable || info.Product != "Docker" || info.Version == "" {
			t.Errorf("%s: %+v", list[i].Endpoint, info)
		}
	}
	if err := s.Remove("added"); err != nil {
		t.Fatal(err)
	}
	if out := cli("context", "ls", "-q"); strings.Contains(out, "added") {
		t.Fatalf("removed context still listed:\n%s", out)
	}

	// A current context that does not exist: its own kind, and the CLI fails too.
	os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"currentContext":"gone"}`), 0o600)
	ep, err = s.Resolve()
	if e := engine.AsError(err); e == nil || e.Kind != engine.ErrContextNotFound || e.Ref != "gone" {
		t.Fatalf("missing context: %+v, %v", ep, err)
	}
	out, _ := exec.Command("docker", "ps").CombinedOutput()
	t.Logf("recorded (docker ps with currentContext gone): %s", out)
	c := docker.New(ep)
	if _, err := c.System.Info(context.Background()); !engine.IsKind(err, engine.ErrContextNotFound) {
		t.Fatalf("client: %v", err)
	}
}

// reach is one way to an engine and how Berth must classify its answer.
type reach struct {
	name string
	ep   engine.Endpoint
	want engine.ErrorKind // ErrOther: it works
}

func tlsFiles(dir string, verify bool) *engine.TLSFiles {
	return &engine.TLSFiles{CAFile: dir + "/ca.pem", CertFile: dir + "/cert.pem", KeyFile: dir + "/key.pem", Verify: verify}
}

func reaches(bed testbed.Engines) []reach {
	return []reach{
		{"tls", engine.Endpoint{Host: bed.TLS, TLS: tlsFiles(bed.Good, true)}, engine.ErrOther},
		{"tls localhost", engine.Endpoint{Host: strings.Replace(bed.TLS, "127.0.0.1", "localhost", 1), TLS: tlsFiles(bed.Good, true)}, engine.ErrOther},
		{"ssh", engine.Endpoint{Host: bed.SSH("berth-ssh")}, engine.ErrOther},
		{"tls unknown authority", engine.Endpoint{Host: bed.TLS, TLS: tlsFiles(bed.WrongCA, true)}, engine.ErrTLSUnknownAuthority},
		{"tls wrong host", engine.Endpoint{Host: bed.WrongName, TLS: tlsFiles(bed.Good, true)}, engine.ErrTLSWrongHost},
		{"tls wrong host name", engine.Endpoint{Host: strings.Replace(bed.WrongName, "127.0.0.1", "localhost", 1), TLS: tlsFiles(bed.Good, true)}, engine.ErrTLSWrongHost},
		{"tls client rejected", engine.Endpoint{Host: bed.TLS, TLS: tlsFiles(bed.Untrusted, true)}, engine.ErrTLSClientRejected},
		{"tls no client cert", engine.Endpoint{Host: bed.TLS, TLS: &engine.TLSFiles{CAFile: bed.NoCert + "/ca.pem", Verify: true}}, engine.ErrTLSClientRejected},
		{"tls files missing", engine.Endpoint{Host: bed.TLS, TLS: tlsFiles(filepath.Join(bed.Dir, "nonexistent"), true)}, engine.ErrTLSFiles},
		// DOCKER_CERT_PATH without DOCKER_TLS_VERIFY: as the CLI, plain HTTP, never TLS
		// without checking; socat resets it (dockerd itself answers "Client sent an HTTP
		// request to an HTTPS server": ErrTLSExpected, see errors_test.go).
		{"plain to tls", engine.Endpoint{Host: bed.TLS}, engine.ErrUnreachable},
		{"ssh host key unknown", engine.Endpoint{Host: bed.SSH("berth-ssh-unknown")}, engine.ErrSSHHostKey},
		{"ssh host key changed", engine.Endpoint{Host: bed.SSH("berth-ssh-changed")}, engine.ErrSSHHostKey},
		{"ssh auth", engine.Endpoint{Host: bed.SSH("berth-ssh-badkey")}, engine.ErrSSHAuth},
		{"ssh no docker", engine.Endpoint{Host: bed.SSH("berth-ssh-nodocker")}, engine.ErrSSHNoDocker},
		{"ssh refused", engine.Endpoint{Host: bed.SSH("berth-ssh-refused")}, engine.ErrSSHUnreachable},
	}
}

func TestReachEveryWay(t *testing.T) {
	bed := testbed.EnginesBed(t)
	t.Setenv("PATH", bed.SSHBin+":"+os.Getenv("PATH"))
	// A container of the second engine, which TLS and ssh must list.
	web := testbed.WebImage(t)
	testbed.LoadInto(t, bed.Docker, web)
	raw := testbed.HostClient(t, bed.Docker)
	name := testbed.Name(t, "second-engine")
	created, err := raw.ContainerCreate(context.Background(), &container.Config{Image: web}, &container.HostConfig{NetworkMode: "none"}, nil, nil, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.ContainerRemove(context.Background(), created.ID, container.RemoveOptions{Force: true}) })
	for _, r := range reaches(bed) {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			c := docker.New(r.ep)
			defer c.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			info, err := c.System.Info(ctx)
			if r.want == engine.ErrOther {
				if err != nil || !info.Reachable {
					t.Fatalf("%s: %v", r.ep.Host, err)
				}
				list, err := c.Containers.ContainerList(ctx, true)
				if err != nil || !slices.ContainsFunc(list, func(c engine.Container) bool { return c.ID == created.ID && c.Name == name }) {
					t.Fatalf("list of the second engine has no %s: %v", name, err)
				}
				return
			}
			e := engine.AsError(err)
			t.Logf("recorded %s: %q", r.name, engine.Raw(err))
			if e == nil || e.Kind != r.want {
				t.Fatalf("%s: %v (kind %v), want %v", r.ep.Host, err, engine.KindOf(err), r.want)
			}
			if e.Ref != r.ep.Host {
				t.Errorf("Ref %q, want %q", e.Ref, r.ep.Host)
			}
		})
	}
}

// TestProbeHelper is not a test: TestSocketDenied runs the test binary as a
// user without the docker group, and this reports what Berth saw.
func TestProbeHelper(t *testing.T) {
	host := os.Getenv("BERTH_PROBE_HOST")
	if host == "" {
		t.Skip("helper process")
	}
	_, err := docker.New(engine.Endpoint{Host: host}).System.Info(context.Background())
	json.NewEncoder(os.Stdout).Encode(map[string]string{"kind": engine.KindOf(err).String(), "raw": engine.Raw(err)})
}

func TestSocketDenied(t *testing.T) {
	bed := testbed.EnginesBed(t)
	u, err := user.Lookup(bed.NoDockerUser)
	if err != nil {
		t.Fatal(err)
	}
	// The test binary, where that user may run it.
	dir, err := os.MkdirTemp("", "berth-probe-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "probe.test")
	src, _ := os.Open(os.Args[0])
	dst, _ := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	io.Copy(dst, src)
	src.Close()
	dst.Close()
	cmd := exec.Command("setpriv", "--reuid="+u.Uid, "--regid="+u.Gid, "--clear-groups", bin, "-test.run=^TestProbeHelper$")
	cmd.Env = append(os.Environ(), "BERTH_PROBE_HOST="+bed.Docker)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("probe: %v\n%s", err, out)
	}
	var got map[string]string
	line, _, _ := strings.Cut(string(out), "\n")
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		t.Fatalf("probe said %q", out)
	}
	t.Logf("recorded socket denied: %q", got["raw"])
	if got["kind"] != engine.ErrPermission.String() {
		t.Fatalf("kind %s: %s", got["kind"], got["raw"])
	}
}
