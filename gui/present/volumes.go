package present

import (
	"fmt"
	"strings"

	"berth/engine"
)

// explainVolNet words the errors of volumes and networks (issue 11).
func explainVolNet(e *engine.Error) (string, bool) {
	switch e.Kind {
	case engine.ErrVolumeInUse:
		if len(e.Users) == 0 {
			return fmt.Sprintf("The volume %s is used by a container. Remove the container first.", e.Ref), true
		}
		return fmt.Sprintf("The volume %s is used by %s %s. Remove %s first: Berth never removes a volume in use.",
			e.Ref, pluralWord(len(e.Users), "container", "containers"), strings.Join(e.Users, ", "),
			pluralWord(len(e.Users), "that container", "those containers")), true
	case engine.ErrNetworkInUse:
		if len(e.Users) == 0 {
			return fmt.Sprintf("The network %s still has containers attached. Disconnect them first.", e.Ref), true
		}
		return fmt.Sprintf("The network %s still has %s attached: %s. Disconnect %s first.", e.Ref,
			pluralWord(len(e.Users), "a container", "containers"), strings.Join(e.Users, ", "),
			pluralWord(len(e.Users), "it", "them")), true
	case engine.ErrSubnetOverlap:
		return fmt.Sprintf("The subnet %s overlaps the addresses of another network. Choose another subnet, or leave it empty and the engine picks a free one.", orThe(e.Ref, "you chose")), true
	case engine.ErrInvalidSubnet:
		if e.What == "gateway" {
			return fmt.Sprintf("The gateway %s is not an address inside the subnet.", e.Ref), true
		}
		return fmt.Sprintf("%q is not a subnet: write it as an address and a prefix length, e.g. 10.10.0.0/24 (the address's host part zero).", e.Ref), true
	case engine.ErrNameInUse:
		if e.What == "network" {
			return fmt.Sprintf("There is a network %s already. Choose another name.", e.Ref), true
		}
	case engine.ErrInvalidName:
		switch e.What {
		case "volume":
			return ResourceNameProblem("volume", e.Ref, 2), true
		case "network":
			return ResourceNameProblem("network", e.Ref, 1), true
		}
	}
	return "", false
}

// ResourceNameProblem says what is wrong with a volume or network name
// (what), which needs at least min characters.
func ResourceNameProblem(what, name string, min int) string {
	rule := fmt.Sprintf("A %s name uses letters, digits and _ . - (not first)", what)
	if min > 1 {
		rule += fmt.Sprintf(", at least %d characters", min)
	}
	rule += "."
	for _, r := range name {
		switch {
		case r == ' ':
			return fmt.Sprintf("A %s name cannot contain spaces. %s", what, rule)
		case r == '/':
			return fmt.Sprintf("A %s name cannot contain /. %s", what, rule)
		case !nameRune(r):
			return fmt.Sprintf("A %s name cannot contain %q. %s", what, r, rule)
		}
	}
	switch {
	case name == "":
		return fmt.Sprintf("Type a name for the %s. %s", what, rule)
	case len(name) < min:
		return fmt.Sprintf("A %s name needs at least %d characters. %s", what, min, rule)
	case strings.ContainsAny(name[:1], "_.-"):
		return fmt.Sprintf("A %s name cannot start with %q. %s", what, name[:1], rule)
	}
	return rule
}

// VolumeSize is a volume's size, "…" while the disk-usage call has not answered.
func VolumeSize(v engine.Volume) string {
	if v.Size < 0 {
		return "…"
	}
	return HumanSize(v.Size)
}

// VolumeUsers are the names of the containers that use v, "" for none.
func VolumeUsers(v engine.Volume) string {
	names := make([]string, len(v.UsedBy))
	for i, u := range v.UsedBy {
		names[i] = u.Name
	}
	return strings.Join(names, ", ")
}

// RemoveVolumeText asks before removing a volume.
func RemoveVolumeText(v engine.Volume) string {
	size := ""
	if v.Size >= 0 {
		size = " (" + HumanSize(v.Size) + ")"
	}
	return fmt.Sprintf("Remove the volume %s%s? Its files are deleted; this cannot be undone.", v.Name, size)
}

// VolumeInUseText says why a volume cannot go, naming its users.
func VolumeInUseText(v engine.Volume) string {
	return fmt.Sprintf("The volume %s is used by %s %s. Remove %s first: Berth never removes a volume in use.",
		v.Name, pluralWord(len(v.UsedBy), "container", "containers"), VolumeUsers(v),
		pluralWord(len(v.UsedBy), "that container", "those containers"))
}

// PruneVolumesText lists the unused volumes a prune removes, before it does.
func PruneVolumesText(vs []engine.Volume) string {
	if len(vs) == 0 {
		return "No volume is unused: there is nothing to remove."
	}
	var total int64
	known := true
	for _, v := range vs {
		if v.Size < 0 {
			known = false
		} else {
			total += v.Size
		}
	}
	s := fmt.Sprintf("Remove %s that no container uses? Their files are deleted; this cannot be undone.", Plural(len(vs), "unused volume", "unused volumes"))
	if known && total > 0 {
		s += fmt.Sprintf(" %s comes back.", HumanSize(total))
	}
	return s
}

// VolumeLines are the volumes as a prune's list shows them: name and size.
func VolumeLines(vs []engine.Volume) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Name + "  " + VolumeSize(v)
	}
	return out
}

// HelperText says how Berth reaches a volume's files: through a
// short-lived container of image that mounts it, read-only or not.
func HelperText(image string, readOnly bool) string {
	mode := "read-only"
	if !readOnly {
		mode = "read-write"
	}
	return fmt.Sprintf("Berth reaches the files through a short-lived container of the image %s that mounts the volume %s. The container is created, never started, and removed right after.", image, mode)
}

// NetworkSubnets is a network's subnets and gateways, "10.1.0.0/24 via 10.1.0.1".
func NetworkSubnets(n engine.Network) string {
	parts := make([]string, 0, len(n.Subnets))
	for _, s := range n.Subnets {
		if s.Gateway != "" {
			parts = append(parts, s.Subnet+" via "+s.Gateway)
		} else {
			parts = append(parts, s.Subnet)
		}
	}
	return strings.Join(parts, ", ")
}

// NetworkAttached are the containers attached to n with their addresses,
// "web 172.18.0.2", the first few and then how many more: a cell's text
// stays short (a long text in a cut label costs Fyne a measure per cut).
func NetworkAttached(n engine.Network) string { return attached(n, attachedShown) }

// attachedShown is how many attachments NetworkAttached names.
const attachedShown = 4

// NetworkAttachedAll are all the containers attached to n with their addresses.
func NetworkAttachedAll(n engine.Network) string { return attached(n, len(n.Attached)) }

func attached(n engine.Network, most int) string {
	parts := make([]string, 0, min(len(n.Attached), most)+1)
	for i, a := range n.Attached {
		if i == most {
			parts = append(parts, fmt.Sprintf("and %d more", len(n.Attached)-most))
			break
		}
		ip := a.IPv4
		if i := strings.IndexByte(ip, '/'); i >= 0 {
			ip = ip[:i]
		}
		if ip == "" {
			ip = a.IPv6
		}
		parts = append(parts, strings.TrimSpace(a.Name+" "+ip))
	}
	return strings.Join(parts, ", ")
}

// NetworkInUseText says why a network cannot go, naming what is attached.
func NetworkInUseText(n engine.Network) string {
	return fmt.Sprintf("The network %s has %s attached: %s. Disconnect %s first.", n.Name,
		Plural(len(n.Attached), "container", "containers"), NetworkAttachedAll(n), pluralWord(len(n.Attached), "it", "them"))
}

// NetworkStoppedUsersText says why a network no running container is on cannot go.
func NetworkStoppedUsersText(n engine.Network) string {
	return fmt.Sprintf("The network %s is configured in %s %s (not running): %s would not start again without it. Remove %s first.",
		n.Name, pluralWord(len(n.UsedBy), "container", "containers"), strings.Join(n.UsedBy, ", "),
		pluralWord(len(n.UsedBy), "it", "they"), pluralWord(len(n.UsedBy), "that container", "those containers"))
}

// PruneNetworksText lists the unused networks a prune removes, before it does.
func PruneNetworksText(ns []engine.Network) string {
	if len(ns) == 0 {
		return "No network is unused: there is nothing to remove."
	}
	return fmt.Sprintf("Remove %s that no container uses, running or not? The engine's own networks (bridge, host, none) stay.", Plural(len(ns), "unused network", "unused networks"))
}
