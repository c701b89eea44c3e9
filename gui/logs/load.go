package logs

import (
	"container/heap"
	"context"
	"errors"
	"sync"
	"time"

	"berth/engine"
	"berth/gui/i18n"
	"berth/gui/logs/linestore"
)

// screenful is how many lines the view asks for first, to show the end of
// the log at once while the whole history streams in behind it.
const screenful = 200

// pollStopped is how often a stopped container is asked whether it runs
// again (its log then goes on after a restart marker).
const pollStopped = 2 * time.Second

// pollTail is how many of a stopped container's last lines each poll asks
// for (to find where the lines seen end).
const pollTail = 1000

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

// loader streams the log of the sources into the stores. Each source's
// stream starts with its last screenful and goes on following (`docker logs
// --tail N --follow`): those lines go into tail at once, and so do the lines
// the container writes meanwhile. The history before the screenful streams
// in behind it, into main (merged in time order): it runs up to the time of
// the source's first tailed line (until=T, which the engine counts
// inclusive), and the lines of that very time the tail holds too are
// dropped from the history's end, so that the seam repeats no line and
// loses none. When the history is in, tail's lines are copied after it and
// the followed lines go on into main.
type loader struct {
	api     engine.LogAPI
	sources []source
	opts    engine.LogOptions // the since/until the user chose
	tail    *linestore.Store
	main    *linestore.Store
	post    func(loadState)

	mu    sync.Mutex       // the followed lines' store, the seams
	cur   *linestore.Store // where followed lines go: tail, then main
	seams []seam
	known int              // seams known
	held  []linestore.Line // a merged log's first lines, until every seam is known
	ready chan struct{}    // closed when every seam is known
	buf   []linestore.Line
}

// seam is where a source's followed stream began.
type seam struct {
	known bool
	empty bool      // its log had nothing before the stream: no history
	at    time.Time // the stream's first line's time
	upto  time.Time // the history runs up to this time (inclusive): the latest seam of all
	skip  int       // the stream's first lines up to upto: they are in the history, left out after it
	past  bool      // a line of the stream after upto came: the history stops there too
}

func (l *loader) run(ctx context.Context) {
	t0 := time.Now()
	follow := l.opts.Until.IsZero()
	o := engine.LogOptions{Tail: screenful, Since: l.opts.Since, Follow: follow}
	if !follow {
		o.Until = l.opts.Until
		if o.Until.After(t0) {
			o.Until = t0
		}
	}
	l.cur = l.tail
	l.seams = make([]seam, len(l.sources))
	l.ready = make(chan struct{})
	var wg sync.WaitGroup
	for i := range l.sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.follow(ctx, i, o, t0)
		}()
		if follow {
			go l.probe(ctx, i, o)
		}
	}
	select {
	case <-l.ready:
	case <-ctx.Done():
		return
	}
	l.post(loadState{tailDone: true, lines: true})
	err := l.history(ctx)
	if ctx.Err() != nil {
		return
	}
	// The history is in: the lines followed so far go after it (but those
	// it holds), and the next ones into main.
	l.mu.Lock()
	skip := map[uint16]int{}
	for i, sm := range l.seams {
		skip[l.sources[i].index] = sm.skip
	}
	copyStore(l.main, l.tail, skip)
	l.cur = l.main
	l.post(loadState{histDone: true, lines: true, err: err}) // before any line of main's follows
	l.mu.Unlock()
	wg.Wait()
}

// probe asks whether source i's log holds a line at all: a followed stream
// of an empty log sends nothing until the container writes, and the
// history must not wait for it. (A line written after the probe comes
// through the followed stream, in its last screenful or after it.)
func (l *loader) probe(ctx context.Context, i int, o engine.LogOptions) {
	o.Tail, o.Follow = 1, false
	any := false
	err := l.api.ContainerLogs(ctx, l.sources[i].id, o, func(b []engine.LogLine) { any = any || len(b) > 0 })
	if err == nil && !any {
		l.seamEmpty(i)
	}
}

// seamEmpty says source i has no history.
func (l *loader) seamEmpty(i int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.seams[i].known {
		l.seams[i] = seam{known: true, empty: true}
		l.seamKnown()
	}
}

// seamKnown counts a seam known. With the last one, every source's history
// is to run up to the latest seam (so that the merged history ends where
// every followed stream has all lines after it), and the lines held go
// in, in time order. Under l.mu.
func (l *loader) seamKnown() {
	l.known++
	if l.known < len(l.sources) {
		return
	}
	var upto time.Time
	for _, sm := range l.seams {
		if !sm.empty && sm.at.After(upto) {
			upto = sm.at
		}
	}
	for i := range l.seams {
		if !l.seams[i].empty {
			l.seams[i].upto = upto
		}
	}
	bySrc := map[uint16]int{}
	for i, s := range l.sources {
		bySrc[s.index] = i
	}
	for _, ln := range l.held {
		l.counted(bySrc[ln.Source], ln)
	}
	l.cur.Add(inTimeOrder(l.held)...)
	l.held = nil
	close(l.ready)
}

// inTimeOrder merges the lines of several sources in time order, each
// source's lines kept in the order they came: one source's log is not
// strictly in time order (stdout and stderr are read apart), and its own
// order is the engine's, which a sort by time would change.
func inTimeOrder(lines []linestore.Line) []linestore.Line {
	var order []uint16
	bySrc := map[uint16][]linestore.Line{}
	for _, ln := range lines {
		if _, ok := bySrc[ln.Source]; !ok {
			order = append(order, ln.Source)
		}
		bySrc[ln.Source] = append(bySrc[ln.Source], ln)
	}
	if len(order) < 2 {
		return lines
	}
	out := make([]linestore.Line, 0, len(lines))
	for len(out) < len(lines) {
		best := -1
		for k, src := range order {
			q := bySrc[src]
			if len(q) == 0 {
				continue
			}
			if best < 0 {
				best = k
				continue
			}
			b := bySrc[order[best]][0]
			if q[0].Time.Before(b.Time) || (q[0].Time.Equal(b.Time) && src < order[best]) {
				best = k
			}
		}
		src := order[best]
		out = append(out, bySrc[src][0])
		bySrc[src] = bySrc[src][1:]
	}
	return out
}

// counted counts line ln of source i's stream if the history holds it too:
// the stream's lines up to upto, until the first after it. (The engine's
// log is not strictly in time order, stdout and stderr being read apart,
// and its until stops the history at the first line after it, as here.)
// Under l.mu, once the seams are known.
func (l *loader) counted(i int, ln linestore.Line) {
	sm := &l.seams[i]
	switch {
	case ln.Marker || sm.empty || sm.past:
	case ln.Time.After(sm.upto):
		sm.past = true
	default:
		sm.skip++
	}
}

// take adds a batch of source i's followed stream (and a marker line first,
// if marker is not ""), noting its seam with its first batch.
func (l *loader) take(i int, batch []engine.LogLine, marker string) {
	s := l.sources[i]
	l.mu.Lock()
	defer l.mu.Unlock()
	lines := l.buf[:0]
	if marker != "" {
		lines = append(lines, linestore.Line{Text: []byte(marker), Time: batch[0].Time, Marker: true, Source: s.index})
	}
	for _, b := range batch {
		lines = append(lines, linestore.Line{Text: b.Text, Time: b.Time, Stderr: b.Stderr, Source: s.index})
	}
	l.buf = lines[:0]
	defer clear(l.buf[:cap(l.buf)])
	if l.known < len(l.sources) {
		// The first lines wait for every source's seam (a merged log's go
		// in in time order).
		for _, ln := range lines {
			ln.Text = append([]byte(nil), ln.Text...)
			l.held = append(l.held, ln)
		}
		if !l.seams[i].known {
			l.seams[i] = seam{known: true, at: batch[0].Time}
			l.seamKnown()
		}
		return
	}
	for _, ln := range lines {
		l.counted(i, ln)
	}
	l.cur.Add(lines...)
}

// follow streams source i from its last screenful on (o), and, when
// following, on after it stops and starts again, until it is removed or
// ctx ends.
func (l *loader) follow(ctx context.Context, i int, o engine.LogOptions, t0 time.Time) {
	s := l.sources[i]
	restarted := false // lines after a stop get a marker first
	stopped := false
	ever := false // a line came
	since := t0   // lines after this one are new
	polling := false
	for {
		var gotAny, checked bool
		deliver := func(batch []engine.LogLine) {
			if len(batch) == 0 {
				return
			}
			marker := ""
			if restarted && !gotAny {
				marker = i18n.T("logs.restarted", "Name", s.name)
			}
			gotAny, ever = true, true
			l.take(i, batch, marker)
			since = batch[len(batch)-1].Time.Add(time.Nanosecond)
			st := loadState{lines: true}
			if stopped {
				st.running = []int{i}
				stopped = false
			}
			l.post(st)
		}
		err := l.api.ContainerLogs(ctx, s.id, o, func(batch []engine.LogLine) {
			if !polling {
				deliver(batch)
				return
			}
			// A poll's last lines: those seen go; when none of them was
			// seen, the ones between come first (a long restart).
			if !checked && len(batch) > 0 {
				checked = true
				if !batch[0].Time.Before(since) {
					if err := l.api.ContainerLogs(ctx, s.id, engine.LogOptions{Since: since, Until: batch[0].Time.Add(-time.Nanosecond)}, func(b []engine.LogLine) {
						k := 0
						for k < len(b) && b[k].Time.Before(since) {
							k++
						}
						deliver(b[k:])
					}); err != nil {
						l.post(loadState{err: err})
					}
				}
			}
			k := 0
			for k < len(batch) && batch[k].Time.Before(since) {
				k++
			}
			deliver(batch[k:])
		})
		if ctx.Err() != nil {
			return
		}
		if !gotAny {
			l.seamEmpty(i)
		}
		if engine.IsKind(err, engine.ErrNotFound) {
			if ever {
				l.post(loadState{gone: []int{i}})
			} else {
				l.post(loadState{err: err}) // there was none to begin with
			}
			return
		}
		if err != nil {
			l.post(loadState{err: err})
		}
		if !o.Follow {
			return
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
		// A stopped container is asked for its last lines, which the engine
		// reads from the end of its log: a since would make it read the
		// whole log each time (a million lines: as long as the history).
		o = engine.LogOptions{Follow: true, Tail: pollTail}
		polling = true
	}
}

// history reads the sources' history before their seams into main.
func (l *loader) history(ctx context.Context) error {
	var srcs []int
	for i, sm := range l.seams {
		if !sm.empty {
			srcs = append(srcs, i)
		}
	}
	return l.merged(ctx, l.main, srcs, func() { l.post(loadState{lines: true}) })
}

// copyStore appends src's lines to dst but the first skip[source] of each
// source.
func copyStore(dst, src *linestore.Store, skip map[uint16]int) {
	var buf []byte
	lines := make([]linestore.Line, 0, 1024)
	flush := func() {
		dst.Add(lines...)
		lines, buf = lines[:0], buf[:0]
	}
	for i := range src.Len() {
		in := src.Info(i)
		if in.Flags&linestore.Marker == 0 && skip[in.Source] > 0 {
			skip[in.Source]--
			continue
		}
		start := len(buf)
		buf, _ = src.Raw(buf, i)
		var t time.Time
		if in.Time != 0 {
			t = time.Unix(0, in.Time)
		}
		lines = append(lines, linestore.Line{Text: buf[start:len(buf):len(buf)], Time: t,
			Stderr: in.Flags&linestore.Stderr != 0, Marker: in.Flags&linestore.Marker != 0, Source: in.Source})
		if len(lines) == cap(lines) || len(buf) > 1<<20 {
			flush()
			buf = nil // the lines added keep no reference, but start afresh after a long line
		}
	}
	flush()
}

// histLines reads source i's history up to its seam, calling fn with its
// lines. The followed stream has the lines of the seam's time too: they go
// from there (the history's are whole: a long line's parts share its time,
// and the last screenful may begin in the middle of one).
func (l *loader) histLines(ctx context.Context, i int, fn func([]linestore.Line)) error {
	s, sm := l.sources[i], l.seams[i]
	// A nanosecond more, for an engine that keeps the lines at until out.
	o := engine.LogOptions{Since: l.opts.Since, Until: sm.upto.Add(time.Nanosecond)}
	var lines []linestore.Line
	past := false
	return l.api.ContainerLogs(ctx, s.id, o, func(batch []engine.LogLine) {
		lines = lines[:0]
		for _, b := range batch {
			if past || b.Time.After(sm.upto) {
				past = true // as the engine's until stops (see counted)
				continue
			}
			lines = append(lines, linestore.Line{Text: b.Text, Time: b.Time, Stderr: b.Stderr, Source: s.index})
		}
		if len(lines) > 0 {
			fn(lines)
		}
	})
}

// merged reads the history of sources srcs into st, in time order, calling
// progress after each batch. It returns the first error.
func (l *loader) merged(ctx context.Context, st *linestore.Store, srcs []int, progress func()) error {
	if len(srcs) == 0 {
		return nil
	}
	if len(srcs) == 1 {
		return l.histLines(ctx, srcs[0], func(lines []linestore.Line) {
			st.Add(lines...)
			progress()
		})
	}
	// A k-way merge: one stream per source, each in time order.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	streams := make([]*stream, len(srcs))
	for k, i := range srcs {
		streams[k] = &stream{src: l.sources[i].index, ch: make(chan []linestore.Line, 4)}
		go func() {
			err := l.histLines(ctx, i, func(batch []linestore.Line) {
				lines := make([]linestore.Line, len(batch))
				for j, b := range batch {
					b.Text = append([]byte(nil), b.Text...)
					lines[j] = b
				}
				select {
				case streams[k].ch <- lines:
				case <-ctx.Done():
				}
			})
			streams[k].err = err
			close(streams[k].ch)
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
		progress()
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
