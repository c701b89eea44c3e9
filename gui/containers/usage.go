package containers

import (
	"context"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/kit"
	"berth/gui/present"
)

// The CPU and Memory columns read the engine's one-shot stats of the
// running containers whose rows were drawn lately, one reading every
// UsageGap, each container at most every UsageEvery; the CPU % is the
// docker CLI's formula between a container's last two readings
// (engine.CPUPercentBetween). Never a stream per container (lazydocker's
// stream per container put dockerd at 20% of a core at 1,000 containers),
// and not `docker stats --no-stream` either, which makes the engine sample
// twice a second apart. A stats answer costs dockerd 40-110 ms of CPU on
// the test bed (measured, docs/PERFORMANCE.md): the gap holds Berth to one
// answer every five seconds, 0.8-2.2% of a core, however many rows are
// shown; with 50 running rows each is read about every four minutes.
var (
	UsageGap   = 5 * time.Second
	UsageEvery = 15 * time.Second
)

const usageTimeout = 10 * time.Second

// usage is the state of the CPU and Memory columns.
type usage struct {
	api        engine.StatsAPI
	gap, every time.Duration

	mu   sync.Mutex
	seen map[string]bool // running containers whose cells were drawn since the last round

	prev map[string]engine.StatsSample // the sampler's goroutine only: each container's last reading

	vals    map[string]engine.StatsSample // UI goroutine only
	results *kit.Coalescer[map[string]engine.StatsSample]
}

// EnableUsage adds the CPU and Memory columns before Command, for the
// running rows on screen, sampled with one-shot stats every UsageEvery
// until ctx ends (the shell ends it when it builds the view again). Call
// it once, on the UI goroutine, after New.
func (v *View) EnableUsage(ctx context.Context, api engine.StatsAPI) {
	u := &usage{api: api, gap: UsageGap, every: UsageEvery, seen: map[string]bool{}, prev: map[string]engine.StatsSample{},
		vals: map[string]engine.StatsSample{}}
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
	cpu := kit.Column[row]{Title: i18n.T("containers.col.cpu"), Width: 70, Create: cellLabel, Update: func(r *row, o fyne.CanvasObject) {
		setText(o, u.text(r, cpuText), v.imp())
	}}
	mem := kit.Column[row]{Title: i18n.T("containers.col.memory"), Width: 90, Create: cellLabel, Update: func(r *row, o fyne.CanvasObject) {
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
	go u.run(ctx)
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

// cpuText is the CPU cell's text: "" until a container was read twice.
func cpuText(s engine.StatsSample) string {
	if s.CPUPercent < 0 {
		return ""
	}
	return present.Percent(s.CPUPercent)
}

func (u *usage) run(ctx context.Context) {
	var queue []string
	read := map[string]time.Time{} // when each container was read last
	wait := time.Second            // the first reading once the table was drawn
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = u.gap
		if len(queue) == 0 {
			queue = u.due(read)
		}
		if len(queue) == 0 {
			wait = min(u.gap, time.Second)
			continue
		}
		id := queue[0]
		queue = queue[1:]
		sctx, cancel := context.WithTimeout(ctx, usageTimeout)
		s, err := u.api.ContainerStatsOneShot(sctx, id)
		cancel()
		read[id] = time.Now()
		if err == nil {
			u.keep(id, s)
		}
	}
}

// due are the containers drawn since they were last taken and not read
// for UsageEvery, oldest reading first.
func (u *usage) due(read map[string]time.Time) []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	var ids []string
	now := time.Now()
	for id := range u.seen {
		if now.Sub(read[id]) >= u.every {
			ids = append(ids, id)
			delete(u.seen, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int { return read[a].Compare(read[b]) })
	return ids
}

// keep computes the CPU % against the container's previous reading (-1:
// none yet) and posts the sample.
func (u *usage) keep(id string, s engine.StatsSample) {
	s.CPUPercent = -1
	if prev, ok := u.prev[id]; ok {
		s.CPUPercent = engine.CPUPercentBetween(prev, s)
	}
	u.prev[id] = s
	u.results.Post(map[string]engine.StatsSample{id: s})
}
