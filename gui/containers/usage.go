package containers

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"berth/engine"
	"berth/gui/kit"
	"berth/gui/present"
)

// UsageEvery is how often the CPU and Memory columns ask the engine again.
// Each round asks one `docker stats --no-stream` sample of every running
// container whose row was drawn since the round before, four at a time:
// never a stream per container (lazydocker's stream per container put
// dockerd at 20% of a core at 1,000 containers).
var UsageEvery = 15 * time.Second

const (
	usageWorkers = 4
	usageTimeout = 10 * time.Second
)

// usage is the state of the CPU and Memory columns.
type usage struct {
	api   engine.StatsAPI
	every time.Duration

	mu   sync.Mutex
	seen map[string]bool // running containers whose cells were drawn since the last round

	vals    map[string]engine.StatsSample // UI goroutine only
	results *kit.Coalescer[map[string]engine.StatsSample]
}

// EnableUsage adds the CPU and Memory columns before Command, for the
// running rows on screen, sampled with one-shot stats every UsageEvery
// until the host's context ends. Call it once, on the UI goroutine, after New.
func (v *View) EnableUsage(api engine.StatsAPI) {
	u := &usage{api: api, every: UsageEvery, seen: map[string]bool{}, vals: map[string]engine.StatsSample{}}
	u.results = kit.NewCoalescer(v.h.Do, func(a, b map[string]engine.StatsSample) map[string]engine.StatsSample {
		for id, s := range b {
			a[id] = s
		}
		return a
	}, func(m map[string]engine.StatsSample) {
		for id, s := range m {
			u.vals[id] = s
		}
		v.table.Refresh()
	})
	cpu := kit.Column[row]{Title: "CPU", Width: 70, Create: cellLabel, Update: func(r *row, o fyne.CanvasObject) {
		setText(o, u.text(r, func(s engine.StatsSample) string { return present.Percent(s.CPUPercent) }), v.imp())
	}}
	mem := kit.Column[row]{Title: "Memory", Width: 90, Create: cellLabel, Update: func(r *row, o fyne.CanvasObject) {
		setText(o, u.text(r, func(s engine.StatsSample) string { return present.BytesBinary(float64(s.MemUsage)) }), v.imp())
	}}
	cols := append([]kit.Column[row]{}, v.table.Columns[:colCommand]...)
	cols = append(cols, cpu, mem)
	cols = append(cols, v.table.Columns[colCommand:]...)
	v.table.Columns = cols
	for i, c := range cols {
		v.table.SetColumnWidth(i, c.Width)
	}
	v.table.Refresh()
	go u.run(v.h.Context())
}

// text is a usage cell's text; it marks a running row as on screen.
func (u *usage) text(r *row, word func(engine.StatsSample) string) string {
	if r.g != nil || !r.e.running {
		return ""
	}
	u.mu.Lock()
	u.seen[r.e.c.ID] = true
	u.mu.Unlock()
	if s, ok := u.vals[r.e.c.ID]; ok {
		return word(s)
	}
	return ""
}

func (u *usage) run(ctx context.Context) {
	wait := time.Second // the first round once the table was drawn
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		start := time.Now()
		u.round(ctx)
		wait = max(u.every-time.Since(start), min(u.every, time.Second))
	}
}

// round samples the containers seen since the last round.
func (u *usage) round(ctx context.Context) {
	u.mu.Lock()
	ids := make([]string, 0, len(u.seen))
	for id := range u.seen {
		ids = append(ids, id)
	}
	u.seen = map[string]bool{}
	u.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	todo := make(chan string)
	var wg sync.WaitGroup
	for range min(usageWorkers, len(ids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range todo {
				sctx, cancel := context.WithTimeout(ctx, usageTimeout)
				s, err := u.api.ContainerStatsOnce(sctx, id)
				cancel()
				if err == nil {
					u.results.Post(map[string]engine.StatsSample{id: s})
				}
			}
		}()
	}
	for _, id := range ids {
		select {
		case todo <- id:
		case <-ctx.Done():
		}
	}
	close(todo)
	wg.Wait()
}
