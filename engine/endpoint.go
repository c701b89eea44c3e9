package engine

// Endpoint is what an engine client is built from: where the engine is and
// how to reach it. engine/docker resolves it (today from the environment,
// as the docker CLI does: DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH,
// else the default socket) in one place.
type Endpoint struct {
	// Name is the docker context's name, "" when the endpoint does not come from one.
	Name string
	// Host is the engine's address: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host.
	Host string
	// TLS is the TLS material, nil for none.
	TLS *TLSFiles
	// Source says where the endpoint came from, for the status line and
	// error texts: one of the Source* constants ("DOCKER_HOST", "default
	// socket", "Podman socket", ...).
	Source string
	// Err is why the endpoint could not be resolved (a context named in the
	// config that does not exist: an *Error of kind ErrContextNotFound); a
	// client built from it returns Err from every call.
	Err error
}

// Where an endpoint came from (Endpoint.Source), in the docker CLI's order.
const (
	SourceHost         = "DOCKER_HOST"
	SourceContextEnv   = "DOCKER_CONTEXT"
	SourceConfig       = "current context" // currentContext of the CLI's config.json
	SourceDefault      = "default socket"
	SourceRootless     = "rootless Docker socket" // $XDG_RUNTIME_DIR/docker.sock
	SourcePodmanUser   = "Podman socket"          // $XDG_RUNTIME_DIR/podman/podman.sock
	SourcePodmanSystem = "Podman system socket"   // /run/podman/podman.sock
	SourceContext      = "context"                // a context chosen by the user (List, a switch)
)

// TLSFiles are the files of a TLS connection, as DOCKER_CERT_PATH holds them
// (or a context's TLS folder in the CLI's store). A file name may be ""
// (no client certificate; the system's CAs).
type TLSFiles struct {
	CAFile, CertFile, KeyFile string
	// Verify checks the server's certificate (DOCKER_TLS_VERIFY, or a
	// context without skip-tls-verify). Without it the connection is
	// encrypted but anyone may answer.
	Verify bool
}

// String is the endpoint as the status line names it.
func (e Endpoint) String() string {
	if e.Name != "" && e.Name != "default" {
		return e.Name + " · " + e.Host
	}
	return e.Host
}

// EngineEntry is one engine the user has: a context of the docker CLI's
// store, or a socket found where rootless Docker and Podman put theirs.
type EngineEntry struct {
	Endpoint Endpoint
	// Description is the context's description ("" for none).
	Description string
	// Current marks the engine the docker CLI would use now (DOCKER_HOST,
	// DOCKER_CONTEXT, the config's currentContext, else the default).
	Current bool
	// Default is the CLI's built-in "default" context, which cannot be removed.
	Default bool
	// Found is a socket found on disk rather than a context.
	Found bool
}

// EndpointStore is the docker CLI's context store as Berth sees it
// (implemented in engine/docker over the CLI's own packages).
type EndpointStore interface {
	// Resolve is the endpoint the docker CLI would use now, in its order:
	// DOCKER_HOST, DOCKER_CONTEXT, the config's currentContext, the default
	// socket (and, when that is missing, rootless Docker's and Podman's).
	Resolve() (Endpoint, error)
	// List is every context of the store plus the sockets found.
	List() ([]EngineEntry, error)
	// Add saves ep as a context named ep.Name (`docker context create`).
	Add(ep Endpoint, description string) error
	// Remove removes the context name (`docker context rm`); not "default".
	Remove(name string) error
	// Use makes name the CLI's current context (`docker context use`).
	Use(name string) error
}
