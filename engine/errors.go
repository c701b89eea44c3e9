package engine

import (
	"errors"
	"strings"
)

// MinAPIVersion is the oldest engine API Berth supports (Docker 19.03).
// An engine that negotiates an older one is an ErrAPITooOld.
const MinAPIVersion = "1.40"

// ErrorKind classifies what went wrong, so that the GUI can word it (in
// gui/present) and act on it (offer "Force remove", mark a field) from
// fields, never by matching the engine's text.
type ErrorKind int

// The kinds of error Berth tells apart. engine/docker classifies the
// engine's answers into them, once, in a table tested against recorded
// daemon messages.
const (
	ErrOther               ErrorKind = iota
	ErrUnreachable                   // the engine does not answer at Ref (its address)
	ErrPermission                    // the engine's socket at Ref exists but may not be opened
	ErrEndpoint                      // the engine's address or TLS files (Ref) cannot be used
	ErrNotFound                      // no container or image Ref
	ErrNameInUse                     // the container name Ref is taken (Users: by whom, if known)
	ErrPortAllocated                 // a host port (Port) is already in use
	ErrInvalidPort                   // the port spec Ref does not parse
	ErrInvalidImage                  // the image reference Ref does not parse
	ErrInvalidName                   // the container name Ref is not allowed
	ErrImageNotInRegistry            // the registry has no image or tag Ref
	ErrRegistryUnreachable           // the registry of Ref cannot be reached (no network, DNS)
	ErrMustStop                      // the container Ref is running: stop it first (or force)
	ErrImageInUse                    // the image Ref is used by containers (Users); CannotForce: a running one
	ErrNoCommand                     // the image Ref has no command and none was given
	ErrCommandNotFound               // the command (Ref) is not an executable in the image
	ErrCanceled                      // the user canceled

	// Reaching an engine (issue 8). Ref is the engine's address.
	ErrTLSUnknownAuthority // the server's certificate is signed by a CA Berth was not given
	ErrTLSWrongHost        // the server's certificate is not valid for the name in the address
	ErrTLSClientRejected   // the server refused Berth's client certificate (or wants one)
	ErrTLSFiles            // the TLS files (What: which) are missing, unreadable or not PEM
	ErrSSHHostKey          // ssh: the host key is unknown or has changed (What: "unknown" or "changed")
	ErrSSHAuth             // ssh: the server refused every key or password
	ErrSSHNoDocker         // ssh: logged in, but there is no docker command on the remote
	ErrSSHUnreachable      // ssh: the ssh server does not answer (refused, no route, timeout)
	ErrAPITooOld           // the engine's API version (What) is older than Berth supports
	ErrContextNotFound     // the docker context Ref named by What ("DOCKER_CONTEXT", the config) does not exist
	ErrTLSExpected         // the engine at Ref speaks TLS and Berth spoke plain HTTP (DOCKER_TLS_VERIFY unset)
	ErrRegistryInsecure    // the registry of the image Ref speaks plain HTTP and the engine wants HTTPS
	ErrReadOnly            // the path Ref is on a read-only mount or root filesystem
	ErrFileDenied          // the engine may not read or write the path Ref
	ErrNotRunning          // the container Ref is not running (exec, stats, top)
	ErrVolumeInUse         // the volume Ref is used by containers (Users)
	ErrNetworkInUse        // the network Ref has containers attached (Users, when known)
	ErrSubnetOverlap       // the subnet Ref overlaps another network's
	ErrInvalidSubnet       // the subnet or gateway Ref (What says which) does not parse
	ErrComposeFile         // the compose file Ref does not load (Line: where, 0 if unknown)
	ErrNoComposeHelper     // the berth-compose program (Ref: where it was looked for) is missing
)

var kindNames = [...]string{
	ErrOther: "other", ErrUnreachable: "unreachable", ErrPermission: "permission", ErrEndpoint: "endpoint",
	ErrNotFound: "not found", ErrNameInUse: "name in use", ErrPortAllocated: "port allocated",
	ErrInvalidPort: "invalid port", ErrInvalidImage: "invalid image", ErrInvalidName: "invalid name",
	ErrImageNotInRegistry: "image not in registry", ErrRegistryUnreachable: "registry unreachable",
	ErrMustStop: "must stop", ErrImageInUse: "image in use", ErrNoCommand: "no command",
	ErrCommandNotFound: "command not found", ErrCanceled: "canceled",
	ErrTLSUnknownAuthority: "tls unknown authority", ErrTLSWrongHost: "tls wrong host",
	ErrTLSClientRejected: "tls client certificate rejected", ErrTLSFiles: "tls files",
	ErrSSHHostKey: "ssh host key", ErrSSHAuth: "ssh authentication", ErrSSHNoDocker: "ssh no docker",
	ErrSSHUnreachable: "ssh unreachable", ErrAPITooOld: "api too old", ErrContextNotFound: "context not found",
	ErrTLSExpected: "tls expected", ErrRegistryInsecure: "registry insecure",
	ErrReadOnly: "read-only", ErrFileDenied: "file denied",
	ErrNotRunning:  "not running",
	ErrVolumeInUse: "volume in use", ErrNetworkInUse: "network in use", ErrSubnetOverlap: "subnet overlap",
	ErrInvalidSubnet: "invalid subnet",
	ErrComposeFile:   "compose file", ErrNoComposeHelper: "no compose helper",
}

func (k ErrorKind) String() string {
	if int(k) >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Error is an engine error with its structure: what kind it is, what it is
// about and who uses that. Err keeps the engine's own error, for the
// "engine's words" the GUI shows one click away.
type Error struct {
	Kind ErrorKind
	// Ref is the object the error is about: a container name or ID, an image
	// reference, a port spec, the engine's address.
	Ref string
	// What is the kind of object Ref is, when the engine said it: "container",
	// "image"; "" when unknown.
	What string
	// Users are the containers (short IDs) that use Ref: the users of an
	// image, the holder of a name.
	Users []string
	// Port is the host port a port error is about ("8080", "127.0.0.1:8080"), "" if unknown.
	Port string
	// CannotForce is set when forcing would not help (an image used by a running container).
	CannotForce bool
	// ForceRemovesUsers is set on an ErrImageInUse from Podman, whose force
	// removal deletes every container in Users, running ones included
	// (Docker only untags or refuses): the GUI must name them before forcing.
	ForceRemovesUsers bool
	// Line is the line of a file the error is about (a compose file's), 0 if unknown.
	Line int
	// Err is the underlying error, if any.
	Err error
}

// Error is for logs: the kind, the object and the engine's own words.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.String())
	if e.Ref != "" {
		b.WriteString(" ")
		b.WriteString(e.Ref)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// AsError returns the *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// KindOf returns the ErrorKind of err, ErrOther if it is not an *Error.
func KindOf(err error) ErrorKind {
	if e := AsError(err); e != nil {
		return e.Kind
	}
	return ErrOther
}

// IsKind reports whether err is an *Error of the given kind.
func IsKind(err error, k ErrorKind) bool { return err != nil && KindOf(err) == k }

// Unusable reports whether err says the endpoint itself cannot be used
// (a bad address, TLS files that are missing or not PEM, a context that
// does not exist): retrying the same endpoint will not help until the user
// changes something.
func Unusable(err error) bool {
	switch KindOf(err) {
	case ErrEndpoint, ErrTLSFiles, ErrContextNotFound:
		return true
	}
	return false
}

// Raw is the engine's own words for err, without the SDK's "Error response
// from daemon: " prefix: what the GUI shows behind "Show the engine's message".
func Raw(err error) string {
	if err == nil {
		return ""
	}
	if e := AsError(err); e != nil && e.Err != nil {
		err = e.Err
	}
	return strings.TrimPrefix(err.Error(), "Error response from daemon: ")
}
