package docker

import (
	"net"
	"os"
	"path/filepath"
	"testing"

	"berth/engine"
)

// cleanEnv clears what the docker CLI reads, so that the machine's own
// environment does not leak into a test.
func cleanEnv(t *testing.T) {
	t.Helper()
	for _, k := range []string{"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH", "DOCKER_CONFIG"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
}

func testStore(t *testing.T, dir string) *endpointStore {
	s := NewEndpointStore(dir).(*endpointStore)
	s.defaultSocket = filepath.Join(t.TempDir(), "docker.sock") // missing unless a test makes it
	s.candidates = func() []socketCandidate { return nil }
	return s
}

func TestResolveOrder(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	s := testStore(t, dir)

	ep, err := s.Resolve()
	if err != nil || ep.Host != "unix://"+s.defaultSocket || ep.Source != engine.SourceDefault || ep.Name != "default" {
		t.Fatalf("nothing configured: %+v, %v", ep, err)
	}
	for _, c := range []struct{ name, host string }{{"one", "tcp://127.0.0.1:23751"}, {"two", "ssh://me@example.org"}} {
		if err := s.Add(engine.Endpoint{Name: c.name, Host: c.host}, "the "+c.name); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Use("one"); err != nil {
		t.Fatal(err)
	}
	if ep, err = s.Resolve(); err != nil || ep.Name != "one" || ep.Host != "tcp://127.0.0.1:23751" || ep.Source != engine.SourceConfig {
		t.Fatalf("after use one: %+v, %v", ep, err)
	}
	t.Setenv("DOCKER_CONTEXT", "two")
	if ep, err = s.Resolve(); err != nil || ep.Name != "two" || ep.Source != engine.SourceContextEnv {
		t.Fatalf("DOCKER_CONTEXT=two: %+v, %v", ep, err)
	}
	t.Setenv("DOCKER_HOST", "tcp://127.0.0.1:2999")
	if ep, err = s.Resolve(); err != nil || ep.Name != "default" || ep.Host != "tcp://127.0.0.1:2999" || ep.Source != engine.SourceHost || ep.TLS != nil {
		t.Fatalf("DOCKER_HOST: %+v, %v", ep, err)
	}
	t.Setenv("DOCKER_HOST", "")
	t.Setenv("DOCKER_CONTEXT", "gone")
	ep, err = s.Resolve()
	if e := engine.AsError(err); e == nil || e.Kind != engine.ErrContextNotFound || e.Ref != "gone" || e.What != engine.SourceContextEnv || ep.Err != err {
		t.Fatalf("missing context: %+v, %v", ep, err)
	}
	c := New(ep)
	if _, err := c.System.Info(t.Context()); !engine.IsKind(err, engine.ErrContextNotFound) {
		t.Fatalf("client of a missing context: %v", err)
	}

	list, err := s.List()
	if err != nil || len(list) != 3 || !list[0].Default || list[1].Endpoint.Name != "one" || list[1].Description != "the one" || list[2].Endpoint.Host != "ssh://me@example.org" {
		t.Fatalf("list: %+v, %v", list, err)
	}
	if list[1].Current || list[2].Current || list[0].Current {
		t.Fatalf("DOCKER_CONTEXT=gone marks no entry current: %+v", list)
	}
	if err := s.Remove("one"); err != nil {
		t.Fatal(err)
	}
	if s.configFile().CurrentContext != "" {
		t.Fatal("removing the current context did not reset it")
	}
	if err := s.Remove("default"); !engine.IsKind(err, engine.ErrInvalidName) {
		t.Fatalf("remove default: %v", err)
	}
	if err := s.Use("nope"); !engine.IsKind(err, engine.ErrContextNotFound) {
		t.Fatalf("use nope: %v", err)
	}
	if err := s.Add(engine.Endpoint{Name: "two", Host: "tcp://1.2.3.4:1"}, ""); !engine.IsKind(err, engine.ErrNameInUse) {
		t.Fatalf("add twice: %v", err)
	}
	if err := s.Add(engine.Endpoint{Name: "bad name", Host: "tcp://1.2.3.4:1"}, ""); !engine.IsKind(err, engine.ErrInvalidName) {
		t.Fatalf("bad name: %v", err)
	}
	if err := s.Add(engine.Endpoint{Name: "nohost", Host: "example.org"}, ""); !engine.IsKind(err, engine.ErrEndpoint) {
		t.Fatalf("no scheme: %v", err)
	}
}

func TestResolveTLSAsTheCLI(t *testing.T) {
	cleanEnv(t)
	certs := t.TempDir()
	for _, f := range []string{"ca.pem", "cert.pem", "key.pem"} {
		if err := os.WriteFile(filepath.Join(certs, f), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s := testStore(t, t.TempDir())
	t.Setenv("DOCKER_HOST", "tcp://127.0.0.1:2376")
	t.Setenv("DOCKER_CERT_PATH", certs)
	if ep, _ := s.Resolve(); ep.TLS != nil {
		t.Fatalf("DOCKER_CERT_PATH alone must not turn TLS on (the CLI speaks plain HTTP): %+v", ep.TLS)
	}
	t.Setenv("DOCKER_TLS", "1")
	if ep, _ := s.Resolve(); ep.TLS == nil || ep.TLS.Verify || ep.TLS.CAFile != filepath.Join(certs, "ca.pem") {
		t.Fatalf("DOCKER_TLS: %+v", ep.TLS)
	}
	t.Setenv("DOCKER_TLS_VERIFY", "1")
	os.Remove(filepath.Join(certs, "cert.pem"))
	ep, _ := s.Resolve()
	if ep.TLS == nil || !ep.TLS.Verify || ep.TLS.CertFile != "" {
		t.Fatalf("DOCKER_TLS_VERIFY: %+v", ep.TLS)
	}
	// The CA is not PEM: the client says so before any connection.
	if _, err := New(ep).System.Info(t.Context()); !engine.IsKind(err, engine.ErrTLSFiles) {
		t.Fatalf("bad CA: %v", err)
	}
	os.Remove(filepath.Join(certs, "ca.pem"))
	if _, err := New(ep).System.Info(t.Context()); !engine.IsKind(err, engine.ErrTLSFiles) {
		t.Fatalf("missing CA: %v", err)
	}
	t.Setenv("DOCKER_HOST", "")
	if ep, _ := s.Resolve(); ep.Host != "tcp://localhost:2376" {
		t.Fatalf("TLS without DOCKER_HOST defaults to tcp://localhost:2376 as the CLI: %v", ep.Host)
	}
}

func TestResolveFindsRootlessAndPodman(t *testing.T) {
	cleanEnv(t)
	run := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", run)
	s := NewEndpointStore(t.TempDir()).(*endpointStore)
	s.defaultSocket = filepath.Join(run, "missing.sock")
	if ep, _ := s.Resolve(); ep.Host != "unix://"+s.defaultSocket {
		t.Fatalf("nothing found: %+v", ep)
	}
	podman := filepath.Join(run, "podman", "podman.sock")
	os.MkdirAll(filepath.Dir(podman), 0o700)
	l, err := net.Listen("unix", podman)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ep, _ := s.Resolve()
	if ep.Host != "unix://"+podman || ep.Source != engine.SourcePodmanUser {
		t.Fatalf("podman socket: %+v", ep)
	}
	list, _ := s.List()
	if last := list[len(list)-1]; !last.Found || last.Endpoint.Host != "unix://"+podman {
		t.Fatalf("list: %+v", list)
	}
	// A configured DOCKER_HOST is never replaced by a found socket.
	t.Setenv("DOCKER_HOST", "unix://"+s.defaultSocket)
	if ep, _ := s.Resolve(); ep.Host != "unix://"+s.defaultSocket {
		t.Fatalf("DOCKER_HOST: %+v", ep)
	}
}
