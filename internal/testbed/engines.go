package testbed

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/client"
)

// Engines is the second test bed of scripts/engines.sh (issue 8): a second dockerd reached over
// its socket, TCP+TLS and ssh, Podman 4.3's Docker API, and the ways each goes wrong.
type Engines struct {
	Dir string // the script's state folder, .testenv/engines

	// Docker is the second dockerd's socket, unix://.../docker.sock. Containers made there are
	// the tests' own: that engine is not the shared one (still remove what you make).
	Docker string
	// TLS is tcp://127.0.0.1:PORT, that engine behind socat openssl-listen verify=1 with a
	// server certificate for 127.0.0.1 and localhost; WrongName serves one for wrong.example.
	TLS, WrongName string
	// Cert folders (ca.pem, cert.pem, key.pem) for DOCKER_CERT_PATH or a context: Good works,
	// WrongCA has another CA, Untrusted a client certificate the server refuses, NoCert only the CA.
	Good, WrongCA, Untrusted, NoCert string

	// SSHBin is the folder to put first in PATH: its ssh runs /usr/bin/ssh with the test bed's
	// ssh config (the hosts of SSH).
	SSHBin string
	// Podman is Podman's Docker API socket, unix://.../podman.sock, in its own network
	// namespace; there localhost:5000 is the test bed's registry too.
	Podman string
	// NoDockerUser is a user that may not open Docker (the denied-socket case).
	NoDockerUser string
}

// SSH is the ssh:// address of the second dockerd through the ssh host alias of the test bed's
// ssh config: "berth-ssh" works; "berth-ssh-unknown" (no known host key), "berth-ssh-changed"
// (another host key), "berth-ssh-badkey" (a key the server refuses), "berth-ssh-nodocker" (no
// docker in PATH on the remote), "berth-ssh-refused" (nothing listens) fail as named.
func (e Engines) SSH(alias string) string {
	return "ssh://" + alias + strings.TrimPrefix(e.Docker, "unix://")
}

var engines struct {
	once sync.Once
	e    Engines
	err  error
}

// EnginesBed returns the second test bed, starting it with scripts/engines.sh up if it does
// not answer (make test starts it before the tests).
func EnginesBed(t testing.TB) Engines {
	t.Helper()
	engines.once.Do(func() { engines.e, engines.err = startEngines() })
	if engines.err != nil {
		t.Fatalf("testbed: %v", engines.err)
	}
	return engines.e
}

func startEngines() (Engines, error) {
	root, err := repoRoot()
	if err != nil {
		return Engines{}, err
	}
	dir := filepath.Join(root, ".testenv", "engines")
	if d := os.Getenv("BERTH_TESTENV_DIR"); d != "" {
		dir = filepath.Join(d, "engines")
	}
	if exec.Command("bash", filepath.Join(root, "scripts", "engines.sh"), "status").Run() != nil {
		out, err := exec.Command("bash", filepath.Join(root, "scripts", "engines.sh"), "up").CombinedOutput()
		if err != nil {
			return Engines{}, fmt.Errorf("scripts/engines.sh up: %v\n%s", err, out)
		}
	}
	ports, err := readEnv(filepath.Join(dir, "ports.env"))
	if err != nil {
		return Engines{}, fmt.Errorf("%v; run scripts/engines.sh up", err)
	}
	e := Engines{Dir: dir, Docker: "unix://" + filepath.Join(dir, "docker.sock"),
		TLS: "tcp://127.0.0.1:" + ports["TLS_PORT"], WrongName: "tcp://127.0.0.1:" + ports["WRONGNAME_PORT"],
		Good: filepath.Join(dir, "tls", "good"), WrongCA: filepath.Join(dir, "tls", "wrongca"),
		Untrusted: filepath.Join(dir, "tls", "untrusted"), NoCert: filepath.Join(dir, "tls", "nocert"),
		SSHBin: filepath.Join(dir, "bin"), Podman: "unix://" + filepath.Join(dir, "podman", "podman.sock"),
		NoDockerUser: ports["NOUSER"]}
	return e, nil
}

func readEnv(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			out[k] = v
		}
	}
	return out, sc.Err()
}

// HostClient is an SDK client of the engine at host (a unix:// socket of the second test bed),
// closed when the test ends.
func HostClient(t testing.TB, host string) *client.Client {
	t.Helper()
	cli, err := client.NewClientWithOpts(client.WithHost(host), client.WithAPIVersionNegotiation())
	if err != nil {
		t.Fatalf("testbed: client of %s: %v", host, err)
	}
	t.Cleanup(func() { _ = cli.Close() })
	return cli
}

// LoadInto copies the image ref from the main test engine into the engine at host (docker save
// | docker load), unless it is there already, and tags it as tags too.
func LoadInto(t testing.TB, host, ref string, tags ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dst := HostClient(t, host)
	if _, err := dst.ImageInspect(ctx, ref); err != nil {
		src := mustShared(t)
		rc, err := src.ImageSave(ctx, []string{ref})
		if err != nil {
			t.Fatalf("testbed: save %s: %v", ref, err)
		}
		defer rc.Close()
		resp, err := dst.ImageLoad(ctx, rc)
		if err != nil {
			t.Fatalf("testbed: load %s into %s: %v", ref, host, err)
		}
		_, _ = readStream(resp.Body)
		resp.Body.Close()
	}
	for _, tag := range tags {
		if err := dst.ImageTag(ctx, ref, tag); err != nil {
			t.Fatalf("testbed: tag %s as %s on %s: %v", ref, tag, host, err)
		}
	}
}

// PodmanGet is Get for a port Podman publishes: it fetches url from inside Podman's network
// namespace (nsenter ... curl), where its containers' ports are.
func (e Engines) PodmanGet(t testing.TB, url string) string {
	t.Helper()
	pid, err := os.ReadFile(filepath.Join(e.Dir, "podman", "podman.pid"))
	if err != nil {
		t.Fatalf("testbed: %v", err)
	}
	var out []byte
	for i := 0; i < 50; i++ { // the port answers a moment after the run returns
		if out, err = exec.Command("nsenter", "--net=/proc/"+strings.TrimSpace(string(pid))+"/ns/net",
			"curl", "-sf", "--max-time", "5", url).Output(); err == nil {
			return string(out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("testbed: GET %s in Podman's network namespace: %v", url, err)
	return ""
}
