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
	// error texts: "DOCKER_HOST", "default socket".
	Source string
}

// TLSFiles are the files of a TLS connection, as DOCKER_CERT_PATH holds them.
type TLSFiles struct {
	CAFile, CertFile, KeyFile string
	// Verify checks the server's certificate (DOCKER_TLS_VERIFY).
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
