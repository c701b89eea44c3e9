package enginetest

import (
	"context"
	"sync"
	"time"

	"berth/engine"
)

// Log is a fake container log for ContainerLogsFunc: history lines, and
// lines sent later to followers, served as the engine serves them (tail,
// since, until, follow; batches; stdout and stderr interleaved).
type Log struct {
	mu      sync.Mutex
	lines   []engine.LogLine // Text is owned here
	changed chan struct{}    // closed and replaced when lines come or the log ends
	ended   bool             // the container stopped: followers return
	err     error            // returned by every call, when set
	// Batch is the most lines a batch holds; 0 is 1000.
	Batch int
}

// NewLog returns a log holding lines (their times filled in a millisecond
// apart, ending now, where zero).
func NewLog(lines []engine.LogLine) *Log {
	l := &Log{changed: make(chan struct{})}
	start := time.Now().Add(-time.Duration(len(lines)) * time.Millisecond)
	for i, ln := range lines {
		if ln.Time.IsZero() {
			ln.Time = start.Add(time.Duration(i) * time.Millisecond)
		}
		ln.Text = append([]byte(nil), ln.Text...)
		l.lines = append(l.lines, ln)
	}
	return l
}

// Write appends lines, stamped now, for followers.
func (l *Log) Write(lines ...engine.LogLine) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	for _, ln := range lines {
		if ln.Time.IsZero() {
			ln.Time = now
		}
		ln.Text = append([]byte(nil), ln.Text...)
		l.lines = append(l.lines, ln)
	}
	l.ended = false
	close(l.changed)
	l.changed = make(chan struct{})
}

// Stop ends the followers' streams, as a container that stops does.
func (l *Log) Stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ended = true
	close(l.changed)
	l.changed = make(chan struct{})
}

// Fail makes every call return err from now on (nil: serve again).
func (l *Log) Fail(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.err = err
}

// Len is the number of lines written.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.lines)
}

// Serve is an engine.LogAPI's ContainerLogs over this log.
func (l *Log) Serve(ctx context.Context, id string, opts engine.LogOptions, fn func([]engine.LogLine)) error {
	l.mu.Lock()
	err := l.err
	l.mu.Unlock()
	if err != nil {
		return err
	}
	batch := l.Batch
	if batch <= 0 {
		batch = 1000
	}
	keep := func(ln engine.LogLine) bool {
		return (opts.Since.IsZero() || !ln.Time.Before(opts.Since)) && (opts.Until.IsZero() || !ln.Time.After(opts.Until))
	}
	l.mu.Lock()
	var sel []engine.LogLine
	for _, ln := range l.lines {
		if keep(ln) {
			sel = append(sel, ln)
		}
	}
	next := len(l.lines)
	ended, changed := l.ended, l.changed
	l.mu.Unlock()
	if opts.Tail > 0 && len(sel) > opts.Tail {
		sel = sel[len(sel)-opts.Tail:]
	}
	send := func(sel []engine.LogLine) error {
		for len(sel) > 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			n := min(batch, len(sel))
			fn(sel[:n])
			sel = sel[n:]
		}
		return nil
	}
	if err := send(sel); err != nil {
		return err
	}
	if !opts.Follow || !opts.Until.IsZero() {
		return nil
	}
	for !ended {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
		}
		l.mu.Lock()
		var more []engine.LogLine
		for _, ln := range l.lines[next:] {
			if keep(ln) {
				more = append(more, ln)
			}
		}
		next = len(l.lines)
		ended, changed = l.ended, l.changed
		l.mu.Unlock()
		if err := send(more); err != nil {
			return err
		}
	}
	return nil
}
