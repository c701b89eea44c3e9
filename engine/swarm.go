package engine

import (
	"context"
	"time"
)

// SwarmAPI is what a Swarm manager tells about its cluster, read-only, as
// `docker node ls`, `docker service ls` and `docker service ps` show it.
type SwarmAPI interface {
	SwarmNodes(ctx context.Context) ([]SwarmNode, error)
	SwarmServices(ctx context.Context) ([]SwarmService, error)
	// SwarmTasks lists a service's tasks, newest first.
	SwarmTasks(ctx context.Context, serviceID string) ([]SwarmTask, error)
}

// SwarmNode is one machine of the cluster.
type SwarmNode struct {
	ID            string
	Hostname      string
	Role          string // manager, worker
	Availability  string // active, pause, drain
	Status        string // ready, down, unknown, disconnected
	ManagerStatus string // Leader, Reachable, Unreachable; "" for a worker
	EngineVersion string
	Addr          string
	Self          bool // the node Berth talks to
}

// SwarmService is one service: what runs where, how many.
type SwarmService struct {
	ID      string
	Name    string
	Mode    string // replicated, global, replicated-job, global-job
	Image   string
	Running uint64
	Desired uint64
	// Ports are the published ports as docker service ls prints them: "*:8080->80/tcp".
	Ports   []string
	Updated time.Time
}

// SwarmTask is one task of a service: a container on a node.
type SwarmTask struct {
	ID           string
	Name         string // service.slot, as docker service ps names it
	Image        string
	Node         string // the node's hostname (its ID if unknown)
	DesiredState string
	State        string // running, shutdown, failed, ...
	Since        time.Time
	Error        string
}
