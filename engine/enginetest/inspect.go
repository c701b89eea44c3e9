package enginetest

import (
	"context"

	"berth/engine"
)

var _ engine.InspectAPI = (*Engine)(nil)

// Inspect is the fake's inspect state: details and raw JSON by container ID.
type Inspect struct {
	Details map[string]engine.ContainerDetails
	Raw     map[string][]byte
	Sizes   map[string]engine.ContainerSize
}

// SetDetails serves d (and raw, if not nil) for container d.ID.
func (f *Engine) SetDetails(d engine.ContainerDetails, raw []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inspect.Details == nil {
		f.inspect = Inspect{Details: map[string]engine.ContainerDetails{}, Raw: map[string][]byte{}, Sizes: map[string]engine.ContainerSize{}}
	}
	f.inspect.Details[d.ID] = d
	if raw != nil {
		f.inspect.Raw[d.ID] = raw
	}
}

// SetSize serves s as container id's size.
func (f *Engine) SetSize(id string, s engine.ContainerSize) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inspect.Sizes == nil {
		f.inspect.Sizes = map[string]engine.ContainerSize{}
	}
	f.inspect.Sizes[id] = s
}

// ContainerInspect implements engine.InspectAPI: ContainerInspectFunc, else
// the details set with SetDetails (raw "{}" if none), else not found.
func (f *Engine) ContainerInspect(ctx context.Context, id string) (engine.ContainerDetails, []byte, error) {
	f.record("Inspect " + id)
	if f.ContainerInspectFunc != nil {
		return f.ContainerInspectFunc(ctx, id)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.inspect.Details[id]
	if !ok {
		return engine.ContainerDetails{}, nil, &engine.Error{Kind: engine.ErrNotFound, Ref: id, What: "container"}
	}
	raw := f.inspect.Raw[id]
	if raw == nil {
		raw = []byte("{}")
	}
	return d, raw, nil
}

// ContainerSize implements engine.InspectAPI.
func (f *Engine) ContainerSize(ctx context.Context, id string) (engine.ContainerSize, error) {
	f.record("Size " + id)
	if f.ContainerSizeFunc != nil {
		return f.ContainerSizeFunc(ctx, id)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.inspect.Sizes[id], nil
}
