package enginetest

import (
	"context"

	"berth/engine"
)

// Swarm is the fake's cluster, read by the SwarmAPI methods.
type Swarm struct {
	Nodes    []engine.SwarmNode
	Services []engine.SwarmService
	Tasks    map[string][]engine.SwarmTask // by service ID
	Err      error
}

// SwarmNodes implements engine.SwarmAPI.
func (f *Engine) SwarmNodes(context.Context) ([]engine.SwarmNode, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "SwarmNodes")
	return f.Cluster.Nodes, f.Cluster.Err
}

// SwarmServices implements engine.SwarmAPI.
func (f *Engine) SwarmServices(context.Context) ([]engine.SwarmService, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "SwarmServices")
	return f.Cluster.Services, f.Cluster.Err
}

// SwarmTasks implements engine.SwarmAPI.
func (f *Engine) SwarmTasks(_ context.Context, id string) ([]engine.SwarmTask, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "SwarmTasks "+id)
	return f.Cluster.Tasks[id], f.Cluster.Err
}
