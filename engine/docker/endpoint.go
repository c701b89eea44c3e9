package docker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/cli/cli/config"
	"github.com/docker/cli/cli/config/configfile"
	"github.com/docker/cli/cli/connhelper"
	ccontext "github.com/docker/cli/cli/context"
	cdocker "github.com/docker/cli/cli/context/docker"
	"github.com/docker/cli/cli/context/store"
	dopts "github.com/docker/cli/opts"
	"github.com/docker/docker/client"

	"berth/engine"
)

// The docker CLI's names: its built-in context, its environment, its files.
const (
	defaultContext = "default"
	envContext     = "DOCKER_CONTEXT"
	envConfig      = "DOCKER_CONFIG"
	envTLS         = "DOCKER_TLS" // TLS without verification, as the CLI's --tls
	// defaultDescription is how `docker context ls` describes the default context.
	defaultDescription = "Current DOCKER_HOST based configuration"
)

// contextMeta is the docker CLI's context metadata (its DockerContext) as
// far as Berth reads and writes it: the same JSON.
type contextMeta struct {
	Description string `json:",omitempty"`
}

var storeConfig = store.NewConfig(func() any { return &contextMeta{} },
	store.EndpointTypeGetter(cdocker.DockerEndpoint, func() any { return &cdocker.EndpointMeta{} }))

// socketCandidate is a place rootless Docker or Podman put their socket.
type socketCandidate struct{ path, source string }

// endpointStore is engine.EndpointStore over the docker CLI's config file and
// context store.
type endpointStore struct {
	dir string // the CLI's config folder; "" for DOCKER_CONFIG or ~/.docker, read on every call
	// defaultSocket and candidates are the CLI's default socket and where
	// rootless Docker and Podman put theirs (tests replace them).
	defaultSocket string
	candidates    func() []socketCandidate
}

// NewEndpointStore is the docker CLI's context store in configDir ("" for
// the CLI's own rule: DOCKER_CONFIG, else ~/.docker), read and written with
// the CLI's own packages, so that Berth picks the engine exactly as the
// docker CLI in the same environment would, and `docker context ls` shows
// what Berth adds.
func NewEndpointStore(configDir string) engine.EndpointStore {
	return &endpointStore{dir: configDir, defaultSocket: strings.TrimPrefix(client.DefaultDockerHost, "unix://"),
		candidates: defaultCandidates}
}

// defaultCandidates are rootless Docker's and Podman's sockets, in that order.
func defaultCandidates() []socketCandidate {
	var out []socketCandidate
	if run := os.Getenv("XDG_RUNTIME_DIR"); run != "" {
		out = append(out, socketCandidate{filepath.Join(run, "docker.sock"), engine.SourceRootless},
			socketCandidate{filepath.Join(run, "podman", "podman.sock"), engine.SourcePodmanUser})
	}
	return append(out, socketCandidate{"/run/podman/podman.sock", engine.SourcePodmanSystem})
}

// ConfigDir is the docker CLI's config folder: DOCKER_CONFIG, else ~/.docker.
func ConfigDir() string {
	if d := os.Getenv(envConfig); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = "/"
	}
	return filepath.Join(home, ".docker")
}

func (s *endpointStore) configDir() string {
	if s.dir != "" {
		return s.dir
	}
	return ConfigDir()
}

func (s *endpointStore) contexts() *store.ContextStore {
	return store.New(filepath.Join(s.configDir(), "contexts"), storeConfig)
}

// configFile is the CLI's config.json; a file that does not parse counts as
// empty, as the CLI (which warns) does.
func (s *endpointStore) configFile() *configfile.ConfigFile {
	cfg, err := config.Load(s.configDir())
	if err != nil || cfg == nil {
		cfg = configfile.New(filepath.Join(s.configDir(), config.ConfigFileName))
	}
	return cfg
}

// current is the context the CLI would use and why, in its order.
func (s *endpointStore) current() (name, source string) {
	if os.Getenv(client.EnvOverrideHost) != "" {
		return defaultContext, engine.SourceHost
	}
	if n := os.Getenv(envContext); n != "" {
		return n, engine.SourceContextEnv
	}
	if n := s.configFile().CurrentContext; n != "" {
		return n, engine.SourceConfig
	}
	return defaultContext, engine.SourceDefault
}

// Resolve implements engine.EndpointStore.
func (s *endpointStore) Resolve() (engine.Endpoint, error) {
	name, source := s.current()
	var (
		ep  engine.Endpoint
		err error
	)
	if name == defaultContext {
		ep, err = s.defaultEndpoint(source)
		if err == nil && source == engine.SourceDefault {
			ep = s.fallback(ep)
		}
	} else {
		ep, err = s.contextEndpoint(name, source)
		ep.Source = source
	}
	if err != nil {
		ep.Err = err
	}
	return ep, err
}

// defaultEndpoint is the CLI's "default" context: DOCKER_HOST (else the
// default socket) with TLS as DOCKER_TLS_VERIFY, DOCKER_TLS and
// DOCKER_CERT_PATH say. As the CLI, DOCKER_CERT_PATH alone turns nothing
// on: the connection stays plain, so it cannot "use the certificates"
// without checking the server.
func (s *endpointStore) defaultEndpoint(source string) (engine.Endpoint, error) {
	verify := os.Getenv(client.EnvTLSVerify) != ""
	useTLS := verify || os.Getenv(envTLS) != ""
	raw := os.Getenv(client.EnvOverrideHost)
	host, err := dopts.ParseHost(useTLS, raw)
	if raw == "" && !useTLS {
		host = "unix://" + s.defaultSocket
	}
	ep := engine.Endpoint{Name: defaultContext, Host: host, Source: source}
	if err != nil {
		ep.Host = raw
		return ep, &engine.Error{Kind: engine.ErrEndpoint, Ref: raw, Err: err}
	}
	if useTLS {
		dir := os.Getenv(client.EnvOverrideCertPath)
		if dir == "" {
			dir = s.configDir()
		}
		ep.TLS = &engine.TLSFiles{CAFile: filepath.Join(dir, "ca.pem"), CertFile: filepath.Join(dir, "cert.pem"),
			KeyFile: filepath.Join(dir, "key.pem"), Verify: verify}
		// As the CLI: a missing client certificate or key means none.
		if _, err := os.Stat(ep.TLS.CertFile); errors.Is(err, os.ErrNotExist) {
			ep.TLS.CertFile = ""
		}
		if _, err := os.Stat(ep.TLS.KeyFile); errors.Is(err, os.ErrNotExist) {
			ep.TLS.KeyFile = ""
		}
	}
	return ep, nil
}

// fallback replaces a missing default socket by the first socket found
// where rootless Docker and Podman put theirs.
func (s *endpointStore) fallback(ep engine.Endpoint) engine.Endpoint {
	if ep.Host != "unix://"+s.defaultSocket || isSocket(s.defaultSocket) {
		return ep
	}
	for _, c := range s.candidates() {
		if isSocket(c.path) {
			return engine.Endpoint{Host: "unix://" + c.path, Source: c.source}
		}
	}
	return ep
}

func isSocket(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&os.ModeSocket != 0
}

// contextEndpoint is the docker endpoint of the context name, with its TLS
// files in the store's TLS folder.
func (s *endpointStore) contextEndpoint(name, source string) (engine.Endpoint, error) {
	ep := engine.Endpoint{Name: name, Source: source}
	st := s.contexts()
	meta, err := st.GetMetadata(name)
	if err != nil {
		if cerrdefs.IsNotFound(err) {
			return ep, &engine.Error{Kind: engine.ErrContextNotFound, Ref: name, What: source, Err: err}
		}
		return ep, &engine.Error{Kind: engine.ErrEndpoint, Ref: name, What: "context", Err: err}
	}
	return s.fromMeta(st, meta)
}

func (s *endpointStore) fromMeta(st *store.ContextStore, meta store.Metadata) (engine.Endpoint, error) {
	ep := engine.Endpoint{Name: meta.Name, Source: engine.SourceContext}
	em, err := cdocker.EndpointFromContext(meta)
	if err != nil {
		return ep, &engine.Error{Kind: engine.ErrEndpoint, Ref: meta.Name, What: "context", Err: err}
	}
	ep.Host = em.Host
	files, err := st.ListTLSFiles(meta.Name)
	if err != nil {
		return ep, &engine.Error{Kind: engine.ErrTLSFiles, Ref: em.Host, Err: err}
	}
	if names := files[cdocker.DockerEndpoint]; len(names) > 0 || em.SkipTLSVerify {
		dir := filepath.Join(st.GetStorageInfo(meta.Name).TLSPath, cdocker.DockerEndpoint)
		ep.TLS = &engine.TLSFiles{Verify: !em.SkipTLSVerify}
		for _, f := range names {
			switch f {
			case "ca.pem":
				ep.TLS.CAFile = filepath.Join(dir, f)
			case "cert.pem":
				ep.TLS.CertFile = filepath.Join(dir, f)
			case "key.pem":
				ep.TLS.KeyFile = filepath.Join(dir, f)
			}
		}
	}
	return ep, nil
}

// List implements engine.EndpointStore: the default context first, then
// the store's contexts by name, then the sockets found that no context
// names.
func (s *endpointStore) List() ([]engine.EngineEntry, error) {
	current, source := s.current()
	defSource := engine.SourceDefault
	if source == engine.SourceHost {
		defSource = engine.SourceHost
	}
	def, err := s.defaultEndpoint(defSource)
	if err != nil {
		def.Err = err
	}
	out := []engine.EngineEntry{{Endpoint: def, Description: defaultDescription, Default: true, Current: current == defaultContext}}
	st := s.contexts()
	metas, err := st.List()
	if err != nil {
		return out, &engine.Error{Kind: engine.ErrEndpoint, Ref: filepath.Join(s.configDir(), "contexts"), Err: err}
	}
	slices.SortFunc(metas, func(a, b store.Metadata) int { return strings.Compare(a.Name, b.Name) })
	for _, m := range metas {
		ep, err := s.fromMeta(st, m)
		if err != nil {
			ep.Err = err
		}
		e := engine.EngineEntry{Endpoint: ep, Current: m.Name == current}
		if cm, ok := m.Metadata.(contextMeta); ok {
			e.Description = cm.Description
		}
		out = append(out, e)
	}
	for _, c := range s.candidates() {
		host := "unix://" + c.path
		if !isSocket(c.path) || slices.ContainsFunc(out, func(e engine.EngineEntry) bool { return e.Endpoint.Host == host }) {
			continue
		}
		out = append(out, engine.EngineEntry{Endpoint: engine.Endpoint{Host: host, Source: c.source}, Found: true})
	}
	return out, nil
}

// Add implements engine.EndpointStore: `docker context create NAME
// --description D --docker host=H,ca=...,cert=...,key=...,skip-tls-verify=...`.
// The TLS files are copied into the store, as the CLI does.
func (s *endpointStore) Add(ep engine.Endpoint, description string) error {
	if err := store.ValidateContextName(ep.Name); err != nil {
		return &engine.Error{Kind: engine.ErrInvalidName, Ref: ep.Name, What: "context", Err: err}
	}
	if err := ValidateHost(ep.Host); err != nil {
		return err
	}
	st := s.contexts()
	if _, err := st.GetMetadata(ep.Name); err == nil {
		return &engine.Error{Kind: engine.ErrNameInUse, Ref: ep.Name, What: "context",
			Err: fmt.Errorf("context %q already exists", ep.Name)}
	}
	em := cdocker.EndpointMeta{Host: ep.Host}
	var tlsData *ccontext.TLSData
	if ep.TLS != nil {
		var err error
		if tlsData, err = readTLS(ep); err != nil {
			return err
		}
		em.SkipTLSVerify = !ep.TLS.Verify
	}
	meta := store.Metadata{Name: ep.Name, Metadata: contextMeta{Description: description},
		Endpoints: map[string]any{cdocker.DockerEndpoint: em}}
	if err := st.CreateOrUpdate(meta); err != nil {
		return &engine.Error{Kind: engine.ErrOther, Ref: ep.Name, What: "context", Err: err}
	}
	if tlsData != nil {
		if err := st.ResetEndpointTLSMaterial(ep.Name, cdocker.DockerEndpoint, tlsData.ToStoreTLSData()); err != nil {
			_ = st.Remove(ep.Name)
			return &engine.Error{Kind: engine.ErrTLSFiles, Ref: ep.Host, Err: err}
		}
	}
	return nil
}

// ValidateHost checks an engine address as the docker CLI would take it:
// unix://, tcp://host:port, ssh://[user@]host[:port][/socket] (an
// ErrEndpoint *engine.Error saying why not).
func ValidateHost(host string) error {
	h := strings.TrimSpace(host)
	if h == "" {
		return &engine.Error{Kind: engine.ErrEndpoint, Ref: host, Err: errors.New("no address given")}
	}
	if !strings.Contains(h, "://") {
		return &engine.Error{Kind: engine.ErrEndpoint, Ref: host,
			Err: errors.New("the address needs its scheme: unix://, tcp:// or ssh://")}
	}
	if strings.HasPrefix(h, "ssh://") {
		if _, err := connhelper.GetConnectionHelper(h); err != nil {
			return &engine.Error{Kind: engine.ErrEndpoint, Ref: host, Err: err}
		}
		return nil
	}
	if _, err := dopts.ParseHost(false, h); err != nil {
		return &engine.Error{Kind: engine.ErrEndpoint, Ref: host, Err: err}
	}
	return nil
}

// Remove implements engine.EndpointStore, as `docker context rm -f`: when
// name is the CLI's current context, the config goes back to the default.
func (s *endpointStore) Remove(name string) error {
	if name == defaultContext || name == "" {
		return &engine.Error{Kind: engine.ErrInvalidName, Ref: name, What: "context",
			Err: errors.New(`the "default" context cannot be removed`)}
	}
	st := s.contexts()
	if _, err := st.GetMetadata(name); err != nil {
		return &engine.Error{Kind: engine.ErrContextNotFound, Ref: name, Err: err}
	}
	if err := st.Remove(name); err != nil {
		return &engine.Error{Kind: engine.ErrOther, Ref: name, What: "context", Err: err}
	}
	if cfg := s.configFile(); cfg.CurrentContext == name {
		cfg.CurrentContext = ""
		if err := cfg.Save(); err != nil {
			return &engine.Error{Kind: engine.ErrOther, Ref: cfg.Filename, Err: err}
		}
	}
	return nil
}

// Use implements engine.EndpointStore: `docker context use name` writes
// currentContext ("" for default) into config.json. As with the CLI,
// DOCKER_HOST and DOCKER_CONTEXT still win over it.
func (s *endpointStore) Use(name string) error {
	if name != defaultContext && name != "" {
		if _, err := s.contexts().GetMetadata(name); err != nil {
			return &engine.Error{Kind: engine.ErrContextNotFound, Ref: name, Err: err}
		}
	}
	cfg := s.configFile()
	cfg.CurrentContext = name
	if name == defaultContext {
		cfg.CurrentContext = ""
	}
	if err := os.MkdirAll(s.configDir(), 0o700); err != nil {
		return &engine.Error{Kind: engine.ErrOther, Ref: s.configDir(), Err: err}
	}
	if err := cfg.Save(); err != nil {
		return &engine.Error{Kind: engine.ErrOther, Ref: cfg.Filename, Err: err}
	}
	return nil
}

// readTLS reads ep's TLS files ("" names none). TLS with verification but
// no file at all still verifies, against the system's CAs.
func readTLS(ep engine.Endpoint) (*ccontext.TLSData, error) {
	t := ep.TLS
	for _, f := range []struct{ what, path string }{{"CA", t.CAFile}, {"certificate", t.CertFile}, {"key", t.KeyFile}} {
		if f.path == "" {
			continue
		}
		if _, err := os.ReadFile(f.path); err != nil {
			return nil, &engine.Error{Kind: engine.ErrTLSFiles, Ref: ep.Host, What: f.what, Err: err}
		}
	}
	if (t.CertFile == "") != (t.KeyFile == "") {
		what := "key"
		if t.CertFile == "" {
			what = "certificate"
		}
		return nil, &engine.Error{Kind: engine.ErrTLSFiles, Ref: ep.Host, What: what,
			Err: errors.New("a client certificate needs both its certificate and its key file")}
	}
	data, err := ccontext.TLSDataFromFiles(t.CAFile, t.CertFile, t.KeyFile)
	if err != nil {
		return nil, &engine.Error{Kind: engine.ErrTLSFiles, Ref: ep.Host, Err: err}
	}
	if data == nil && t.Verify {
		data = &ccontext.TLSData{}
	}
	return data, nil
}

// CheckEngines asks the engine of every entry for its Info, all at once
// (one goroutine each, at most timeout each), and calls report from those
// goroutines as each answers (or fails: err is an *engine.Error, e.g. an
// ErrSSHHostKey); it returns when all have. For the Engines view: call it
// off the UI goroutine and apply each report with fyne.Do.
func CheckEngines(ctx context.Context, entries []engine.EngineEntry, timeout time.Duration,
	report func(i int, info engine.Info, err error)) {
	var wg sync.WaitGroup
	for i, e := range entries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := New(e.Endpoint)
			defer c.Close()
			cctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			info, err := c.System.Info(cctx)
			report(i, info, err)
		}()
	}
	wg.Wait()
}
