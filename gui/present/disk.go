package present

import (
	"fmt"

	"github.com/docker/go-units"

	"berth/engine"
	"berth/gui/i18n"
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
		return i18n.T("present.cleanup.kind.containers")
	case engine.CleanDangling:
		return i18n.T("present.cleanup.kind.dangling")
	case engine.CleanUnusedImages:
		return i18n.T("present.cleanup.kind.unusedImages")
	case engine.CleanVolumes:
		return i18n.T("present.cleanup.kind.volumes")
	case engine.CleanNetworks:
		return i18n.T("present.cleanup.kind.networks")
	case engine.CleanBuildCache:
		return i18n.T("present.cleanup.kind.buildCache")
	}
	return string(k)
}

// cleanupGroups are the kinds a summary counts together, in its order.
var cleanupGroups = [][]engine.CleanupKind{
	{engine.CleanContainers},
	{engine.CleanDangling, engine.CleanUnusedImages},
	{engine.CleanVolumes},
	{engine.CleanNetworks},
	{engine.CleanBuildCache},
}

// cleanupCount is n items of a group whose first kind is k: "2 stopped containers".
func cleanupCount(k engine.CleanupKind, n int) string {
	switch k {
	case engine.CleanContainers:
		return i18n.N("present.cleanup.count.containers", n)
	case engine.CleanDangling:
		return i18n.N("present.cleanup.count.images", n)
	case engine.CleanVolumes:
		return i18n.N("present.cleanup.count.volumes", n)
	case engine.CleanNetworks:
		return i18n.N("present.cleanup.count.networks", n)
	}
	return i18n.N("present.cleanup.count.buildCache", n)
}

// CleanupCounts says how many items of each kind: "2 stopped containers, 1
// image and 1 network"; "" for none.
func CleanupCounts(items []engine.CleanupItem) string {
	var parts []string
	for _, kinds := range cleanupGroups {
		c := 0
		for _, it := range items {
			for _, k := range kinds {
				if it.Kind == k {
					c++
				}
			}
		}
		if c > 0 {
			parts = append(parts, cleanupCount(kinds[0], c))
		}
	}
	return ListLabels(parts)
}

// CleanupPreviewText is the question before a cleanup: what goes and what comes back.
func CleanupPreviewText(plan engine.CleanupPlan) string {
	if len(plan.Items) == 0 {
		return i18n.T("present.cleanup.nothing")
	}
	s := i18n.T("present.cleanup.preview", "Counts", CleanupCounts(plan.Items), "Size", DiskSize(plan.Reclaim))
	for _, it := range plan.Items {
		if it.Kind == engine.CleanVolumes {
			return i18n.T("present.cleanup.previewVolumes", "Text", s)
		}
	}
	return s
}

// CleanupItemLine is one item of a preview or a result: "Image  web:1  12.3MB  (3a4b… · 2024-01-01)".
func CleanupItemLine(it engine.CleanupItem) string {
	var kind string
	switch it.Kind {
	case engine.CleanContainers:
		kind = i18n.T("present.cleanup.item.container")
	case engine.CleanDangling, engine.CleanUnusedImages:
		kind = i18n.T("present.cleanup.item.image")
	case engine.CleanVolumes:
		kind = i18n.T("present.cleanup.item.volume")
	case engine.CleanNetworks:
		kind = i18n.T("present.cleanup.item.network")
	case engine.CleanBuildCache:
		kind = i18n.T("present.cleanup.item.buildCache")
	}
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
	var s string
	if len(res.Removed) == 0 {
		s = i18n.T("present.cleanup.removedNothing")
	} else {
		s = i18n.T("present.cleanup.removed", "Counts", CleanupCounts(res.Removed), "Size", DiskSize(res.Reclaimed))
	}
	if n := len(res.Failed); n > 0 {
		s += " " + i18n.N("present.cleanup.failed", n)
	}
	return s
}
