package enginetest

import (
	"context"

	"berth/engine"
)

var _ engine.DiskAPI = (*Engine)(nil)

// DiskFake is the disk part of the fake: func fields, and the state the
// nil ones serve (DiskUsageItem, and CleanupItems: what a preview lists,
// by kind; Cleanup removes the items it is given from it).
type DiskFake struct {
	DiskUsageFunc      func(ctx context.Context) (engine.DiskUsage, error)
	CleanupPreviewFunc func(ctx context.Context, opts engine.CleanupOptions) (engine.CleanupPlan, error)
	CleanupFunc        func(ctx context.Context, items []engine.CleanupItem) (engine.CleanupResult, error)

	DiskUsageItem engine.DiskUsage
	CleanupItems  []engine.CleanupItem
}

// SetCleanupItems replaces what a preview lists by default.
func (f *Engine) SetCleanupItems(items []engine.CleanupItem) {
	f.mu.Lock()
	f.CleanupItems = items
	f.mu.Unlock()
}

// DiskUsage implements engine.DiskAPI.
func (f *Engine) DiskUsage(ctx context.Context) (engine.DiskUsage, error) {
	f.record("DiskUsage")
	if f.DiskUsageFunc != nil {
		return f.DiskUsageFunc(ctx)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.DiskUsageItem, nil
}

// CleanupPreview implements engine.DiskAPI: the CleanupItems of the kinds asked for.
func (f *Engine) CleanupPreview(ctx context.Context, opts engine.CleanupOptions) (engine.CleanupPlan, error) {
	f.record("CleanupPreview")
	if f.CleanupPreviewFunc != nil {
		return f.CleanupPreviewFunc(ctx, opts)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	plan := engine.CleanupPlan{Options: opts}
	for _, it := range f.CleanupItems {
		if opts.Has(it.Kind) || it.Kind == engine.CleanDangling && opts.Has(engine.CleanUnusedImages) {
			plan.Items = append(plan.Items, it)
			plan.Reclaim += it.Size
		}
	}
	return plan, nil
}

// Cleanup implements engine.DiskAPI: it drops the items from CleanupItems.
func (f *Engine) Cleanup(ctx context.Context, items []engine.CleanupItem) (engine.CleanupResult, error) {
	for _, it := range items {
		f.record("Cleanup " + it.ID)
	}
	if f.CleanupFunc != nil {
		return f.CleanupFunc(ctx, items)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var res engine.CleanupResult
	gone := map[string]bool{}
	for _, it := range items {
		gone[it.ID] = true
		res.Removed = append(res.Removed, it)
		res.Reclaimed += it.Size
	}
	var left []engine.CleanupItem
	for _, it := range f.CleanupItems {
		if !gone[it.ID] {
			left = append(left, it)
		}
	}
	f.CleanupItems = left
	return res, nil
}
