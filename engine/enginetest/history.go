package enginetest

import (
	"context"
	"time"

	"berth/engine"
)

var _ engine.HistoryAPI = (*Engine)(nil)

// ContainerHistory implements engine.HistoryAPI: ContainerHistoryFunc, else
// the events of EventHistory[id] at or after since.
func (f *Engine) ContainerHistory(ctx context.Context, id string, since time.Time) ([]engine.HistoryEvent, error) {
	f.record("History " + id)
	if f.ContainerHistoryFunc != nil {
		return f.ContainerHistoryFunc(ctx, id, since)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []engine.HistoryEvent
	for _, ev := range f.EventHistory[id] {
		if !ev.Time.Before(since) {
			out = append(out, ev)
		}
	}
	return out, nil
}
