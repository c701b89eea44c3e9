package engine

import (
	"context"
	"net/netip"
	"regexp"
	"time"
)

// Network is one row of `docker network ls`, with what inspect adds: its
// subnets and the containers attached.
type Network struct {
	ID       string // full ID
	Name     string
	Driver   string // bridge, host, null, overlay…
	Scope    string // local, swarm, global
	Internal bool
	Created  time.Time
	Labels   map[string]string
	Subnets  []Subnet
	Attached []Attachment // the running containers on it, with their addresses
	// UsedBy are the containers, running or not, configured with the
	// network (names): a stopped one is not attached, but would not start
	// again without it.
	UsedBy []string
}

// Unused reports whether no container, running or not, uses the network
// and it is not one of the engine's own: what a prune may remove.
func (n Network) Unused() bool { return !n.Predefined() && len(n.Attached) == 0 && len(n.UsedBy) == 0 }

// ShortID is the 12 characters docker network ls prints.
func (n Network) ShortID() string { return ShortID(n.ID) }

// Predefined reports whether the network is one of the engine's own
// (bridge, host, none), which cannot be removed.
func (n Network) Predefined() bool {
	return n.Name == "bridge" || n.Name == "host" || n.Name == "none"
}

// Subnet is one IPAM pool of a network.
type Subnet struct {
	Subnet  string // 172.18.0.0/16
	Gateway string // 172.18.0.1
}

// Attachment is a container attached to a network.
type Attachment struct {
	ContainerID string
	Name        string // container name
	IPv4        string // 172.18.0.2/16
	IPv6        string
	MAC         string
}

// NetworkSpec is what `docker network create` takes (bridge networks).
type NetworkSpec struct {
	Name     string
	Driver   string // "" means bridge
	Subnet   string // optional CIDR, 10.77.0.0/24
	Gateway  string // optional, inside Subnet
	Internal bool
	Labels   map[string]string
}

// NetworkAPI lists, creates, removes, connects and disconnects networks (issue 11).
type NetworkAPI interface {
	// NetworkList lists the networks like `docker network ls`, with their
	// subnets and the containers attached (and their addresses).
	NetworkList(ctx context.Context) ([]Network, error)
	// NetworkCreate creates a network and returns its ID. A subnet that
	// overlaps another network's fails with an *Error of kind ErrSubnetOverlap.
	NetworkCreate(ctx context.Context, spec NetworkSpec) (string, error)
	// NetworkRemove removes a network; one with containers attached fails
	// with an *Error of kind ErrNetworkInUse (Users: the containers, when known).
	NetworkRemove(ctx context.Context, id string) error
	// NetworkConnect attaches a container to a network.
	NetworkConnect(ctx context.Context, network, container string) error
	// NetworkDisconnect detaches a container from a network.
	NetworkDisconnect(ctx context.Context, network, container string) error
}

var validNetworkName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)

// ValidateNetworkName checks a network name; unlike a volume's it may not
// be empty. The error is an *Error of kind ErrInvalidName with What "network".
func ValidateNetworkName(name string) error {
	if validNetworkName.MatchString(name) && len(name) <= 128 {
		return nil
	}
	return &Error{Kind: ErrInvalidName, Ref: name, What: "network"}
}

// ValidateSubnet checks an optional subnet and gateway: a CIDR in its
// canonical form (10.77.0.0/24, not 10.77.0.5/24) and an address inside it.
// The error is an *Error of kind ErrInvalidSubnet whose Ref is the bad value.
func ValidateSubnet(subnet, gateway string) error {
	if subnet == "" {
		if gateway != "" {
			return &Error{Kind: ErrInvalidSubnet, Ref: gateway, What: "gateway"}
		}
		return nil
	}
	p, err := netip.ParsePrefix(subnet)
	if err != nil || p.Masked() != p {
		return &Error{Kind: ErrInvalidSubnet, Ref: subnet, What: "subnet", Err: err}
	}
	if gateway == "" {
		return nil
	}
	g, err := netip.ParseAddr(gateway)
	if err != nil || !p.Contains(g) {
		return &Error{Kind: ErrInvalidSubnet, Ref: gateway, What: "gateway", Err: err}
	}
	return nil
}

// EventNetwork is a network event: create, destroy, connect, disconnect (ID
// is the network's ID, Name its name).
const EventNetwork EventKind = "network"
