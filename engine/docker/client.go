// Package docker is Berth's engine over the Docker SDK: the only package
// that imports it. Client implements every interface of package engine, one
// file per resource; errors.go classifies the engine's answers.
package docker

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/docker/docker/client"
	"github.com/docker/go-connections/tlsconfig"

	"berth/engine"
)

// Client is one engine over the Docker SDK.
type Client struct {
	cli *client.Client
	ep  engine.Endpoint
}

var (
	_ engine.SystemAPI    = (*Client)(nil)
	_ engine.EventAPI     = (*Client)(nil)
	_ engine.ContainerAPI = (*Client)(nil)
	_ engine.ImageAPI     = (*Client)(nil)
	_ engine.LogAPI       = (*Client)(nil)
)

// ResolveEndpoint is the engine the environment names, as the docker CLI
// reads it: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, else the
// SDK's default socket.
func ResolveEndpoint() engine.Endpoint {
	ep := engine.Endpoint{Host: client.DefaultDockerHost, Source: "default socket"}
	if h := os.Getenv(client.EnvOverrideHost); h != "" {
		ep.Host, ep.Source = h, "DOCKER_HOST"
	}
	if dir := os.Getenv(client.EnvOverrideCertPath); dir != "" {
		ep.TLS = &engine.TLSFiles{
			CAFile:   filepath.Join(dir, "ca.pem"),
			CertFile: filepath.Join(dir, "cert.pem"),
			KeyFile:  filepath.Join(dir, "key.pem"),
			Verify:   os.Getenv(client.EnvTLSVerify) != "",
		}
	}
	return ep
}

// New builds the client of ep. It does not contact the engine, and it never
// fails: when ep cannot be used (a bad address, missing TLS files) every
// call of the client returns an *engine.Error of kind ErrEndpoint saying
// why, so that the window opens and says what is wrong.
func New(ep engine.Endpoint) *engine.Client {
	cli, err := newSDK(ep)
	if err != nil {
		u := unusable{&engine.Error{Kind: engine.ErrEndpoint, Ref: ep.Host, Err: err}}
		return &engine.Client{Endpoint: ep, System: u, Events: u, Containers: u, Images: u, Logs: u,
			Volumes: u, Networks: u, Disk: u, ImageDetails: u, Inspect: u, Exec: u, Files: u, Stats: u}
	}
	d := &Client{cli: cli, ep: ep}
	return &engine.Client{Endpoint: ep, System: d, Events: d, Containers: d, Images: d, Logs: d,
		Volumes: d, Networks: d, Disk: d, ImageDetails: d, Inspect: d, Exec: d, Files: d, Stats: d, Closer: cli.Close}
}

// newSDK builds the SDK client as client.FromEnv would from the same
// environment, with API version negotiation.
func newSDK(ep engine.Endpoint) (*client.Client, error) {
	var opts []client.Opt
	if ep.TLS != nil {
		// As the SDK's FromEnv: DOCKER_CERT_PATH without DOCKER_TLS_VERIFY
		// uses the certificates but does not verify the server's (issue 8
		// changes this).
		tlsc, err := tlsconfig.Client(tlsconfig.Options{CAFile: ep.TLS.CAFile, CertFile: ep.TLS.CertFile,
			KeyFile: ep.TLS.KeyFile, InsecureSkipVerify: !ep.TLS.Verify})
		if err != nil {
			return nil, err
		}
		opts = append(opts, client.WithHTTPClient(&http.Client{
			Transport: &http.Transport{TLSClientConfig: tlsc}, CheckRedirect: client.CheckRedirect}))
	}
	opts = append(opts, client.WithHost(ep.Host), client.WithVersionFromEnv(), client.WithAPIVersionNegotiation())
	return client.NewClientWithOpts(opts...)
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

func (u unusable) ContainerLogs(context.Context, string, engine.LogOptions, func([]engine.LogLine)) error {
	return u.err
}
