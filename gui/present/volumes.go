package present

import (
	"strconv"
	"strings"

	"berth/engine"
	"berth/gui/i18n"
)

// explainVolNet words the errors of volumes and networks (issue 11).
func explainVolNet(e *engine.Error) (string, bool) {
	switch e.Kind {
	case engine.ErrVolumeInUse:
		if len(e.Users) == 0 {
			return i18n.T("present.vol.inUse.none", "Ref", e.Ref), true
		}
		return i18n.N("present.vol.inUse", len(e.Users), "Ref", e.Ref, "Users", strings.Join(e.Users, ", ")), true
	case engine.ErrNetworkInUse:
		if len(e.Users) == 0 {
			return i18n.T("present.net.inUse.none", "Ref", e.Ref), true
		}
		return i18n.N("present.net.inUse", len(e.Users), "Ref", e.Ref, "Users", strings.Join(e.Users, ", ")), true
	case engine.ErrSubnetOverlap:
		if e.Ref == "" {
			return i18n.T("present.net.subnetOverlap.noRef"), true
		}
		return i18n.T("present.net.subnetOverlap", "Ref", e.Ref), true
	case engine.ErrInvalidSubnet:
		if e.What == "gateway" {
			return i18n.T("present.net.invalidGateway", "Ref", e.Ref), true
		}
		return i18n.T("present.net.invalidSubnet", "Ref", strconv.Quote(e.Ref)), true
	case engine.ErrNameInUse:
		if e.What == "network" {
			return i18n.T("present.net.nameInUse", "Ref", e.Ref), true
		}
	case engine.ErrInvalidName:
		switch e.What {
		case "volume":
			return VolumeNameProblem(e.Ref), true
		case "network":
			return NetworkNameProblem(e.Ref), true
		}
	}
	return "", false
}

// VolumeNameProblem says what is wrong with a volume name (at least two characters).
func VolumeNameProblem(name string) string { return ResourceNameProblem(i18n.Code("volume"), name, 2) }

// NetworkNameProblem says what is wrong with a network name.
func NetworkNameProblem(name string) string {
	return ResourceNameProblem(i18n.Code("network"), name, 1)
}

// ResourceNameProblem says what is wrong with a volume or network name
// (what: "volume" or "network", which it words in the language), which
// needs at least min characters. VolumeNameProblem and NetworkNameProblem
// need no word from the caller.
func ResourceNameProblem(what, name string, min int) string {
	switch what {
	case "volume":
		what = i18n.T("present.resource.volume")
	case "network":
		what = i18n.T("present.resource.network")
	}
	rule := i18n.T("present.resource.rule", "What", what)
	if min > 1 {
		rule = i18n.T("present.resource.ruleMin", "What", what, "Min", min)
	}
	for _, r := range name {
		switch {
		case r == ' ':
			return i18n.T("present.resource.spaces", "What", what, "Rule", rule)
		case r == '/':
			return i18n.T("present.resource.slash", "What", what, "Rule", rule)
		case !nameRune(r):
			return i18n.T("present.resource.char", "What", what, "Char", strconv.QuoteRune(r), "Rule", rule)
		}
	}
	switch {
	case name == "":
		return i18n.T("present.resource.empty", "What", what, "Rule", rule)
	case len(name) < min:
		return i18n.T("present.resource.short", "What", what, "Min", min, "Rule", rule)
	case strings.ContainsAny(name[:1], "_.-"):
		return i18n.T("present.resource.start", "What", what, "Char", strconv.Quote(name[:1]), "Rule", rule)
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
	if v.Size >= 0 {
		return i18n.T("present.vol.removeSized", "Name", v.Name, "Size", HumanSize(v.Size))
	}
	return i18n.T("present.vol.remove", "Name", v.Name)
}

// VolumeInUseText says why a volume cannot go, naming its users.
func VolumeInUseText(v engine.Volume) string {
	return i18n.N("present.vol.inUse", len(v.UsedBy), "Ref", v.Name, "Users", VolumeUsers(v))
}

// PruneVolumesText lists the unused volumes a prune removes, before it does.
func PruneVolumesText(vs []engine.Volume) string {
	if len(vs) == 0 {
		return i18n.T("present.vol.pruneNone")
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
	s := i18n.N("present.vol.prune", len(vs))
	if known && total > 0 {
		s = i18n.T("present.vol.pruneFrees", "Text", s, "Size", HumanSize(total))
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
	if readOnly {
		return i18n.T("present.vol.helperReadOnly", "Image", image)
	}
	return i18n.T("present.vol.helperReadWrite", "Image", image)
}

// NetworkSubnets is a network's subnets and gateways, "10.1.0.0/24 via 10.1.0.1".
func NetworkSubnets(n engine.Network) string {
	parts := make([]string, 0, len(n.Subnets))
	for _, s := range n.Subnets {
		if s.Gateway != "" {
			parts = append(parts, i18n.T("present.net.via", "Subnet", s.Subnet, "Gateway", s.Gateway))
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
			parts = append(parts, i18n.T("present.net.andMore", "N", len(n.Attached)-most))
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
	return i18n.N("present.net.attached", len(n.Attached), "Name", n.Name, "Attached", NetworkAttachedAll(n))
}

// NetworkStoppedUsersText says why a network no running container is on cannot go.
func NetworkStoppedUsersText(n engine.Network) string {
	return i18n.N("present.net.stoppedUsers", len(n.UsedBy), "Name", n.Name, "Users", strings.Join(n.UsedBy, ", "))
}

// PruneNetworksText lists the unused networks a prune removes, before it does.
func PruneNetworksText(ns []engine.Network) string {
	if len(ns) == 0 {
		return i18n.T("present.net.pruneNone")
	}
	return i18n.N("present.net.prune", len(ns))
}
