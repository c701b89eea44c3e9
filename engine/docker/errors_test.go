package docker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"

	"berth/engine"
)

const (
	docker2010    = "docker 20.10.24"                         // recorded against the test bed's dockerd (SDK v28 client)
	podman43      = "podman 4.3.1"                            // recorded against scripts/engines.sh's Podman (Debian 12, runc)
	podmanSources = "podman 4.3, rootless/crun, not recorded" // as Podman's sources word it where the test bed cannot provoke it
)

// recorded is one answer of an engine, copied exactly from what it said
// when the situation was provoked for real (see the comments), with how
// Berth must classify it.
type recorded struct {
	engine string
	status int           // the daemon's HTTP status; 0 for a connection the client could not make
	dial   syscall.Errno // with status 0: why the connection failed
	host   string        // with status 0: the engine's address
	msg    string        // the daemon's message (status 0: the SDK's whole error text)
	ref    string        // what the call was about
	want   engine.Error  // Kind, Ref, What, Users, Port, CannotForce
}

var recordedMessages = []recorded{
	// docker create --name <taken>
	{engine: docker2010, status: 409, ref: "berthtest-h1-rec-a",
		msg:  `Conflict. The container name "/berthtest-h1-rec-a" is already in use by container "c8ce5c6f32d71a0412d8d289d631b3b605c399bece722e8f4eead08465cbcd2f". You have to remove (or rename) that container to be able to reuse that name.`,
		want: engine.Error{Kind: engine.ErrNameInUse, Ref: "berthtest-h1-rec-a", Users: []string{"c8ce5c6f32d7"}}},
	// docker run -p 127.0.0.1:18765:80 while another container publishes it
	{engine: docker2010, status: 500, ref: "berthtest-h1-rec-b",
		msg:  `driver failed programming external connectivity on endpoint berthtest-h1-rec-b (dc53e18a4b2229c143ce8e231292432b68103eca2d53b5a93b629ec1d39f873c): Bind for 127.0.0.1:18765 failed: port is already allocated`,
		want: engine.Error{Kind: engine.ErrPortAllocated, Ref: "berthtest-h1-rec-b", Port: "127.0.0.1:18765"}},
	// docker run -p 127.0.0.1:18766:80 while a host program listens there
	{engine: docker2010, status: 500, ref: "berthtest-h1-rec-c",
		msg:  `driver failed programming external connectivity on endpoint berthtest-h1-rec-c (7856d6ea6af836ed3ad3dbe45de93dcebe06a442421774c3dad2b245e5701045): Error starting userland proxy: listen tcp4 127.0.0.1:18766: bind: address already in use`,
		want: engine.Error{Kind: engine.ErrPortAllocated, Ref: "berthtest-h1-rec-c", Port: "127.0.0.1:18766"}},
	// docker create --name "-bad name"
	{engine: docker2010, status: 400, ref: "-bad name",
		msg:  `Invalid container name (-bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
		want: engine.Error{Kind: engine.ErrInvalidName, Ref: "-bad name"}},
	// docker rm <running>
	{engine: docker2010, status: 409, ref: "berthtest-h1-rec-g",
		msg:  `You cannot remove a running container 86b5bde145e23b20c8e037772c46d9d4fcfb298eaf2a416aa9658df89e3d447f. Stop the container before attempting removal or force remove`,
		want: engine.Error{Kind: engine.ErrMustStop, Ref: "berthtest-h1-rec-g"}},
	// docker rm <paused>
	{engine: docker2010, status: 409, ref: "berthtest-h1-rec-a",
		msg:  `You cannot remove a paused container c8ce5c6f32d71a0412d8d289d631b3b605c399bece722e8f4eead08465cbcd2f. Unpause and then stop the container before attempting removal or force remove`,
		want: engine.Error{Kind: engine.ErrMustStop, Ref: "berthtest-h1-rec-a"}},
	// docker rmi <tag> of an image a container uses (running or stopped)
	{engine: docker2010, status: 409, ref: "berthtest-h1-own:1",
		msg:  `conflict: unable to remove repository reference "berthtest-h1-own:1" (must force) - container 86b5bde145e2 is using its referenced image 83157ee85868`,
		want: engine.Error{Kind: engine.ErrImageInUse, Ref: "berthtest-h1-own:1", Users: []string{"86b5bde145e2"}}},
	// docker rmi [-f] <ID> of an image a running container uses
	{engine: docker2010, status: 409, ref: "83157ee85868",
		msg:  `conflict: unable to delete 83157ee85868 (cannot be forced) - image is being used by running container 86b5bde145e2`,
		want: engine.Error{Kind: engine.ErrImageInUse, Ref: "83157ee85868", Users: []string{"86b5bde145e2"}, CannotForce: true}},
	// docker rmi <ID> of an image a stopped container uses
	{engine: docker2010, status: 409, ref: "83157ee85868",
		msg:  `conflict: unable to delete 83157ee85868 (must be forced) - image is being used by stopped container 86b5bde145e2`,
		want: engine.Error{Kind: engine.ErrImageInUse, Ref: "83157ee85868", Users: []string{"86b5bde145e2"}}},
	// docker rmi <ID> of an image with several tags
	{engine: docker2010, status: 409, ref: "e4c4105672ae",
		msg:  `conflict: unable to delete e4c4105672ae (must be forced) - image is referenced in multiple repositories`,
		want: engine.Error{Kind: engine.ErrImageInUse, Ref: "e4c4105672ae"}},
	// docker start|stop|rm|logs|inspect <no such container>
	{engine: docker2010, status: 404, ref: "berthtest-h1-rec-nosuch",
		msg:  `No such container: berthtest-h1-rec-nosuch`,
		want: engine.Error{Kind: engine.ErrNotFound, Ref: "berthtest-h1-rec-nosuch", What: "container"}},
	// docker rmi <no such image>
	{engine: docker2010, status: 404, ref: "localhost:5000/berthtest/no-such-image:1",
		msg:  `No such image: localhost:5000/berthtest/no-such-image:1`,
		want: engine.Error{Kind: engine.ErrNotFound, Ref: "localhost:5000/berthtest/no-such-image:1", What: "image"}},
	// docker image inspect <no such image>
	{engine: docker2010, status: 404, ref: "localhost:5000/berthtest/no-such-image:1",
		msg:  `no such image: localhost:5000/berthtest/no-such-image:1: No such image: localhost:5000/berthtest/no-such-image:1`,
		want: engine.Error{Kind: engine.ErrNotFound, Ref: "localhost:5000/berthtest/no-such-image:1", What: "image"}},
	// docker pull <repository the registry does not have> (a missing tag says the same)
	{engine: docker2010, status: 404, ref: "localhost:5000/berthtest/nope:1",
		msg:  `manifest for localhost:5000/berthtest/nope:1 not found: manifest unknown: manifest unknown`,
		want: engine.Error{Kind: engine.ErrImageNotInRegistry, Ref: "localhost:5000/berthtest/nope:1"}},
	// docker pull from a registry whose name does not resolve
	{engine: docker2010, status: 500, ref: "berthtest-h1-nonexistent.invalid/x:1",
		msg:  `Get "https://berthtest-h1-nonexistent.invalid/v2/": dial tcp: lookup berthtest-h1-nonexistent.invalid on 10.255.255.53:53: no such host`,
		want: engine.Error{Kind: engine.ErrRegistryUnreachable, Ref: "berthtest-h1-nonexistent.invalid/x:1"}},
	// docker pull from Docker Hub with no network
	{engine: docker2010, status: 500, ref: "berthtestnope:1",
		msg:  `Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host`,
		want: engine.Error{Kind: engine.ErrRegistryUnreachable, Ref: "berthtestnope:1"}},
	// docker pull from a registry address where nothing listens
	{engine: docker2010, status: 500, ref: "127.0.0.1:5999/x:1",
		msg:  `Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused`,
		want: engine.Error{Kind: engine.ErrRegistryUnreachable, Ref: "127.0.0.1:5999/x:1"}},
	// docker run --entrypoint nosuchcmd
	{engine: docker2010, status: 400, ref: "berthtest-h1-rec-d",
		msg:  `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown`,
		want: engine.Error{Kind: engine.ErrCommandNotFound, Ref: "nosuchcmd"}},
	// docker run --entrypoint /nosuchcmd
	{engine: docker2010, status: 400, ref: "berthtest-h1-rec-d2",
		msg:  `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/nosuchcmd": stat /nosuchcmd: no such file or directory: unknown`,
		want: engine.Error{Kind: engine.ErrCommandNotFound, Ref: "/nosuchcmd"}},
	// docker create <FROM scratch image with no CMD>
	{engine: docker2010, status: 400, ref: "berthtest-h1-nocmd:1",
		msg:  `No command specified`,
		want: engine.Error{Kind: engine.ErrNoCommand, Ref: "berthtest-h1-nocmd:1"}},
	// docker pause <stopped container>: nothing Berth tells apart
	{engine: docker2010, status: 409, ref: "berthtest-h1-rec-a",
		msg:  `Container c8ce5c6f32d71a0412d8d289d631b3b605c399bece722e8f4eead08465cbcd2f is not running`,
		want: engine.Error{Kind: engine.ErrOther, Ref: "berthtest-h1-rec-a"}},

	// The client's own errors when it cannot connect (SDK v28).
	{engine: docker2010, dial: syscall.ENOENT, host: "unix:///nonexistent/berth.sock",
		msg:  `Cannot connect to the Docker daemon at unix:///nonexistent/berth.sock. Is the docker daemon running?`,
		want: engine.Error{Kind: engine.ErrUnreachable, Ref: "unix:///nonexistent/berth.sock"}},
	{engine: docker2010, dial: syscall.ECONNREFUSED, host: "tcp://127.0.0.1:5998",
		msg:  `Cannot connect to the Docker daemon at tcp://127.0.0.1:5998. Is the docker daemon running?`,
		want: engine.Error{Kind: engine.ErrUnreachable, Ref: "tcp://127.0.0.1:5998"}},
	// as a user outside the docker group
	{engine: docker2010, dial: syscall.EACCES, host: "unix:///var/run/docker.sock",
		msg:  `permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.51/info": dial unix /var/run/docker.sock: connect: permission denied`,
		want: engine.Error{Kind: engine.ErrPermission, Ref: "unix:///var/run/docker.sock"}},

	// Podman 4.3.1's Docker API (podman system service, runc), recorded
	// against scripts/engines.sh's Podman (TestPodman logs them).
	{engine: podman43, status: 500, ref: "berthtest-probe-a",
		msg:  `container create: creating container storage: the container name "berthtest-probe-a" is already in use by abb7cd14c121282ad0f131006d1c7dc668dac62c8f2a6c865c11a2c527ea0aca. You have to remove that container to be able to reuse that name: that name is already in use`,
		want: engine.Error{Kind: engine.ErrNameInUse, Ref: "berthtest-probe-a", Users: []string{"abb7cd14c121"}}},
	{engine: podman43, status: 500, ref: "berthtest-probe-a",
		msg:  `cannot remove container abb7cd14c121282ad0f131006d1c7dc668dac62c8f2a6c865c11a2c527ea0aca as it is running - running or paused containers cannot be removed without force: container state improper`,
		want: engine.Error{Kind: engine.ErrMustStop, Ref: "berthtest-probe-a"}},
	// podman: DELETE /images/<ID> (or its last tag) while a container uses it
	{engine: podman43, status: 409, ref: "caf707b91c92",
		msg:  `image caf707b91c92 is in use: image used by d1ad6ef8d7b3eee7f53a64cc12f0dedb159197045580e475038859798a1b5fb7: image is in use by a container: consider listing external containers and force-removing image`,
		want: engine.Error{Kind: engine.ErrImageInUse, Ref: "caf707b91c92", Users: []string{"d1ad6ef8d7b3"}}},
	{engine: podman43, status: 500, ref: "caf707b91c92",
		msg:  `unable to delete image "caf707b91c9270aaa0d8b996080d663b9c9c6fa54f16fc2ceb677fda70a6792f" by ID with more than one tag ([localhost:5000/berthtest/web:1 docker.io/library/berthtest-podweb:1]): please force removal`,
		want: engine.Error{Kind: engine.ErrImageInUse, Ref: "caf707b91c92"}},
	{engine: podman43, status: 404, ref: "berthtest-nope",
		msg:  `no container with name or ID "berthtest-nope" found: no such container`,
		want: engine.Error{Kind: engine.ErrNotFound, Ref: "berthtest-nope", What: "container"}},
	{engine: podman43, status: 404, ref: "berthtest-nope:1",
		msg:  `failed to find image berthtest-nope:1: docker.io/library/berthtest-nope:1: image not known`,
		want: engine.Error{Kind: engine.ErrNotFound, Ref: "berthtest-nope:1", What: "image"}},
	// Entrypoint ["nosuchcmd"] (Debian's podman runs runc, not crun)
	{engine: podman43, status: 500, ref: "berthtest-probe-y",
		msg:  `runc: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: OCI runtime attempted to invoke a command that was not found`,
		want: engine.Error{Kind: engine.ErrCommandNotFound, Ref: "nosuchcmd"}},
	{engine: podmanSources, status: 500, ref: "web",
		msg:  "crun: executable file `nosuchcmd` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found",
		want: engine.Error{Kind: engine.ErrCommandNotFound, Ref: "nosuchcmd"}},
	// -p 23801:80 while another container publishes it (rootful: no rootlessport)
	{engine: podman43, status: 500, ref: "berthtest-probe-b",
		msg:  `cannot listen on the TCP port: listen tcp4 :23801: bind: address already in use`,
		want: engine.Error{Kind: engine.ErrPortAllocated, Ref: "berthtest-probe-b", Port: "23801"}},
	{engine: podmanSources, status: 500, ref: "web",
		msg:  `rootlessport listen tcp 0.0.0.0:8080: bind: address already in use`,
		want: engine.Error{Kind: engine.ErrPortAllocated, Ref: "web", Port: "8080"}},
	// pull from a plain-HTTP registry registries.conf does not name
	{engine: podman43, status: 500, ref: "127.0.0.1:5000/berthtest/web:1",
		msg:  `initializing source docker://127.0.0.1:5000/berthtest/web:1: pinging container registry 127.0.0.1:5000: Get "https://127.0.0.1:5000/v2/": http: server gave HTTP response to HTTPS client`,
		want: engine.Error{Kind: engine.ErrRegistryInsecure, Ref: "127.0.0.1:5000/berthtest/web:1"}},
}

// daemonError is what the SDK makes of the daemon answering status with msg.
func daemonError(t *testing.T, status int, msg string) error {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
	}))
	defer srv.Close()
	cli, err := client.NewClientWithOpts(client.WithHost("tcp://" + srv.Listener.Addr().String()))
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	return cli.ContainerStart(context.Background(), "x", container.StartOptions{})
}

// dialError is what the SDK makes of a connection to host that fails with errno.
func dialError(t *testing.T, host string, errno syscall.Errno) error {
	t.Helper()
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "unix", Addr: &net.UnixAddr{Name: "/var/run/docker.sock", Net: "unix"},
			Err: os.NewSyscallError("connect", errno)}
	}}
	cli, err := client.NewClientWithOpts(client.WithHost(host), client.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	_, err = cli.Info(context.Background())
	return err
}

func TestClassifyRecordedMessages(t *testing.T) {
	for _, r := range recordedMessages {
		t.Run(r.engine+": "+r.msg, func(t *testing.T) {
			var sdkErr error
			host := "unix:///var/run/docker.sock"
			if r.status == 0 {
				host = r.host
				sdkErr = dialError(t, host, r.dial)
			} else {
				sdkErr = daemonError(t, r.status, r.msg)
			}
			err := classify(sdkErr, r.ref, host)
			e := engine.AsError(err)
			if e == nil {
				t.Fatalf("classify gave %T %v", err, err)
			}
			if raw := engine.Raw(err); raw != r.msg {
				t.Errorf("engine's words %q, want %q", raw, r.msg)
			}
			got := engine.Error{Kind: e.Kind, Ref: e.Ref, What: e.What, Users: e.Users, Port: e.Port, CannotForce: e.CannotForce}
			if got.Kind != r.want.Kind || got.Ref != r.want.Ref || got.What != r.want.What || !slices.Equal(got.Users, r.want.Users) ||
				got.Port != r.want.Port || got.CannotForce != r.want.CannotForce {
				t.Errorf("classified as %s %+v, want %s %+v", got.Kind, got, r.want.Kind, r.want)
			}
		})
	}
}

func TestClassifyPassesThrough(t *testing.T) {
	if classify(nil, "x", "h") != nil {
		t.Error("nil is not an error")
	}
	own := &engine.Error{Kind: engine.ErrInvalidPort, Ref: "99999:80"}
	if err := classify(own, "other", "h"); err != own {
		t.Errorf("an *engine.Error was classified again: %v", err)
	}
	err := classify(errors.Join(errors.New("request"), context.Canceled), "web", "h")
	if e := engine.AsError(err); e == nil || e.Kind != engine.ErrCanceled || e.Ref != "web" {
		t.Errorf("canceled = %v", err)
	}
	if k := engine.KindOf(classify(errors.New("something new"), "web", "h")); k != engine.ErrOther {
		t.Errorf("an unknown message is %s", k)
	}
}

func TestNewWithUnusableEndpoint(t *testing.T) {
	dir := t.TempDir() // no cert.pem in it
	ep := engine.Endpoint{Host: "tcp://127.0.0.1:2376", Source: "DOCKER_HOST",
		TLS: &engine.TLSFiles{CAFile: dir + "/ca.pem", CertFile: dir + "/cert.pem", KeyFile: dir + "/key.pem", Verify: true}}
	c := New(ep)
	defer c.Close()
	ctx := context.Background()
	check := func(what string, err error) {
		t.Helper()
		if e := engine.AsError(err); e == nil || e.Kind != engine.ErrTLSFiles || !engine.Unusable(err) || e.Ref != ep.Host || e.Err == nil {
			t.Errorf("%s: %v, want an ErrTLSFiles about %s", what, err, ep.Host)
		}
	}
	_, err := c.System.Info(ctx)
	check("info", err)
	_, err = c.Containers.ContainerList(ctx, true)
	check("list", err)
	check("start", c.Containers.ContainerStart(ctx, "x"))
	_, err = c.Images.ImageList(ctx)
	check("images", err)
	_, errs := c.Events.Events(ctx)
	check("events", <-errs)
	if c.Endpoint != ep {
		t.Errorf("endpoint %+v", c.Endpoint)
	}
}

func TestResolveEndpoint(t *testing.T) {
	cleanEnv(t)
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	if ep := ResolveEndpoint(); (ep.Host != client.DefaultDockerHost && ep.Name == "default") || ep.TLS != nil || ep.Err != nil {
		t.Errorf("default = %+v", ep)
	}
	t.Setenv("DOCKER_HOST", "tcp://10.0.0.2:2376")
	t.Setenv("DOCKER_CERT_PATH", "/certs")
	ep := ResolveEndpoint()
	// As the docker CLI: DOCKER_CERT_PATH alone does not turn TLS on.
	if ep.Host != "tcp://10.0.0.2:2376" || ep.Source != "DOCKER_HOST" || ep.TLS != nil {
		t.Errorf("from the environment = %+v %+v", ep, ep.TLS)
	}
	t.Setenv("DOCKER_TLS_VERIFY", "1")
	// The CLI drops a client certificate and key that do not exist, never the CA.
	if ep := ResolveEndpoint(); ep.TLS == nil || *ep.TLS != (engine.TLSFiles{CAFile: "/certs/ca.pem", Verify: true}) {
		t.Errorf("DOCKER_TLS_VERIFY: %+v", ep.TLS)
	}
}

// recordedConnect is a connection that failed before any daemon answered
// (ssh, TLS), recorded against scripts/engines.sh (TestReachEveryWay logs
// them): the SDK's "error during connect: Get URL: " prefix, then tail.
type recordedConnect struct {
	host string // the engine's address
	tail string // what the transport said
	want engine.Error
}

const sshFail = `command [ssh -o ConnectTimeout=30 -T -- %s docker '--host=unix:///work/wt/engines/.testenv/engines/docker.sock' system dial-stdio] has exited with exit status %d, make sure the URL is valid, and Docker 18.09 or later is installed on the remote host: stderr=`

func sshTail(alias string, status int, stderr string) string {
	return fmt.Sprintf(sshFail, alias, status) + stderr
}

var recordedConnects = []recordedConnect{
	// OpenSSH 9.2 through connhelper (ssh://alias/path/to/docker.sock)
	{host: "ssh://berth-ssh-unknown/s", tail: sshTail("berth-ssh-unknown", 255, "No ED25519 host key is known for berth-ssh and you have requested strict checking.\r\nHost key verification failed.\r\n"),
		want: engine.Error{Kind: engine.ErrSSHHostKey, Ref: "ssh://berth-ssh-unknown/s", What: "unknown"}},
	{host: "ssh://berth-ssh-changed/s", tail: sshTail("berth-ssh-changed", 255, "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\nIT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\r\nSomeone could be eavesdropping on you right now (man-in-the-middle attack)!\r\nIt is also possible that a host key has just been changed.\r\nThe fingerprint for the ED25519 key sent by the remote host is\nSHA256:pu8jJbdRknYpe1cfBxQg/P8AUuRe7abK5D4hEYPPdb0.\r\nPlease contact your system administrator.\r\nAdd correct host key in /work/wt/engines/.testenv/engines/ssh/known_hosts_changed to get rid of this message.\r\nOffending ED25519 key in /work/wt/engines/.testenv/engines/ssh/known_hosts_changed:1\r\n  remove with:\r\n  ssh-keygen -f \"/work/wt/engines/.testenv/engines/ssh/known_hosts_changed\" -R \"berth-ssh\"\r\nHost key for berth-ssh has changed and you have requested strict checking.\r\nHost key verification failed.\r\n"),
		want: engine.Error{Kind: engine.ErrSSHHostKey, Ref: "ssh://berth-ssh-changed/s", What: "changed"}},
	{host: "ssh://berth-ssh-badkey/s", tail: sshTail("berth-ssh-badkey", 255, "root@127.0.0.1: Permission denied (publickey).\r\n"),
		want: engine.Error{Kind: engine.ErrSSHAuth, Ref: "ssh://berth-ssh-badkey/s"}},
	{host: "ssh://berth-ssh-nodocker/s", tail: sshTail("berth-ssh-nodocker", 127, "/bin/sh: 1: docker: not found\n"),
		want: engine.Error{Kind: engine.ErrSSHNoDocker, Ref: "ssh://berth-ssh-nodocker/s"}},
	{host: "ssh://berth-ssh-refused/s", tail: sshTail("berth-ssh-refused", 255, "ssh: connect to host 127.0.0.1 port 23764: Connection refused\r\n"),
		want: engine.Error{Kind: engine.ErrSSHUnreachable, Ref: "ssh://berth-ssh-refused/s"}},
	// Go 1.26's crypto/tls against socat openssl-listen verify=1 (OpenSSL 3.0)
	{host: "tcp://127.0.0.1:23760", tail: "tls: failed to verify certificate: x509: certificate signed by unknown authority",
		want: engine.Error{Kind: engine.ErrTLSUnknownAuthority, Ref: "tcp://127.0.0.1:23760"}},
	{host: "tcp://127.0.0.1:23761", tail: "tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs",
		want: engine.Error{Kind: engine.ErrTLSWrongHost, Ref: "tcp://127.0.0.1:23761"}},
	{host: "tcp://localhost:23761", tail: "tls: failed to verify certificate: x509: certificate is valid for wrong.example, not localhost",
		want: engine.Error{Kind: engine.ErrTLSWrongHost, Ref: "tcp://localhost:23761"}},
	{host: "tcp://127.0.0.1:23760", tail: "remote error: tls: unknown certificate authority",
		want: engine.Error{Kind: engine.ErrTLSClientRejected, Ref: "tcp://127.0.0.1:23760"}},
	{host: "tcp://127.0.0.1:23760", tail: "remote error: tls: certificate required",
		want: engine.Error{Kind: engine.ErrTLSClientRejected, Ref: "tcp://127.0.0.1:23760"}},
	// plain HTTP to socat's TLS port (DOCKER_CERT_PATH without DOCKER_TLS_VERIFY, as the CLI)
	{host: "tcp://127.0.0.1:23760", tail: "read tcp 127.0.0.1:56936->127.0.0.1:23760: read: connection reset by peer",
		want: engine.Error{Kind: engine.ErrUnreachable, Ref: "tcp://127.0.0.1:23760"}},
}

func TestClassifyRecordedConnects(t *testing.T) {
	for _, r := range recordedConnects {
		t.Run(r.want.Kind.String()+" "+r.host, func(t *testing.T) {
			tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				return nil, errors.New(r.tail)
			}}
			cli, err := client.NewClientWithOpts(client.WithHost("tcp://127.0.0.1:1"), client.WithHTTPClient(&http.Client{Transport: tr}))
			if err != nil {
				t.Fatal(err)
			}
			defer cli.Close()
			_, sdkErr := cli.ServerVersion(context.Background())
			if !client.IsErrConnectionFailed(sdkErr) || !strings.HasSuffix(sdkErr.Error(), r.tail) {
				t.Fatalf("replay: %v", sdkErr)
			}
			e := engine.AsError(classify(sdkErr, "", r.host))
			if e == nil || e.Kind != r.want.Kind || e.Ref != r.want.Ref || e.What != r.want.What {
				t.Errorf("classified as %+v, want %s %+v", e, r.want.Kind, r.want)
			}
		})
	}
}

// TestClassifyPlainHTTPToTLS provokes for real what a TLS-only engine
// (dockerd --tlsverify, Go's net/http) answers to plain HTTP.
func TestClassifyPlainHTTPToTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	defer srv.Close()
	host := "tcp://" + srv.Listener.Addr().String()
	c := New(engine.Endpoint{Host: host})
	defer c.Close()
	_, err := c.System.Info(context.Background())
	if e := engine.AsError(err); e == nil || e.Kind != engine.ErrTLSExpected || e.Ref != host {
		t.Fatalf("plain HTTP to a TLS engine: %v (%s)", err, engine.KindOf(err))
	}
}

// TestAPITooOld: an engine that speaks an API older than Berth's minimum
// (here the client pinned to 1.38 through DOCKER_API_VERSION, as an old
// engine would negotiate it) is ErrAPITooOld, not a broken engine.
func TestAPITooOld(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Api-Version", "1.38")
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"Version": "18.06.3", "ApiVersion": "1.38", "MinAPIVersion": "1.12"})
	}))
	defer srv.Close()
	host := "tcp://" + srv.Listener.Addr().String()
	c := New(engine.Endpoint{Host: host})
	defer c.Close()
	info, err := c.System.Info(context.Background())
	if e := engine.AsError(err); e == nil || e.Kind != engine.ErrAPITooOld || e.What != "1.38" || info.Reachable || info.Version != "18.06.3" {
		t.Fatalf("old engine: %+v, %v", info, err)
	}
}

func TestPodmanPortOnAllAddresses(t *testing.T) {
	// Podman 4.3.1's /containers/json for -p 23801:80 (recorded): no IP.
	c := convertContainer(&container.Summary{ID: "abb7cd14c121282ad0f131006d1c7dc668dac62c8f2a6c865c11a2c527ea0aca",
		Names: []string{"/berthtest-probe-a"}, Image: "localhost/berthtest-podweb:1", State: "running",
		Ports: []container.Port{{PrivatePort: 80, PublicPort: 23801, Type: "tcp"}, {PrivatePort: 443, Type: "tcp"}}})
	if len(c.Ports) != 2 || c.Ports[0].HostIP != "0.0.0.0" || c.Ports[1].HostIP != "" || c.Image != "berthtest-podweb:1" {
		t.Errorf("ports %+v, image %q", c.Ports, c.Image)
	}
}
