package docker

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/volume"

	"berth/engine"
)

var _ engine.DiskAPI = (*Client)(nil)

// DiskUsage implements engine.DiskAPI with the docker CLI's arithmetic
// (cli/command/formatter/disk_usage.go and cli/command/system/df.go).
func (d *Client) DiskUsage(ctx context.Context) (engine.DiskUsage, error) {
	du, err := d.sdkDiskUsage(ctx)
	if err != nil {
		return engine.DiskUsage{}, err
	}
	return diskUsage(du), nil
}

// dfBusy is how Docker 20.10 refuses a disk-usage call while another one
// (of any client: the CLI, the Volumes view) runs; newer engines share one.
const dfBusy = "a disk usage operation is already running"

// dfRetries bound the waits for the other call to end (about 15 s in all).
var dfRetries = []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond,
	400 * time.Millisecond, 800 * time.Millisecond, 1600 * time.Millisecond, 3 * time.Second, 4 * time.Second, 5 * time.Second}

// sdkDiskUsage is the engine's disk-usage call (of what opts names, all
// when none), waited for while another client's runs.
func (d *Client) sdkDiskUsage(ctx context.Context, opts ...types.DiskUsageObject) (types.DiskUsage, error) {
	for i := 0; ; i++ {
		du, err := d.cli.DiskUsage(ctx, types.DiskUsageOptions{Types: opts})
		if err == nil || i == len(dfRetries) || !strings.Contains(err.Error(), dfBusy) {
			if err != nil {
				return du, d.classify(err, "")
			}
			return du, nil
		}
		select {
		case <-ctx.Done():
			return du, d.classify(ctx.Err(), "")
		case <-time.After(dfRetries[i]):
		}
	}
}

// diskUsage folds the engine's answer into the four rows of `docker system df`.
func diskUsage(du types.DiskUsage) engine.DiskUsage {
	out := engine.DiskUsage{
		Images:     engine.DiskUsageRow{Kind: engine.DiskImages, Total: len(du.Images), Size: du.LayersSize},
		Containers: engine.DiskUsageRow{Kind: engine.DiskContainers, Total: len(du.Containers)},
		Volumes:    engine.DiskUsageRow{Kind: engine.DiskVolumes, Total: len(du.Volumes)},
		BuildCache: engine.DiskUsageRow{Kind: engine.DiskBuildCache, Total: len(du.BuildCache)},
	}
	var usedImages int64
	for _, im := range du.Images {
		if im.Containers > 0 {
			out.Images.Active++
		}
		if im.Containers != 0 && im.Size != -1 && im.SharedSize != -1 {
			usedImages += im.Size - im.SharedSize
		}
	}
	out.Images.Reclaimable = du.LayersSize - usedImages
	for _, c := range du.Containers {
		out.Containers.Size += c.SizeRw
		if activeState(c.State) {
			out.Containers.Active++
		} else {
			out.Containers.Reclaimable += c.SizeRw
		}
	}
	for _, v := range du.Volumes {
		if v.UsageData == nil {
			continue
		}
		if v.UsageData.RefCount > 0 {
			out.Volumes.Active++
		}
		if v.UsageData.Size != -1 {
			out.Volumes.Size += v.UsageData.Size
			if v.UsageData.RefCount == 0 {
				out.Volumes.Reclaimable += v.UsageData.Size
			}
		}
	}
	var inUse int64
	for _, bc := range du.BuildCache {
		if !bc.Shared {
			out.BuildCache.Size += bc.Size
		}
		if bc.InUse {
			out.BuildCache.Active++
			if !bc.Shared {
				inUse += bc.Size
			}
		}
	}
	out.BuildCache.Reclaimable = out.BuildCache.Size - inUse
	return out
}

// activeState is the CLI's isActive: running, paused or restarting.
func activeState(s string) bool {
	switch engine.ContainerState(s) {
	case engine.StateRunning, engine.StatePaused, engine.StateRestarting:
		return true
	}
	return false
}

// CleanupPreview implements engine.DiskAPI: one disk-usage call (sizes,
// usage counts), plus the networks and the containers that name them when
// networks are asked for.
func (d *Client) CleanupPreview(ctx context.Context, opts engine.CleanupOptions) (engine.CleanupPlan, error) {
	plan := engine.CleanupPlan{Options: opts}
	var du types.DiskUsage
	if opts.Has(engine.CleanContainers) || opts.Has(engine.CleanDangling) || opts.Has(engine.CleanUnusedImages) ||
		opts.Has(engine.CleanVolumes) || opts.Has(engine.CleanBuildCache) {
		var err error
		if du, err = d.sdkDiskUsage(ctx); err != nil {
			return plan, err
		}
	}
	// Images that only the listed stopped containers use are unused once
	// they go (removed after them), as docker system prune finds them.
	going := map[string]int64{}
	if opts.Has(engine.CleanContainers) {
		cs := stoppedContainers(du.Containers, opts)
		plan.Items = append(plan.Items, cs...)
		for _, c := range du.Containers {
			for _, it := range cs {
				if it.ID == c.ID {
					going[c.ImageID]++
				}
			}
		}
	}
	if opts.Has(engine.CleanDangling) || opts.Has(engine.CleanUnusedImages) {
		items, err := d.unusedImages(ctx, du.Images, going, opts)
		if err != nil {
			return plan, err
		}
		plan.Items = append(plan.Items, items...)
	}
	if opts.Has(engine.CleanVolumes) {
		plan.Items = append(plan.Items, unusedVolumes(du.Volumes, opts)...)
	}
	if opts.Has(engine.CleanNetworks) {
		items, err := d.unusedNetworks(ctx, opts)
		if err != nil {
			return plan, err
		}
		plan.Items = append(plan.Items, items...)
	}
	if opts.Has(engine.CleanBuildCache) && opts.Label == "" {
		plan.Items = append(plan.Items, unusedBuildCache(du.BuildCache)...)
	}
	for _, it := range plan.Items {
		plan.Reclaim += it.Size
	}
	return plan, nil
}

func stoppedContainers(list []*container.Summary, opts engine.CleanupOptions) []engine.CleanupItem {
	var out []engine.CleanupItem
	for _, c := range list {
		if activeState(c.State) || c.State == string(engine.StateRemoving) || !opts.MatchLabel(c.Labels) {
			continue
		}
		name := engine.ShortID(c.ID)
		if len(c.Names) > 0 {
			name = strings.TrimPrefix(c.Names[0], "/")
		}
		out = append(out, engine.CleanupItem{Kind: engine.CleanContainers, ID: c.ID, Name: name, Size: c.SizeRw,
			Detail: engine.ShortID(c.ID) + " · " + c.Image + " · " + c.Status})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// imageRefs are an image's tags and digests, without the <none> placeholders.
func imageRefs(im *image.Summary) []string {
	var refs []string
	for _, t := range im.RepoTags {
		if t != "<none>:<none>" {
			refs = append(refs, t)
		}
	}
	for _, dg := range im.RepoDigests {
		if dg != "<none>@<none>" {
			refs = append(refs, dg)
		}
	}
	return refs
}

func isDangling(im *image.Summary) bool {
	for _, t := range im.RepoTags {
		if t != "<none>:<none>" {
			return false
		}
	}
	return true
}

// unusedImages lists the images no container uses (dangling only, unless
// CleanUnusedImages), each with the size of the layers no other image
// shares, plus the layers it is the last of the listed images to share
// (see sharedAmong).
func (d *Client) unusedImages(ctx context.Context, list []*image.Summary, going map[string]int64, opts engine.CleanupOptions) ([]engine.CleanupItem, error) {
	all := opts.Has(engine.CleanUnusedImages)
	var out []engine.CleanupItem
	picked := 0
	for _, im := range list {
		if im.Containers != going[im.ID] || !opts.MatchLabel(im.Labels) || (!all && !isDangling(im)) {
			continue
		}
		refs := imageRefs(im)
		name := engine.ShortID(im.ID)
		kind := engine.CleanDangling
		if !isDangling(im) {
			kind = engine.CleanUnusedImages
			name = im.RepoTags[0]
			for _, t := range im.RepoTags {
				if t != "<none>:<none>" {
					name = t
					break
				}
			}
		} else if len(refs) > 0 {
			name = refs[0]
		}
		detail := engine.ShortID(im.ID)
		if kind == engine.CleanDangling {
			detail = "dangling"
		}
		if im.Containers > 0 {
			detail += " · used only by the stopped containers above"
		}
		size := im.Size
		if im.SharedSize > 0 {
			size -= im.SharedSize
		}
		out = append(out, engine.CleanupItem{Kind: kind, ID: im.ID, Name: name, Size: size, Refs: refs,
			Detail: detail + " · created " + time.Unix(im.Created, 0).UTC().Format("2006-01-02")})
		picked++
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	if picked < 2 {
		return out, nil
	}
	order := map[string]int{}
	for i, it := range out {
		order[it.ID] = i
	}
	extra, err := d.sharedAmong(ctx, list, order)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Size += extra[out[i].ID]
	}
	return out, nil
}

func unusedVolumes(list []*volume.Volume, opts engine.CleanupOptions) []engine.CleanupItem {
	var out []engine.CleanupItem
	for _, v := range list {
		if v.UsageData == nil || v.UsageData.RefCount != 0 || !opts.MatchLabel(v.Labels) {
			continue
		}
		it := engine.CleanupItem{Kind: engine.CleanVolumes, ID: v.Name, Name: v.Name, Detail: v.Driver}
		if v.UsageData.Size > 0 {
			it.Size = v.UsageData.Size
		}
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// predefinedNetworks are the engine's own networks, never removed.
var predefinedNetworks = []string{"bridge", "host", "none", "ingress", "docker_gwbridge"}

// unusedNetworks lists the networks that no container names, running or
// not (a stopped container's network is kept: its start would fail).
func (d *Client) unusedNetworks(ctx context.Context, opts engine.CleanupOptions) ([]engine.CleanupItem, error) {
	nets, err := d.cli.NetworkList(ctx, network.ListOptions{})
	if err != nil {
		return nil, d.classify(err, "")
	}
	cs, err := d.cli.ContainerList(ctx, container.ListOptions{All: true})
	if err != nil {
		return nil, d.classify(err, "")
	}
	used := map[string]bool{}
	for _, c := range cs {
		if c.NetworkSettings == nil {
			continue
		}
		for name, ep := range c.NetworkSettings.Networks {
			used[name] = true
			if ep != nil && ep.NetworkID != "" {
				used[ep.NetworkID] = true
			}
		}
		if m := c.HostConfig.NetworkMode; m != "" {
			used[m] = true
		}
	}
	var out []engine.CleanupItem
	for _, n := range nets {
		if slices.Contains(predefinedNetworks, n.Name) || n.Ingress || used[n.Name] || used[n.ID] ||
			len(n.Containers) > 0 || !opts.MatchLabel(n.Labels) {
			continue
		}
		out = append(out, engine.CleanupItem{Kind: engine.CleanNetworks, ID: n.ID, Name: n.Name, Detail: engine.ShortID(n.ID) + " · " + n.Driver})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func unusedBuildCache(list []*build.CacheRecord) []engine.CleanupItem {
	var out []engine.CleanupItem
	for _, bc := range list {
		if bc.InUse {
			continue
		}
		it := engine.CleanupItem{Kind: engine.CleanBuildCache, ID: bc.ID, Name: engine.ShortID(bc.ID), Detail: bc.Type}
		if bc.Description != "" {
			it.Detail += " · " + bc.Description
		}
		if !bc.Shared {
			it.Size = bc.Size
		}
		out = append(out, it)
	}
	return out
}

// Cleanup implements engine.DiskAPI: each item by ID, never forced.
func (d *Client) Cleanup(ctx context.Context, items []engine.CleanupItem) (engine.CleanupResult, error) {
	var res engine.CleanupResult
	for _, it := range items {
		if ctx.Err() != nil {
			return res, &engine.Error{Kind: engine.ErrCanceled, Err: ctx.Err()}
		}
		freed, err := d.removeItem(ctx, it)
		if err != nil {
			if engine.IsKind(err, engine.ErrUnreachable) {
				return res, err
			}
			res.Failed = append(res.Failed, engine.CleanupFailure{Item: it, Err: err})
			continue
		}
		res.Removed = append(res.Removed, it)
		res.Reclaimed += freed
	}
	return res, nil
}

// errInUseNow is why an image of a preview is left alone: a container uses it since.
var errInUseNow = errors.New("a container uses this image since the preview")

func (d *Client) removeItem(ctx context.Context, it engine.CleanupItem) (int64, error) {
	switch it.Kind {
	case engine.CleanContainers:
		if err := d.cli.ContainerRemove(ctx, it.ID, container.RemoveOptions{}); err != nil {
			return 0, d.classify(err, it.Name)
		}
		return it.Size, nil
	case engine.CleanDangling, engine.CleanUnusedImages:
		return d.removeImageItem(ctx, it)
	case engine.CleanVolumes:
		if err := d.cli.VolumeRemove(ctx, it.ID, false); err != nil {
			return 0, d.classify(err, it.Name)
		}
		return it.Size, nil
	case engine.CleanNetworks:
		if err := d.cli.NetworkRemove(ctx, it.ID); err != nil {
			return 0, d.classify(err, it.Name)
		}
		return 0, nil
	case engine.CleanBuildCache:
		rep, err := d.cli.BuildCachePrune(ctx, build.CachePruneOptions{All: true, Filters: filters.NewArgs(filters.Arg("id", it.ID))})
		if err != nil {
			return 0, d.classify(err, it.Name)
		}
		if !slices.Contains(rep.CachesDeleted, it.ID) && rep.SpaceReclaimed == 0 {
			return 0, &engine.Error{Kind: engine.ErrNotFound, Ref: it.Name, What: "build cache record"}
		}
		return int64(rep.SpaceReclaimed), nil
	}
	return 0, fmt.Errorf("unknown cleanup kind %q", it.Kind)
}

// removeImageItem removes an image of a preview: by ID when nothing names
// it, else reference by reference (removing an image that several
// references name by its ID would need force). A container created from it
// since the preview keeps it.
func (d *Client) removeImageItem(ctx context.Context, it engine.CleanupItem) (int64, error) {
	users, err := d.cli.ContainerList(ctx, container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("ancestor", it.ID))})
	if err != nil {
		return 0, d.classify(err, it.Name)
	}
	for _, c := range users {
		if c.ImageID == it.ID {
			return 0, &engine.Error{Kind: engine.ErrImageInUse, Ref: it.Name, Users: []string{engine.ShortID(c.ID)}, Err: errInUseNow}
		}
	}
	refs := it.Refs
	if len(refs) == 0 {
		refs = []string{it.ID}
	}
	deleted := false
	for _, ref := range refs {
		resp, err := d.cli.ImageRemove(ctx, ref, image.RemoveOptions{PruneChildren: true})
		if err != nil {
			return 0, d.classify(err, it.Name)
		}
		for _, r := range resp {
			if r.Deleted == it.ID {
				deleted = true
			}
		}
	}
	if !deleted {
		// Still there: a reference made since the preview names it.
		return 0, nil
	}
	return it.Size, nil
}

// sharedAmong finds the layers that the picked images (order: their
// place in the plan) share with each other and with no image left behind:
// removing them all frees those too, which no image's own unique size
// counts. Each such layer is counted once, on the picked image removed last
// (the one whose removal frees it). Layers are told apart by chain (the
// diff IDs up to them); their sizes come from the images' histories.
func (d *Client) sharedAmong(ctx context.Context, all []*image.Summary, order map[string]int) (map[string]int64, error) {
	type layer struct {
		size   int64
		users  int
		picked int
		last   string // the picked user removed last
	}
	layers := map[string]*layer{}
	for _, im := range all {
		if im.SharedSize <= 0 {
			continue // nothing shared: its unique size already says it all
		}
		chains, sizes, err := d.layerChains(ctx, im.ID)
		if err != nil {
			return nil, err
		}
		for i, ch := range chains {
			l := layers[ch]
			if l == nil {
				l = &layer{size: sizes[i]}
				layers[ch] = l
			}
			l.users++
			if at, ok := order[im.ID]; ok {
				l.picked++
				if l.last == "" || at > order[l.last] {
					l.last = im.ID
				}
			}
		}
	}
	extra := map[string]int64{}
	for _, l := range layers {
		if l.users > 1 && l.users == l.picked {
			extra[l.last] += l.size
		}
	}
	return extra, nil
}

// layerChains returns an image's layers as chains (each layer's diff ID
// joined to those below it) with their sizes, from inspect and history.
func (d *Client) layerChains(ctx context.Context, id string) ([]string, []int64, error) {
	ins, err := d.cli.ImageInspect(ctx, id)
	if err != nil {
		return nil, nil, d.classify(err, id)
	}
	hist, err := d.cli.ImageHistory(ctx, id)
	if err != nil {
		return nil, nil, d.classify(err, id)
	}
	// The history is newest first; its non-empty steps are the layers, oldest first.
	var sizes []int64
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].Size > 0 {
			sizes = append(sizes, hist[i].Size)
		}
	}
	diffs := ins.RootFS.Layers
	if len(sizes) != len(diffs) {
		// An empty layer among them: sizes cannot be matched to layers; count none.
		sizes = make([]int64, len(diffs))
	}
	chains := make([]string, len(diffs))
	chain := ""
	for i, dg := range diffs {
		chain += dg + " "
		chains[i] = chain
	}
	return chains, sizes, nil
}

func (u unusable) DiskUsage(context.Context) (engine.DiskUsage, error) {
	return engine.DiskUsage{}, u.err
}

func (u unusable) CleanupPreview(context.Context, engine.CleanupOptions) (engine.CleanupPlan, error) {
	return engine.CleanupPlan{}, u.err
}

func (u unusable) Cleanup(context.Context, []engine.CleanupItem) (engine.CleanupResult, error) {
	return engine.CleanupResult{}, u.err
}
