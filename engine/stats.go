package engine

import (
	"context"
	"time"
)

// StatsAPI is a container's resource use and processes, as `docker stats` and `docker top` (issue 10).
type StatsAPI interface {
	// ContainerStats streams samples of container id, about one a second,
	// until ctx ends or the container stops; the channel is closed then.
	ContainerStats(ctx context.Context, id string) (<-chan StatsSample, error)
	// ContainerStatsOnce is one sample, as `docker stats --no-stream`.
	ContainerStatsOnce(ctx context.Context, id string) (StatsSample, error)
	// ContainerStatsOneShot is the engine's one-shot reading: cheap for the
	// engine (no sampling a second apart), but without a previous CPU
	// reading, so CPUPercent is 0: compute it between two readings with
	// CPUPercentBetween. For periodic sampling of many containers.
	ContainerStatsOneShot(ctx context.Context, id string) (StatsSample, error)
	// ContainerTop lists the processes of a running container, as `docker top`.
	ContainerTop(ctx context.Context, id string) (Processes, error)
}

// StatsSample is one reading of a container's resource use, computed as
// `docker stats` computes it.
type StatsSample struct {
	Read       time.Time
	CPUPercent float64 // of one core: 200% is two cores busy
	MemUsage   uint64  // bytes, page cache excluded as docker stats does
	MemLimit   uint64  // bytes
	MemPercent float64
	NetRx      uint64 // bytes received, all interfaces, since the start
	NetTx      uint64
	BlockRead  uint64 // bytes read from block devices since the start
	BlockWrite uint64
	PIDs       uint64
	// The raw CPU counters of the reading (nanoseconds), for CPUPercentBetween.
	CPUTotal, SystemCPU uint64
	OnlineCPUs          uint32
}

// CPUPercentBetween is the CPU % between two readings of one container,
// with the docker CLI's formula (calculateCPUPercentUnix, as
// engine/docker uses it for one sample): the container's share of the
// system's CPU time between them, times the online CPUs.
func CPUPercentBetween(prev, cur StatsSample) float64 {
	cpuDelta := float64(cur.CPUTotal) - float64(prev.CPUTotal)
	systemDelta := float64(cur.SystemCPU) - float64(prev.SystemCPU)
	if systemDelta > 0 && cpuDelta > 0 {
		return cpuDelta / systemDelta * float64(cur.OnlineCPUs) * 100
	}
	return 0
}

// Processes is `docker top`'s answer: its column titles and rows.
type Processes struct {
	Titles []string
	Rows   [][]string
}

// Column returns the index of the column titled one of names, -1 if none.
func (p Processes) Column(names ...string) int {
	for i, t := range p.Titles {
		for _, n := range names {
			if t == n {
				return i
			}
		}
	}
	return -1
}
