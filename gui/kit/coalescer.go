package kit

import "sync"

// Coalescer carries values from any goroutine to the UI goroutine: Post
// merges a value into the pending one and schedules a single apply; values
// posted while that apply waits its turn are merged into it. So a burst of
// engine events, pull progress or log lines costs one update of the widgets.
// It is the one place Berth writes this pattern.
type Coalescer[T any] struct {
	do    func(func())
	merge func(pending, next T) T
	apply func(T)

	mu      sync.Mutex
	pending T
	queued  bool
}

// NewCoalescer makes a coalescer. do runs a func on the UI goroutine
// (fyne.Do, or a Host's Do); merge folds next into pending (nil: the later
// value wins); apply runs on the UI goroutine with the merged value.
func NewCoalescer[T any](do func(func()), merge func(pending, next T) T, apply func(T)) *Coalescer[T] {
	if merge == nil {
		merge = func(_, next T) T { return next }
	}
	return &Coalescer[T]{do: do, merge: merge, apply: apply}
}

// Post merges v into the pending value; safe from any goroutine.
func (c *Coalescer[T]) Post(v T) {
	c.mu.Lock()
	if c.queued {
		c.pending = c.merge(c.pending, v)
		c.mu.Unlock()
		return
	}
	c.pending = v
	c.queued = true
	c.mu.Unlock()
	c.do(c.flush)
}

// flush runs on the UI goroutine.
func (c *Coalescer[T]) flush() {
	c.mu.Lock()
	v := c.pending
	var zero T
	c.pending, c.queued = zero, false
	c.mu.Unlock()
	c.apply(v)
}
