package engine

import (
	"context"
	"strings"
)

// DiskAPI is what takes space and cleaning it up, as `docker system df` and the prunes (issue 11).
// Cleanup never uses the engine's prune endpoints for containers, images, volumes and
// networks: it removes, by ID, exactly the items a preview listed, so that what appeared
// after the preview (a new container, a new volume) survives.
type DiskAPI interface {
	// DiskUsage is `docker system df`: images, containers, local volumes and
	// build cache, with the CLI's own arithmetic. It is slow (the engine
	// walks the volumes and the containers' layers): call it off the UI
	// goroutine, and only when someone looks.
	DiskUsage(ctx context.Context) (DiskUsage, error)
	// CleanupPreview lists exactly what a cleanup of opts.Kinds would remove
	// and the space each item frees.
	CleanupPreview(ctx context.Context, opts CleanupOptions) (CleanupPlan, error)
	// Cleanup removes the items of a preview, by ID, one by one, never
	// forcing: an item the engine refuses (a container started meanwhile, a
	// volume now in use) is reported in Failed and left alone. The error is
	// for the call as a whole (the engine went away); per-item errors are in
	// the result.
	Cleanup(ctx context.Context, items []CleanupItem) (CleanupResult, error)
}

// DiskKind is one line of `docker system df`.
type DiskKind string

// The kinds, as `docker system df` names them (its Type column).
const (
	DiskImages     DiskKind = "Images"
	DiskContainers DiskKind = "Containers"
	DiskVolumes    DiskKind = "Local Volumes"
	DiskBuildCache DiskKind = "Build Cache"
)

// DiskUsageRow is one line of `docker system df`, in bytes.
type DiskUsageRow struct {
	Kind        DiskKind
	Total       int // TOTAL
	Active      int // ACTIVE
	Size        int64
	Reclaimable int64
}

// ReclaimablePercent is the share of Size that is reclaimable, as the CLI
// prints it (rounded down); 0 when Size is 0.
func (r DiskUsageRow) ReclaimablePercent() int64 {
	if r.Size <= 0 {
		return 0
	}
	return r.Reclaimable * 100 / r.Size
}

// DiskUsage is `docker system df`, one row per kind.
type DiskUsage struct {
	Images, Containers, Volumes, BuildCache DiskUsageRow
}

// Rows are the four rows in the CLI's order.
func (d DiskUsage) Rows() []DiskUsageRow {
	return []DiskUsageRow{d.Images, d.Containers, d.Volumes, d.BuildCache}
}

// CleanupKind is one thing a cleanup can remove.
type CleanupKind string

// What a cleanup can remove.
const (
	CleanContainers   CleanupKind = "containers"    // stopped containers (created, exited, dead)
	CleanDangling     CleanupKind = "dangling"      // dangling images (no tag) no container uses
	CleanUnusedImages CleanupKind = "unused-images" // every image no container uses (dangling included)
	CleanVolumes      CleanupKind = "volumes"       // local volumes no container uses
	CleanNetworks     CleanupKind = "networks"      // networks no container uses (not bridge, host, none)
	CleanBuildCache   CleanupKind = "build-cache"   // build cache records not in use
)

// CleanupOptions choose what a preview lists.
type CleanupOptions struct {
	Kinds []CleanupKind
	// Label, when set, keeps only the objects that carry it: "key" or
	// "key=value", as `docker ... prune --filter label=` takes it. Build
	// cache records carry no labels: with a Label they are never listed.
	// The GUI passes none; tests scope cleanups to their own objects.
	Label string
}

// Has reports whether the options include kind k.
func (o CleanupOptions) Has(k CleanupKind) bool {
	for _, x := range o.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// MatchLabel reports whether labels carry the options' Label (always, without one).
func (o CleanupOptions) MatchLabel(labels map[string]string) bool {
	if o.Label == "" {
		return true
	}
	k, v, withValue := strings.Cut(o.Label, "=")
	got, ok := labels[k]
	return ok && (!withValue || got == v)
}

// CleanupItem is one object a cleanup removes.
type CleanupItem struct {
	Kind CleanupKind // CleanContainers, CleanDangling or CleanUnusedImages (images), CleanVolumes, ...
	ID   string      // full ID (the volume's name for a volume)
	Name string      // what the user knows it by: container name, image reference, volume or network name
	// Size is the space removing it frees, in bytes, once the plan's items
	// before it are gone: an image's layers that no other image shares, plus
	// those it shared only with images earlier in the plan; 0 when nothing
	// or unknown.
	Size int64
	// Detail says more: a container's image and status, a build cache record's type.
	Detail string
	// Refs are an image's references (tags and digests), removed one by one.
	Refs []string
}

// CleanupPlan is what a cleanup would remove.
type CleanupPlan struct {
	Options CleanupOptions
	Items   []CleanupItem
	// Reclaim is the space the whole plan frees: the items' sizes (each
	// layer counted once, on the item whose removal frees it).
	Reclaim int64
}

// Count is how many items of kind k the plan lists (images: both image kinds).
func (p CleanupPlan) Count(k CleanupKind) int {
	n := 0
	for _, it := range p.Items {
		if it.Kind == k || isImageKind(k) && isImageKind(it.Kind) {
			n++
		}
	}
	return n
}

func isImageKind(k CleanupKind) bool { return k == CleanDangling || k == CleanUnusedImages }

// IsImage reports whether the item is an image.
func (it CleanupItem) IsImage() bool { return isImageKind(it.Kind) }

// CleanupFailure is an item the engine refused to remove, and why.
type CleanupFailure struct {
	Item CleanupItem
	Err  error
}

// CleanupResult is what a cleanup did.
type CleanupResult struct {
	Removed []CleanupItem
	Failed  []CleanupFailure
	// Reclaimed is the space freed, as the engine reported it where it does
	// (build cache), else the removed items' sizes.
	Reclaimed int64
}
