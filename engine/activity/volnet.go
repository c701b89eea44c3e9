package activity

import (
	"context"

	"berth/engine"
)

// volumes records volume create and remove.
type volumes struct {
	engine.VolumeAPI
	r *recorder
}

func (v volumes) VolumeCreate(ctx context.Context, spec engine.VolumeSpec) (engine.Volume, error) {
	cmd := engine.VolumeCreateCommand(spec)
	o := v.r.log.begin(Entry{Action: VolumeCreate, Object: spec.Name, Command: cmd}, &op{idKnown: true})
	vol, err := v.VolumeAPI.VolumeCreate(ctx, spec)
	if err == nil && spec.Name == "" {
		v.r.log.name(o, vol.Name) // the engine's name
	}
	v.r.log.finish(o, err)
	return vol, err
}

func (v volumes) VolumeRemove(ctx context.Context, name string) error {
	return v.r.record(Entry{Action: VolumeRemove, Object: name, Command: "docker volume rm " + engine.Quote(name)},
		&op{idKnown: true}, func() error { return v.VolumeAPI.VolumeRemove(ctx, name) })
}

// networks records network create, remove, connect and disconnect.
type networks struct {
	engine.NetworkAPI
	r *recorder
}

func (n networks) NetworkCreate(ctx context.Context, spec engine.NetworkSpec) (string, error) {
	cmd := engine.NetworkCreateCommand(spec)
	var id string
	err := n.r.record(Entry{Action: NetworkCreate, Object: spec.Name, Command: cmd}, &op{idKnown: true}, func() error {
		var err error
		id, err = n.NetworkAPI.NetworkCreate(ctx, spec)
		return err
	})
	return id, err
}

func (n networks) NetworkRemove(ctx context.Context, id string) error {
	name := n.r.name(id)
	return n.r.record(Entry{Action: NetworkRemove, Object: name, Command: "docker network rm " + engine.Quote(name)},
		&op{idKnown: true}, func() error { return n.NetworkAPI.NetworkRemove(ctx, id) })
}

func (n networks) NetworkConnect(ctx context.Context, network, container string) error {
	c, net := n.r.name(container), n.r.name(network)
	return n.r.record(Entry{Action: NetworkConnect, Object: c, Detail: net,
		Command: "docker network connect " + engine.Quote(net) + " " + engine.Quote(c)},
		&op{idKnown: true}, func() error { return n.NetworkAPI.NetworkConnect(ctx, network, container) })
}

func (n networks) NetworkDisconnect(ctx context.Context, network, container string) error {
	c, net := n.r.name(container), n.r.name(network)
	return n.r.record(Entry{Action: NetworkDisconnect, Object: c, Detail: net,
		Command: "docker network disconnect " + engine.Quote(net) + " " + engine.Quote(c)},
		&op{idKnown: true}, func() error { return n.NetworkAPI.NetworkDisconnect(ctx, network, container) })
}
