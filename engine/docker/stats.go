package docker

import (
	"context"
	"encoding/json"
	"errors"
	"io"

	"github.com/docker/docker/api/types/container"

	"berth/engine"
)

var _ engine.StatsAPI = (*Client)(nil)

// ContainerStats implements engine.StatsAPI: the engine's stats stream
// (one sample a second), until ctx ends or the container stops.
func (d *Client) ContainerStats(ctx context.Context, id string) (<-chan engine.StatsSample, error) {
	resp, err := d.cli.ContainerStats(ctx, id, true)
	if err != nil {
		return nil, d.classify(err, id)
	}
	out := make(chan engine.StatsSample, 1)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		dec := json.NewDecoder(resp.Body)
		for {
			var v container.StatsResponse
			if err := dec.Decode(&v); err != nil {
				return
			}
			if v.Read.IsZero() || v.PreRead.IsZero() {
				// Zeroes after the container stopped; and the first sample
				// has no previous CPU reading, so no CPU %.
				continue
			}
			select {
			case out <- sampleOf(&v):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// ContainerStatsOnce implements engine.StatsAPI, as `docker stats
// --no-stream`: not the engine's one-shot answer, which has no previous
// CPU reading, but a single sample the engine takes a second after the
// one before, so that CPU % is defined.
func (d *Client) ContainerStatsOnce(ctx context.Context, id string) (engine.StatsSample, error) {
	resp, err := d.cli.ContainerStats(ctx, id, false)
	if err != nil {
		return engine.StatsSample{}, d.classify(err, id)
	}
	defer resp.Body.Close()
	var v container.StatsResponse
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return engine.StatsSample{}, d.classify(err, id)
	}
	return sampleOf(&v), nil
}

// ContainerStatsOneShot implements engine.StatsAPI: the engine's one-shot reading.
func (d *Client) ContainerStatsOneShot(ctx context.Context, id string) (engine.StatsSample, error) {
	resp, err := d.cli.ContainerStatsOneShot(ctx, id)
	if err != nil {
		return engine.StatsSample{}, d.classify(err, id)
	}
	defer resp.Body.Close()
	var v container.StatsResponse
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return engine.StatsSample{}, d.classify(err, id)
	}
	return sampleOf(&v), nil
}

// ContainerTop implements engine.StatsAPI: `docker top id` (ps -ef's columns).
func (d *Client) ContainerTop(ctx context.Context, id string) (engine.Processes, error) {
	top, err := d.cli.ContainerTop(ctx, id, nil)
	if err != nil {
		return engine.Processes{}, d.classify(err, id)
	}
	return engine.Processes{Titles: top.Titles, Rows: top.Processes}, nil
}

// sampleOf computes a sample as `docker stats` does. The formulas are the
// docker CLI's own (cli/command/container/stats_helpers.go, v28.5.2:
// calculateCPUPercentUnix, calculateMemUsageUnixNoCache,
// calculateMemPercentUnixNoCache, calculateNetwork, calculateBlockIO),
// ported because the CLI keeps them unexported; Linux engines only.
func sampleOf(v *container.StatsResponse) engine.StatsSample {
	s := engine.StatsSample{Read: v.Read, CPUPercent: cpuPercent(v.PreCPUStats, v.CPUStats),
		MemUsage: memUsageNoCache(v.MemoryStats), MemLimit: v.MemoryStats.Limit, PIDs: v.PidsStats.Current,
		CPUTotal: v.CPUStats.CPUUsage.TotalUsage, SystemCPU: v.CPUStats.SystemUsage, OnlineCPUs: v.CPUStats.OnlineCPUs}
	if s.OnlineCPUs == 0 {
		s.OnlineCPUs = uint32(len(v.CPUStats.CPUUsage.PercpuUsage))
	}
	if s.MemLimit != 0 {
		s.MemPercent = float64(s.MemUsage) / float64(s.MemLimit) * 100
	}
	for _, n := range v.Networks {
		s.NetRx += n.RxBytes
		s.NetTx += n.TxBytes
	}
	for _, e := range v.BlkioStats.IoServiceBytesRecursive {
		if e.Op == "" {
			continue
		}
		switch e.Op[0] {
		case 'r', 'R':
			s.BlockRead += e.Value
		case 'w', 'W':
			s.BlockWrite += e.Value
		}
	}
	return s
}

// cpuPercent is calculateCPUPercentUnix: the container's share of the
// system's CPU time between two readings, times the online CPUs.
func cpuPercent(prev, cur container.CPUStats) float64 {
	cpuDelta := float64(cur.CPUUsage.TotalUsage) - float64(prev.CPUUsage.TotalUsage)
	systemDelta := float64(cur.SystemUsage) - float64(prev.SystemUsage)
	online := float64(cur.OnlineCPUs)
	if online == 0 {
		online = float64(len(cur.CPUUsage.PercpuUsage))
	}
	if systemDelta > 0 && cpuDelta > 0 {
		return cpuDelta / systemDelta * online * 100
	}
	return 0
}

// memUsageNoCache is calculateMemUsageUnixNoCache: usage without the
// inactive page cache (total_inactive_file on cgroup v1, inactive_file on v2).
func memUsageNoCache(m container.MemoryStats) uint64 {
	if v, v1 := m.Stats["total_inactive_file"]; v1 && v < m.Usage {
		return m.Usage - v
	}
	if v := m.Stats["inactive_file"]; v < m.Usage {
		return m.Usage - v
	}
	return m.Usage
}

func (u unusable) ContainerStats(context.Context, string) (<-chan engine.StatsSample, error) {
	return nil, u.err
}

func (u unusable) ContainerStatsOnce(context.Context, string) (engine.StatsSample, error) {
	return engine.StatsSample{}, u.err
}

func (u unusable) ContainerStatsOneShot(context.Context, string) (engine.StatsSample, error) {
	return engine.StatsSample{}, u.err
}

func (u unusable) ContainerTop(context.Context, string) (engine.Processes, error) {
	return engine.Processes{}, u.err
}
