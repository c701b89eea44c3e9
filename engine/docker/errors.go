package docker

import (
	"context"
	"errors"
	"net"
	"regexp"
	"slices"
	"strings"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/client"

	"berth/engine"
)

// rule classifies one kind of engine answer: the error's class (errdefs,
// a failed connection) and the daemon's words, both optional. fill sets the
// fields the words carry (a port, the users of an image).
type rule struct {
	is   func(error) bool
	re   *regexp.Regexp
	kind engine.ErrorKind
	fill func(e *engine.Error, m []string, msg, host string)
}

func words(pattern string) *regexp.Regexp { return regexp.MustCompile("(?i)" + pattern) }

// rules are tried in order; the first that matches classifies the error.
// The messages are Docker 20.10's (and Podman 4's Docker API where it words
// them differently), recorded in errors_test.go. Rows with a class come
// before the words they refine; the bare errdefs classes come last.
var rules = []rule{
	{is: isCanceled, kind: engine.ErrCanceled},

	// ssh:// (connhelper runs ssh ... docker system dial-stdio): what ssh
	// said on its stderr, as OpenSSH 9.2 words it.
	{re: words(`REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed`), kind: engine.ErrSSHHostKey, fill: sshHostKey("changed")},
	{re: words(`Host key verification failed|No \S+ host key is known for`), kind: engine.ErrSSHHostKey, fill: sshHostKey("unknown")},
	{re: words(`stderr=(?s:.*)Permission denied \((?:publickey|password|keyboard-interactive)`), kind: engine.ErrSSHAuth, fill: refHost},
	{re: words(`stderr=(?s:.*)docker: (?:command )?not found`), kind: engine.ErrSSHNoDocker, fill: refHost},
	{re: words(`stderr=ssh: (?:connect to host|Could not resolve hostname)`), kind: engine.ErrSSHUnreachable, fill: refHost},

	// tcp:// with TLS: what Go's crypto/tls says.
	{re: words(`x509: certificate signed by unknown authority`), kind: engine.ErrTLSUnknownAuthority, fill: refHost},
	{re: words(`x509: certificate is valid for|x509: cannot validate certificate for \S+ because`), kind: engine.ErrTLSWrongHost, fill: refHost},
	{re: words(`remote error: tls: (?:unknown certificate authority|bad certificate|certificate required|unknown certificate|certificate unknown)`),
		kind: engine.ErrTLSClientRejected, fill: refHost},
	{re: words(`Client sent an HTTP request to an HTTPS server`), kind: engine.ErrTLSExpected, fill: refHost},

	// The client could not reach the engine at all.
	{is: client.IsErrConnectionFailed, re: words(`permission denied`), kind: engine.ErrPermission, fill: refHost},
	{is: client.IsErrConnectionFailed, kind: engine.ErrUnreachable, fill: refHost},

	{re: words(`is already in use by (?:container )?"?([0-9a-f]{12,64})`), kind: engine.ErrNameInUse, fill: nameUser},
	{re: words(`name .* is already in use|that name is already in use`), kind: engine.ErrNameInUse},
	{re: words(`invalid container name|names must match \[a-zA-Z0-9\]`), kind: engine.ErrInvalidName},

	{re: words(`bind for (\S+) failed: port is already allocated`), kind: engine.ErrPortAllocated, fill: port},
	{re: words(`listen \w+ (\S+): bind: address already in use`), kind: engine.ErrPortAllocated, fill: port},
	{re: words(`port is already allocated|address already in use`), kind: engine.ErrPortAllocated},

	{re: words(`you cannot remove a (?:running|paused) container|stop the container before|running or paused containers cannot be removed`),
		kind: engine.ErrMustStop},
	{re: words(`unable to remove repository reference|unable to delete \S+ \(must be forced\)|\(cannot be forced\)|image used by [0-9a-f]{12,64}|image is in use by a container|by ID with more than one tag`),
		kind: engine.ErrImageInUse, fill: imageUsers},

	// A plain-HTTP registry the engine does not list as insecure.
	{re: words(`server gave HTTP response to HTTPS client`), kind: engine.ErrRegistryInsecure},

	// Pulls: the registry answered that it has no such image, or did not answer.
	{re: words(`manifest unknown|manifest for \S+ not found|repository does not exist|pull access denied|name unknown`),
		kind: engine.ErrImageNotInRegistry},
	{re: words(`(?:registry|/v2/).*(?:no such host|dial tcp: lookup|network is unreachable|i/o timeout|connection refused|tls handshake timeout)`),
		kind: engine.ErrRegistryUnreachable},

	// The OCI runtime could not start the command.
	{re: words(`exec: "([^"]+)": (?:executable file not found in \$PATH|stat \S+: no such file or directory)`), kind: engine.ErrCommandNotFound, fill: refMatch},
	{re: words("executable file `([^`]+)` not found"), kind: engine.ErrCommandNotFound, fill: refMatch},
	{re: words(`no command specified`), kind: engine.ErrNoCommand},

	{re: words(`container \S+ is not running|container \S+ is paused`), kind: engine.ErrNotRunning},
	// Volumes and networks (issue 11).
	{re: words(`volume is in use|volume being used`), kind: engine.ErrVolumeInUse, fill: volumeUsers},
	{re: words(`includes invalid characters for a local volume name`), kind: engine.ErrInvalidName, fill: what("volume")},
	{re: words(`has active endpoints`), kind: engine.ErrNetworkInUse, fill: networkUsers},
	{re: words(`pool overlaps with other one|networks have overlapping`), kind: engine.ErrSubnetOverlap},
	{re: words(`invalid cidr address|invalid subnet`), kind: engine.ErrInvalidSubnet, fill: what("subnet")},
	{re: words(`network with name \S+ already exists`), kind: engine.ErrNameInUse, fill: what("network")},
	{re: words(`no such volume`), kind: engine.ErrNotFound, fill: what("volume")},
	{re: words(`network \S+ not found`), kind: engine.ErrNotFound, fill: what("network")},

	{re: words(`no such container|no container with name or id`), kind: engine.ErrNotFound, fill: what("container")},
	{re: words(`no such image|image not known`), kind: engine.ErrNotFound, fill: what("image")},

	// Connection errors that reach Berth without the SDK's class (the event stream).
	{re: words(`permission denied while trying to connect|dial unix \S+: connect: permission denied`), kind: engine.ErrPermission, fill: refHost},
	{re: words(`cannot connect to the docker daemon|connection refused|dial unix \S+: connect: no such file or directory`),
		kind: engine.ErrUnreachable, fill: refHost},

	// The archive API (files): a read-only mount or root filesystem, a path the engine may not touch.
	{re: words(`marked read-only|read-only file system`), kind: engine.ErrReadOnly},
	{re: words(`(?:open|openat|stat|lstat|mkdir|mkdirat|unlinkat|readlink|chmod|chown|lchown|rename|symlink|link) \S+: (?:permission denied|operation not permitted)`),
		kind: engine.ErrFileDenied},

	{is: cerrdefs.IsNotFound, kind: engine.ErrNotFound},
	{is: cerrdefs.IsPermissionDenied, kind: engine.ErrPermission, fill: refHost},
}

// classify turns an SDK or daemon error about ref into an *engine.Error,
// once: errors that already are one pass through.
func classify(err error, ref, host string) error {
	if err == nil || engine.AsError(err) != nil {
		return err
	}
	msg := err.Error()
	for _, r := range rules {
		if r.is != nil && !r.is(err) {
			continue
		}
		var m []string
		if r.re != nil {
			if m = r.re.FindStringSubmatch(msg); m == nil {
				continue
			}
		}
		e := &engine.Error{Kind: r.kind, Ref: ref, Err: err}
		if r.fill != nil {
			r.fill(e, m, msg, host)
		}
		return e
	}
	return &engine.Error{Kind: engine.ErrOther, Ref: ref, Err: err}
}

func isCanceled(err error) bool { return errors.Is(err, context.Canceled) }

func sshHostKey(what string) func(*engine.Error, []string, string, string) {
	return func(e *engine.Error, _ []string, _, host string) { e.Ref, e.What = host, what }
}

func refHost(e *engine.Error, _ []string, _, host string) { e.Ref = host }

func refMatch(e *engine.Error, m []string, _, _ string) { e.Ref = m[1] }

func what(kind string) func(*engine.Error, []string, string, string) {
	return func(e *engine.Error, _ []string, _, _ string) { e.What = kind }
}

func nameUser(e *engine.Error, m []string, _, _ string) { e.Users = []string{engine.ShortID(m[1])} }

// port keeps the address of a port bound on one address ("127.0.0.1:8080")
// and drops it for every address ("8080").
func port(e *engine.Error, m []string, _, _ string) {
	e.Port = m[1]
	if ip, p, err := net.SplitHostPort(m[1]); err == nil && engine.AnyAddress(ip) {
		e.Port = p
	}
}

var imageUser = regexp.MustCompile(`(?:container|used by) ([0-9a-f]{12,64})`)

func imageUsers(e *engine.Error, _ []string, msg, _ string) {
	for _, m := range imageUser.FindAllStringSubmatch(msg, -1) {
		if id := engine.ShortID(m[1]); !slices.Contains(e.Users, id) {
			e.Users = append(e.Users, id)
		}
	}
	e.CannotForce = strings.Contains(msg, "(cannot be forced)")
}

var hexID = regexp.MustCompile(`\b[0-9a-f]{12,64}\b`)

// volumeUsers keeps the containers the engine names in "volume is in use - [ID, ID]".
func volumeUsers(e *engine.Error, _ []string, msg, _ string) {
	e.What = "volume"
	if i := strings.Index(msg, "["); i >= 0 {
		for _, id := range hexID.FindAllString(msg[i:], -1) {
			if id = engine.ShortID(id); !slices.Contains(e.Users, id) {
				e.Users = append(e.Users, id)
			}
		}
	}
}

var endpointName = regexp.MustCompile(`name:([^\s)]+)`)

// networkUsers keeps the containers newer engines name in "has active
// endpoints (name:web id:…)"; Docker 20.10 names none.
func networkUsers(e *engine.Error, _ []string, msg, _ string) {
	e.What = "network"
	for _, m := range endpointName.FindAllStringSubmatch(msg, -1) {
		if !slices.Contains(e.Users, m[1]) {
			e.Users = append(e.Users, m[1])
		}
	}
}
