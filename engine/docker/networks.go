package docker

import (
	"context"
	"sort"
	"sync"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"

	"berth/engine"
)

var _ engine.NetworkAPI = (*Client)(nil)

// NetworkList implements engine.NetworkAPI: docker network ls, then an
// inspect of each network (in parallel, a few at a time) for the
// containers attached, which the list leaves out.
func (d *Client) NetworkList(ctx context.Context) ([]engine.Network, error) {
	var (
		cs   []container.Summary
		cErr error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		cs, cErr = d.cli.ContainerList(ctx, container.ListOptions{All: true})
	}()
	list, err := d.cli.NetworkList(ctx, network.ListOptions{})
	<-done
	if err != nil {
		return nil, d.classify(err, "")
	}
	if cErr != nil {
		return nil, d.classify(cErr, "")
	}
	users := map[string][]string{} // network ID or name -> container names
	for _, c := range cs {
		if c.NetworkSettings == nil || c.Labels[helperLabel] != "" {
			continue
		}
		for name, ep := range c.NetworkSettings.Networks {
			key := name
			if ep != nil && ep.NetworkID != "" {
				key = ep.NetworkID
			}
			users[key] = append(users[key], containerName(c.Names))
		}
	}
	out := make([]engine.Network, len(list))
	errs := make([]error, len(list))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, s := range list {
		out[i] = networkFrom(s)
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			insp, err := d.cli.NetworkInspect(ctx, s.ID, network.InspectOptions{})
			if err != nil {
				errs[i] = err
				return
			}
			out[i] = networkFrom(insp)
		}()
	}
	wg.Wait()
	keep := out[:0]
	for i, n := range out {
		switch err := d.classify(errs[i], n.Name); {
		case err == nil:
			keep = append(keep, n)
		case engine.IsKind(err, engine.ErrNotFound):
			// Removed between the list and the inspect: gone.
		default:
			return nil, err
		}
	}
	for i := range keep {
		u := append(users[keep[i].ID], users[keep[i].Name]...)
		sort.Strings(u)
		keep[i].UsedBy = u
	}
	sort.Slice(keep, func(i, j int) bool { return keep[i].Name < keep[j].Name })
	return keep, nil
}

func networkFrom(n network.Inspect) engine.Network {
	out := engine.Network{ID: n.ID, Name: n.Name, Driver: n.Driver, Scope: n.Scope, Internal: n.Internal,
		Created: n.Created, Labels: n.Labels}
	for _, c := range n.IPAM.Config {
		out.Subnets = append(out.Subnets, engine.Subnet{Subnet: c.Subnet, Gateway: c.Gateway})
	}
	for id, e := range n.Containers {
		out.Attached = append(out.Attached, engine.Attachment{ContainerID: id, Name: e.Name,
			IPv4: e.IPv4Address, IPv6: e.IPv6Address, MAC: e.MacAddress})
	}
	sort.Slice(out.Attached, func(i, j int) bool { return out.Attached[i].Name < out.Attached[j].Name })
	return out
}

// NetworkCreate implements engine.NetworkAPI.
func (d *Client) NetworkCreate(ctx context.Context, spec engine.NetworkSpec) (string, error) {
	if err := engine.ValidateNetworkName(spec.Name); err != nil {
		return "", err
	}
	if err := engine.ValidateSubnet(spec.Subnet, spec.Gateway); err != nil {
		return "", err
	}
	opts := network.CreateOptions{Driver: spec.Driver, Internal: spec.Internal, Labels: spec.Labels}
	if opts.Driver == "" {
		opts.Driver = "bridge"
	}
	if spec.Subnet != "" {
		opts.IPAM = &network.IPAM{Config: []network.IPAMConfig{{Subnet: spec.Subnet, Gateway: spec.Gateway}}}
	}
	resp, err := d.cli.NetworkCreate(ctx, spec.Name, opts)
	if err != nil {
		return "", d.networkErr(err, spec.Name, spec.Subnet)
	}
	return resp.ID, nil
}

// NetworkRemove implements engine.NetworkAPI.
func (d *Client) NetworkRemove(ctx context.Context, id string) error {
	return d.networkErr(d.cli.NetworkRemove(ctx, id), id, "")
}

// NetworkConnect implements engine.NetworkAPI.
func (d *Client) NetworkConnect(ctx context.Context, net, ctr string) error {
	return d.networkErr(d.cli.NetworkConnect(ctx, net, ctr, nil), net, "")
}

// NetworkDisconnect implements engine.NetworkAPI (never forced).
func (d *Client) NetworkDisconnect(ctx context.Context, net, ctr string) error {
	return d.networkErr(d.cli.NetworkDisconnect(ctx, net, ctr, false), net, "")
}

func (d *Client) networkErr(err error, ref, subnet string) error {
	err = d.classify(err, ref)
	if e := engine.AsError(err); e != nil {
		switch {
		case e.Kind == engine.ErrSubnetOverlap && subnet != "":
			e.Ref = subnet
		case e.What == "" && (e.Kind == engine.ErrNotFound || e.Kind == engine.ErrNameInUse):
			e.What = "network"
		}
	}
	return err
}

func (u unusable) NetworkList(context.Context) ([]engine.Network, error) { return nil, u.err }
func (u unusable) NetworkCreate(context.Context, engine.NetworkSpec) (string, error) {
	return "", u.err
}
func (u unusable) NetworkRemove(context.Context, string) error             { return u.err }
func (u unusable) NetworkConnect(context.Context, string, string) error    { return u.err }
func (u unusable) NetworkDisconnect(context.Context, string, string) error { return u.err }
