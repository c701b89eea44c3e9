package present

import (
	"fmt"
	"strings"

	"github.com/docker/go-units"

	"berth/engine"
)

// DiskSize formats a size as `docker system df` does: "7.786MB"
// (go-units' HumanSize, four significant digits).
func DiskSize(n int64) string { return units.HumanSize(float64(n)) }

// DiskReclaimable is a row's RECLAIMABLE column as `docker system df`
// prints it: "7.786MB (100%)"; the build cache has no percentage.
func DiskReclaimable(r engine.DiskUsageRow) string {
	s := DiskSize(r.Reclaimable)
	if r.Kind != engine.DiskBuildCache && r.Size > 0 {
		s = fmt.Sprintf("%s (%d%%)", s, r.ReclaimablePercent())
	}
	return s
}

// CleanupKindLabel names what a cleanup choice removes, as its check box says it.
func CleanupKindLabel(k engine.CleanupKind) string {
	switch k {
	case engine.CleanContainers:
		return "Stopped containers"
	case engine.CleanDangling:
		return "Dangling images"
	case engine.CleanUnusedImages:
		return "Unused images"
	case engine.CleanVolumes:
		return "Unused volumes"
	case engine.CleanNetworks:
		return "Unused networks"
	case engine.CleanBuildCache:
		return "Build cache"
	}
	return string(k)
}

// cleanupNouns are the words for n items of each kind, in the order a summary lists them.
var cleanupNouns = []struct {
	kinds     []engine.CleanupKind
	one, many string
}{
	{[]engine.CleanupKind{engine.CleanContainers}, "stopped container", "stopped containers"},
	{[]engine.CleanupKind{engine.CleanDangling, engine.CleanUnusedImages}, "image", "images"},
	{[]engine.CleanupKind{engine.CleanVolumes}, "volume", "volumes"},
	{[]engine.CleanupKind{engine.CleanNetworks}, "network", "networks"},
	{[]engine.CleanupKind{engine.CleanBuildCache}, "build cache record", "build cache records"},
}

// CleanupCounts says how many items of each kind: "2 stopped containers, 1
// image and 1 network"; "" for none.
func CleanupCounts(items []engine.CleanupItem) string {
	var parts []string
	for _, n := range cleanupNouns {
		c := 0
		for _, it := range items {
			for _, k := range n.kinds {
				if it.Kind == k {
					c++
				}
			}
		}
		if c > 0 {
			parts = append(parts, Plural(c, n.one, n.many))
		}
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// CleanupPreviewText is the question before a cleanup: what goes and what comes back.
func CleanupPreviewText(plan engine.CleanupPlan) string {
	if len(plan.Items) == 0 {
		return "Nothing to clean up: nothing matches the choices."
	}
	s := fmt.Sprintf("This removes %s, listed below, and frees %s. Nothing else is touched; "+
		"an item in use by the time of the cleanup is left alone.", CleanupCounts(plan.Items), DiskSize(plan.Reclaim))
	for _, it := range plan.Items {
		if it.Kind == engine.CleanVolumes {
			return s + " The volumes' data is lost."
		}
	}
	return s
}

// CleanupItemLine is one item of a preview or a result: "Image  web:1  12.3MB  (3a4b… · 2024-01-01)".
func CleanupItemLine(it engine.CleanupItem) string {
	kind := map[engine.CleanupKind]string{engine.CleanContainers: "Container", engine.CleanDangling: "Image",
		engine.CleanUnusedImages: "Image", engine.CleanVolumes: "Volume", engine.CleanNetworks: "Network",
		engine.CleanBuildCache: "Build cache"}[it.Kind]
	s := kind + "  " + it.Name
	if it.Size > 0 {
		s += "  " + DiskSize(it.Size)
	}
	if it.Detail != "" {
		s += "  (" + it.Detail + ")"
	}
	return s
}

// CleanupResultText says what a cleanup did: "Removed 3 images and 1
// network; reclaimed 12.3MB." and what it left, and why.
func CleanupResultText(res engine.CleanupResult) string {
	var b strings.Builder
	if len(res.Removed) == 0 {
		b.WriteString("Nothing was removed.")
	} else {
		fmt.Fprintf(&b, "Removed %s; reclaimed %s.", CleanupCounts(res.Removed), DiskSize(res.Reclaimed))
	}
	if n := len(res.Failed); n > 0 {
		fmt.Fprintf(&b, " %s left alone: the engine refused.", Plural(n, "item was", "items were"))
	}
	return b.String()
}
