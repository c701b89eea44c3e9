package enginetest

import (
	"context"
	"slices"

	"berth/engine"
)

var _ engine.NetworkAPI = (*Engine)(nil)

// NetworkFake is the network part of the fake: func fields, and the state
// the nil ones serve (NetworkItems).
type NetworkFake struct {
	NetworkListFunc       func(ctx context.Context) ([]engine.Network, error)
	NetworkCreateFunc     func(ctx context.Context, spec engine.NetworkSpec) (string, error)
	NetworkRemoveFunc     func(ctx context.Context, id string) error
	NetworkConnectFunc    func(ctx context.Context, network, container string) error
	NetworkDisconnectFunc func(ctx context.Context, network, container string) error

	NetworkItems []engine.Network
}

// SetNetworks replaces the network list served by default.
func (f *Engine) SetNetworks(ns []engine.Network) {
	f.mu.Lock()
	f.NetworkItems = ns
	f.mu.Unlock()
}

// NetworkList implements engine.NetworkAPI.
func (f *Engine) NetworkList(ctx context.Context) ([]engine.Network, error) {
	f.record("NetworkList")
	if f.NetworkListFunc != nil {
		return f.NetworkListFunc(ctx)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]engine.Network(nil), f.NetworkItems...), nil
}

// NetworkCreate implements engine.NetworkAPI: it adds the network to the state.
func (f *Engine) NetworkCreate(ctx context.Context, spec engine.NetworkSpec) (string, error) {
	f.record("NetworkCreate " + spec.Name)
	if f.NetworkCreateFunc != nil {
		return f.NetworkCreateFunc(ctx, spec)
	}
	if err := engine.ValidateNetworkName(spec.Name); err != nil {
		return "", err
	}
	id := "net" + spec.Name
	n := engine.Network{ID: id, Name: spec.Name, Driver: "bridge", Scope: "local", Internal: spec.Internal}
	if spec.Subnet != "" {
		n.Subnets = []engine.Subnet{{Subnet: spec.Subnet, Gateway: spec.Gateway}}
	}
	f.mu.Lock()
	f.NetworkItems = append(f.NetworkItems, n)
	f.mu.Unlock()
	return id, nil
}

// NetworkRemove implements engine.NetworkAPI: one with containers attached is refused.
func (f *Engine) NetworkRemove(ctx context.Context, id string) error {
	f.record("NetworkRemove " + id)
	if f.NetworkRemoveFunc != nil {
		return f.NetworkRemoveFunc(ctx, id)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	i := slices.IndexFunc(f.NetworkItems, func(n engine.Network) bool { return n.ID == id || n.Name == id })
	if i < 0 {
		return &engine.Error{Kind: engine.ErrNotFound, Ref: id, What: "network"}
	}
	if len(f.NetworkItems[i].Attached) > 0 {
		return &engine.Error{Kind: engine.ErrNetworkInUse, Ref: id, What: "network"}
	}
	f.NetworkItems = slices.Delete(f.NetworkItems, i, i+1)
	return nil
}

// NetworkConnect implements engine.NetworkAPI.
func (f *Engine) NetworkConnect(ctx context.Context, network, container string) error {
	f.record("NetworkConnect " + network + " " + container)
	if f.NetworkConnectFunc != nil {
		return f.NetworkConnectFunc(ctx, network, container)
	}
	return nil
}

// NetworkDisconnect implements engine.NetworkAPI.
func (f *Engine) NetworkDisconnect(ctx context.Context, network, container string) error {
	f.record("NetworkDisconnect " + network + " " + container)
	if f.NetworkDisconnectFunc != nil {
		return f.NetworkDisconnectFunc(ctx, network, container)
	}
	return nil
}
