package docker

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/swarm"

	"berth/engine"
)

var _ engine.SwarmAPI = (*Client)(nil)

// SwarmNodes implements engine.SwarmAPI, as docker node ls.
func (d *Client) SwarmNodes(ctx context.Context) ([]engine.SwarmNode, error) {
	info, err := d.cli.Info(ctx)
	if err != nil {
		return nil, d.classify(err, "")
	}
	nodes, err := d.cli.NodeList(ctx, swarm.NodeListOptions{})
	if err != nil {
		return nil, d.classify(err, "")
	}
	out := make([]engine.SwarmNode, 0, len(nodes))
	for _, n := range nodes {
		sn := engine.SwarmNode{ID: n.ID, Hostname: n.Description.Hostname, Role: string(n.Spec.Role),
			Availability: string(n.Spec.Availability), Status: string(n.Status.State),
			EngineVersion: n.Description.Engine.EngineVersion, Addr: n.Status.Addr, Self: n.ID == info.Swarm.NodeID}
		if m := n.ManagerStatus; m != nil {
			sn.ManagerStatus = "Reachable"
			if m.Leader {
				sn.ManagerStatus = "Leader"
			} else if m.Reachability != swarm.ReachabilityReachable {
				sn.ManagerStatus = cases(string(m.Reachability))
			}
		}
		out = append(out, sn)
	}
	slices.SortFunc(out, func(a, b engine.SwarmNode) int { return cmp.Compare(a.Hostname, b.Hostname) })
	return out, nil
}

// SwarmServices implements engine.SwarmAPI, as docker service ls.
func (d *Client) SwarmServices(ctx context.Context) ([]engine.SwarmService, error) {
	svcs, err := d.cli.ServiceList(ctx, swarm.ServiceListOptions{Status: true})
	if err != nil {
		return nil, d.classify(err, "")
	}
	out := make([]engine.SwarmService, 0, len(svcs))
	for _, s := range svcs {
		es := engine.SwarmService{ID: s.ID, Name: s.Spec.Name, Updated: s.UpdatedAt, Mode: serviceMode(s.Spec.Mode)}
		if c := s.Spec.TaskTemplate.ContainerSpec; c != nil {
			es.Image = imageWithoutDigest(c.Image)
		}
		if st := s.ServiceStatus; st != nil {
			es.Running, es.Desired = st.RunningTasks, st.DesiredTasks
		}
		for _, p := range s.Endpoint.Ports {
			if p.PublishedPort != 0 {
				es.Ports = append(es.Ports, fmt.Sprintf("*:%d->%d/%s", p.PublishedPort, p.TargetPort, p.Protocol))
			}
		}
		out = append(out, es)
	}
	slices.SortFunc(out, func(a, b engine.SwarmService) int { return cmp.Compare(a.Name, b.Name) })
	return out, nil
}

// SwarmTasks implements engine.SwarmAPI, as docker service ps.
func (d *Client) SwarmTasks(ctx context.Context, serviceID string) ([]engine.SwarmTask, error) {
	svc, _, err := d.cli.ServiceInspectWithRaw(ctx, serviceID, swarm.ServiceInspectOptions{})
	if err != nil {
		return nil, d.classify(err, serviceID)
	}
	tasks, err := d.cli.TaskList(ctx, swarm.TaskListOptions{Filters: filters.NewArgs(filters.Arg("service", serviceID))})
	if err != nil {
		return nil, d.classify(err, serviceID)
	}
	hosts := map[string]string{}
	if nodes, err := d.cli.NodeList(ctx, swarm.NodeListOptions{}); err == nil {
		for _, n := range nodes {
			hosts[n.ID] = n.Description.Hostname
		}
	}
	out := make([]engine.SwarmTask, 0, len(tasks))
	for _, t := range tasks {
		et := engine.SwarmTask{ID: t.ID, DesiredState: string(t.DesiredState), State: string(t.Status.State),
			Since: t.Status.Timestamp, Error: t.Status.Err, Node: cmp.Or(hosts[t.NodeID], t.NodeID)}
		if c := t.Spec.ContainerSpec; c != nil {
			et.Image = imageWithoutDigest(c.Image)
		}
		// As docker service ps: name.slot for replicated services, name.node for global ones.
		if t.Slot != 0 {
			et.Name = fmt.Sprintf("%s.%d", svc.Spec.Name, t.Slot)
		} else {
			et.Name = svc.Spec.Name + "." + t.NodeID
		}
		out = append(out, et)
	}
	slices.SortFunc(out, func(a, b engine.SwarmTask) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), b.Since.Compare(a.Since))
	})
	return out, nil
}

func serviceMode(m swarm.ServiceMode) string {
	switch {
	case m.Global != nil:
		return "global"
	case m.ReplicatedJob != nil:
		return "replicated-job"
	case m.GlobalJob != nil:
		return "global-job"
	}
	return "replicated"
}

// imageWithoutDigest is an image as docker service ls shows it: the
// reference without the @sha256: pin the manager adds.
func imageWithoutDigest(ref string) string {
	if i := strings.Index(ref, "@sha256:"); i > 0 {
		return ref[:i]
	}
	return ref
}

// cases is "unreachable" as "Unreachable".
func cases(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (u unusable) SwarmNodes(context.Context) ([]engine.SwarmNode, error)       { return nil, u.err }
func (u unusable) SwarmServices(context.Context) ([]engine.SwarmService, error) { return nil, u.err }
func (u unusable) SwarmTasks(context.Context, string) ([]engine.SwarmTask, error) {
	return nil, u.err
}
