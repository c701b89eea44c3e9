package docker

import (
	"context"

	"github.com/docker/docker/api/types/swarm"

	"berth/engine"
)

// Info implements engine.SystemAPI.
func (d *Client) Info(ctx context.Context) (engine.Info, error) {
	info := engine.Info{Host: d.ep.Host}
	d.cli.NegotiateAPIVersion(ctx)
	v, err := d.cli.ServerVersion(ctx)
	if err != nil {
		return info, d.classify(err, "")
	}
	si, err := d.cli.Info(ctx)
	if err != nil {
		return info, d.classify(err, "")
	}
	info.Reachable = true
	info.Version = v.Version
	info.APIVersion = d.cli.ClientVersion()
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
