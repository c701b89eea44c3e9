// Package docker is Berth's engine over the Docker SDK: the only package
// that imports it. Client implements every interface of package engine, one
// file per resource; errors.go classifies the engine's answers.
package docker

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/docker/cli/cli/connhelper"
	cdocker "github.com/docker/cli/cli/context/docker"
	"github.com/docker/docker/client"

	"berth/engine"
)

// Client is one engine over the Docker SDK.
type Client struct {
	cli *client.Client
	ep  engine.Endpoint
	// product is what /version said the engine is (productUnknown until
	// asked): Podman's Docker API differs from dockerd's (see isPodman).
	product atomic.Int32
}

const (
	productUnknown int32 = iota
	productDocker
	productPodman
)

func (d *Client) setProduct(name string) {
	if name == "Podman" {
		d.product.Store(productPodman)
	} else {
		d.product.Store(productDocker)
	}
}

// isPodman reports whether the engine is Podman's Docker API, asking
// /version once (Info tells it too).
func (d *Client) isPodman(ctx context.Context) bool {
	if p := d.product.Load(); p != productUnknown {
		return p == productPodman
	}
	v, err := d.cli.ServerVersion(ctx)
	if err != nil {
		return false
	}
	d.setProduct(product(v.Components))
	return d.product.Load() == productPodman
}

var (
	_ engine.SystemAPI    = (*Client)(nil)
	_ engine.EventAPI     = (*Client)(nil)
	_ engine.ContainerAPI = (*Client)(nil)
	_ engine.ImageAPI     = (*Client)(nil)
	_ engine.LogAPI       = (*Client)(nil)
)

// ResolveEndpoint is the engine the docker CLI would use now (see
// NewEndpointStore's Resolve: DOCKER_HOST, DOCKER_CONTEXT, the config's
// currentContext, the default socket, then rootless Docker's and Podman's).
// It always returns an endpoint: when it cannot be resolved, Err says why
// and New builds a client that returns Err from every call.
func ResolveEndpoint() engine.Endpoint {
	ep, err := NewEndpointStore("").Resolve()
	if err != nil && ep.Err == nil {
		ep.Err = err
	}
	return ep
}

// New builds the client of ep. It does not contact the engine, and it never
// fails: when ep cannot be used (ep.Err, a bad address, missing TLS files)
// every call of the client returns an *engine.Error saying why (ep.Err, or
// of kind ErrEndpoint or ErrTLSFiles), so that the window opens and says
// what is wrong.
func New(ep engine.Endpoint) *engine.Client {
	cli, err := newSDK(ep)
	if err != nil {
		e := engine.AsError(err)
		if e == nil {
			e = &engine.Error{Kind: engine.ErrEndpoint, Ref: ep.Host, Err: err}
		}
		u := unusable{e}
		return &engine.Client{Endpoint: ep, System: u, Events: u, Containers: u, Images: u, Logs: u,
			Volumes: u, Networks: u, Disk: u, ImageDetails: u, Inspect: u, Exec: u, Files: u, Stats: u, Swarm: u, History: u}
	}
	d := &Client{cli: cli, ep: ep}
	return &engine.Client{Endpoint: ep, System: d, Events: d, Containers: d, Images: d, Logs: d,
		Volumes: d, Networks: d, Disk: d, ImageDetails: d, Inspect: d, Exec: d, Files: d, Stats: d, Swarm: d, History: d, Closer: cli.Close}
}

// newSDK builds the SDK client of ep as the docker CLI builds its own
// (cli/context/docker's ClientOpts): ssh:// through `docker system
// dial-stdio` on the remote (connhelper, with the user's ssh config and
// agent), tcp:// with TLS when ep.TLS is set, verifying the server unless
// ep.TLS.Verify is off (DOCKER_TLS without DOCKER_TLS_VERIFY, or a
// context's skip-tls-verify), with API version negotiation.
func newSDK(ep engine.Endpoint) (*client.Client, error) {
	if ep.Err != nil {
		return nil, ep.Err
	}
	if err := ValidateHost(ep.Host); err != nil {
		return nil, err
	}
	if strings.HasPrefix(ep.Host, "ssh://") {
		return sshSDK(ep.Host)
	}
	cep := cdocker.Endpoint{EndpointMeta: cdocker.EndpointMeta{Host: ep.Host}}
	if ep.TLS != nil && !strings.HasPrefix(ep.Host, "ssh://") {
		data, err := readTLS(ep)
		if err != nil {
			return nil, err
		}
		cep.TLSData = data
		cep.SkipTLSVerify = !ep.TLS.Verify
	}
	opts, err := cep.ClientOpts()
	if err != nil {
		kind := engine.ErrEndpoint
		if cep.TLSData != nil {
			kind = engine.ErrTLSFiles
		}
		return nil, &engine.Error{Kind: kind, Ref: ep.Host, Err: err}
	}
	cli, err := client.NewClientWithOpts(opts...)
	if err == nil {
		largerReads(cli)
	}
	return cli, err
}

// largerReads has the client read the engine's answers 64 KiB at a time
// rather than net/http's 4 KiB: a long log streams as one chunk a line,
// and every read is a system call on a machine whose cores the engine
// needs to send it.
func largerReads(cli *client.Client) {
	if t, ok := cli.HTTPClient().Transport.(*http.Transport); ok {
		t.ReadBufferSize = 64 << 10
	}
}

// sshFlags are added to the user's ssh command line: a window has no
// terminal to answer ssh's questions in (an unknown host key, a key's
// passphrase without an agent), and ssh would wait on the terminal Berth
// was started from. With BatchMode ssh fails instead, and Berth says what
// to do (ErrSSHHostKey: connect once with ssh in a terminal).
var sshFlags = []string{"-o", "BatchMode=yes"}

// sshSDK is the client of an ssh:// host as the docker CLI makes it
// (cli/context/docker's ClientOpts: connhelper, `docker system dial-stdio`
// on the remote, no TLS, no proxy), with sshFlags.
func sshSDK(host string) (*client.Client, error) {
	helper, err := connhelper.GetConnectionHelperWithSSHOpts(host, sshFlags)
	if err != nil {
		return nil, &engine.Error{Kind: engine.ErrEndpoint, Ref: host, Err: err}
	}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := helper.Dialer(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return sshConn{c}, nil
	}
	return client.NewClientWithOpts(
		client.WithHTTPClient(&http.Client{Transport: &http.Transport{DialContext: dial}}),
		client.WithHost(helper.Host), client.WithDialContext(dial),
		client.WithVersionFromEnv(), client.WithAPIVersionNegotiation())
}

// sshConn is the connection through ssh's stdin and stdout (connhelper's
// commandconn). When ssh has already exited (the server refused, the host
// is unknown), a write fails with a bare "broken pipe" and what ssh said
// is lost; only a read reports ssh's exit and its stderr. A failed write
// therefore reads once to return ssh's words, which classify needs
// (stderr=ssh: connect to host ...).
type sshConn struct{ net.Conn }

// sshExitWait bounds the read after a failed write (commandconn itself
// waits up to 10 s for ssh to exit).
var sshExitWait = 3 * time.Second

func (c sshConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	if err == nil || !errors.Is(err, syscall.EPIPE) {
		return n, err
	}
	got := make(chan error, 1)
	go func() {
		_, rerr := c.Conn.Read(make([]byte, 1))
		got <- rerr
	}()
	select {
	case rerr := <-got:
		if rerr != nil && strings.Contains(rerr.Error(), "stderr=") {
			return n, rerr
		}
	case <-time.After(sshExitWait):
	}
	return n, err
}

// classify classifies an error about ref (see errors.go).
func (d *Client) classify(err error, ref string) error { return classify(err, ref, d.ep.Host) }

// unusable is the client of an endpoint that cannot be used: every call
// returns why.
type unusable struct{ err *engine.Error }

func (u unusable) Info(context.Context) (engine.Info, error) { return engine.Info{}, u.err }

func (u unusable) Events(context.Context) (<-chan engine.Event, <-chan error) {
	evs, errs := make(chan engine.Event), make(chan error, 1)
	close(evs)
	errs <- u.err
	return evs, errs
}

func (u unusable) ContainerList(context.Context, bool) ([]engine.Container, error) { return nil, u.err }

func (u unusable) ContainerListByID(context.Context, ...string) ([]engine.Container, error) {
	return nil, u.err
}

func (u unusable) ContainerStart(context.Context, string) error                   { return u.err }
func (u unusable) ContainerStop(context.Context, string, *time.Duration) error    { return u.err }
func (u unusable) ContainerRestart(context.Context, string, *time.Duration) error { return u.err }
func (u unusable) ContainerPause(context.Context, string) error                   { return u.err }
func (u unusable) ContainerUnpause(context.Context, string) error                 { return u.err }

func (u unusable) ContainerRemove(context.Context, string, engine.RemoveOptions) error { return u.err }

func (u unusable) ContainerRun(context.Context, engine.RunSpec, func(engine.PullProgress)) (string, error) {
	return "", u.err
}

func (u unusable) ImageList(context.Context) ([]engine.Image, error)                  { return nil, u.err }
func (u unusable) ImageExposedPorts(context.Context, string) ([]string, error)        { return nil, u.err }
func (u unusable) ImagePull(context.Context, string, func(engine.PullProgress)) error { return u.err }
func (u unusable) ImageRemove(context.Context, string, bool) ([]string, error)        { return nil, u.err }

func (u unusable) ContainerHistory(context.Context, string, time.Time) ([]engine.HistoryEvent, error) {
	return nil, u.err
}

func (u unusable) ContainerLogs(context.Context, string, engine.LogOptions, func([]engine.LogLine)) error {
	return u.err
}
