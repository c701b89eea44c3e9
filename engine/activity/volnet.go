package activity

import (
	"context"
	"sort"

	"berth/engine"
)

// volumes records volume create and remove.
type volumes struct {
	engine.VolumeAPI
	r *recorder
}

func (v volumes) VolumeCreate(ctx context.Context, spec engine.VolumeSpec) (engine.Volume, error) {
	cmd := "docker volume create"
	if spec.Driver != "" {
		cmd += " --driver " + engine.Quote(spec.Driver)
	}
	cmd += labelFlags(spec.Labels)
	if spec.Name != "" {
		cmd += " " + engine.Quote(spec.Name)
	}
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
	cmd := "docker network create"
	if spec.Driver != "" && spec.Driver != "bridge" {
		cmd += " --driver " + engine.Quote(spec.Driver)
	}
	if spec.Subnet != "" {
		cmd += " --subnet " + engine.Quote(spec.Subnet)
	}
	if spec.Gateway != "" {
		cmd += " --gateway " + engine.Quote(spec.Gateway)
	}
	if spec.Internal {
		cmd += " --internal"
	}
	cmd += labelFlags(spec.Labels) + " " + engine.Quote(spec.Name)
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

// labelFlags are --label flags for labels, sorted.
func labelFlags(labels map[string]string) string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := ""
	for _, k := range keys {
		s += " --label " + engine.Quote(k+"="+labels[k])
	}
	return s
}
