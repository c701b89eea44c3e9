package logs

import (
	"container/heap"
	"context"
	"errors"
	"sync"
	"time"

	"berth/engine"
	"berth/gui/logs/linestore"
)

// screenful is how many lines the view asks for first, to show the end of
// the log at once while the whole history streams in behind it.
const screenful = 200

// pollStopped is how often a stopped container is asked whether it runs
// again (its log then goes on after a restart marker).
const pollStopped = 2 * time.Second

// source is one container of the log.
type source struct {
	id, name string
	index    uint16
}

// loadState is what the loader tells the view (merged by the coalescer).
type loadState struct {
	lines    bool   // lines came
	tailDone bool   // the last screenful is in w.tail
	histDone bool   // the whole history is in w.main
	status   string // a new status text; "" keeps it
	err      error  // the stream failed
	stopped  []int  // sources that stopped
	gone     []int  // sources removed
	running  []int  // sources that run again
}

func mergeState(a, b loadState) loadState {
	a.lines = a.lines || b.lines
	a.tailDone = a.tailDone || b.tailDone
	a.histDone = a.histDone || b.histDone
	if b.status != "" {
		a.status = b.status
	}
	if b.err != nil {
		a.err = b.err
	}
	a.stopped = append(a.stopped, b.stopped...)
	a.gone = append(a.gone, b.gone...)
	a.running = append(a.running, b.running...)
	return a
}

// loader streams the log of the sources into the stores: the last
// screenful (into tail), the whole history up to t0 (into main, merged in
// time order), then what comes after t0, following.
type loader struct {
	api     engine.LogAPI
	sources []source
	opts    engine.LogOptions // the since/until the user chose
	tail    *linestore.Store
	main    *linestore.Store
	post    func(loadState)
	mu      sync.Mutex // main's writers (one per followed source)
}

func (l *loader) run(ctx context.Context) {
	t0 := time.Now()
	until := t0
	follow := l.opts.Until.IsZero()
	if !follow && l.opts.Until.Before(t0) {
		until = l.opts.Until
	}
	// The last screenful first: the view shows it at once.
	err := l.merged(ctx, l.tail, engine.LogOptions{Tail: screenful, Since: l.opts.Since, Until: until}, nil)
	if ctx.Err() != nil {
		return
	}
	l.post(loadState{tailDone: true, lines: true, err: err})
	if err != nil && len(l.sources) == 1 {
		return
	}
	err = l.merged(ctx, l.main, engine.LogOptions{Since: l.opts.Since, Until: until}, func() { l.post(loadState{lines: true}) })
	if ctx.Err() != nil {
		return
	}
	l.post(loadState{histDone: true, lines: true, err: err})
	if !follow || (err != nil && len(l.sources) == 1) {
		return
	}
	since := t0.Add(time.Nanosecond)
	if !l.opts.Since.IsZero() && l.opts.Since.After(since) {
		since = l.opts.Since
	}
	var wg sync.WaitGroup
	for i := range l.sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.follow(ctx, i, since)
		}()
	}
	wg.Wait()
}

// follow follows source i from since, and on after it stops and starts
// again, until it is removed or ctx ends.
func (l *loader) follow(ctx context.Context, i int, since time.Time) {
	s := l.sources[i]
	restarted := false // lines after a stop get a marker first
	stopped := false
	for {
		var gotAny bool
		err := l.api.ContainerLogs(ctx, s.id, engine.LogOptions{Follow: true, Since: since}, func(batch []engine.LogLine) {
			if len(batch) == 0 {
				return
			}
			l.mu.Lock()
			if restarted && !gotAny {
				l.main.Add(linestore.Line{Text: []byte(s.name + " restarted"), Time: batch[0].Time, Marker: true, Source: s.index})
			}
			gotAny = true
			addBatch(l.main, batch, s.index)
			l.mu.Unlock()
			since = batch[len(batch)-1].Time.Add(time.Nanosecond)
			st := loadState{lines: true}
			if stopped {
				st.running = []int{i}
				stopped = false
			}
			l.post(st)
		})
		if ctx.Err() != nil {
			return
		}
		if engine.IsKind(err, engine.ErrNotFound) {
			l.post(loadState{gone: []int{i}})
			return
		}
		if err != nil {
			l.post(loadState{err: err})
		}
		if gotAny || !stopped {
			restarted = true
			if !stopped {
				stopped = true
				l.post(loadState{stopped: []int{i}})
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pollStopped):
		}
	}
}

// addBatch copies a batch into st.
func addBatch(st *linestore.Store, batch []engine.LogLine, src uint16) {
	lines := make([]linestore.Line, len(batch))
	for i, b := range batch {
		lines[i] = linestore.Line{Text: b.Text, Time: b.Time, Stderr: b.Stderr, Source: src}
	}
	st.Add(lines...)
}

// merged reads the log of every source (not following) into st, in time
// order, calling progress after each batch. It returns the first error.
func (l *loader) merged(ctx context.Context, st *linestore.Store, o engine.LogOptions, progress func()) error {
	if len(l.sources) == 1 {
		s := l.sources[0]
		return l.api.ContainerLogs(ctx, s.id, o, func(batch []engine.LogLine) {
			addBatch(st, batch, s.index)
			if progress != nil {
				progress()
			}
		})
	}
	// A k-way merge: one stream per source, each in time order.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	streams := make([]*stream, len(l.sources))
	for i, s := range l.sources {
		streams[i] = &stream{src: s.index, ch: make(chan []linestore.Line, 4)}
		go func() {
			err := l.api.ContainerLogs(ctx, s.id, o, func(batch []engine.LogLine) {
				lines := make([]linestore.Line, len(batch))
				for j, b := range batch {
					lines[j] = linestore.Line{Text: append([]byte(nil), b.Text...), Time: b.Time, Stderr: b.Stderr, Source: s.index}
				}
				select {
				case streams[i].ch <- lines:
				case <-ctx.Done():
				}
			})
			streams[i].err = err
			close(streams[i].ch)
		}()
	}
	h := &streamHeap{}
	for _, s := range streams {
		if s.next() {
			heap.Push(h, s)
		}
	}
	out := make([]linestore.Line, 0, 1024)
	flush := func() {
		st.Add(out...)
		out = out[:0]
		if progress != nil {
			progress()
		}
	}
	for h.Len() > 0 {
		s := (*h)[0]
		out = append(out, s.buf[s.i])
		s.i++
		if s.i < len(s.buf) || s.next() {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
		if len(out) == cap(out) {
			flush()
		}
	}
	flush()
	var errs []error
	for _, s := range streams {
		if s.err != nil && !engine.IsKind(s.err, engine.ErrNotFound) {
			errs = append(errs, s.err)
		}
	}
	return errors.Join(errs...)
}

type stream struct {
	src uint16
	ch  chan []linestore.Line
	buf []linestore.Line
	i   int
	err error
}

// next waits for the stream's next batch; false at its end.
func (s *stream) next() bool {
	for b := range s.ch {
		if len(b) > 0 {
			s.buf, s.i = b, 0
			return true
		}
	}
	return false
}

type streamHeap []*stream

func (h streamHeap) Len() int { return len(h) }
func (h streamHeap) Less(i, j int) bool {
	a, b := h[i].buf[h[i].i].Time, h[j].buf[h[j].i].Time
	if a.Equal(b) {
		return h[i].src < h[j].src
	}
	return a.Before(b)
}
func (h streamHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *streamHeap) Push(x any)   { *h = append(*h, x.(*stream)) }
func (h *streamHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
