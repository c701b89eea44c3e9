package docker

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"

	"berth/engine"
)

var _ engine.InspectAPI = (*Client)(nil)

// ContainerInspect implements engine.InspectAPI.
func (d *Client) ContainerInspect(ctx context.Context, id string) (engine.ContainerDetails, []byte, error) {
	ins, raw, err := d.cli.ContainerInspectWithRaw(ctx, id, false)
	if err != nil {
		return engine.ContainerDetails{}, nil, d.classify(err, id)
	}
	return convertDetails(ins), raw, nil
}

// ContainerSize implements engine.InspectAPI: `docker inspect --size`.
func (d *Client) ContainerSize(ctx context.Context, id string) (engine.ContainerSize, error) {
	ins, _, err := d.cli.ContainerInspectWithRaw(ctx, id, true)
	if err != nil {
		return engine.ContainerSize{}, d.classify(err, id)
	}
	var s engine.ContainerSize
	if ins.SizeRw != nil {
		s.RW = *ins.SizeRw
	}
	if ins.SizeRootFs != nil {
		s.RootFS = *ins.SizeRootFs
	}
	return s, nil
}

func engineTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() <= 1 {
		return time.Time{}
	}
	return t
}

func convertDetails(ins container.InspectResponse) engine.ContainerDetails {
	var d engine.ContainerDetails
	if ins.ContainerJSONBase != nil {
		b := ins.ContainerJSONBase
		d.ID, d.Name, d.ImageID = b.ID, strings.TrimPrefix(b.Name, "/"), b.Image
		d.Created = engineTime(b.Created)
		d.Restarts = b.RestartCount
		if s := b.State; s != nil {
			d.State = engine.ContainerState(s.Status)
			d.Started, d.Finished = engineTime(s.StartedAt), engineTime(s.FinishedAt)
			d.ExitCode, d.Error, d.OOMKilled, d.Pid = s.ExitCode, s.Error, s.OOMKilled, s.Pid
			if h := s.Health; h != nil {
				eh := &engine.Health{Status: h.Status, FailingStreak: h.FailingStreak}
				for _, r := range h.Log {
					if r != nil {
						eh.Log = append(eh.Log, engine.HealthResult{Start: r.Start, End: r.End, ExitCode: r.ExitCode, Output: r.Output})
					}
				}
				d.Health = eh
			}
		}
		if hc := b.HostConfig; hc != nil {
			d.Restart = engine.RestartPolicy(hc.RestartPolicy.Name)
			d.MaxRetries = hc.RestartPolicy.MaximumRetryCount
			d.PortConfig = configPorts(hc.PortBindings)
			d.NetworkMode = string(hc.NetworkMode)
		}
	}
	if d.Restart == "" {
		d.Restart = engine.RestartNo
	}
	if c := ins.Config; c != nil {
		d.Image, d.Cmd, d.Entrypoint = c.Image, c.Cmd, c.Entrypoint
		d.WorkingDir, d.User, d.Hostname, d.Tty = c.WorkingDir, c.User, c.Hostname, c.Tty
		d.Env, d.Labels = c.Env, c.Labels
	}
	for _, m := range ins.Mounts {
		d.Mounts = append(d.Mounts, engine.Mount{Type: engine.MountType(m.Type), Name: m.Name, Source: m.Source,
			Destination: m.Destination, ReadOnly: !m.RW})
	}
	if ns := ins.NetworkSettings; ns != nil {
		d.Ports = inspectPorts(ns.Ports)
		for name, ep := range ns.Networks {
			if ep == nil {
				continue
			}
			a := engine.NetworkAttachment{Name: name, Gateway: ep.Gateway, MacAddress: ep.MacAddress, Aliases: ep.Aliases}
			if ep.IPAddress != "" {
				a.IPAddress = ep.IPAddress + "/" + strconv.Itoa(ep.IPPrefixLen)
			}
			if ep.GlobalIPv6Address != "" {
				a.IPv6 = ep.GlobalIPv6Address + "/" + strconv.Itoa(ep.GlobalIPv6PrefixLen)
			}
			d.Networks = append(d.Networks, a)
		}
		slices.SortFunc(d.Networks, func(a, b engine.NetworkAttachment) int { return cmp.Compare(a.Name, b.Name) })
	}
	return d
}

// inspectPorts turns inspect's port map into bindings: one per host
// binding, one unpublished for an exposed port with none; sorted.
func inspectPorts(pm nat.PortMap) []engine.PortBinding {
	var out []engine.PortBinding
	for p, bs := range pm {
		cp := uint16(p.Int())
		if len(bs) == 0 {
			out = append(out, engine.PortBinding{ContainerPort: cp, Proto: p.Proto()})
			continue
		}
		for _, b := range bs {
			hp, _ := strconv.ParseUint(b.HostPort, 10, 16)
			out = append(out, engine.PortBinding{HostIP: b.HostIP, HostPort: uint16(hp), ContainerPort: cp, Proto: p.Proto()})
		}
	}
	slices.SortFunc(out, func(a, b engine.PortBinding) int {
		return cmp.Or(cmp.Compare(a.ContainerPort, b.ContainerPort), cmp.Compare(a.Proto, b.Proto),
			cmp.Compare(a.HostIP, b.HostIP), cmp.Compare(a.HostPort, b.HostPort))
	})
	return out
}

// configPorts is HostConfig.PortBindings as bindings, sorted: a port the
// engine picks has HostPort 0.
func configPorts(pm nat.PortMap) []engine.PortBinding {
	var out []engine.PortBinding
	for p, bs := range pm {
		for _, b := range bs {
			hp, _ := strconv.ParseUint(b.HostPort, 10, 16)
			out = append(out, engine.PortBinding{HostIP: b.HostIP, HostPort: uint16(hp), ContainerPort: uint16(p.Int()), Proto: p.Proto()})
		}
	}
	slices.SortFunc(out, func(a, b engine.PortBinding) int {
		return cmp.Or(cmp.Compare(a.ContainerPort, b.ContainerPort), cmp.Compare(a.Proto, b.Proto),
			cmp.Compare(a.HostIP, b.HostIP), cmp.Compare(a.HostPort, b.HostPort))
	})
	return out
}

func (u unusable) ContainerInspect(context.Context, string) (engine.ContainerDetails, []byte, error) {
	return engine.ContainerDetails{}, nil, u.err
}

func (u unusable) ContainerSize(context.Context, string) (engine.ContainerSize, error) {
	return engine.ContainerSize{}, u.err
}
