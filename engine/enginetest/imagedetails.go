package enginetest

import (
	"context"
	"strings"

	"berth/engine"
)

var _ engine.ImageDetailAPI = (*Engine)(nil)

// ImageDetailFake is the image-details part of the fake: func fields, and
// the state the nil ones serve (HistoryItems and ConfigItems by reference,
// RegistryItems for the search; ImageTag records the new tags in Tagged).
type ImageDetailFake struct {
	ImageHistoryFunc   func(ctx context.Context, ref string) ([]engine.HistoryLayer, error)
	ImageConfigFunc    func(ctx context.Context, ref string) (engine.ImageConfig, error)
	ImageTagFunc       func(ctx context.Context, src, target string) error
	ImagePushFunc      func(ctx context.Context, ref string, progress func(engine.PullProgress)) error
	RegistrySearchFunc func(ctx context.Context, registry, query string) ([]engine.RegistryRepo, error)

	HistoryItems  map[string][]engine.HistoryLayer
	ConfigItems   map[string]engine.ImageConfig
	RegistryItems []engine.RegistryRepo
	Tagged        map[string]string // target -> source
}

// ImageHistory implements engine.ImageDetailAPI.
func (f *Engine) ImageHistory(ctx context.Context, ref string) ([]engine.HistoryLayer, error) {
	f.record("ImageHistory " + ref)
	if f.ImageHistoryFunc != nil {
		return f.ImageHistoryFunc(ctx, ref)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.HistoryItems[ref]
	if !ok {
		return nil, &engine.Error{Kind: engine.ErrNotFound, Ref: ref, What: "image"}
	}
	return h, nil
}

// ImageConfig implements engine.ImageDetailAPI.
func (f *Engine) ImageConfig(ctx context.Context, ref string) (engine.ImageConfig, error) {
	f.record("ImageConfig " + ref)
	if f.ImageConfigFunc != nil {
		return f.ImageConfigFunc(ctx, ref)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.ConfigItems[ref]
	if !ok {
		return engine.ImageConfig{}, &engine.Error{Kind: engine.ErrNotFound, Ref: ref, What: "image"}
	}
	return c, nil
}

// ImageTag implements engine.ImageDetailAPI: it validates target and records it.
func (f *Engine) ImageTag(ctx context.Context, src, target string) error {
	f.record("ImageTag " + src + " " + target)
	if f.ImageTagFunc != nil {
		return f.ImageTagFunc(ctx, src, target)
	}
	if _, err := engine.ValidateImage(target); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.Tagged == nil {
		f.Tagged = map[string]string{}
	}
	f.Tagged[target] = src
	return nil
}

// ImagePush implements engine.ImageDetailAPI; by default one layer is pushed at once.
func (f *Engine) ImagePush(ctx context.Context, ref string, progress func(engine.PullProgress)) error {
	f.record("ImagePush " + ref)
	if f.ImagePushFunc != nil {
		return f.ImagePushFunc(ctx, ref, progress)
	}
	if progress != nil {
		progress(engine.PullProgress{Ref: ref, Done: true, Fraction: 1, Status: "1: digest: sha256:fake size: 1",
			Layers: []engine.Layer{{ID: "fakelayer000", Status: engine.LayerPushed, Current: 1, Total: 1}}})
	}
	return nil
}

// RegistrySearch implements engine.ImageDetailAPI over RegistryItems.
func (f *Engine) RegistrySearch(ctx context.Context, registry, query string) ([]engine.RegistryRepo, error) {
	f.record("RegistrySearch " + registry + " " + query)
	if f.RegistrySearchFunc != nil {
		return f.RegistrySearchFunc(ctx, registry, query)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []engine.RegistryRepo
	for _, r := range f.RegistryItems {
		if strings.Contains(r.Name, query) {
			out = append(out, r)
		}
	}
	return out, nil
}
