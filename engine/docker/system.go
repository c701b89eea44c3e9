package docker

import (
	"context"
	"errors"
	"strings"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/versions"

	"github.com/docker/docker/api/types/swarm"

	"berth/engine"
)

// Info implements engine.SystemAPI. An engine whose API is older than
// engine.MinAPIVersion answers, but Info returns an ErrAPITooOld with what
// it learnt (Reachable stays false: Berth does not drive it).
func (d *Client) Info(ctx context.Context) (engine.Info, error) {
	info := engine.Info{Host: d.ep.Host}
	d.cli.NegotiateAPIVersion(ctx)
	v, err := d.cli.ServerVersion(ctx)
	if err != nil {
		return info, d.classify(err, "")
	}
	info.Version = v.Version
	info.APIVersion = d.cli.ClientVersion()
	info.Product = product(v.Components)
	d.setProduct(info.Product)
	if versions.LessThan(info.APIVersion, engine.MinAPIVersion) {
		return info, &engine.Error{Kind: engine.ErrAPITooOld, Ref: d.ep.Host, What: info.APIVersion,
			Err: errors.New("API version " + info.APIVersion + " is older than " + engine.MinAPIVersion)}
	}
	si, err := d.cli.Info(ctx)
	if err != nil {
		return info, d.classify(err, "")
	}
	info.Reachable = true
	info.OS = si.OSType
	info.Arch = si.Architecture
	info.OperatingSystem = si.OperatingSystem
	info.CPUs = si.NCPU
	info.MemoryBytes = si.MemTotal
	info.Containers = si.Containers
	info.Running = si.ContainersRunning
	info.Paused = si.ContainersPaused
	info.Stopped = si.ContainersStopped
	info.Images = si.Images
	info.SwarmManager = si.Swarm.LocalNodeState == swarm.LocalNodeStateActive && si.Swarm.ControlAvailable
	return info, nil
}

// product is the engine's make from /version's components: Podman's
// Docker API names its one "Podman Engine", dockerd "Engine".
func product(components []types.ComponentVersion) string {
	for _, c := range components {
		if strings.HasPrefix(c.Name, "Podman") {
			return "Podman"
		}
	}
	return "Docker"
}
