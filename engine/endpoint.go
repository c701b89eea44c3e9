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
