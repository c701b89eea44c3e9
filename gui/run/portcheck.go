package run

// Is a host port free? Before the engine says "port is already allocated",
// the run dialog asks this machine (can it bind the port?) and the store
// (does a container publish it?). Plain functions: they may block briefly,
// so call them off the UI goroutine.

import (
	"errors"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"

	"berth/engine"
	"berth/gui/i18n"
)

// portCheck is what checkHostPort found out about one host port.
type portCheck struct {
	InUse bool
	By    string // the container that publishes it, "" for another program (or none)
	Next  int    // the next free port after it, 0 if none was found
}

// engineIsLocal reports whether the engine runs on this machine, so that a
// port bound here is a port the engine cannot publish.
func engineIsLocal(host string) bool {
	if host == "" || strings.HasPrefix(host, "unix://") || strings.HasPrefix(host, "npipe://") {
		return true
	}
	u, err := url.Parse(host)
	if err != nil {
		return false
	}
	switch u.Hostname() {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}

// hostPortBound reports whether something on this machine holds port for
// proto on hostIP ("" or 0.0.0.0: any address): binding it fails with
// "address already in use". Other failures (an address that is not ours,
// a privileged port) say nothing about the port and report false.
func hostPortBound(hostIP string, port int, proto string) bool {
	if port < 1 || port > 65535 {
		return false
	}
	hostIP = strings.TrimSuffix(strings.TrimPrefix(hostIP, "["), "]")
	addr := net.JoinHostPort(hostIP, strconv.Itoa(port))
	var err error
	switch proto {
	case "udp":
		var pc net.PacketConn
		if pc, err = net.ListenPacket("udp", addr); err == nil {
			_ = pc.Close()
		}
	case "sctp":
		return false // no portable way to try
	default:
		var l net.Listener
		if l, err = net.Listen("tcp", addr); err == nil {
			_ = l.Close()
		}
	}
	return err != nil && errors.Is(err, syscall.EADDRINUSE)
}

// publishedBy returns the container in snap that publishes port/proto on an
// address overlapping hostIP, if any.
func publishedBy(snap engine.Snapshot, hostIP string, port int, proto string) (string, bool) {
	if proto == "" {
		proto = i18n.Code("tcp")
	}
	for _, c := range snap.Containers {
		if !c.Running() {
			continue
		}
		for _, p := range c.Ports {
			if int(p.HostPort) != port || p.Proto != proto {
				continue
			}
			if engine.AnyAddress(hostIP) || p.AnyAddress() || p.HostIP == hostIP {
				return c.Name, true
			}
		}
	}
	return "", false
}

// hostPortTaken combines both: a container publishes it, or (local engine
// only) something on this machine holds it.
func hostPortTaken(snap engine.Snapshot, local bool, hostIP string, port int, proto string) (by string, taken bool) {
	if name, ok := publishedBy(snap, hostIP, port, proto); ok {
		return name, true
	}
	if local && hostPortBound(hostIP, port, proto) {
		return "", true
	}
	return "", false
}

// nextFreeHostPort returns the first port after port that is not taken and
// not in skip, trying up to 200 ports; 0 if none.
func nextFreeHostPort(snap engine.Snapshot, local bool, hostIP string, port int, proto string, skip map[int]bool) int {
	for p, tries := port+1, 0; p <= 65535 && tries < 200; p, tries = p+1, tries+1 {
		if skip[p] {
			continue
		}
		if _, taken := hostPortTaken(snap, local, hostIP, p, proto); !taken {
			return p
		}
	}
	return 0
}

// checkHostPort checks one host port; when it is taken it also finds the
// next free one. skip names ports the form already uses elsewhere.
func checkHostPort(snap engine.Snapshot, local bool, hostIP string, port int, proto string, skip map[int]bool) portCheck {
	by, taken := hostPortTaken(snap, local, hostIP, port, proto)
	if !taken {
		return portCheck{}
	}
	return portCheck{InUse: true, By: by, Next: nextFreeHostPort(snap, local, hostIP, port, proto, skip)}
}
