package enginetest

import (
	"context"

	"berth/engine"
)

var _ engine.StatsAPI = (*Engine)(nil)

// StatsFuncs are the fake's stats calls; set them on Engine.StatsCalls.
// A nil ContainerStats opens a stream fed by SendStats and counted by
// StatsStreams; a nil ContainerTop answers TopAnswer.
type StatsFuncs struct {
	ContainerStats     func(ctx context.Context, id string) (<-chan engine.StatsSample, error)
	ContainerStatsOnce func(ctx context.Context, id string) (engine.StatsSample, error)
	// ContainerStatsOneShot, when nil, answers as ContainerStatsOnce does.
	ContainerStatsOneShot func(ctx context.Context, id string) (engine.StatsSample, error)
	ContainerTop          func(ctx context.Context, id string) (engine.Processes, error)
}

// ContainerStats implements engine.StatsAPI.
func (f *Engine) ContainerStats(ctx context.Context, id string) (<-chan engine.StatsSample, error) {
	f.record("Stats " + id)
	if fn := f.StatsCalls.ContainerStats; fn != nil {
		return fn(ctx, id)
	}
	in := make(chan engine.StatsSample, 16)
	out := make(chan engine.StatsSample)
	f.mu.Lock()
	f.statsOpen++
	f.statsFeeds = append(f.statsFeeds, in)
	f.mu.Unlock()
	go func() {
		defer func() {
			f.mu.Lock()
			f.statsOpen--
			for i, c := range f.statsFeeds {
				if c == in {
					f.statsFeeds = append(f.statsFeeds[:i], f.statsFeeds[i+1:]...)
					break
				}
			}
			f.mu.Unlock()
			close(out)
		}()
		for {
			select {
			case <-ctx.Done():
				return
			case s := <-in:
				select {
				case out <- s:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}

// SendStats hands s to every open stats stream of the nil-func ContainerStats.
func (f *Engine) SendStats(s engine.StatsSample) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.statsFeeds {
		select {
		case c <- s:
		default:
		}
	}
}

// StatsStreams is how many streams of the nil-func ContainerStats are open.
func (f *Engine) StatsStreams() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.statsOpen
}

// ContainerStatsOnce implements engine.StatsAPI.
func (f *Engine) ContainerStatsOnce(ctx context.Context, id string) (engine.StatsSample, error) {
	f.record("StatsOnce " + id)
	if fn := f.StatsCalls.ContainerStatsOnce; fn != nil {
		return fn(ctx, id)
	}
	return engine.StatsSample{}, nil
}

// ContainerStatsOneShot implements engine.StatsAPI.
func (f *Engine) ContainerStatsOneShot(ctx context.Context, id string) (engine.StatsSample, error) {
	if fn := f.StatsCalls.ContainerStatsOneShot; fn != nil {
		f.record("StatsOneShot " + id)
		return fn(ctx, id)
	}
	return f.ContainerStatsOnce(ctx, id)
}

// ContainerTop implements engine.StatsAPI.
func (f *Engine) ContainerTop(ctx context.Context, id string) (engine.Processes, error) {
	f.record("Top " + id)
	if fn := f.StatsCalls.ContainerTop; fn != nil {
		return fn(ctx, id)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.TopAnswer, nil
}
